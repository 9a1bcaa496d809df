"""The signup form allauth uses (browser, app and headless flows alike)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import SELF_SERVICE_ROLES


class SignupForm(forms.Form):
    """Extra signup fields: the role, the name, the language, the terms.

    ``admin`` cannot be chosen: admins are made by admins.
    """

    role = forms.ChoiceField(
        label=_("I am joining as"), choices=[(r.value, r.label) for r in SELF_SERVICE_ROLES]
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES, required=False
    )
    organisation_name = forms.CharField(
        label=_("Organisation name"), max_length=200, required=False
    )
    company = forms.CharField(label=_("Company"), max_length=200, required=False)
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use and the privacy statement"), required=True
    )

    def clean(self):
        data = super().clean()
        if data.get("role") == "organisation" and not data.get("organisation_name"):
            self.add_error("organisation_name", _("Give the name of your organisation."))
        return data

    def signup(self, request, user) -> None:
        """Called by allauth once the user row exists."""
        from django.utils.translation import get_language

        from cms.accounts.actions import complete_signup

        data = self.cleaned_data
        complete_signup(
            user,
            role=data["role"],
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            preferred_language=data.get("preferred_language") or (get_language() or "en")[:2],
            organisation_name=data.get("organisation_name", ""),
            company=data.get("company", ""),
            accept_terms=data.get("accept_terms", False),
        )
