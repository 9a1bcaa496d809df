"""The journey plugin's settings: ``HELIX_PLUGIN_SETTINGS["journey"]`` over these defaults."""

from __future__ import annotations

from cms.plugins.conf import plugin_settings

DEFAULTS = {
    # A talent with the outcome_reminders consent is asked at most once per this many days.
    "reminder_interval_days": 91,
    # Reminders are written in batches of this many talents (one transaction each).
    "reminder_batch_size": 500,
    "note_max_length": 2000,
    # An outcome's date lies at most this many years back (and never in the future).
    "max_years_back": 30,
}

get = plugin_settings("journey", DEFAULTS)
