"""Writing outbox rows and handing them to the broker."""

from __future__ import annotations

import logging
import uuid

import dramatiq
from django.db import connections, router, transaction
from django.db.models import F
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


def enqueue_once(actor_name: str, *, payload: dict, user=None) -> OutboxMessage:
    """Queue a job that acts on the state it finds when it runs (a reconciliation), unless the
    same job (actor and payload) already waits unstarted: that one will see this change too.

    The waiting row is locked until the current transaction ends, so no worker can start it
    before the change is visible; a row a worker holds is skipped (its run may predate the
    change) and a new one is queued. Nothing ever waits on a lock here (``SKIP LOCKED``).
    A ``sectors.set()`` that removes and adds within one transaction queues one job, not two.
    """
    with transaction.atomic():
        waiting = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(actor_name=actor_name, payload=payload, done_at=None, failed_at=None, claimed_at=None)
            .order_by("created_at")
            .first()
        )
    return waiting or enqueue(actor_name, payload=payload, user=user)


def enqueue_many(actor_name: str, messages, *, return_existing: bool = False) -> list[OutboxMessage]:
    """Write many rows at once: ``messages`` are ``(key, payload, user)`` tuples.

    Keys already in the outbox are skipped (the same idempotency as :func:`enqueue`),
    with three queries for the whole batch instead of several per row. Returns the
    rows created, or with ``return_existing`` one row per message, in order.
    """
    messages = list(messages)
    if not messages:
        return []
    keys = [key for key, _payload, _user in messages]
    existing = {row.key: row for row in OutboxMessage.objects.filter(key__in=keys)}
    new = [
        OutboxMessage(key=key, actor_name=actor_name, payload=payload, user=user)
        for key, payload, user in dict((m[0], m) for m in messages).values()
        if key not in existing
    ]
    with transaction.atomic():
        _insert(new)
    if new:
        ids = [row.pk for row in new]
        transaction.on_commit(lambda: dispatch_many(ids))
    if not return_existing:
        return new
    by_key = {**existing, **{row.key: row for row in new}}
    return [by_key[key] for key in keys]


# Values a field's database preparation leaves as they are (checked by the outbox's tests).
_PLAIN = (type(None), str, int, bool, uuid.UUID)


def _db_value(field, row, connection):
    value = field.pre_save(row, add=True)
    return value if type(value) in _PLAIN else field.get_db_prep_save(value, connection)


def _insert(rows: list[OutboxMessage]) -> None:
    """``bulk_create(rows)``; on PostgreSQL with ``COPY``, which takes a quarter of the time for
    a batch of 500 mails (no statement to build, no array literal quoted in Python). The values
    are the fields' own (defaults, ``auto_now_add``, database preparation), as ``bulk_create``
    writes them; a duplicate key fails the same way."""
    connection = connections[router.db_for_write(OutboxMessage)]
    fields = OutboxMessage._meta.concrete_fields
    if connection.vendor != "postgresql" or len(rows) < 2:
        OutboxMessage.objects.bulk_create(rows)
        return
    values = [[_db_value(field, row, connection) for field in fields] for row in rows]
    if any(hasattr(value, "as_sql") for row in values for value in row):  # a database default
        OutboxMessage.objects.bulk_create(rows)
        return
    table = connection.ops.quote_name(OutboxMessage._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
    for row in rows:
        row._state.adding = False
        row._state.db = connection.alias


#: Messages published to RabbitMQ in one AMQP transaction (``dispatch_many``).
PUBLISH_BATCH = 500


def dispatch_many(row_ids) -> int:
    """Send many rows' messages (one read, one write); what the broker refuses the sweep resends.

    On RabbitMQ the messages go out in AMQP transactions of ``PUBLISH_BATCH``
    (``_publish_in_transactions``): one round trip per batch where ``actor.send`` with publisher
    confirms (``confirm_delivery``) waits for the broker once per message (1.4 ms a recipient for
    a newsletter's fan-out, bench/README.md). Either way a row counts as dispatched only once the
    broker has taken its message."""
    rows = list(OutboxMessage.objects.filter(pk__in=list(row_ids), done_at=None, failed_at=None))
    broker = dramatiq.get_broker()
    sent = _publish_in_transactions(broker, rows) if _transactional(broker) and len(rows) > 1 else []
    for row in rows if not sent else ():
        try:
            broker.get_actor(row.actor_name).send(str(row.pk))
        except Exception:
            logger.exception("Could not dispatch outbox row %s (%s)", row.pk, row.actor_name)
            continue
        sent.append(row.pk)
    if sent:
        OutboxMessage.objects.filter(pk__in=sent).update(
            dispatched_at=timezone.now(), dispatch_count=F("dispatch_count") + 1
        )
    return len(sent)


def _transactional(broker) -> bool:
    from dramatiq.brokers.rabbitmq import RabbitmqBroker

    return isinstance(broker, RabbitmqBroker)


def _publish_in_transactions(broker, rows: list[OutboxMessage]) -> list[int]:
    """Publish the rows' messages to RabbitMQ in transactions (``tx.select`` … ``tx.commit``) on a
    channel of their own, and return the keys of the rows whose message the broker took.

    What ``RabbitmqBroker.enqueue`` does per message is done here per batch: the queues declared,
    the middleware's ``before_enqueue`` and ``after_enqueue`` run, the message persistent. The
    messages are ``mandatory``: one the broker cannot route comes back before the commit's answer
    and its row is not counted. A batch whose commit fails counts none of its rows (RabbitMQ
    discards an uncommitted transaction's messages); the sweep sends them again, as it does for
    any row not dispatched. An empty list means nothing was published, and the caller sends each
    message on its own."""
    import pika

    sent: list[int] = []
    for start in range(0, len(rows), PUBLISH_BATCH):
        batch = []
        for row in rows[start : start + PUBLISH_BATCH]:
            try:
                actor = broker.get_actor(row.actor_name)
            except Exception:
                logger.exception("Could not dispatch outbox row %s (%s)", row.pk, row.actor_name)
                continue
            batch.append((row.pk, actor.message(str(row.pk))))
        if not batch:
            continue
        returned: set[str] = set()
        channel = None
        try:
            for queue_name in {message.queue_name for _pk, message in batch}:
                broker.declare_queue(queue_name, ensure=True)
            channel = broker.connection.channel()
            channel.add_on_return_callback(
                lambda _channel, _method, properties, _body, returned=returned: returned.add(
                    properties.message_id
                )
            )
            channel.tx_select()
            for _pk, message in batch:
                broker.emit_before("enqueue", message, None)
                channel.basic_publish(
                    exchange="",
                    routing_key=message.queue_name,
                    body=message.encode(),
                    properties=pika.BasicProperties(
                        delivery_mode=2,
                        priority=message.options.get("broker_priority"),
                        message_id=message.message_id,
                    ),
                    mandatory=True,
                )
            channel.tx_commit()
            # A returned message arrives before the commit's answer; pika hands it to the
            # callback when the connection's events are processed.
            broker.connection.process_data_events(time_limit=0)
        except Exception:
            logger.exception("Could not dispatch %d outbox rows; the sweep sends them again", len(batch))
            try:
                del broker.connection  # as enqueue does: the next publish opens a new one
            except Exception:
                logger.debug("Could not drop the broker's connection", exc_info=True)
            channel = None
            if start == 0 and not sent:
                return []  # nothing taken yet: each message on its own (a fresh connection)
            continue
        finally:
            if channel is not None and channel.is_open:
                try:
                    channel.close()
                except Exception:  # the connection went away: the next publish opens another
                    logger.debug("Could not close the publishing channel", exc_info=True)
        for pk, message in batch:
            if message.message_id in returned:
                logger.error("RabbitMQ could not route the message of outbox row %s", pk)
                continue
            broker.emit_after("enqueue", message, None)
            sent.append(pk)
    return sent


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
