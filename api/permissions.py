"""Permission classes shared by the core's and the plugins' endpoints."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions

from cms.errors import CapabilityMissing, NotApproved

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


def request_project(request):
    """The project a request is about: ``X-Helix-Project`` header or ``?project=``
    (a project slug), else the instance-wide default project. Kept on the request, and between
    requests in the cache until a project or a plugin switch changes (``cms.organisations.cache``)."""
    from cms.organisations.cache import project_for

    cached = getattr(request, "_helix_project", None)
    if cached is not None:
        return cached
    slug = request.headers.get("X-Helix-Project") or request.query_params.get("project")
    if slug:
        # Not a slug at all (a control character, a NUL byte): no such project, never a query.
        project = project_for(slug) if SLUG.fullmatch(slug) else None
        if project is None:
            shown = slug if SLUG.fullmatch(slug) else slug.encode("unicode_escape").decode("ascii")[:100]
            raise exceptions.NotFound(_("There is no project '%(slug)s'.") % {"slug": shown})
    else:
        project = project_for(None)
    request._helix_project = project
    return project


class PluginEnabled(permissions.BasePermission):
    """Routes of a plugin disabled in the request's project answer 404.

    Added by the plugin router to every plugin viewset; the route exists in
    the URL configuration either way (it is fixed per process).
    """

    def has_permission(self, request, view) -> bool:
        from cms.plugins import is_enabled

        plugin_id = getattr(view, "helix_plugin_id", None)
        if plugin_id is None:
            return True
        if not is_enabled(plugin_id, request_project(request)):
            raise exceptions.NotFound(_("This feature is not enabled in this project."))
        return True


class IsApproved(permissions.BasePermission):
    """The account may act: organisation and employer accounts need approval first."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if not user.is_approved:
            raise NotApproved()
        return True


class IsHelixAdmin(permissions.BasePermission):
    """Admins only, and only once they have set up their second factor."""

    message = _("Only administrators may do this.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if not user.holds_admin_role:
            return False
        if not user.is_helix_admin:
            raise exceptions.PermissionDenied(
                _("Set up a second factor (TOTP) before using the admin API."), code="mfa_required"
            )
        return True


class HasCapability(permissions.BasePermission):
    """The signed-in user's role holds ``view.required_capability`` (a capability's perm).

    ``required_capability`` may be a dict from the view's action to a perm; actions not in
    it need none. An admin without a second factor is told to set one up.
    """

    def has_permission(self, request, view) -> bool:
        wanted = getattr(view, "required_capability", None)
        if isinstance(wanted, dict):
            wanted = wanted.get(getattr(view, "action", None) or request.method.lower())
        if not wanted:
            return True
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if user.has_perm(wanted):
            return True
        if user.holds_admin_role and not user.is_helix_admin:
            raise exceptions.PermissionDenied(
                _("Set up a second factor (TOTP) before using the admin API."), code="mfa_required"
            )
        raise exceptions.PermissionDenied(CapabilityMissing.message, code=CapabilityMissing.code)


class IsSignedIn(permissions.IsAuthenticated):
    """Signed in (session or app token); the one class every plugin uses for "any account"."""
