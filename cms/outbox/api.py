"""Writing outbox rows and handing them to the broker."""

from __future__ import annotations

import logging
import uuid

import dramatiq
from django.db import transaction
from django.utils import timezone

from cms.outbox.models import OutboxMessage

logger = logging.getLogger(__name__)


def enqueue(actor_name: str, *, payload: dict, key: str | None = None, user=None) -> OutboxMessage:
    """Write an outbox row in the current transaction; send it after commit.

    ``key`` identifies the business event: enqueueing the same key twice
    returns the existing row instead of a second job.
    """
    key = key or f"{actor_name}:{uuid.uuid4().hex}"
    with transaction.atomic():
        row, created = OutboxMessage.objects.get_or_create(
            key=key, defaults={"actor_name": actor_name, "payload": payload, "user": user}
        )
    if created:
        transaction.on_commit(lambda: dispatch(row.pk))
    return row


def dispatch(row_id) -> bool:
    """Send one row's message to its actor now. Returns False if the broker refused.

    A failure here loses nothing: the row stays undispatched and the sweep
    sends it later.
    """
    row = OutboxMessage.objects.filter(pk=row_id, done_at=None, failed_at=None).first()
    if row is None:
        return False
    broker = dramatiq.get_broker()
    try:
        actor = broker.get_actor(row.actor_name)
        actor.send(str(row.pk))
    except Exception:  # broker down, unknown actor: the sweep will retry
        logger.exception("Could not dispatch outbox row %s (%s)", row.pk, row.actor_name)
        return False
    OutboxMessage.objects.filter(pk=row.pk).update(
        dispatched_at=timezone.now(), dispatch_count=row.dispatch_count + 1
    )
    return True


def pending_for_resend(now=None, *, resend_after: int, grace_seconds: int = 10):
    """Rows that should have run by now but have not been acknowledged."""
    from datetime import timedelta

    from django.db.models import Q

    now = now or timezone.now()
    return OutboxMessage.objects.filter(done_at=None, failed_at=None).filter(
        Q(dispatched_at=None, created_at__lte=now - timedelta(seconds=grace_seconds))
        | Q(dispatched_at__lte=now - timedelta(seconds=resend_after))
    )
