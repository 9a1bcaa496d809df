"""The outbox's actors: sending e-mail, and the sweep that re-sends lost rows."""

from __future__ import annotations

import dramatiq
from django.conf import settings
from django.utils import timezone

from cms.outbox.actors import outbox_actor
from cms.outbox.api import dispatch, pending_for_resend
from cms.outbox.mail import MAIL_ACTOR, deliver
from cms.outbox.models import OutboxMessage


@outbox_actor(MAIL_ACTOR)
def send_mail(payload: dict, row: OutboxMessage) -> None:
    """Send one queued e-mail."""
    deliver(payload)


@dramatiq.actor(actor_name="outbox.sweep", max_retries=0)
def sweep() -> None:
    """Send again every row not acknowledged in time; give up after too many tries."""
    sweep_now()


@dramatiq.actor(actor_name="outbox.purge", max_retries=0)
def purge() -> None:
    """Delete finished rows past their retention: their payloads hold e-mail bodies."""
    from datetime import timedelta

    cutoff = timezone.now() - timedelta(days=settings.HELIX_OUTBOX_RETENTION_DAYS)
    OutboxMessage.objects.filter(done_at__lt=cutoff).delete()


def sweep_now(now=None) -> int:
    """The sweep's work, callable directly (the scheduler and tests use it)."""
    now = now or timezone.now()
    resent = 0
    rows = pending_for_resend(now, resend_after=settings.HELIX_OUTBOX_RESEND_AFTER)
    for row in rows.only("pk", "attempts", "dispatch_count")[:500]:
        if row.dispatch_count >= settings.HELIX_OUTBOX_MAX_ATTEMPTS:
            OutboxMessage.objects.filter(pk=row.pk, done_at=None).update(failed_at=now)
            continue
        if dispatch(row.pk):
            resent += 1
    return resent
