"""Storage limitation: inactive accounts are warned once, in their language, and erased 30 days
later unless their owner comes back; administrators are warned but never erased automatically."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cms.accounts.models import User
from cms.accounts.retention import enforce, months_before

PASSWORD = "a-Long-test-passw0rd"


@pytest.fixture
def inactive(make_user):
    """``inactive(role, language)``: an account last signed in 25 months ago."""

    def make(role: str = "talent", language: str = "en", **options):
        user = make_user(role, **options)
        long_ago = timezone.now() - timedelta(days=31 * 25)
        User.objects.filter(pk=user.pk).update(
            last_login=long_ago, date_joined=long_ago, preferred_language=language
        )
        user.refresh_from_db()
        return user

    return make


def _state(user):
    user.refresh_from_db()
    return user


def test_an_inactive_account_is_warned_once_at_the_threshold(make_user, inactive, sent):
    now = timezone.now()
    talent, recent = make_user("talent"), make_user("talent")
    threshold = months_before(now, 24)
    User.objects.filter(pk=talent.pk).update(
        date_joined=threshold - timedelta(days=300), last_login=threshold - timedelta(minutes=1)
    )
    User.objects.filter(pk=recent.pk).update(
        date_joined=threshold - timedelta(days=300), last_login=threshold + timedelta(days=2)
    )
    first = enforce(now)
    assert first.warned == [talent.pk]
    assert enforce(now + timedelta(days=1)).warned == []  # the next day's run does not warn again
    mails = [m for m in sent() if m.to == [talent.email]]
    assert len(mails) == 1
    assert mails[0].subject == "Your Helix account will be erased for inactivity"
    assert "Sign in before that date" in mails[0].body
    assert not [m for m in sent() if m.to == [recent.email]]


def test_the_warning_is_in_the_accounts_own_language(inactive, sent):
    dutch, arabic = inactive(language="nl"), inactive(language="ar")
    enforce()
    subjects = {m.to[0]: m.subject for m in sent()}
    assert subjects[dutch.email] == "Uw Helix-account wordt gewist wegens inactiviteit"
    assert subjects[arabic.email] == "سيُحذف حسابك على Helix بسبب عدم النشاط"


def test_erased_after_the_grace_period_and_not_before(inactive, client_for, sent):
    talent = inactive()
    email = talent.email
    warned_at = timezone.now()
    enforce(warned_at)
    assert enforce(warned_at + timedelta(days=29)).erased == []
    assert _state(talent).erased_at is None and _state(talent).email == email
    assert enforce(warned_at + timedelta(days=30, hours=1)).erased == [talent.pk]
    erased = _state(talent)
    assert erased.erased_at is not None and not erased.is_active
    assert erased.email != email and not User.objects.filter(email=email).exists()
    # Nobody can sign in to it any more.
    answer = Client().post(
        "/_allauth/browser/v1/auth/login",
        {"email": email, "password": PASSWORD},
        content_type="application/json",
    )
    assert answer.status_code == 400


def test_signing_in_meanwhile_cancels_the_erasure(inactive):
    talent = inactive()
    warned_at = timezone.now()
    enforce(warned_at)
    assert _state(talent).inactivity_warned_at is not None
    answer = Client().post(
        "/_allauth/browser/v1/auth/login",
        {"email": talent.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    assert _state(talent).inactivity_warned_at is None
    later = enforce(warned_at + timedelta(days=31))
    assert later.erased == [] and later.warned == []
    assert _state(talent).erased_at is None and _state(talent).is_active


def test_using_the_app_meanwhile_cancels_the_erasure(inactive, client_for):
    """An app keeps its session token for months without signing in again: its requests count."""
    talent = inactive()
    warned_at = timezone.now()
    enforce(warned_at)
    assert client_for(_state(talent)).get("/api/v1/sectors/").status_code == 200
    assert _state(talent).last_seen_at is not None
    assert enforce(warned_at + timedelta(days=31)).erased == []
    assert _state(talent).erased_at is None


def test_last_seen_is_written_at_most_once_a_day(make_user, client_for):
    from cms.accounts.actions import record_activity

    talent = make_user("talent")
    assert record_activity(talent)
    seen = _state(talent).last_seen_at
    assert not record_activity(talent)
    assert client_for(_state(talent)).get("/api/v1/sectors/").status_code == 200
    assert _state(talent).last_seen_at == seen
    assert record_activity(talent, now=seen + timedelta(days=1, seconds=1))


def test_administrators_are_warned_but_not_erased(inactive, sent):
    admin = inactive("admin", mfa=True)
    warned_at = timezone.now()
    assert enforce(warned_at).warned == [admin.pk]
    assert [m.to for m in sent()] == [[admin.email]]
    run = enforce(warned_at + timedelta(days=31))
    assert run.erased == [] and run.kept == [admin.pk]
    assert _state(admin).erased_at is None and _state(admin).is_active


def test_the_job_runs_on_the_periodic_queue(db):
    import dramatiq

    from cms.jobs.periodic import PERIODIC_QUEUE, collected_jobs

    assert "accounts.retention" in {job.actor_name for job in collected_jobs()}
    assert dramatiq.get_broker().get_actor("accounts.retention").queue_name == PERIODIC_QUEUE


def test_months_are_calendar_months():
    from datetime import datetime

    assert months_before(datetime(2026, 3, 31, 12), 1) == datetime(2026, 2, 28, 12)
    assert months_before(datetime(2026, 12, 5), 24) == datetime(2024, 12, 5)
