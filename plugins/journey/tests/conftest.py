"""Fixtures of the journey plugin's tests: the roadmap with checklists in three languages, a
talent connected with a mentor, and the others who must not see the talent's journey.

Connections are made with the core's actions; the talent–mentor kind is declared by the
mentoring plugin (installed in the test settings), and nothing of that plugin is imported here.
"""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

ITEMS = {
    # step number: [(id, {language: text}), ...]
    1: [
        (
            uuid.UUID("11111111-1111-4111-8111-111111111111"),
            {"en": "Register with VDAB", "nl": "Schrijf je in bij VDAB", "ar": "سجّل لدى VDAB"},
        ),
        (
            uuid.UUID("11111111-1111-4111-8111-222222222222"),
            {
                "en": "Start Dutch lessons",
                "nl": "Begin met lessen Nederlands",
                "ar": "ابدأ دروس اللغة الهولندية",
            },
        ),
    ],
    6: [
        (
            uuid.UUID("66666666-6666-4666-8666-111111111111"),
            {"en": "Set up vacancy alerts", "nl": "Stel vacaturemeldingen in", "ar": "فعّل تنبيهات الوظائف"},
        ),
    ],
}


@pytest.fixture
def roadmap(db, django_capture_on_commit_callbacks):
    """The tiny page tree (steps 1 and 6 in en/nl/ar) with a checklist on each step, the same
    block ids in every language (as wagtail-localize keeps them)."""
    from cms.pages.models import HomePage, RoadmapStepPage
    from tests.pages import seed_tiny_tree

    if not HomePage.objects.exists():
        with django_capture_on_commit_callbacks(execute=True):
            seed_tiny_tree()
    for page in RoadmapStepPage.objects.all():
        code = page.locale.language_code
        page.checklist = [
            {"type": "item", "value": {"text": texts[code], "details": ""}, "id": str(item_id)}
            for item_id, texts in ITEMS.get(page.step_number, [])
        ]
        page.save()
    return ITEMS


@pytest.fixture
def people(make_user, roadmap):
    """A talent (Arabic-speaking) connected with a mentor, plus an unconnected mentor, an
    employer, another talent, an organisation's staff member and an admin with TOTP."""
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
def consent():
    """``consent(user, purpose)``: the user agrees, through the core's action."""
    from cms.accounts.actions import grant_consent

    return grant_consent


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
