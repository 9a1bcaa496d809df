"""Declaring idempotent outbox actors."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

import dramatiq
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms.outbox.models import OutboxMessage

logger = logging.getLogger(__name__)


def outbox_actor(actor_name: str, **actor_options) -> Callable:
    """Declare a dramatiq actor that runs outbox rows exactly once to completion.

    The decorated function receives the row's ``payload`` and the row. It runs
    inside a transaction that holds the row's lock and marks the row done, so
    a duplicate delivery waits, then sees the row done and returns. An
    exception rolls the work back, records the error, and lets dramatiq retry.
    """

    def decorator(fn: Callable[[dict, OutboxMessage], None]):
        @functools.wraps(fn)
        def run(outbox_id: str) -> None:
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
                _record_failure(outbox_id, exc)
                raise

        options = {
            "actor_name": actor_name,
            "max_retries": settings.HELIX_JOB_MAX_RETRIES,
            "min_backoff": settings.HELIX_JOB_MIN_BACKOFF_MS,
            **actor_options,
        }
        return dramatiq.actor(**options)(run)

    return decorator


def _record_failure(outbox_id: str, exc: Exception) -> None:
    from django.db.models import F

    logger.warning("Outbox row %s failed: %s", outbox_id, exc)
    OutboxMessage.objects.filter(pk=outbox_id, done_at=None).update(
        attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
    )
