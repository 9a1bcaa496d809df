"""The Helix plugin system: hook markers, plugin metadata and hook callers.

A plugin writes ``from cms.plugins import hookimpl`` and decorates functions in
its ``hooks.py``. The core calls hooks through :func:`hooks` (every installed
plugin) or :func:`hooks_for` (only the plugins enabled for a project).
"""

from __future__ import annotations

import pluggy

from cms.plugins.hookspecs import hookspec
from cms.plugins.meta import HelixPluginConfig

hookimpl = pluggy.HookimplMarker("helix")

__all__ = [
    "HelixPluginConfig",
    "enabled_projects",
    "get_manager",
    "hookimpl",
    "hooks",
    "hooks_for",
    "hookspec",
    "is_enabled",
]


def get_manager():
    """Return the process-wide plugin manager (built when apps are ready)."""
    from cms.plugins.manager import get_manager as _get

    return _get()


def hooks():
    """The hook caller for every installed plugin (instance-wide questions)."""
    return get_manager().hook


def hooks_for(project):
    """The hook caller for the plugins enabled in ``project``."""
    return get_manager().hooks_for(project)


def is_enabled(plugin_id: str, project) -> bool:
    """Whether ``plugin_id`` is installed and enabled for ``project``."""
    return get_manager().is_enabled(plugin_id, project)


def enabled_projects(plugin_id: str):
    """The projects in which ``plugin_id`` is enabled (a queryset)."""
    return get_manager().enabled_projects(plugin_id)
