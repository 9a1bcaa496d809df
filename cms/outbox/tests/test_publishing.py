"""Publishing many outbox rows to RabbitMQ in AMQP transactions (``dispatch_many``): every message
arrives once, persistent, a batch whose commit fails leaves nothing in the queue and no row
counted as dispatched, and the rows of a fan-out run once each through a real worker on whatever
broker is configured.

The RabbitMQ tests use a broker of their own on the services' RabbitMQ (``HELIX_CI_AMQP_URL``) and
a queue of their own, so they run in both services legs (the Redis one too)."""

from __future__ import annotations

import os
import uuid

import dramatiq
import pytest

from cms.outbox import api
from cms.outbox.models import OutboxMessage

AMQP_URL = os.environ.get("HELIX_CI_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")
needs_rabbitmq = pytest.mark.skipif(
    os.environ.get("HELIX_TEST_SERVICES") != "1", reason="real services not configured"
)


@pytest.fixture
def rabbitmq():
    """A RabbitMQ broker with publisher confirms, as Helix configures it, an actor on a queue of the
    test's own, and that queue's messages as the broker holds them."""
    from dramatiq.brokers.rabbitmq import RabbitmqBroker

    broker = RabbitmqBroker(url=AMQP_URL, confirm_delivery=True)
    queue = f"helix_test_publish_{uuid.uuid4().hex[:8]}"

    @dramatiq.actor(broker=broker, queue_name=queue, actor_name=f"{queue}.run")
    def run(row_id):  # never consumed here: the test reads the queue
        pass

    def held() -> list[str]:
        channel = broker.connection.channel()
        bodies = []
        while True:
            method, _properties, body = channel.basic_get(queue, auto_ack=True)
            if method is None:
                break
            bodies.append(dramatiq.Message.decode(body).args[0])
        channel.close()
        return bodies

    broker.held = held
    broker.actor_name = run.actor_name
    try:
        yield broker
    finally:
        channel = broker.connection.channel()
        channel.queue_delete(queue)
        channel.close()
        broker.close()


def _rows(broker, n: int) -> list[OutboxMessage]:
    name = broker.actor_name
    return OutboxMessage.objects.bulk_create(
        [OutboxMessage(key=f"publish-{uuid.uuid4()}", actor_name=name, payload={}) for _ in range(n)]
    )


@needs_rabbitmq
def test_a_fan_out_reaches_rabbitmq_in_transactions_each_message_once(db, rabbitmq, monkeypatch):
    monkeypatch.setattr(api, "PUBLISH_BATCH", 200)
    rows = _rows(rabbitmq, 450)  # three batches: 200, 200, 50
    commits = []
    real_channel = type(rabbitmq.connection.channel())
    original = real_channel.tx_commit
    monkeypatch.setattr(real_channel, "tx_commit", lambda self: commits.append(1) or original(self))

    sent = api._publish_in_transactions(rabbitmq, rows)

    assert sorted(sent) == sorted(row.pk for row in rows)
    assert len(commits) == 3
    assert sorted(rabbitmq.held()) == sorted(str(row.pk) for row in rows)


@needs_rabbitmq
def test_a_batch_whose_commit_fails_leaves_nothing_queued_and_counts_no_row(db, rabbitmq, monkeypatch):
    import pika

    rows = _rows(rabbitmq, 30)
    real_channel = type(rabbitmq.connection.channel())

    def refused(self):
        raise pika.exceptions.AMQPChannelError("the connection dropped before tx.commit")

    monkeypatch.setattr(real_channel, "tx_commit", refused)
    assert api._publish_in_transactions(rabbitmq, rows) == []
    monkeypatch.undo()
    # RabbitMQ discarded the uncommitted messages when the channel went: nothing is in the queue,
    # so the sweep's resend is the only copy (no duplicate).
    assert rabbitmq.held() == []
    # The next batch goes out on a fresh connection.
    assert sorted(api._publish_in_transactions(rabbitmq, rows)) == sorted(row.pk for row in rows)
    assert len(rabbitmq.held()) == 30


def test_many_rows_dispatched_at_once_each_run_once_by_a_real_worker(jobs, make_user, mailbox):
    """A newsletter's fan-out (``enqueue_many``, dispatched at commit by ``dispatch_many``) on the
    configured broker: every mail is sent once, every row done."""
    from django.conf import settings
    from django.db import transaction

    from cms.outbox.mail import MAIL_ACTOR, render, serialise

    users = [make_user("talent") for _ in range(12)]
    messages = []
    for user in users:
        message = render("mail/account_approved", {"user": user, "site_url": settings.HELIX_SITE_URL}, "en")
        message.to = [user.email]
        messages.append((f"fan-out-{user.pk}", serialise(message), user))
    with transaction.atomic():
        rows = api.enqueue_many(MAIL_ACTOR, messages)
    jobs.wait()
    done = OutboxMessage.objects.filter(pk__in=[row.pk for row in rows], done_at__isnull=False)
    assert done.count() == 12 and all(row.dispatch_count == 1 for row in done)
    assert sorted(address for message in mailbox for address in message.to) == sorted(u.email for u in users)
