"""Fixtures of the networking plugin's tests: a talent with a matched mentor, and the others
who must not see the talent's plan."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def people(make_user):
    """A talent (Arabic-speaking) matched with a mentor by an admin, plus an unmatched mentor,
    an employer, another talent, an organisation's staff member and an admin with TOTP."""
    from cms.accounts.models import MentorProfile, User
    from plugins.mentoring.actions.matching import propose_match

    admin = make_user("admin", mfa=True)
    talent = make_user("talent", first_name="Amal")
    mentor = make_user("mentor", first_name="Pieter")
    User.objects.filter(pk=talent.pk).update(preferred_language="ar")
    User.objects.filter(pk=mentor.pk).update(preferred_language="nl")
    talent.refresh_from_db()
    mentor.refresh_from_db()
    MentorProfile.objects.update_or_create(user=mentor, defaults={"max_mentees": 3})
    match = propose_match(admin, kind="talent_mentor", talent=talent, mentor=mentor)
    return {
        "admin": admin,
        "talent": talent,
        "mentor": mentor,
        "match": match,
        "other_mentor": make_user("mentor"),
        "employer": make_user("employer"),
        "other_talent": make_user("talent"),
        "organisation": make_user("organisation"),
        "pending_organisation": make_user("organisation", approved=False),
    }


@pytest.fixture
def today():
    from plugins.networking.actions import local_today

    return local_today()


@pytest.fixture
def days(today):
    """``days(n)`` → the ISO date ``n`` days from today (Europe/Brussels)."""

    def at(n: int) -> str:
        return (today + timedelta(days=n)).isoformat()

    return at


@pytest.fixture
def sent(mailbox):
    """Deliver the outbox's e-mails written so far and return the mailbox."""
    from cms.outbox.mail import deliver
    from cms.outbox.models import OutboxMessage

    def run():
        for row in OutboxMessage.objects.filter(done_at=None, actor_name="mail.send").order_by("pk"):
            deliver(row.payload)
            OutboxMessage.objects.filter(pk=row.pk).update(done_at=timezone.now())
        return mailbox

    return run


@pytest.fixture
def filled_plan(people, today):
    """The talent's plan with a mind map, a goal, a milestone, a contact and a step in progress."""
    from plugins.networking import actions

    talent = people["talent"]
    actions.save_mind_map(
        talent, interests=["Bridges"], strengths=["Calculations"], contact_kinds=["Engineers"]
    )
    goal = actions.add_goal(
        talent,
        term="short",
        description="Meet three engineers",
        measurable_target="3 conversations",
        target_date=today + timedelta(days=30),
    )
    milestone = actions.add_milestone(talent, title="Update LinkedIn", due_date=today, goal=goal)
    contact = actions.add_contact(talent, name="Lotte", tie="weak", organisation="Flanders Construct")
    actions.set_step_status(talent, 1, "in_progress")
    return {"goal": goal, "milestone": milestone, "contact": contact}
