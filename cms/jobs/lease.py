"""Holding the scheduler's lease (a row in the database every scheduler can see)."""

from __future__ import annotations

import os
import socket
import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

LEASE = "scheduler"


def holder_name() -> str:
    """A name for this process, unique across machines and restarts."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def hold(holder: str, ttl_seconds: float, *, name: str = LEASE) -> bool:
    """Take or renew the lease for ``holder``; False while another holder's lease runs.

    One short transaction with a row lock, so two schedulers asking at the same moment get one
    answer each and never both ``True``.
    """
    from cms.jobs.models import SchedulerLease

    now = timezone.now()
    until = now + timedelta(seconds=ttl_seconds)
    with transaction.atomic():
        lease = SchedulerLease.objects.select_for_update().filter(name=name).first()
        if lease is None:
            try:
                with transaction.atomic():
                    SchedulerLease.objects.create(name=name, holder=holder, expires_at=until)
            except IntegrityError:  # another scheduler created it first
                return False
            return True
        if lease.holder != holder and lease.expires_at > now:
            return False
        SchedulerLease.objects.filter(name=name).update(holder=holder, expires_at=until)
        return True


def release(holder: str, *, name: str = LEASE) -> None:
    """Give the lease up at a clean stop, so the next scheduler need not wait for it to expire."""
    from cms.jobs.models import SchedulerLease

    SchedulerLease.objects.filter(name=name, holder=holder).delete()
