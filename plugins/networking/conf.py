"""The networking plugin's settings: ``HELIX_PLUGIN_SETTINGS["networking"]`` over these defaults."""

from __future__ import annotations

from cms.plugins.conf import plugin_settings

DEFAULTS = {
    # Dates of goals, milestones and follow-ups lie at most this many years from today.
    "max_years_from_today": 10,
    # Each list of the mind map holds at most this many entries.
    "mind_map_max_items": 30,
    # Follow-up reminders are written in batches of this many contacts (one transaction each).
    "reminder_batch_size": 500,
    "comment_max_length": 2000,
}

get = plugin_settings("networking", DEFAULTS)
