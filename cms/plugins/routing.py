"""The router plugins receive in the ``api_routes`` hook.

Every viewset a plugin registers is tagged with the plugin's id and gets the
:class:`api.permissions.PluginEnabled` permission first, so a route of a plugin
that is disabled for the request's project answers 404 — one permission class,
not an ``if`` in every view (pretix's ``require_plugin``).
"""

from __future__ import annotations

from rest_framework.routers import DefaultRouter


class PluginRouter:
    """Collects plugin viewsets into the API's DRF router."""

    def __init__(self, router: DefaultRouter, manager) -> None:
        self._router = router
        self._manager = manager

    def register(self, prefix: str, viewset, basename: str | None = None) -> None:
        """Register ``viewset`` under ``/api/v1/<prefix>/``."""
        from api.permissions import PluginEnabled

        plugin_id = self._manager.plugin_for_module(viewset.__module__)
        if plugin_id is not None:
            viewset.helix_plugin_id = plugin_id
            classes = list(getattr(viewset, "permission_classes", []))
            if PluginEnabled not in classes:
                viewset.permission_classes = [PluginEnabled, *classes]
            if "_helix_gated" not in viewset.__dict__:
                # A viewset that chooses its permissions per action (``get_permissions``) would
                # drop the class list above: the gate goes in front of whatever it returns.
                declared = viewset.get_permissions

                def get_permissions(view, _declared=declared):
                    found = list(_declared(view))
                    if not any(isinstance(permission, PluginEnabled) for permission in found):
                        found.insert(0, PluginEnabled())
                    return found

                viewset.get_permissions = get_permissions
                viewset._helix_gated = True
        self._router.register(prefix, viewset, basename=basename)
