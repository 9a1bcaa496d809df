"""The "Roles and permissions" screen of the Wagtail admin: roles × capabilities."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from cms.accounts.models import Role
from cms.capabilities import actions
from cms.capabilities.declared import ROLES, by_app, declared_capabilities
from cms.capabilities.selectors import matrix
from cms.errors import HelixError


class RolesView(TemplateView):
    """GET: the matrix with each capability's description. POST: save the whole matrix,
    or (``reset=<role>``) give one role its defaults back. Every change is audited."""

    template_name = "capabilities/roles.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(actions.ASSIGN):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        held = matrix()
        labels = dict(Role.choices)
        groups = []
        for app_name, items in by_app():
            rows = []
            for item in items:
                cells = [
                    {
                        "role": role,
                        "checked": item.perm in held[role],
                        "allowed": item.can_be_given_to(role),
                        "locked": role in item.locked_for,
                        "default": role in item.default_roles,
                    }
                    for role in ROLES
                ]
                rows.append({"capability": item, "cells": cells})
            groups.append({"name": app_name, "rows": rows})
        return {
            **super().get_context_data(**kwargs),
            "title": _("Roles and permissions"),
            "roles": [{"id": role, "label": labels.get(role, role)} for role in ROLES],
            "groups": groups,
        }

    def post(self, request, *args, **kwargs):
        reset = request.POST.get("reset")
        try:
            if reset:
                changes = actions.reset_role(request.user, reset)
                messages.success(
                    request,
                    _("%(role)s has its default capabilities again (%(count)d changes).")
                    % {"role": dict(Role.choices).get(reset, reset), "count": len(changes)},
                )
            else:
                count = 0
                for role in ROLES:
                    wanted = {
                        item.perm
                        for item in declared_capabilities()
                        if request.POST.get(f"{role}:{item.perm}") == "on"
                        # A box the screen shows disabled is never sent: keep what is held.
                        or (role in item.locked_for and item.perm in matrix()[role])
                    }
                    count += len(actions.set_role_capabilities(request.user, role, wanted))
                messages.success(request, _("Saved: %(count)d changes.") % {"count": count})
        except HelixError as exc:
            messages.error(request, str(exc.message))
        return redirect("capabilities_roles")
