"""The plugin system as a Django app: builds the manager, offers its commands."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PluginSystemConfig(AppConfig):
    name = "cms.plugins"
    label = "helix_plugins"
    verbose_name = "Helix plugin system"

    def ready(self) -> None:
        from cms.accounts.roles import sync_role_permissions
        from cms.plugins.manager import build_manager, set_manager

        set_manager(build_manager())
        post_migrate.connect(sync_role_permissions, dispatch_uid="helix-sync-roles")
