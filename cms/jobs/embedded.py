"""The embedded default: worker threads and the scheduler inside the web process.

Used by ``python manage.py run`` when no ``DRAMATIQ_BROKER_URL`` is set, so a
newcomer gets working e-mails and jobs with one command and no services.
"""

from __future__ import annotations

import logging

import dramatiq
from apscheduler.schedulers.background import BackgroundScheduler
from dramatiq import Worker

from cms.jobs.periodic import add_jobs

logger = logging.getLogger(__name__)


def start_embedded(worker_threads: int = 2) -> tuple[Worker, BackgroundScheduler]:
    """Start a dramatiq worker and the periodic scheduler as background threads."""
    broker = dramatiq.get_broker()
    worker = Worker(broker, worker_threads=worker_threads, worker_timeout=500)
    worker.start()
    scheduler = BackgroundScheduler(daemon=True)
    jobs = add_jobs(scheduler)
    scheduler.start()
    logger.info("Embedded worker started with %s periodic jobs.", len(jobs))
    return worker, scheduler
