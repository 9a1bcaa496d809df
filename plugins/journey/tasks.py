"""The journey plugin's periodic job: the quarterly "has anything changed?" e-mails.

It scans the database for who is due (no delayed messages) and re-checks in which projects the
plugin is enabled each time it runs.
"""

from __future__ import annotations

import dramatiq

from cms.jobs.periodic import PERIODIC_QUEUE
from cms.plugins import enabled_projects


@dramatiq.actor(actor_name="journey.send_outcome_reminders", queue_name=PERIODIC_QUEUE, max_retries=3)
def send_outcome_reminders() -> None:
    """Talents with the ``outcome_reminders`` consent are asked at most once a quarter."""
    from plugins.journey.actions import send_outcome_reminders as run

    projects = enabled_projects("journey")
    if projects.exists():
        run(projects)
