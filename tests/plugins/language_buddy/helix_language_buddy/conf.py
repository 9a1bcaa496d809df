"""The plugin's settings: ``HELIX_PLUGIN_SETTINGS["language_buddy"]`` over these defaults."""

from cms.plugins.conf import plugin_settings

DEFAULTS = {"languages": ["nl", "fr", "de", "en"], "max_minutes_per_session": 240}
get = plugin_settings("language_buddy", DEFAULTS)
