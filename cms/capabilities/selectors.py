"""Reads for the "Roles and permissions" screen."""

from __future__ import annotations

from django.contrib.auth.models import Group

from cms.capabilities.declared import ROLES, declared_capabilities


def matrix() -> dict[str, set[str]]:
    """For each role, the capabilities its group holds (two queries)."""
    declared = {item.perm for item in declared_capabilities()}
    held: dict[str, set[str]] = {role: set() for role in ROLES}
    through = Group.permissions.through.objects.filter(group__name__in=ROLES).values_list(
        "group__name", "permission__content_type__app_label", "permission__codename"
    )
    for role, app_label, codename in through:
        perm = f"{app_label}.{codename}"
        if perm in declared:
            held[role].add(perm)
    return held
