"""The messaging plugin's settings: ``HELIX_PLUGIN_SETTINGS["messaging"]`` over these defaults."""

from __future__ import annotations

from cms.plugins.conf import plugin_settings

DEFAULTS = {
    # A message still unread after this many minutes, to someone not active in that time, is e-mailed.
    "notify_after_minutes": 5,
    # At most one unread-message e-mail per thread in this many minutes.
    "notification_gap_minutes": 60,
    "message_max_length": 5000,
}

get = plugin_settings("messaging", DEFAULTS)
