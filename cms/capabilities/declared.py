"""The capabilities the core and the installed plugins declare (reads only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.apps import apps

ROLES = ("talent", "mentor", "organisation", "employer", "admin")
#: Roles whose members must pass a second factor before any power counts (see
#: ``User.has_perm``). Admin-only capabilities may be given to these roles only.
SECOND_FACTOR_ROLES = ("admin",)


@dataclass(frozen=True)
class Capability:
    """One thing a role may do.

    ``perm`` is ``"app_label.codename"``; the permission hangs on ``model``
    (``"app_label.model_name"``, a model of the declaring app). ``label`` and
    ``description`` are lazy translations; ``default_roles`` have it when it first
    appears. ``admin_only`` powers (approving accounts, assigning capabilities, erasing
    people) can only be given to roles that must pass a second factor. ``locked_for``
    names roles it can never be taken from (so nobody locks the admins out).
    """

    perm: str
    model: str
    label: object
    description: object
    default_roles: tuple[str, ...] = ()
    admin_only: bool = False
    locked_for: tuple[str, ...] = field(default=())

    @property
    def app_label(self) -> str:
        return self.perm.partition(".")[0]

    @property
    def codename(self) -> str:
        return self.perm.partition(".")[2]

    def can_be_given_to(self, role: str) -> bool:
        return not self.admin_only or role in SECOND_FACTOR_ROLES


def _collect() -> list[Capability]:
    from cms.plugins import hooks

    found: dict[str, Capability] = {}
    for result in hooks().capabilities():
        for capability in result or ():
            if capability.perm in found:
                raise ValueError(f"The capability {capability.perm} is declared twice.")
            if capability.model.partition(".")[0] != capability.app_label:
                raise ValueError(f"{capability.perm} must hang on a model of its own app.")
            unknown = set(capability.default_roles) - set(ROLES)
            if unknown:
                raise ValueError(f"{capability.perm} names unknown roles: {sorted(unknown)}.")
            if capability.admin_only and set(capability.default_roles) - set(SECOND_FACTOR_ROLES):
                raise ValueError(f"{capability.perm} is admin-only: give it to second-factor roles only.")
            found[capability.perm] = capability
    return sorted(found.values(), key=lambda c: (c.app_label, c.perm))


@cache
def _cached() -> tuple[Capability, ...]:
    return tuple(_collect())


def declared_capabilities() -> tuple[Capability, ...]:
    """Every declared capability, ordered by app."""
    return _cached()


def capability(perm: str) -> Capability | None:
    return next((c for c in declared_capabilities() if c.perm == perm), None)


def by_app() -> list[tuple[str, list[Capability]]]:
    """The capabilities grouped by the app (core part or plugin) that declares them."""
    groups: dict[str, list[Capability]] = {}
    for item in declared_capabilities():
        groups.setdefault(item.app_label, []).append(item)
    return [(str(apps.get_app_config(label).verbose_name), items) for label, items in groups.items()]
