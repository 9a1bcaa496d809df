"""Connection kinds: what plugins declare through the ``connection_kinds`` hook.

A kind names its two sides (core roles: ``talent``, ``mentor``, ``employer``, or
``organisation``, whose staff act for it) and what an active connection lets each side see of the
talent (``profile``, ``cv``, ``networking_plan``, ``progress``). The core grants and revokes
``profile`` and ``cv`` as object permissions and answers the rest through ``sees``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured

SIDES = ("talent", "mentor", "employer", "organisation")
PROFILE, CV, NETWORKING_PLAN, PROGRESS = "profile", "cv", "networking_plan", "progress"
VISIBLE = (PROFILE, CV, NETWORKING_PLAN, PROGRESS)
# What the direct permission table grants: the profile and the CV are one object permission.
GRANTED = {PROFILE: "accounts.view_talentprofile", CV: "accounts.view_talentprofile"}
# Who follows a connection besides its sides: the organisation owning the connection's project.
PROJECT_ORGANISATION = "project_organisation"


@dataclass(frozen=True)
class ConnectionKind:
    """One way of connecting people, declared by a plugin.

    - ``id``: stored on each connection (``"talent_mentor"``); unique across plugins.
    - ``label``: a translatable label (``gettext_lazy``).
    - ``sides``: the two sides it joins, from :data:`SIDES`.
    - ``sees``: for a side (or :data:`PROJECT_ORGANISATION`), what of the talent it sees while
      the connection is active or paused, from :data:`VISIBLE`.
    - ``plugin``: the declaring plugin's id (filled in by the core).
    """

    id: str
    label: Any
    sides: tuple[str, str]
    sees: dict[str, tuple[str, ...]] = field(default_factory=dict)
    plugin: str = ""

    def __post_init__(self) -> None:
        if len(self.sides) != 2 or self.sides[0] == self.sides[1] or not set(self.sides) <= set(SIDES):
            raise ImproperlyConfigured(
                f"Connection kind '{self.id}': sides must be two different ones of {', '.join(SIDES)}."
            )
        for side, what in self.sees.items():
            if side not in (*self.sides, PROJECT_ORGANISATION) or not set(what) <= set(VISIBLE):
                raise ImproperlyConfigured(
                    f"Connection kind '{self.id}': '{side}' cannot see {what} "
                    f"(sides: {self.sides}, visible: {', '.join(VISIBLE)})."
                )

    def side_sees(self, side: str, what: str) -> bool:
        return what in self.sees.get(side, ())


_registry: dict[str, ConnectionKind] | None = None


def all_kinds() -> dict[str, ConnectionKind]:
    """Every kind the installed plugins declare, by id (collected once per process)."""
    global _registry
    if _registry is None:
        from cms.plugins import get_manager

        found: dict[str, ConnectionKind] = {}
        manager = get_manager()
        for impl in manager.pm.hook.connection_kinds.get_hookimpls():
            for kind in impl.function() or ():
                if kind.id in found:
                    raise ImproperlyConfigured(
                        f"Two plugins declare the connection kind '{kind.id}' "
                        f"({found[kind.id].plugin} and {impl.plugin_name})."
                    )
                found[kind.id] = ConnectionKind(
                    id=kind.id,
                    label=kind.label,
                    sides=tuple(kind.sides),
                    sees=dict(kind.sees),
                    plugin=impl.plugin_name,
                )
        _registry = found
    return _registry


def reset() -> None:
    """Forget the collected kinds (tests that install a plugin at run time)."""
    global _registry
    _registry = None


def get_kind(kind_id: str) -> ConnectionKind:
    try:
        return all_kinds()[kind_id]
    except KeyError:
        raise ImproperlyConfigured(f"No installed plugin declares the connection kind '{kind_id}'.") from None


def kinds_where(side: str, what: str) -> list[str]:
    """The ids of the kinds in which ``side`` sees ``what``."""
    return [k.id for k in all_kinds().values() if k.side_sees(side, what)]
