"""Find plugins at settings time, without importing them.

Settings must know every Django app before the app registry loads, so this
module only reads entry-point *names and values* (``importlib.metadata``) and
never calls ``EntryPoint.load()``: a plugin's modules import models, and
models cannot be imported while settings are still loading.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import entry_points

ENTRY_POINT_GROUP = "helix.plugins"


class PluginSelectionError(Exception):
    """``HELIX_PLUGINS`` names a plugin that no installed package provides."""


@dataclass(frozen=True)
class DiscoveredPlugin:
    """An entry point in the ``helix.plugins`` group: plugin id -> app module."""

    plugin_id: str
    module: str
    distribution: str | None


def discover() -> dict[str, DiscoveredPlugin]:
    """Return every plugin that an installed distribution declares, by id."""
    found: dict[str, DiscoveredPlugin] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        dist = getattr(ep, "dist", None)
        found[ep.name] = DiscoveredPlugin(
            plugin_id=ep.name,
            module=ep.value.split(":")[0],
            distribution=dist.name if dist is not None else None,
        )
    return dict(sorted(found.items()))


def select(selection: str | None, discovered: dict[str, DiscoveredPlugin]) -> list[str]:
    """Return the app modules to install for a ``HELIX_PLUGINS`` value.

    ``None``, ``""`` or ``"all"`` install everything discovered; ``"none"``
    installs nothing; otherwise a comma-separated list of plugin ids.
    """
    if selection is None or selection.strip().lower() in ("", "all"):
        return [p.module for p in discovered.values()]
    if selection.strip().lower() == "none":
        return []
    wanted = [part.strip() for part in selection.split(",") if part.strip()]
    unknown = [w for w in wanted if w not in discovered]
    if unknown:
        raise PluginSelectionError(
            f"HELIX_PLUGINS names {', '.join(unknown)}, but no installed package "
            f"declares it in the '{ENTRY_POINT_GROUP}' entry-point group "
            f"(discovered: {', '.join(discovered) or 'none'})."
        )
    return [discovered[w].module for w in wanted]
