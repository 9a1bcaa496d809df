"""The mentoring plugin's settings: ``HELIX_PLUGIN_SETTINGS["mentoring"]`` over these defaults."""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # A message still unread after this many minutes, to someone not active in that time, is e-mailed.
    "notify_after_minutes": 5,
    # At most one unread-message e-mail per thread in this many minutes.
    "notification_gap_minutes": 60,
    # Meeting reminders go out this many hours before the start.
    "reminder_hours_before": 24,
    # The report reminder goes out this many hours after a session without a report.
    "report_reminder_after_hours": 24,
    "message_max_length": 5000,
}


def get(name: str):
    """One setting's value (the operator's, else the default)."""
    return {**DEFAULTS, **getattr(settings, "HELIX_PLUGIN_SETTINGS", {}).get("mentoring", {})}[name]
