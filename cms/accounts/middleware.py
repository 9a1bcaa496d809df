"""The Wagtail admin is reachable only after a second factor; session idle time; headers."""

from __future__ import annotations

import json
import time

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

#: Editors (the admin role) translate pages; the permission that tells them from organisation
#: staff inside the admin.
EDITOR_PERM = "wagtail_localize.submit_translation"
#: Admin screens of the whole site that are for editors only: Wagtail's reports (site history
#: names every account that changed anything it may see; locked and aging pages, workflows)
#: and wagtail-localize's translation screens.
EDITORS_ONLY = ("/admin/reports/", "/admin/localize/")


def needs_second_factor(user) -> bool:
    """Whether ``user`` must have TOTP set up (admins) and has not yet."""
    if not user.is_authenticated:
        return False
    if user.role not in settings.HELIX_MFA_REQUIRED_ROLES and not user.is_superuser:
        return False
    return not user.has_second_factor


class AdminSecondFactorMiddleware:
    """Nobody enters the Wagtail admin without a second factor.

    The admin is for admins (and editors, who hold the admin role) and for the staff of
    approved organisations (their role has ``wagtailadmin.access_admin``). Anyone else gets a
    plain 403; anyone who may enter but has no TOTP yet is sent to set it up first. Logging in
    goes through allauth (the Wagtail login URL points there), so whoever has TOTP has passed
    it to get a session at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and request.user.is_authenticated:
            user = request.user
            if needs_second_factor(user):
                return redirect(f"/accounts/2fa/totp/activate/?next={request.path}")
            if not (user.has_perm("wagtailadmin.access_admin") and user.is_approved):
                # Wagtail would send a signed-in account to the login page, which sends it
                # back to /admin/: a loop. Say plainly that the admin is not for them.
                raise PermissionDenied(
                    _("The admin is for administrators, editors and the staff of approved organisations.")
                )
            if not user.has_second_factor:  # organisation staff: a second factor first, like admins
                return redirect(f"/accounts/2fa/totp/activate/?next={request.path}")
            if request.path.startswith(EDITORS_ONLY) and not user.has_perm(EDITOR_PERM):
                raise PermissionDenied
        return self.get_response(request)


class SessionIdleMiddleware:
    """A session ends after a time without requests: ``SESSION_COOKIE_AGE`` seconds, an
    admin's after ``HELIX_ADMIN_SESSION_IDLE_SECONDS``.

    A request renews the session at most once a minute (``RENEW_AFTER``), so that reading pages
    does not write the session table on every request.
    """

    RENEW_AFTER = 60
    KEY = "_helix_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            idle = (settings.HELIX_ADMIN_SESSION_IDLE_SECONDS if user.holds_admin_role
                    else settings.SESSION_COOKIE_AGE)
            now = int(time.time())
            renewed = session.get(self.KEY)
            if renewed is None or now - renewed >= self.RENEW_AFTER or session.get_expiry_age() != idle:
                session[self.KEY] = now
                session.set_expiry(idle)
        return self.get_response(request)


class LastSeenMiddleware:
    """Stamp the account's last authenticated request, at most once a day (storage limitation
    counts app sessions that never sign in again). Read after the view, because the API
    authenticates (session or ``X-Session-Token``) inside the view and sets ``request.user``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.erased_at is None:
            from cms.accounts.actions import record_activity

            record_activity(user)
        return response


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: ``Permissions-Policy``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.HELIX_PERMISSIONS_POLICY)
        return response


class LoginBackOffMiddleware:
    """allauth's headless login answers a back-off with 400 ``too_many_login_attempts``; the
    documented answer is 429 with ``Retry-After`` (the ``login_failed`` window)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 400 or not request.path.startswith("/_allauth/"):
            return response
        try:
            errors = json.loads(response.content).get("errors") or []
        except (ValueError, AttributeError):
            return response
        if any(error.get("code") == "too_many_login_attempts" for error in errors):
            response.status_code = 429
            response["Retry-After"] = str(settings.HELIX_LOGIN_BACKOFF_SECONDS)
        return response
