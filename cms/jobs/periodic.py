"""Periodic jobs, declared by plugins through the ``periodic_jobs`` hook.

One scheduler process (``python manage.py scheduler``, or a thread of
``python manage.py run`` in development) sends each job's actor a message on
its cron schedule. Nothing is scheduled with a message delay: jobs scan the
database for what is due, so a moved meeting or a restarted scheduler never
leaves a stale message behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import dramatiq
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from django.utils import timezone

logger = logging.getLogger(__name__)

# Periodic jobs run on their own queue, so the sweep and the reminders never wait behind a
# newsletter's thousands of e-mails on the default queue. Declare periodic actors with
# ``@dramatiq.actor(actor_name=..., queue_name=PERIODIC_QUEUE)``.
PERIODIC_QUEUE = "periodic"


@dataclass(frozen=True)
class PeriodicJob:
    """Run ``actor_name`` on a five-field ``cron`` schedule (server time zone)."""

    actor_name: str
    cron: str
    description: str = ""


def collected_jobs() -> list[PeriodicJob]:
    """Every periodic job the core and the installed plugins declare."""
    from cms.plugins import hooks

    jobs: list[PeriodicJob] = []
    for result in hooks().periodic_jobs():
        jobs.extend(result or [])
    return jobs


def send_job(actor_name: str, guard: Callable[[], bool] | None = None) -> None:
    """Send one job's message (called by the scheduler), unless ``guard`` says this scheduler
    does not hold the lease."""
    if guard is not None and not guard():
        return
    try:
        dramatiq.get_broker().get_actor(actor_name).send()
    except Exception:
        logger.exception("Could not send periodic job %s", actor_name)


def add_jobs(
    scheduler: BaseScheduler,
    jobs: list[PeriodicJob] | None = None,
    guard: Callable[[], bool] | None = None,
) -> list[PeriodicJob]:
    """Add the jobs to an APScheduler scheduler; returns what was added. With ``guard``, each
    run sends its message only while ``guard()`` is true (the scheduler holds the lease)."""
    jobs = collected_jobs() if jobs is None else jobs
    broker = dramatiq.get_broker()
    for job in jobs:
        broker.get_actor(job.actor_name)  # fail now on an unknown actor, not at 3 a.m.
        scheduler.add_job(
            send_job,
            CronTrigger.from_crontab(job.cron, timezone=timezone.get_default_timezone()),
            args=[job.actor_name, guard],
            id=job.actor_name,
            name=job.description or job.actor_name,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
        )
    return jobs
