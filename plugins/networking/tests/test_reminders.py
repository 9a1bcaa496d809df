"""Follow-up reminders: on the contact's date, once; again for a new date; never for others."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest

from plugins.networking import actions
from plugins.networking.models import PlanContact


def test_the_reminder_goes_once_on_the_date_and_again_after_the_date_changes(people, today, sent):
    talent = people["talent"]
    tomorrow = today + timedelta(days=1)
    contact = actions.add_contact(talent, name="Lotte Vermeulen", tie="weak", next_follow_up=tomorrow)
    actions.add_contact(talent, name="Later", tie="strong", next_follow_up=today + timedelta(days=5))
    actions.add_contact(talent, name="Never", tie="strong")
    sent().clear()

    assert actions.send_follow_up_reminders(today) == 0  # not yet
    assert actions.send_follow_up_reminders(tomorrow) == 1
    assert actions.send_follow_up_reminders(tomorrow) == 0  # exactly once
    assert actions.send_follow_up_reminders(tomorrow + timedelta(days=1)) == 0  # not the day after either
    (mail,) = sent()
    assert mail.to == [talent.email] and "Lotte Vermeulen" in mail.subject
    assert mail.extra_headers["Content-Language"] == "ar"
    contact.refresh_from_db()
    assert contact.follow_up_sent_for == tomorrow

    sent().clear()
    actions.change_contact(contact, by=talent, next_follow_up=today + timedelta(days=3))
    assert actions.send_follow_up_reminders(today + timedelta(days=2)) == 0
    assert actions.send_follow_up_reminders(today + timedelta(days=3)) == 1
    assert actions.send_follow_up_reminders(today + timedelta(days=3)) == 0
    assert [m.to for m in sent()] == [[talent.email]]


def test_a_missed_date_is_still_reminded_once(people, today, sent):
    actions.add_contact(people["talent"], name="Youssef", tie="strong", next_follow_up=today)
    sent().clear()
    assert actions.send_follow_up_reminders(today + timedelta(days=4)) == 1
    assert actions.send_follow_up_reminders(today + timedelta(days=5)) == 0
    (mail,) = sent()
    assert "Youssef" in mail.body


def test_no_reminder_for_an_erased_or_inactive_talent(people, today, sent):
    from cms.accounts.models import User

    actions.add_contact(people["talent"], name="Lotte", tie="weak", next_follow_up=today)
    User.objects.filter(pk=people["talent"].pk).update(is_active=False)
    assert actions.send_follow_up_reminders(today) == 0


def test_the_job_runs_only_where_the_plugin_is_enabled(people, today):
    from cms.organisations.actions import set_plugin_activation
    from cms.organisations.models import Project
    from plugins.networking.tasks import send_follow_up_reminders

    actions.add_contact(people["talent"], name="Lotte", tie="weak", next_follow_up=today)
    for project in Project.objects.all():
        set_plugin_activation(project, "networking", enabled=False)
    send_follow_up_reminders.fn()
    assert PlanContact.objects.get().follow_up_sent_for is None
    set_plugin_activation(Project.default(), "networking", enabled=True)
    send_follow_up_reminders.fn()
    assert PlanContact.objects.get().follow_up_sent_for == today


def test_a_failure_while_queueing_leaves_the_contact_unmarked(people, today):
    actions.add_contact(people["talent"], name="Lotte", tie="weak", next_follow_up=today)
    broken = mock.patch("plugins.networking.actions.notify", side_effect=RuntimeError("broken template"))
    with broken, pytest.raises(RuntimeError):
        actions.send_follow_up_reminders(today)
    assert PlanContact.objects.get().follow_up_sent_for is None


def test_run_twice_by_the_real_worker_sends_one_email(people, today, jobs, mailbox):
    import dramatiq

    talent = people["talent"]
    actions.add_contact(talent, name="Lotte Vermeulen", tie="weak", next_follow_up=today)
    jobs.wait()
    mailbox.clear()
    actor = dramatiq.get_broker().get_actor("networking.send_follow_up_reminders")
    actor.send()
    actor.send()
    jobs.wait()
    assert [m.to for m in mailbox] == [[talent.email]]
    assert "Lotte Vermeulen" in mailbox[0].subject


def test_hook_periodic_jobs_declares_the_reminder_job():
    import dramatiq

    from plugins.networking import hooks

    (job,) = hooks.periodic_jobs()
    assert job.actor_name == "networking.send_follow_up_reminders"
    assert len(job.cron.split()) == 5
    dramatiq.get_broker().get_actor(job.actor_name)  # the actor exists


def test_the_outbox_keys_stay_those_of_earlier_versions(people, today):
    """A reminder or a comment queued before an upgrade is not queued again after it: the keys
    are exactly those the plugin used before it mailed through the core's ``notify``."""
    from cms.outbox.models import OutboxMessage

    talent = people["talent"]
    contact = actions.add_contact(talent, name="Lotte", tie="weak", next_follow_up=today)
    actions.send_follow_up_reminders(today)
    comment = actions.comment_on_plan(talent, by=people["mentor"], body="Well done.")
    keys = set(OutboxMessage.objects.filter(key__startswith="networking:").values_list("key", flat=True))
    assert keys == {
        f"networking:follow_up:{contact.pk}:{today.isoformat()}:{talent.pk}",
        f"networking:comment:{comment.pk}:{talent.pk}",
    }
