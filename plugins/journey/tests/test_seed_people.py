"""The demo project's generated history (``seed_demo``): marked as demo data, deterministic,
added once, never in production, and enough people for figures that are published."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from datetime import time as clock

import pytest
from django.utils import timezone

from cms.connections.models import Connection
from cms.organisations.models import Project, ProjectMembership
from plugins.journey import impact, seed_people
from plugins.journey.models import ChecklistTick, Outcome, StepStatus


@pytest.fixture
def demo_project(make_user, roadmap):
    from cms.organisations.actions import create_project
    from cms.organisations.models import Organisation

    staff = make_user("organisation")
    organisation = Organisation.objects.get(staff=staff)
    return create_project(organisation, by=staff, name="Mentoring to work", slug=seed_people.DEMO_PROJECT)


def counts(project) -> dict:
    people = seed_people.demo_people()
    return {
        "people": people.count(),
        "members": ProjectMembership.objects.filter(project=project).count(),
        "statuses": StepStatus.objects.filter(talent__in=people).count(),
        "ticks": ChecklistTick.objects.filter(talent__in=people).count(),
        "outcomes": Outcome.objects.filter(talent__in=people).count(),
        "connections": Connection.objects.filter(project=project).count(),
    }


def published_non_zero(figure) -> list[int]:
    return [
        cell["value"] for item in figure["series"] for cell in item["cells"]
        if not cell["suppressed"] and cell["value"]
    ]


def test_generated_twice_adds_once_and_the_figures_are_published(demo_project):
    started = time.perf_counter()
    added = seed_people.generate()
    took = time.perf_counter() - started
    assert added == seed_people.TALENTS + seed_people.MENTORS
    assert took < 20
    first = counts(demo_project)
    assert first["members"] == added
    assert min(first.values()) > 0, first

    assert seed_people.generate() == 0
    assert counts(demo_project) == first

    # Marked as demo data: the reserved domain, no usable password, the demo project only.
    for user in seed_people.demo_people():
        assert user.email.endswith("@demo.helix.example")
        assert not user.has_usable_password()
    assert not ProjectMembership.objects.filter(user__in=seed_people.demo_people()).exclude(
        project=demo_project
    ).exists()

    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    since = datetime.combine(today - timedelta(days=365), clock.min, tzinfo=zone)
    until = datetime.combine(today + timedelta(days=1), clock.min, tzinfo=zone)
    found = {figure["key"]: figure for figure in impact.figures([demo_project], since, until)}
    reach = published_non_zero(found["journey.reach"])
    assert len(reach) == 2 and reach[0] > seed_people.TALENTS * 0.9  # talents and mentors
    assert published_non_zero(found["journey.progress"])
    assert len(published_non_zero(found["journey.outcomes"])) >= 2
    assert published_non_zero(found["journey.new_members"])
    assert published_non_zero(found["journey.time_to_match"])


def test_the_same_people_every_time(demo_project):
    seed_people.generate()
    fields = ("email", "first_name", "last_name", "nationality", "first_language", "gender", "role")
    before = list(seed_people.demo_people().order_by("email").values_list(*fields))
    outcomes = sorted(Outcome.objects.values_list("talent__email", "kind"))
    Connection.objects.filter(project=demo_project).delete()  # erasing keeps them, without the talent
    seed_people.demo_people().delete()
    seed_people.generate()
    assert list(seed_people.demo_people().order_by("email").values_list(*fields)) == before
    assert sorted(Outcome.objects.values_list("talent__email", "kind")) == outcomes
    assert len({name for _email, name, *_rest in before}) > 40  # varied names, not one repeated


def test_never_on_a_production_installation(demo_project, settings):
    settings.PRODUCTION = True
    assert seed_people.generate() == 0
    assert not seed_people.demo_people().exists()


def test_nothing_without_the_demo_project(make_user, roadmap):
    Project.objects.filter(slug=seed_people.DEMO_PROJECT).delete()
    assert seed_people.generate() == 0
    assert not seed_people.demo_people().exists()
