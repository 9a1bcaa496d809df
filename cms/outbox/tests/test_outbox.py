"""The outbox: side effects survive crashes and never happen twice."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import dramatiq
import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from cms.outbox.actors import outbox_actor
from cms.outbox.api import enqueue
from cms.outbox.mail import queue_mail
from cms.outbox.models import OutboxMessage
from cms.outbox.tasks import sweep_now

FLAKY_CALLS = {"n": 0}
MAIL_ACTOR_NAME = "mail.send"


@outbox_actor("tests.flaky_mail")
def flaky_mail(payload, row):
    """Fails on its first run, like an SMTP server that hangs up once."""
    from cms.outbox.mail import deliver

    FLAKY_CALLS["n"] += 1
    if FLAKY_CALLS["n"] == 1:
        raise ConnectionError("SMTP server went away")
    deliver(payload)


def _mail_for(user, make_key="k"):
    return queue_mail("mail/account_approved", user=user, context={"note": ""}, key=make_key)


def test_mail_is_sent_after_commit_and_not_before(jobs, make_user, mailbox):
    user = make_user("employer")
    with transaction.atomic():
        row = _mail_for(user, "after-commit")
        assert OutboxMessage.objects.get(pk=row.pk).dispatched_at is None
        assert mailbox == []
    jobs.wait()
    assert len(mailbox) == 1
    assert mailbox[0].to == [user.email]
    assert OutboxMessage.objects.get(pk=row.pk).done_at is not None


def test_rolled_back_change_sends_nothing(jobs, make_user, mailbox):
    user = make_user("employer")
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            _mail_for(user, "rolled-back")
            raise RuntimeError("the approval failed half-way")
    jobs.wait()
    assert mailbox == []
    assert not OutboxMessage.objects.filter(key="rolled-back").exists()


def test_crashing_job_is_retried_and_mail_sent_once(jobs, make_user, mailbox):
    from cms.outbox.mail import render, serialise

    FLAKY_CALLS["n"] = 0
    user = make_user("talent")
    message = render("mail/account_approved", {"user": user, "site_url": "x"}, "en")
    message.to = [user.email]
    row = enqueue("tests.flaky_mail", payload=serialise(message), key="flaky", user=user)
    jobs.wait()
    row.refresh_from_db()
    assert FLAKY_CALLS["n"] == 2
    assert row.done_at is not None
    assert row.attempts == 2
    assert len(mailbox) == 1


def test_same_row_delivered_twice_sends_once(jobs, make_user, mailbox):
    user = make_user("talent")
    row = _mail_for(user, "twice")
    jobs.wait()
    actor = dramatiq.get_broker().get_actor("mail.send")
    actor.send(str(row.pk))
    actor.send(str(row.pk))
    jobs.wait()
    assert len(mailbox) == 1


def test_same_event_enqueued_twice_is_one_row(db, make_user):
    user = make_user("talent")
    first = _mail_for(user, "event-1")
    second = _mail_for(user, "event-1")
    assert first.pk == second.pk
    assert OutboxMessage.objects.filter(key="event-1").count() == 1


def test_sweep_resends_rows_never_acknowledged(jobs, make_user, mailbox):
    user = make_user("talent")
    row = _mail_for(user, "lost")
    jobs.wait()
    # The broker lost the message: pretend the row was dispatched long ago and never taken.
    OutboxMessage.objects.filter(pk=row.pk).update(
        done_at=None, claimed_at=None, dispatched_at=timezone.now() - timedelta(hours=1)
    )
    mailbox.clear()
    assert sweep_now() == 1
    jobs.wait()
    assert len(mailbox) == 1


def test_sweep_gives_up_after_max_attempts(db, make_user, settings):
    user = make_user("talent")
    row = _mail_for(user, "hopeless")
    OutboxMessage.objects.filter(pk=row.pk).update(
        dispatch_count=settings.HELIX_OUTBOX_MAX_ATTEMPTS,
        dispatched_at=timezone.now() - timedelta(hours=1),
    )
    sweep_now()
    row.refresh_from_db()
    assert row.failed_at is not None and row.state == "failed"


def _database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{connection.settings_dict['NAME']}"
    return (
        f"postgres://{db.get('USER') or ''}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
        f"/{connection.settings_dict['NAME']}"
    )


def test_worker_killed_between_commit_and_send_loses_nothing(jobs, make_user, mailbox, tmp_path):
    """A process commits an approval and dies before handing the mail to the broker;
    the sweep sends the mail, once."""
    user = make_user("employer", approved=False)
    script = tmp_path / "crash.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import os, django
            django.setup()
            import cms.outbox.api as outbox_api
            outbox_api.dispatch = lambda row_id: os._exit(9)   # die right after commit
            from cms.accounts.models import User
            from cms.accounts.actions import approve_account
            approve_account(User.objects.get(pk={user.pk}), note="welcome")
            """
        )
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings",
        "DATABASE_URL": _database_url(),
        "PYTHONPATH": str(Path(settings.BASE_DIR)),
    }
    result = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True)
    assert result.returncode == 9, result.stderr
    # The approval's e-mail (a plugin may queue its own follow-up work beside it).
    row = OutboxMessage.objects.get(user=user, actor_name="mail.send")
    assert row.dispatched_at is None and row.done_at is None
    user.refresh_from_db()
    assert user.approval_status == "approved"

    OutboxMessage.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert sweep_now() == 1
    jobs.wait()
    assert sweep_now() == 0
    assert [m.to for m in mailbox] == [[user.email]]


def test_text_mails_keep_apostrophes_and_the_html_part_escapes(make_user):
    from cms.outbox.mail import render

    user = make_user("employer", first_name="Seán", approved=False)
    message = render("mail/account_approved", {"user": user, "note": "Welcome, O'Brien & Co <team>"}, "en")
    assert "O'Brien & Co <team>" in message.body
    html = message.alternatives[0][0]
    assert "O&#x27;Brien &amp; Co &lt;team&gt;" in html or "O&#39;Brien &amp; Co &lt;team&gt;" in html


def test_many_rows_written_at_once_are_the_rows_written_one_by_one(db, make_user):
    """``enqueue_many`` (``COPY`` on PostgreSQL) writes what ``enqueue`` writes: defaults, the
    creation time, the payload to the character, the person; and skips keys already queued."""
    from cms.outbox.api import enqueue_many

    user = make_user("talent")
    text = "Quotes ' \" \\ back\\slash\ttab\nline \ue000name\ue000 \u0645\u0631\u062d\u0628\u0627 NUL-free"
    before = timezone.now()
    enqueue(MAIL_ACTOR_NAME, payload={"text": text, "n": 1}, key="many:one", user=user)
    rows = enqueue_many(
        MAIL_ACTOR_NAME,
        [(f"many:{n}", {"text": text, "n": n}, user if n % 2 else None) for n in range(2, 5)],
    )
    assert len(rows) == 3 and all(not row._state.adding for row in rows)
    stored = {row.key: row for row in OutboxMessage.objects.filter(key__startswith="many:")}
    one = stored["many:one"]
    for row in rows:
        again = stored[row.key]
        assert again.pk == row.pk and again.payload == {"text": text, "n": int(row.key[-1])}
        assert again.user_id == (user.pk if int(row.key[-1]) % 2 else None)
        assert again.created_at >= before and again.created_at == row.created_at
        for name in ("actor_name", "dispatched_at", "dispatch_count", "attempts", "last_error", "claimed_at"):
            assert getattr(again, name) == getattr(one, name)
        assert again.done_at is None and again.failed_at is None
    again = enqueue_many(MAIL_ACTOR_NAME, [("many:2", {}, None), ("many:5", {"n": 5}, None)])
    assert [row.key for row in again] == ["many:5"]
    assert OutboxMessage.objects.filter(key__startswith="many:").count() == 5
