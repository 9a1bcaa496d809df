"""Declaring idempotent outbox actors."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from datetime import timedelta

import dramatiq
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from cms.outbox.models import OutboxMessage

logger = logging.getLogger(__name__)


def outbox_actor(
    actor_name: str, *, external: bool = False, show_running: bool = False, **actor_options
) -> Callable:
    """Declare a dramatiq actor that runs outbox rows to completion, once.

    The decorated function receives the row's ``payload`` and the row.

    - Database work (the default): it runs inside a transaction that holds the row's lock and
      marks the row done, so a duplicate delivery waits, then sees the row done and returns. An
      exception rolls the work back, records the error, and lets dramatiq retry. Exactly once.
    - ``external=True`` (e-mail): a side effect no transaction can roll back. The row is claimed
      in a short transaction, the work runs outside any transaction (a mail server is never
      waited on while a row lock is held), and the row is acknowledged right after, retrying the
      acknowledgement through a lost database connection. A second delivery during the claim
      does nothing. What remains, a worker dying between the mail server's "accepted" and the
      acknowledgement, re-sends once after the claim expires, with the same Message-ID, so the
      copy is one message to every mail program (at most one visible).

    ``show_running`` (database work): the row's ``claimed_at`` is set, committed, before the work
    starts, so others (the admin's "Background work" panel) see it running; the sweep leaves a
    row claimed that recently alone, and a failure releases the claim.
    """

    def decorator(fn: Callable[[dict, OutboxMessage], None]):
        if external:
            return dramatiq.actor(**_options(actor_name, actor_options))(_external_runner(fn))

        @functools.wraps(fn)
        def run(outbox_id: str) -> None:
            if show_running:
                OutboxMessage.objects.filter(pk=outbox_id, done_at=None, failed_at=None).update(
                    claimed_at=timezone.now()
                )
            try:
                with transaction.atomic():
                    row = (
                        OutboxMessage.objects.select_for_update()
                        .filter(pk=outbox_id)
                        .first()
                    )
                    if row is None or row.done_at is not None or row.failed_at is not None:
                        return
                    fn(row.payload, row)
                    OutboxMessage.objects.filter(pk=row.pk).update(
                        done_at=timezone.now(), attempts=row.attempts + 1, last_error=""
                    )
            except Exception as exc:
                _record_failure(outbox_id, exc, release=show_running)
                raise

        return dramatiq.actor(**_options(actor_name, actor_options))(run)

    return decorator


def _options(actor_name: str, actor_options: dict) -> dict:
    return {
        "actor_name": actor_name,
        "max_retries": settings.HELIX_JOB_MAX_RETRIES,
        "min_backoff": settings.HELIX_JOB_MIN_BACKOFF_MS,
        **actor_options,
    }


def _external_runner(fn: Callable[[dict, OutboxMessage], None]) -> Callable[[str], None]:
    @functools.wraps(fn)
    def run(outbox_id: str) -> None:
        row = claim(outbox_id)
        if row is None:
            return
        try:
            fn(row.payload, row)
        except Exception as exc:
            _record_failure(outbox_id, exc, release=True)
            raise
        acknowledge(outbox_id, attempts=row.attempts + 1)

    return run


def claim(outbox_id: str) -> OutboxMessage | None:
    """Take a row for an external side effect, or ``None`` when it is done, failed, or another
    worker holds a claim younger than ``HELIX_OUTBOX_CLAIM_SECONDS``."""
    now = timezone.now()
    fresh = now - timedelta(seconds=settings.HELIX_OUTBOX_CLAIM_SECONDS)
    with transaction.atomic():
        row = OutboxMessage.objects.select_for_update().filter(pk=outbox_id).first()
        if row is None or row.done_at is not None or row.failed_at is not None:
            return None
        if row.claimed_at is not None and row.claimed_at > fresh:
            return None
        OutboxMessage.objects.filter(pk=row.pk).update(claimed_at=now)
    return row


def acknowledge(outbox_id: str, *, attempts: int, tries: int = 8) -> None:
    """Mark the row done; through a dropped database connection, try again for about a minute
    (the side effect happened: losing this write would repeat it)."""
    for attempt in range(tries):
        try:
            OutboxMessage.objects.filter(pk=outbox_id, done_at=None).update(
                done_at=timezone.now(), attempts=attempts, last_error=""
            )
            return
        except DatabaseError:
            if attempt == tries - 1:
                raise
            logger.warning("Outbox row %s: acknowledging failed, trying again", outbox_id)
            if not connection.in_atomic_block:  # a broken connection is dropped and made anew
                connection.close_if_unusable_or_obsolete()
            time.sleep(min(2**attempt, 15))


def claimed_elsewhere(now=None) -> Q:
    """Rows a worker is sending right now (their claim is fresh): the sweep leaves them alone."""
    now = now or timezone.now()
    return Q(claimed_at__gt=now - timedelta(seconds=settings.HELIX_OUTBOX_CLAIM_SECONDS))


def _record_failure(outbox_id: str, exc: Exception, *, release: bool = False) -> None:
    from django.db.models import F

    logger.warning("Outbox row %s failed: %s", outbox_id, type(exc).__name__)
    changes = {"attempts": F("attempts") + 1, "last_error": f"{type(exc).__name__}: {exc}"[:2000]}
    if release:  # the side effect did not happen: the next delivery may try at once
        changes["claimed_at"] = None
    OutboxMessage.objects.filter(pk=outbox_id, done_at=None).update(**changes)
