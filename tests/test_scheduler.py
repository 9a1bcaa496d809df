"""One scheduler sends the periodic jobs, however many are started; another takes over when it
dies; periodic jobs have their own queue."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import dramatiq
import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from cms.jobs import lease
from cms.jobs.models import SchedulerLease
from cms.jobs.periodic import PERIODIC_QUEUE, collected_jobs, send_job


def test_one_holder_at_a_time_and_a_successor_after_expiry(db):
    assert lease.hold("a", 30)
    assert not lease.hold("b", 30)
    assert lease.hold("a", 30)  # renewing
    SchedulerLease.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert lease.hold("b", 30) and not lease.hold("a", 30)
    lease.release("b")
    assert lease.hold("a", 30)


def test_a_scheduler_without_the_lease_sends_nothing(db, monkeypatch):
    sent = []
    actor = dramatiq.get_broker().get_actor("outbox.sweep")
    monkeypatch.setattr(actor, "send", lambda *args, **kwargs: sent.append(args))
    send_job("outbox.sweep", guard=lambda: False)
    assert sent == []
    send_job("outbox.sweep", guard=lambda: True)
    assert len(sent) == 1


def test_periodic_jobs_have_their_own_queue(db):
    broker = dramatiq.get_broker()
    for job in collected_jobs():
        assert broker.get_actor(job.actor_name).queue_name == PERIODIC_QUEUE, job.actor_name


def _database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{connection.settings_dict['NAME']}"
    return (
        f"postgres://{db.get('USER') or ''}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
        f"/{connection.settings_dict['NAME']}"
    )


def _holder(deadline: float, not_pid: int | None = None) -> int:
    """The pid holding the lease, polled until ``deadline`` (a different one than ``not_pid``)."""
    while time.monotonic() < deadline:
        row = SchedulerLease.objects.filter(name=lease.LEASE, expires_at__gt=timezone.now()).first()
        if row is not None:
            pid = int(row.holder.split(":")[1])
            if pid != not_pid:
                return pid
        time.sleep(0.2)
    raise AssertionError("no scheduler took the lease in time")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_scheduler_processes_one_sends_and_the_other_takes_over_when_it_is_killed():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings",
        "DATABASE_URL": _database_url(),
        "PYTHONPATH": str(Path(settings.BASE_DIR)),
    }
    env.pop("DRAMATIQ_BROKER_URL", None)  # an in-process broker: nothing is really sent
    command = [sys.executable, "manage.py", "scheduler", "--lease-seconds", "2"]
    processes = [
        subprocess.Popen(
            command, env=env, cwd=settings.BASE_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        for _ in range(2)
    ]
    try:
        first = _holder(time.monotonic() + 90)
        assert first in {p.pid for p in processes}
        # While the first lives, the lease stays with it (renewed every third of its length):
        # watched for longer than the lease lasts.
        watch_until = time.monotonic() + 3
        while time.monotonic() < watch_until:
            assert _holder(time.monotonic() + 5) == first
        os.kill(first, signal.SIGKILL)
        second = _holder(time.monotonic() + 30, not_pid=first)
        assert second in {p.pid for p in processes} and second != first
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
