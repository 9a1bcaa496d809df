"""The plugin switches of a project: which installed plugins are on, and which need which.

``requires`` (a plugin's metadata) must hold inside every project: a plugin is never on where a
plugin it requires is off. ``set_plugin_activation`` enforces it with these answers, and the
back office explains each switch with them, so the rule lives here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from cms.plugins import get_manager


@dataclass(frozen=True)
class PluginSwitch:
    """One installed plugin in one project: on or off, what it needs and who needs it."""

    plugin_id: str
    name: str
    description: str
    enabled: bool
    #: The plugins it requires (ids), on or off.
    requires: tuple[str, ...]
    #: The plugins switched on in the project that require it (ids).
    required_by: tuple[str, ...]


def plugin_name(plugin_id: str) -> str:
    """The plugin's human name (its ``verbose_name``), or its id when it is not installed."""
    config = get_manager().configs.get(plugin_id)
    return str(config.verbose_name) if config is not None else plugin_id


def plugin_switches(project) -> list[PluginSwitch]:
    """Every installed plugin's switch in ``project``, by name (one query, none per plugin)."""
    manager = get_manager()
    enabled = manager.enabled_ids(project)
    switches = [
        PluginSwitch(
            plugin_id=pid,
            name=str(config.verbose_name),
            description=str(config.description),
            enabled=pid in enabled,
            requires=tuple(config.requires),
            required_by=switched_on_dependants(project, pid, enabled=enabled),
        )
        for pid, config in manager.configs.items()
    ]
    return sorted(switches, key=lambda s: s.name.lower())


def switched_on_dependants(project, plugin_id: str, *, enabled: set[str] | None = None) -> tuple[str, ...]:
    """The plugins switched on in ``project`` that require ``plugin_id``."""
    manager = get_manager()
    enabled = manager.enabled_ids(project) if enabled is None else enabled
    needing = (pid for pid, config in manager.configs.items() if plugin_id in config.requires)
    return tuple(sorted(pid for pid in needing if pid in enabled))


def switched_off_requirements(project, plugin_id: str) -> tuple[str, ...]:
    """The plugins ``plugin_id`` requires that are switched off (or not installed) in ``project``."""
    manager = get_manager()
    config = manager.configs.get(plugin_id)
    if config is None:
        return ()
    enabled = manager.enabled_ids(project)
    return tuple(sorted(required for required in config.requires if required not in enabled))
