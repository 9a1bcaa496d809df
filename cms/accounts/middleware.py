"""The Wagtail admin is reachable only after a second factor."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect


def needs_second_factor(user) -> bool:
    """Whether ``user`` must have TOTP set up (admins) and has not yet."""
    from allauth.mfa.models import Authenticator

    if not user.is_authenticated:
        return False
    if user.role not in settings.HELIX_MFA_REQUIRED_ROLES and not user.is_superuser:
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class AdminSecondFactorMiddleware:
    """Send an admin without TOTP to set it up before any admin page.

    Logging in goes through allauth (the Wagtail login URL points there), so an
    admin who has TOTP has passed it to get a session at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and needs_second_factor(request.user):
            return redirect(f"/accounts/2fa/totp/activate/?next={request.path}")
        return self.get_response(request)
