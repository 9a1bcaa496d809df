"""The projects list tells an organisation's staff how many join requests wait in each of their
projects (one call for the organisation's home in the reference app), and narrows to one
organisation's projects; nobody else sees the counts."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_staff_see_the_pending_requests_of_their_projects_only(programme, make_user, client_for):
    from cms.organisations.actions import create_project, request_to_join
    from cms.organisations.models import Organisation

    staff, project = programme["staff"], programme["project"]
    request_to_join(project, make_user("talent"), motivation="I would like to join.")
    request_to_join(project, make_user("mentor"))
    other_staff = make_user("organisation")
    other = create_project(Organisation.objects.get(staff=other_staff), by=other_staff, name="Elsewhere")

    rows = {p["slug"]: p for p in client_for(staff).get("/api/v1/projects/").json()["results"]}
    assert rows[project.slug]["pending_requests"] == 2
    assert rows[other.slug]["pending_requests"] is None

    mine = client_for(staff).get("/api/v1/projects/", {"organisation": programme["organisation"].slug}).json()
    assert [p["slug"] for p in mine["results"]] == [project.slug]

    talent_rows = client_for(programme["talent"]).get("/api/v1/projects/").json()["results"]
    assert {p["pending_requests"] for p in talent_rows} == {None}
    admin = client_for(make_user("admin", mfa=True))
    admin_rows = {p["slug"]: p for p in admin.get("/api/v1/projects/").json()["results"]}
    assert admin_rows[project.slug]["pending_requests"] == 2
    assert admin_rows[other.slug]["pending_requests"] == 0


def test_the_count_costs_no_query_per_project(programme, client_for, django_assert_max_num_queries):
    from cms.organisations.actions import create_project

    staff = programme["staff"]
    for n in range(5):
        create_project(programme["organisation"], by=staff, name=f"Track {n}")
    client = client_for(staff)
    client.get("/api/v1/projects/")
    with django_assert_max_num_queries(12):
        assert len(client.get("/api/v1/projects/").json()["results"]) == 7  # with the default project


def test_my_projects_only_and_who_runs_them(programme, make_user, client_for):
    """A talent's connections screen lists her projects in one call, named with their organisation."""
    from cms.organisations.actions import create_project, request_to_join
    from cms.organisations.models import Organisation

    talent, project = programme["talent"], programme["project"]
    other_staff = make_user("organisation")
    elsewhere = create_project(Organisation.objects.get(staff=other_staff), by=other_staff, name="Elsewhere")
    asked = create_project(Organisation.objects.get(staff=other_staff), by=other_staff, name="Asked")
    request_to_join(asked, talent, motivation="May I join?")

    rows = client_for(talent).get("/api/v1/projects/", {"mine": "true"}).json()["results"]
    by_slug = {row["slug"]: row for row in rows}
    assert project.slug in by_slug and asked.slug in by_slug and elsewhere.slug not in by_slug
    assert by_slug[project.slug]["organisation_name"] == programme["organisation"].name
    assert by_slug[asked.slug]["my_membership"] == "requested"
    everything = client_for(talent).get("/api/v1/projects/").json()["results"]
    assert elsewhere.slug in {row["slug"] for row in everything}
    newcomer = client_for(make_user("talent"))
    assert newcomer.get("/api/v1/projects/", {"mine": "true"}).json()["results"] == []
