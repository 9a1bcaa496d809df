"""The networking plugin's periodic job: the follow-up reminders of talents' contacts.

It scans the database for what is due (no delayed messages), so a changed follow-up date or a
restarted scheduler never leaves a stale reminder behind, and re-checks that the plugin is
still enabled somewhere.
"""

from __future__ import annotations

import dramatiq

from cms.jobs.periodic import PERIODIC_QUEUE
from cms.plugins import enabled_projects


@dramatiq.actor(actor_name="networking.send_follow_up_reminders", queue_name=PERIODIC_QUEUE, max_retries=3)
def send_follow_up_reminders() -> None:
    """On a contact's follow-up date (Europe/Brussels), the talent is reminded, once per date."""
    from plugins.networking.actions import send_follow_up_reminders as run

    if enabled_projects("networking").exists():
        run()
