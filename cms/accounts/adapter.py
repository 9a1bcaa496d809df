"""allauth adapter: account e-mails go through the outbox, in the user's language."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Optional
from urllib.parse import urlparse

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.headless.adapter import DefaultHeadlessAdapter
from django.conf import settings
from django.utils import translation

from cms.outbox.mail import queue_message, wrap_html


def helix_site() -> SimpleNamespace:
    """What allauth's mails call "the site": Helix, at its public address."""
    return SimpleNamespace(
        name=settings.WAGTAIL_SITE_NAME, domain=urlparse(settings.HELIX_SITE_URL).netloc
    )


class HelixAccountAdapter(DefaultAccountAdapter):
    """Render allauth's mails in the recipient's language, add an HTML version
    with the right text direction, and queue them through the outbox so they
    are sent after the signup or reset transaction has committed."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        from cms.accounts.models import User

        user = User.objects.filter(email__iexact=email).first()
        language = (
            user.preferred_language if user else (translation.get_language() or "en")[:2]
        )
        request = allauth_context.request
        with translation.override(language):
            ctx = {
                "request": request,
                "email": email,
                "current_site": helix_site(),
                "site_url": settings.HELIX_SITE_URL,
                **context,
            }
            message = self.render_mail(template_prefix, email, ctx)
            if not getattr(message, "alternatives", None):
                message.attach_alternative(wrap_html(message.body, message.subject, language), "text/html")
            message.extra_headers["Content-Language"] = language
        queue_message(message, user=user)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Failed logins back off per address *and* source: somebody who knows an address
        cannot lock its owner out from elsewhere (``login_failed`` in ACCOUNT_RATE_LIMITS)."""
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{self.get_client_ip(request)}"

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "HELIX_SIGNUP_OPEN", True)


_EXAMPLE_ID = "3f2b8c1e-7a4d-4e9b-9c2a-5d6e7f8a9b0c"  # fixed, so the served specification is stable


class HelixHeadlessAdapter(DefaultHeadlessAdapter):
    """allauth's headless answers name a user by the public UUID, never the sequential
    database id (which would tell how many accounts exist and let one guess others')."""

    def get_user_dataclass(self):
        fields = []
        for field in dataclasses.fields(super().get_user_dataclass()):
            if field.name == "id":
                metadata = {"description": "The user's public id.", "example": _EXAMPLE_ID}
                fields.append(("id", Optional[str], dataclasses.field(metadata=metadata)))  # noqa: UP045
            else:
                fields.append((field.name, field.type, dataclasses.field(metadata=field.metadata)))
        return dataclasses.make_dataclass("User", fields)

    def user_as_dataclass(self, user):
        data = super().user_as_dataclass(user)
        data.id = str(user.public_id) if user.pk else None
        return data
