"""The outbox's actors: sending e-mail, and the sweep that re-sends lost rows."""

from __future__ import annotations

import dramatiq
from django.conf import settings
from django.utils import timezone

from cms.jobs.periodic import PERIODIC_QUEUE
from cms.outbox.actors import claimed_elsewhere, outbox_actor
from cms.outbox.api import dispatch_many, pending_for_resend
from cms.outbox.mail import MAIL_ACTOR, deliver, message_id_for
from cms.outbox.models import OutboxMessage


@outbox_actor(MAIL_ACTOR, external=True)
def send_mail(payload: dict, row: OutboxMessage) -> None:
    """Send one queued e-mail, with a Message-ID that is the same on every attempt."""
    deliver(payload, message_id=message_id_for(row))


@dramatiq.actor(actor_name="outbox.sweep", queue_name=PERIODIC_QUEUE, max_retries=0)
def sweep() -> None:
    """Send again every row not acknowledged in time; give up after too many tries."""
    sweep_now()


@dramatiq.actor(actor_name="outbox.purge", queue_name=PERIODIC_QUEUE, max_retries=0)
def purge() -> None:
    """Delete finished rows past their retention: their payloads hold e-mail bodies."""
    from datetime import timedelta

    cutoff = timezone.now() - timedelta(days=settings.HELIX_OUTBOX_RETENTION_DAYS)
    OutboxMessage.objects.filter(done_at__lt=cutoff).delete()
    purge_shapes(cutoff)


def purge_shapes(cutoff) -> int:
    """Delete the mail shapes older than ``cutoff`` that no outbox row still uses."""
    from cms.outbox.models import MailShape

    used = set(
        OutboxMessage.objects.filter(payload__has_key="shape")
        .values_list("payload__shape", flat=True)
        .distinct()
    )
    return MailShape.objects.filter(created_at__lt=cutoff).exclude(key__in=used).delete()[0]


def sweep_now(now=None, *, batch: int = 1000, max_batches: int = 100) -> int:
    """The sweep's work, callable directly (the scheduler and tests use it).

    Recovery scales with the backlog: batches of ``batch`` rows, one read and one write each,
    until nothing is left (at most ``max_batches`` a run; the next run goes on).
    """
    now = now or timezone.now()
    resent = 0
    rows = pending_for_resend(now, resend_after=settings.HELIX_OUTBOX_RESEND_AFTER).exclude(
        claimed_elsewhere(now)
    )
    last = None
    for _ in range(max_batches):
        page = rows.order_by("pk") if last is None else rows.filter(pk__gt=last).order_by("pk")
        found = list(page.values_list("pk", "dispatch_count")[:batch])
        if not found:
            break
        last = found[-1][0]
        given_up = [pk for pk, count in found if count >= settings.HELIX_OUTBOX_MAX_ATTEMPTS]
        if given_up:
            OutboxMessage.objects.filter(pk__in=given_up, done_at=None).update(failed_at=now)
        resent += dispatch_many([pk for pk, count in found if count < settings.HELIX_OUTBOX_MAX_ATTEMPTS])
    return resent
