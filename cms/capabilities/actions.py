"""Every write to role capabilities: introduced by migrate, changed and reset by admins."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cms import audit
from cms.capabilities.declared import ROLES, Capability, capability, declared_capabilities
from cms.capabilities.models import CapabilityIntroduction
from cms.errors import CapabilityRefused as CapabilityError
from cms.errors import require_capability

ASSIGN = "accounts.assign_capabilities"


def ensure_permissions(using: str = "default") -> dict[str, Permission]:
    """The permission row of every declared capability, created where missing."""
    rows: dict[str, Permission] = {}
    for item in declared_capabilities():
        app_label, _dot, model_name = item.model.partition(".")
        content_type = ContentType.objects.db_manager(using).get_by_natural_key(app_label, model_name)
        permission, _created = Permission.objects.using(using).get_or_create(
            content_type=content_type, codename=item.codename, defaults={"name": str(item.label)[:255]}
        )
        rows[item.perm] = permission
    return rows


def introduce_new_capabilities(using: str = "default") -> list[str]:
    """Give each capability seen for the first time its default roles; return their names.

    Called by ``migrate`` (after the role groups are synced). A capability already
    introduced is left exactly as the admins set it.
    """
    rows = ensure_permissions(using)
    known = set(CapabilityIntroduction.objects.using(using).values_list("perm", flat=True))
    introduced = []
    with transaction.atomic(using=using):
        for item in declared_capabilities():
            if item.perm in known:
                continue
            for role in item.default_roles:
                group, _created = Group.objects.using(using).get_or_create(name=role)
                group.permissions.add(rows[item.perm])
            CapabilityIntroduction.objects.using(using).create(perm=item.perm)
            introduced.append(item.perm)
    return introduced


def _require_assigner(actor) -> None:
    require_capability(actor, ASSIGN)


def _check(item: Capability | None, role: str, granted: bool) -> Capability:
    if item is None:
        raise CapabilityError(_("There is no such capability."), code="unknown_capability")
    if role not in ROLES:
        raise CapabilityError(_("There is no such role."), code="unknown_role")
    if granted and not item.can_be_given_to(role):
        raise CapabilityError(
            _("This power belongs to roles that sign in with a second factor only."),
            code="needs_second_factor",
        )
    if not granted and role in item.locked_for:
        raise CapabilityError(
            _("Taking this from the role would leave nobody able to assign capabilities."),
            code="capability_locked",
        )
    return item


def set_role_capabilities(actor, role: str, wanted: set[str]) -> list[tuple[str, bool]]:
    """Make ``role`` hold exactly the capabilities in ``wanted``; audit every change."""
    _require_assigner(actor)
    rows = ensure_permissions()
    group, _created = Group.objects.get_or_create(name=role)
    current = set(
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.filter(pk__in=[r.pk for r in rows.values()]).select_related("content_type")
    )
    changes = [(perm, True) for perm in sorted(wanted - current)]
    changes += [(perm, False) for perm in sorted((current - wanted) & set(rows))]
    for perm, granted in changes:
        _check(capability(perm), role, granted)
    with transaction.atomic():
        for perm, granted in changes:
            if granted:
                group.permissions.add(rows[perm])
            else:
                group.permissions.remove(rows[perm])
            audit.record(
                actor,
                "capability.granted" if granted else "capability.revoked",
                group,
                role=role,
                capability=perm,
            )
    return changes


def set_capability(actor, role: str, perm: str, granted: bool) -> bool:
    """Give or take one capability; returns whether anything changed."""
    _require_assigner(actor)
    _check(capability(perm), role, granted)
    group, _created = Group.objects.get_or_create(name=role)
    holds = group.permissions.filter(pk=ensure_permissions()[perm].pk).exists()
    if holds == granted:
        return False
    current = {c.perm for c in declared_capabilities() if c.perm != perm and _holds(group, c.perm)}
    set_role_capabilities(actor, role, current | ({perm} if granted else set()))
    return True


def _holds(group: Group, perm: str) -> bool:
    app_label, _dot, codename = perm.partition(".")
    return group.permissions.filter(content_type__app_label=app_label, codename=codename).exists()


def reset_role(actor, role: str) -> list[tuple[str, bool]]:
    """Give ``role`` back the capabilities the code declares for it by default."""
    defaults = {item.perm for item in declared_capabilities() if role in item.default_roles}
    return set_role_capabilities(actor, role, defaults)
