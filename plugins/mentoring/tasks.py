"""The mentoring plugin's periodic jobs: meeting reminders, report reminders.

Each scans the database for what is due (no delayed messages), so a moved meeting or a restarted
scheduler never leaves a stale reminder behind, and re-checks that the plugin is still enabled.
"""

from __future__ import annotations

import dramatiq

from cms.jobs.periodic import PERIODIC_QUEUE
from cms.plugins import enabled_projects


def _enabled() -> bool:
    return enabled_projects("mentoring").exists()


@dramatiq.actor(actor_name="mentoring.send_meeting_reminders", queue_name=PERIODIC_QUEUE, max_retries=3)
def send_meeting_reminders() -> None:
    """The day before a meeting, every participant who has not declined is reminded (once)."""
    from plugins.mentoring.actions.meetings import send_meeting_reminders as run

    if _enabled():
        run()


@dramatiq.actor(actor_name="mentoring.send_report_reminders", queue_name=PERIODIC_QUEUE, max_retries=3)
def send_report_reminders() -> None:
    """The day after a session without a report, its planner is reminded (once)."""
    from plugins.mentoring.actions.meetings import send_report_reminders as run

    if _enabled():
        run()
