"""Plugin settings in one place: ``HELIX_PLUGIN_SETTINGS[plugin_id]`` over the plugin's defaults.

A plugin's ``conf.py`` declares its defaults and asks for a getter::

    DEFAULTS = {"message_max_length": 5000}
    get = plugin_settings("messaging", DEFAULTS)

``get("message_max_length")`` then answers the operator's value, else the default. Operators set
``HELIX_PLUGIN_SETTINGS`` (JSON, from the environment) per plugin id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings


def plugin_settings(plugin_id: str, defaults: dict[str, Any]) -> Callable[[str], Any]:
    """A getter for one plugin's settings; an unknown name raises ``KeyError`` (a typo fails loudly)."""

    def get(name: str) -> Any:
        if name not in defaults:
            raise KeyError(f"Plugin '{plugin_id}' has no setting '{name}'.")
        overrides = getattr(settings, "HELIX_PLUGIN_SETTINGS", {}).get(plugin_id, {})
        return overrides.get(name, defaults[name])

    return get
