"""E-mail delivery through the outbox: a stable Message-ID, no second send while a worker holds
the row, an acknowledgement that survives a dropped database connection, and a sweep whose work
grows with the backlog, not with the number of runs."""

from __future__ import annotations

from datetime import timedelta

from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.outbox import actors
from cms.outbox.mail import queue_mail
from cms.outbox.models import OutboxMessage
from cms.outbox.tasks import send_mail, sweep_now


def _mail(user, key):
    return queue_mail("mail/account_approved", user=user, context={"note": ""}, key=key)


def test_a_mail_sent_again_after_a_lost_acknowledgement_has_the_same_message_id(db, make_user, mailbox):
    row = _mail(make_user("talent"), "again")
    send_mail.fn(str(row.pk))
    # The worker died after the mail server accepted it and before the row was marked done;
    # its claim has expired since.
    OutboxMessage.objects.filter(pk=row.pk).update(
        done_at=None, claimed_at=timezone.now() - timedelta(hours=1)
    )
    send_mail.fn(str(row.pk))
    assert len(mailbox) == 2
    first, second = (m.message()["Message-ID"] for m in mailbox)
    assert first == second == f"<{row.pk}@helix.example>"


def test_a_second_delivery_while_a_worker_holds_the_row_sends_nothing(db, make_user, mailbox):
    row = _mail(make_user("talent"), "held")
    OutboxMessage.objects.filter(pk=row.pk).update(claimed_at=timezone.now())
    send_mail.fn(str(row.pk))
    assert mailbox == []
    assert OutboxMessage.objects.get(pk=row.pk).done_at is None
    # …and the sweep leaves it to that worker too.
    OutboxMessage.objects.filter(pk=row.pk).update(dispatched_at=timezone.now() - timedelta(hours=1))
    assert sweep_now() == 0


def test_a_failed_send_releases_the_row_for_the_retry(db, make_user, mailbox, monkeypatch):
    row = _mail(make_user("talent"), "refused")

    def refuse(*args, **kwargs):
        raise ConnectionError("SMTP server went away")

    monkeypatch.setattr("cms.outbox.tasks.deliver", refuse)
    try:
        send_mail.fn(str(row.pk))
    except ConnectionError:
        pass
    failed = OutboxMessage.objects.get(pk=row.pk)
    assert failed.claimed_at is None and failed.done_at is None and "SMTP" in failed.last_error
    monkeypatch.undo()
    send_mail.fn(str(row.pk))
    assert len(mailbox) == 1 and OutboxMessage.objects.get(pk=row.pk).done_at is not None


def test_the_acknowledgement_survives_a_dropped_database_connection(db, make_user, mailbox, monkeypatch):
    row = _mail(make_user("talent"), "dropped")
    real_filter, calls = OutboxMessage.objects.filter, {"n": 0}

    class Flaky:
        def __init__(self, queryset):
            self.queryset = queryset

        def update(self, **changes):
            if "done_at" in changes and calls["n"] < 2:
                calls["n"] += 1
                raise OperationalError("server closed the connection unexpectedly")
            return self.queryset.update(**changes)

    monkeypatch.setattr(actors.time, "sleep", lambda seconds: None)
    monkeypatch.setattr(
        OutboxMessage.objects, "filter", lambda *a, **k: Flaky(real_filter(*a, **k)), raising=False
    )
    actors.acknowledge(str(row.pk), attempts=1)
    monkeypatch.undo()
    assert calls["n"] == 2 and OutboxMessage.objects.get(pk=row.pk).done_at is not None


def test_the_sweep_recovers_a_big_backlog_in_one_run_at_a_fixed_cost_per_batch(db, make_user, settings):
    user = make_user("talent")
    long_ago = timezone.now() - timedelta(hours=1)
    OutboxMessage.objects.bulk_create(
        OutboxMessage(key=f"backlog-{n}", actor_name="mail.send", payload={}, user=user) for n in range(250)
    )
    OutboxMessage.objects.update(created_at=long_ago)
    with CaptureQueriesContext(connection) as small_batches:
        assert sweep_now(batch=50) == 250
    assert OutboxMessage.objects.filter(dispatch_count=1).count() == 250
    OutboxMessage.objects.update(dispatched_at=long_ago)
    with CaptureQueriesContext(connection) as big_batches:
        assert sweep_now(batch=125) == 250
    # Five batches of 50 cost (about) two and a half times two batches of 125: per batch, not per row.
    assert len(small_batches) <= 3 * len(big_batches)
    assert len(small_batches) < 250
