"""The projects requests name are kept between requests (``cms.organisations.cache``): a plugin's
endpoint stops asking the database which project it serves and what is switched on there, and
still never answers from a project or a switch that has changed since."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.organisations.actions import set_plugin_activation

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(make_user):
    from cms.organisations.actions import create_project
    from cms.organisations.models import Organisation

    owner = make_user("organisation")
    return create_project(Organisation.objects.get(staff=owner), by=owner, name="Nurses fast track")


def project_reads(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(url, **headers)
    tables = ('"organisations_project"', '"organisations_pluginactivation"')
    return answer, [q["sql"] for q in captured.captured_queries if any(t in q["sql"] for t in tables)]


def test_a_second_request_reads_no_project_and_no_switches(project, make_user, client_for):
    from cms.organisations.models import Project

    Project.default()  # there (creating it is a change of projects)
    app = client_for(make_user("talent"))
    for headers in ({}, {"HTTP_X_HELIX_PROJECT": project.slug}):
        first, reads = project_reads(app, "/api/v1/posts/", **headers)
        assert first.status_code == 200 and reads  # read once
        again, reads = project_reads(app, "/api/v1/posts/", **headers)
        assert again.status_code == 200 and again.json() == first.json() and reads == []


def test_a_switch_turned_off_or_on_is_seen_by_the_next_request(project, make_user, client_for):
    app = client_for(make_user("talent"))
    header = {"HTTP_X_HELIX_PROJECT": project.slug}
    assert app.get("/api/v1/posts/", **header).status_code == 200
    set_plugin_activation(project, "posts", enabled=False)
    off = app.get("/api/v1/posts/", **header)
    assert off.status_code == 404 and off.json()["error"]["code"] == "not_found"
    assert app.get("/api/v1/posts/").status_code == 200  # the default project keeps it
    set_plugin_activation(project, "posts", enabled=True)
    assert app.get("/api/v1/posts/", **header).status_code == 200


def test_a_closed_or_deleted_project_is_not_served_from_the_cache(project, make_user, client_for):
    app = client_for(make_user("talent"))
    header = {"HTTP_X_HELIX_PROJECT": project.slug}
    assert app.get("/api/v1/posts/", **header).status_code == 200
    project.is_active = False
    project.save(update_fields=["is_active"])
    assert app.get("/api/v1/posts/", **header).status_code == 404
    project.is_active = True
    project.save(update_fields=["is_active"])
    assert app.get("/api/v1/posts/", **header).status_code == 200
    project.delete()
    assert app.get("/api/v1/posts/", **header).status_code == 404


def test_an_unknown_project_is_never_kept(make_user, client_for):
    from cms.organisations.models import Organisation, Project

    app = client_for(make_user("talent"))
    header = {"HTTP_X_HELIX_PROJECT": "library-week"}
    assert app.get("/api/v1/posts/", **header).status_code == 404
    # Created without the ORM's signals (a bulk import): the slug is found all the same.
    organisation = Organisation.objects.create(name="Library", slug="library")
    week = Project(organisation=organisation, name="Library week", slug="library-week")
    Project.objects.bulk_create([week])
    assert app.get("/api/v1/posts/", **header).status_code == 200


def test_a_switch_changed_in_a_transaction_rolled_back_leaves_nothing_behind(project, make_user, client_for):
    # What a transaction reads after its own change is kept for it alone: once it is rolled back
    # (a failed request), the next request reads the switch as it was.
    from django.db import transaction

    app = client_for(make_user("talent"))
    header = {"HTTP_X_HELIX_PROJECT": project.slug}
    assert app.get("/api/v1/posts/", **header).status_code == 200
    with pytest.raises(RuntimeError), transaction.atomic():
        set_plugin_activation(project, "posts", enabled=False)
        assert app.get("/api/v1/posts/", **header).status_code == 404
        raise RuntimeError("the request failed")
    assert app.get("/api/v1/posts/", **header).status_code == 200
