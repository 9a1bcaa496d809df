"""The mentoring plugin's settings: ``HELIX_PLUGIN_SETTINGS["mentoring"]`` over these defaults."""

from __future__ import annotations

from cms.plugins.conf import plugin_settings

DEFAULTS = {
    # Meeting reminders go out this many hours before the start.
    "reminder_hours_before": 24,
    # The report reminder goes out this many hours after a session without a report.
    "report_reminder_after_hours": 24,
}

get = plugin_settings("mentoring", DEFAULTS)
