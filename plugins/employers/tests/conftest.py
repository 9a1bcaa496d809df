"""Fixtures of the employers plugin's tests: employers and talents in sectors, and the job runner."""

from __future__ import annotations

import pytest


@pytest.fixture
def in_sectors(db):
    """``in_sectors(user, "ict", ...)``: set a talent's or an employer's sectors (as /me/ does)."""
    from cms.accounts.models import EmployerProfile, TalentProfile
    from cms.sectors.models import Sector

    def set_sectors(user, *slugs):
        model = TalentProfile if user.role == "talent" else EmployerProfile
        profile, _created = model.objects.get_or_create(user=user)
        profile.sectors.set(Sector.source_rows().filter(slug__in=slugs))
        return profile

    return set_sectors


@pytest.fixture
def reconcile_jobs(db):
    """Run the matching jobs queued in the outbox, through the real actor, like a worker would."""
    from cms.outbox.models import OutboxMessage
    from plugins.employers.tasks import reconcile

    def run() -> int:
        rows = list(
            OutboxMessage.objects.filter(actor_name="employers.reconcile", done_at=None).order_by("pk")
        )
        for row in rows:
            reconcile.fn(str(row.pk))
        return len(rows)

    return run


@pytest.fixture
def market(make_user, in_sectors, reconcile_jobs):
    """An ICT employer and a healthcare employer; an ICT talent who publishes their CV."""
    from cms.accounts.actions import grant_consent
    from cms.accounts.models import EmployerProfile

    ict = make_user("employer", first_name="Wim")
    EmployerProfile.objects.filter(user=ict).update(company="DataBridge BV")
    in_sectors(ict, "ict")
    care = make_user("employer", first_name="Ilse")
    EmployerProfile.objects.filter(user=care).update(company="ZorgNet Leuven")
    in_sectors(care, "healthcare")
    talent = make_user("talent", first_name="Farid")
    profile = in_sectors(talent, "ict")
    profile.digital_skills = ["Python", "SQL"]
    profile.dutch_level = "B1"
    profile.education_level = "master"
    profile.save()
    grant_consent(talent, "cv_publication")
    reconcile_jobs()
    return {"ict": ict, "care": care, "talent": talent}
