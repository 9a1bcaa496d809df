"""Fixtures of the networking plugin's tests: a talent connected with a mentor, and the others
who must not see the talent's plan.

Connections are made with the core's actions; the talent–mentor kind is declared by the mentoring
plugin (installed in the test settings), and nothing of that plugin is imported here.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def people(make_user):
    """A talent (Arabic-speaking) connected with a mentor (an active talent–mentor connection,
    the kind the mentoring plugin declares), plus an unconnected mentor, an employer, another
    talent, an organisation's staff member and an admin with TOTP."""
    from cms.accounts.models import User
    from cms.connections.actions import open_connection
    from cms.organisations.models import Project

    admin = make_user("admin", mfa=True)
    talent = make_user("talent", first_name="Amal")
    mentor = make_user("mentor", first_name="Pieter")
    User.objects.filter(pk=talent.pk).update(preferred_language="ar")
    User.objects.filter(pk=mentor.pk).update(preferred_language="nl")
    talent.refresh_from_db()
    mentor.refresh_from_db()
    connection = open_connection(
        "talent_mentor", project=Project.default(), talent=talent, mentor=mentor, by=admin, activate=True
    )
    return {
        "admin": admin,
        "talent": talent,
        "mentor": mentor,
        "connection": connection,
        "other_mentor": make_user("mentor"),
        "employer": make_user("employer"),
        "other_talent": make_user("talent"),
        "organisation": make_user("organisation"),
        "pending_organisation": make_user("organisation", approved=False),
    }


@pytest.fixture
def declare_kind():
    """``declare_kind(ConnectionKind(...))``: a connection kind for one test, declared through the
    ``connection_kinds`` hook as a plugin would, and forgotten afterwards. Networking's tests use
    it for connections no installed plugin needs to provide (a talent and an employer)."""
    from cms.connections import kinds
    from cms.plugins import get_manager, hookimpl

    pm = get_manager().pm
    declared = []

    def declare(kind):
        class Declaring:
            @hookimpl
            def connection_kinds(self):
                return [kind]

        declaring = Declaring()
        pm.register(declaring, name=f"networking-test-{kind.id}")
        declared.append(declaring)
        kinds.reset()
        return kind

    yield declare
    for declaring in declared:
        pm.unregister(declaring)
    kinds.reset()


@pytest.fixture
def connect_employer(people, declare_kind):
    """``connect_employer()``: an active connection between the talent and the employer, of a
    kind that lets the employer see the profile and the CV but not the networking plan."""
    from cms.connections.actions import open_connection
    from cms.connections.kinds import ConnectionKind
    from cms.organisations.models import Project

    kind = declare_kind(
        ConnectionKind(
            "networking_test_talent_employer",
            "Talent and employer",
            sides=("talent", "employer"),
            sees={"employer": ("profile", "cv")},
        )
    )

    def connect(talent=None, employer=None):
        return open_connection(
            kind.id,
            project=Project.default(),
            talent=talent or people["talent"],
            employer=employer or people["employer"],
            activate=True,
        )

    return connect


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
