"""The one module that talks to pluggy.

Built once per process, in ``PluginSystemConfig.ready()``, after every app's
models are loaded: it registers the core's own hook implementations and each
installed plugin's ``hooks`` module, validates them (``check_pending``) and the
plugins' ``requires``, and then answers hook calls, globally or for a project.
"""

from __future__ import annotations

import importlib
from typing import Any

import pluggy
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from cms.plugins import hookspecs
from cms.plugins.meta import HelixPluginConfig

CORE_PLUGIN_NAME = "core"
_manager: HelixPluginManager | None = None


class ProjectHooks:
    """Hook caller restricted to the plugins enabled in one project.

    Built on ``PluginManager.subset_hook_caller`` (pytest's ``FSHookProxy``
    does the same), so a disabled plugin is never asked.
    """

    def __init__(self, pm: pluggy.PluginManager, disabled: list[Any]):
        self._pm = pm
        self._disabled = disabled

    def __getattr__(self, name: str):
        caller = self._pm.subset_hook_caller(name, remove_plugins=self._disabled)
        setattr(self, name, caller)
        return caller

    def with_fallback(self, batch: str, single: str):
        """The callers of a batch hook and of its per-item hook: the batch one for the plugins
        implementing it, the per-item one for the plugins implementing only that (so a plugin
        written before the batch hook keeps working; one implementing both gets the batch)."""
        batching = [impl.plugin for impl in getattr(self._pm.hook, batch).get_hookimpls()]
        each = self._pm.subset_hook_caller(single, remove_plugins=[*self._disabled, *batching])
        return getattr(self, batch), each


class HelixPluginManager:
    """Registry of installed plugins and the pluggy manager behind the hooks."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager("helix")
        self.pm.add_hookspecs(hookspecs)
        self.configs: dict[str, HelixPluginConfig] = {}

    # --- building -----------------------------------------------------------------
    def register_core(self, module: Any) -> None:
        """Register the core's own hook implementations (accounts, organisations…)."""
        self.pm.register(module, name=CORE_PLUGIN_NAME)

    def register_plugin(self, config: HelixPluginConfig) -> None:
        """Register one installed plugin's hooks module under its plugin id."""
        if config.plugin_id in self.configs or config.plugin_id == CORE_PLUGIN_NAME:
            raise ImproperlyConfigured(f"Two plugins use the id '{config.plugin_id}'.")
        self.configs[config.plugin_id] = config
        try:
            module = importlib.import_module(f"{config.name}.{config.hooks_module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{config.hooks_module}":
                raise
            module = None
        if module is not None:
            self.pm.register(module, name=config.plugin_id)

    def validate(self) -> None:
        """Fail start-up on a misspelt hook or a missing required plugin."""
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            raise ImproperlyConfigured(f"Helix plugin validation failed: {exc}") from exc
        for plugin_id, config in self.configs.items():
            for required in config.requires:
                if required not in self.configs:
                    raise ImproperlyConfigured(
                        f"Plugin '{plugin_id}' requires plugin '{required}', which is not "
                        f"installed. Install '{required}' or remove '{plugin_id}' from "
                        f"HELIX_PLUGINS."
                    )

    # --- calling ------------------------------------------------------------------
    @property
    def hook(self):
        """Hook caller for every installed plugin."""
        return self.pm.hook

    def hooks_for(self, project) -> ProjectHooks:
        """Hook caller for the plugins enabled in ``project`` (the core always)."""
        return self.hooks_for_any([project])

    def hooks_for_any(self, projects) -> ProjectHooks:
        """Hook caller for the plugins enabled in at least one of ``projects`` (the core always):
        for questions about several projects at once, such as an organisation's dashboard."""
        enabled = set().union(*(self.enabled_ids(project) for project in projects))
        disabled = [
            self.pm.get_plugin(pid)
            for pid in self.configs
            if pid not in enabled and self.pm.get_plugin(pid) is not None
        ]
        return ProjectHooks(self.pm, disabled)

    def enabled_ids(self, project) -> set[str]:
        """Ids of installed plugins enabled in ``project`` (explicit rows, else defaults)."""
        from cms.organisations.models import PluginActivation

        explicit = {}
        if project is not None:
            # Cached on the project instance (one query per request's project, not per call);
            # set_plugin_activation() drops the cache.
            explicit = project.__dict__.get("_helix_activations")
            if explicit is None:
                explicit = dict(
                    PluginActivation.objects.filter(project=project).values_list(
                        "plugin_id", "enabled"
                    )
                )
                project.__dict__["_helix_activations"] = explicit
        return {
            pid
            for pid, config in self.configs.items()
            if explicit.get(pid, config.enabled_by_default)
        }

    def is_enabled(self, plugin_id: str, project) -> bool:
        """Whether one plugin is installed and enabled in ``project``."""
        return plugin_id in self.configs and plugin_id in self.enabled_ids(project)

    def enabled_projects(self, plugin_id: str):
        """Projects in which ``plugin_id`` is enabled, as one queryset."""
        from django.db.models import Exists, OuterRef

        from cms.organisations.models import PluginActivation, Project

        config = self.configs.get(plugin_id)
        if config is None:
            return Project.objects.none()
        on = PluginActivation.objects.filter(
            project=OuterRef("pk"), plugin_id=plugin_id, enabled=True
        )
        off = PluginActivation.objects.filter(
            project=OuterRef("pk"), plugin_id=plugin_id, enabled=False
        )
        if config.enabled_by_default:
            return Project.objects.exclude(Exists(off))
        return Project.objects.filter(Exists(on))

    def plugin_for_module(self, module_name: str) -> str | None:
        """The id of the plugin whose app contains ``module_name`` (or None)."""
        app = apps.get_containing_app_config(module_name)
        if isinstance(app, HelixPluginConfig):
            return app.plugin_id
        return None


def build_manager() -> HelixPluginManager:
    """Build and validate the manager from the app registry (called from ``ready()``)."""
    from cms import hooks as core_hooks

    manager = HelixPluginManager()
    manager.register_core(core_hooks)
    for config in apps.get_app_configs():
        if isinstance(config, HelixPluginConfig):
            manager.register_plugin(config)
    manager.validate()
    return manager


def set_manager(manager: HelixPluginManager) -> None:
    """Install ``manager`` as the process-wide one (tests swap it and restore it)."""
    global _manager
    _manager = manager


def get_manager() -> HelixPluginManager:
    """Return the process-wide manager."""
    if _manager is None:
        raise ImproperlyConfigured("The Helix plugin manager is not built: apps are not ready.")
    return _manager
