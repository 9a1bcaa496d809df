"""Fixtures of the mentoring plugin's tests: a mentoring organisation with a project and its members."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def programme(make_user):
    """An approved mentoring organisation, its staff member, a project, and a talent and a mentor
    who are active members of it (Dutch-speaking mentor, Arabic-speaking talent)."""
    from cms.accounts.models import MentorProfile, TalentProfile
    from cms.organisations.actions import create_project
    from cms.organisations.models import Organisation, ProjectMembership
    from cms.sectors.models import Sector

    staff = make_user("organisation", preferred_language="en")
    organisation = Organisation.objects.get(staff=staff)
    project = create_project(organisation, by=staff, name="Mentoring to work")
    talent = make_user("talent", first_name="Amal", preferred_language="ar")
    mentor = make_user("mentor", first_name="Pieter", preferred_language="nl")
    # The signup sets the language of the request; these two chose theirs.
    talent.__class__.objects.filter(pk=talent.pk).update(preferred_language="ar")
    mentor.__class__.objects.filter(pk=mentor.pk).update(preferred_language="nl")
    talent.refresh_from_db()
    mentor.refresh_from_db()
    for user in (talent, mentor):
        ProjectMembership.objects.create(project=project, user=user, status=ProjectMembership.Status.ACTIVE)
    ict = Sector.source_rows().get(slug="ict")
    profile, _created = TalentProfile.objects.get_or_create(user=talent)
    profile.languages = [{"language": "ar", "level": "native"}, {"language": "nl", "level": "B1"}]
    profile.career_objective = "A job as a data analyst."
    profile.save()
    profile.sectors.set([ict])
    mprofile, _created = MentorProfile.objects.get_or_create(user=mentor)
    mprofile.languages = [{"language": "nl", "level": "native"}]
    mprofile.max_mentees = 2
    mprofile.save()
    mprofile.sectors.set([ict])
    return {
        "staff": staff,
        "organisation": organisation,
        "project": project,
        "talent": talent,
        "mentor": mentor,
    }


@pytest.fixture
def active_match(programme):
    """The programme's talent and mentor, matched by the organisation."""
    from plugins.mentoring.actions.matching import propose_match

    return propose_match(
        programme["staff"],
        kind="talent_mentor",
        talent=programme["talent"],
        mentor=programme["mentor"],
        project=programme["project"],
    )


@pytest.fixture
def later():
    def at(days: float = 0, hours: float = 0):
        return (timezone.now() + timedelta(days=days, hours=hours)).replace(microsecond=0)

    return at


@pytest.fixture
def sent(mailbox):
    """Run the outbox rows written so far (the e-mails) and return the mailbox."""
    from cms.outbox.models import OutboxMessage

    def run():
        from cms.outbox.mail import deliver

        for row in OutboxMessage.objects.filter(done_at=None, actor_name="mail.send").order_by("pk"):
            deliver(row.payload)
            OutboxMessage.objects.filter(pk=row.pk).update(done_at=timezone.now())
        return mailbox

    return run
