"""The dashboard in the Wagtail admin: the core's charts for known data, the same figures in
each chart's table and CSV, the filter by project and period, a fixed number of queries, and
who may see what (organisation staff: their projects only)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, time

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.accounts.models import User
from cms.connections.models import Connection
from cms.organisations.actions import create_project
from cms.organisations.models import Organisation, Project, ProjectMembership

URL = "/admin/dashboard/"
#: A fixed period: the four weeks starting Monday 2 November 2026.
SINCE, UNTIL = "2026-11-02", "2026-11-29"
PERIOD = {"since": SINCE, "until": UNTIL}


def at(day: str, hour: int = 12) -> datetime:
    return datetime.combine(
        datetime.fromisoformat(day).date(), time(hour), tzinfo=timezone.get_current_timezone()
    )


def charts(response) -> dict[str, dict]:
    body = response.content.decode()
    start = body.index('<script id="helix-dashboard-charts" type="application/json">')
    data = body[body.index(">", start) + 1 : body.index("</script>", start)]
    return {figure["key"]: figure for figure in json.loads(data)}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin(make_user):
    return make_user("admin", mfa=True)


@pytest.fixture
def known(make_user, programme):
    """Signups in weeks one and three, two accounts waiting, four connections of the programme."""
    joined = {
        "talent": ["2026-11-02", "2026-11-04", "2026-11-18"],
        "mentor": ["2026-11-17"],
        "employer": ["2026-10-20"],  # before the period
    }
    people = {}
    for role, days in joined.items():
        for day in days:
            user = make_user(role)
            User.objects.filter(pk=user.pk).update(date_joined=at(day))
            people.setdefault(role, []).append(user)
    make_user("employer", approved=False)
    make_user("organisation", approved=False)
    User.objects.filter(date_joined__gte=at("2026-12-01")).update(date_joined=at("2026-12-01"))
    project = programme["project"]
    talents = people["talent"]

    def connect(talent, state, created, activated=None, closed=None):
        return Connection.objects.create(
            kind="talent_mentor",
            state=state,
            project=project,
            talent=talent,
            mentor=programme["mentor"],
            created_at=at(created),
            activated_at=activated and at(activated),
            closed_at=closed and at(closed),
        )

    connect(talents[0], "active", "2026-11-02", activated="2026-11-02")  # matched within a day
    connect(talents[1], "active", "2026-11-03", activated="2026-11-08")  # within a week
    connect(talents[2], "closed", "2026-10-01", activated="2026-11-20", closed="2026-11-25")  # longer
    connect(programme["talent"], "proposed", "2026-11-10")
    connect(people["employer"][0], "closed", "2026-09-01", closed="2026-10-01")  # not in the period
    return programme


def test_the_core_charts_for_known_data(admin, known):
    figures = charts(signed_in(admin).get(URL, PERIOD))
    signups = figures["core.signups"]
    assert signups["labels"] == ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]
    by_role = {item["label"]: item["data"] for item in signups["series"]}
    assert by_role["Talent"] == [2, 0, 1, 0] and by_role["Mentor"] == [0, 0, 1, 0]
    assert by_role["Employer"] == [0, 0, 0, 0]

    approvals = figures["core.approvals"]
    assert approvals["labels"] == ["Organisation accounts", "Employer accounts", "Requests to join a project"]
    assert approvals["series"][0]["data"] == [1, 1, 0]

    connections = figures["core.connections"]
    column = connections["labels"].index("Talent and mentor")
    states = {item["label"]: item["data"][column] for item in connections["series"]}
    assert states == {"Proposed": 1, "Active": 2, "Paused": 0, "Closed": 1}

    waited = figures["core.time_to_match"]
    assert waited["labels"] == ["Within a day", "Within a week", "Within four weeks", "Longer"]
    assert waited["series"][0]["data"] == [1, 1, 0, 1]


def test_each_table_and_csv_hold_the_charts_figures(admin, known):
    client = signed_in(admin)
    response = client.get(URL, PERIOD)
    page = response.content.decode()
    for key, figure in charts(response).items():
        assert f'data-figure-table="{key}"' in page
        download = client.get(URL, {**PERIOD, "format": "csv", "figure": key})
        assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
        assert f"{SINCE}-{UNTIL}.csv" in download["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(download.content.decode())))
        assert rows[0] == [figure["title"], *(item["label"] for item in figure["series"])]
        assert [row[0] for row in rows[1:]] == figure["labels"]
        for index, item in enumerate(figure["series"], start=1):
            # a suppressed cell is the text "< k" in the chart's data, the table and the CSV alike
            assert [row[index] for row in rows[1:]] == [str(value) for value in item["data"]]
    assert client.get(URL, {"format": "csv", "figure": "nope"}).status_code == 404


def test_the_project_filter(admin, known, make_user):
    project = known["project"]
    ProjectMembership.objects.filter(project=project).update(requested_at=at("2026-11-11"))
    elsewhere = create_project(
        Organisation.objects.get(staff=known["staff"]), by=known["staff"], name="Job fair"
    )
    ProjectMembership.objects.create(project=elsewhere, user=make_user("talent"))
    figures = charts(signed_in(admin).get(URL, {**PERIOD, "project": project.pk}))
    by_role = {item["label"]: item["data"] for item in figures["core.signups"]["series"]}
    assert by_role["Talent"] == [0, 1, 0, 0] and by_role["Mentor"] == [0, 1, 0, 0]
    assert figures["core.approvals"]["labels"] == ["Requests to join a project"]
    assert figures["core.approvals"]["series"][0]["data"] == [0]
    assert sum(figures["core.connections"]["series"][1]["data"]) == 2  # active, in this project
    empty = charts(signed_in(admin).get(URL, {**PERIOD, "project": elsewhere.pk}))
    assert sum(sum(item["data"]) for item in empty["core.connections"]["series"]) == 0


@pytest.mark.parametrize(
    "query",
    [
        {"since": "2026-02-30"},
        {"until": "yesterday"},
        {"since": "2026-12-01", "until": "2026-11-01"},
        {"since": "2020-01-01", "until": "2026-01-01"},
        {"project": "999999"},
        {"project": "abc"},
    ],
)
def test_bad_input_is_a_form_error_never_a_crash(admin, query):
    client = signed_in(admin)
    response = client.get(URL, query)
    assert response.status_code == 200
    assert "data-helix-form-errors" in response.content.decode()
    assert charts(response) == {}
    assert client.get(URL, {**query, "format": "csv", "figure": "core.signups"}).status_code == 400


def test_the_same_number_of_queries_for_few_and_many_rows(admin, programme, make_user):
    client = signed_in(admin)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    count()  # the first request of a session fills caches
    few = count()
    for n in range(12):
        talent = make_user("talent" if n % 2 else "mentor")
        ProjectMembership.objects.create(project=programme["project"], user=talent)
        Connection.objects.create(
            kind="talent_mentor",
            project=programme["project"],
            talent=talent,
            state="active",
            activated_at=timezone.now(),
        )
    assert count() == few


def test_only_for_those_who_may_see_it(make_user):
    assert signed_in(make_user("talent")).get(URL).status_code == 403
    no_second_factor = signed_in(make_user("admin", mfa=False)).get(URL)
    assert no_second_factor.status_code == 302 and "/2fa/" in no_second_factor["Location"]


def test_organisation_staff_see_only_their_projects(known, make_user):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    staff = known["staff"]
    TOTP.activate(staff, generate_totp_secret())  # staff enter the admin with a second factor
    other_staff = make_user("organisation")
    theirs = create_project(
        Organisation.objects.get(staff=other_staff), by=other_staff, name="Harbour job fair"
    )
    Connection.objects.create(
        kind="talent_mentor",
        project=theirs,
        talent=make_user("talent"),
        state="active",
        created_at=at("2026-11-05"),
        activated_at=at("2026-11-05"),
    )
    client = signed_in(staff)
    response = client.get(URL, PERIOD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mentoring to work" in page and "Harbour job fair" not in page
    assert "Helix" not in page.split("<select")[1][:500]
    figures = charts(response)
    assert "Organisation accounts" not in figures["core.approvals"]["labels"]
    assert sum(figures["core.connections"]["series"][1]["data"]) == 2  # not the other project's
    refused = client.get(URL, {**PERIOD, "project": theirs.pk})
    assert refused.status_code == 200 and charts(refused) == {}
    default = client.get(URL, {**PERIOD, "project": Project.default().pk})
    assert charts(default) == {}


def test_in_arabic_right_to_left(admin, known):
    client = signed_in(admin)
    User.objects.filter(pk=admin.pk).update(preferred_language="ar")
    response = client.get(URL, PERIOD, HTTP_ACCEPT_LANGUAGE="ar")
    assert 'dir="rtl"' in response.content.decode()


def test_the_chart_library_is_served_by_helix_itself(admin):
    response = signed_in(admin).get(URL)
    page = response.content.decode()
    assert '<script src="/static/dashboard/vendor/chart.umd.js"' in page
    assert '<script src="http' not in page and "<script src='http" not in page and "//cdn" not in page
    assert finders.find("dashboard/vendor/chart.umd.js") and finders.find("dashboard/dashboard.js")
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in script_src and "http" not in script_src


def test_the_panel_on_the_admin_home(admin, known):
    page = signed_in(admin).get("/admin/").content.decode()
    assert "data-helix-dashboard-panel" in page and 'data-helix-waiting="2"' in page
    assert '"/admin/dashboard/"' in page  # the menu item


def test_with_many_projects_the_project_is_typed_by_its_short_name(known, make_user, monkeypatch):
    """Thousands of projects would make the filter a list of megabytes: beyond the limit it is
    a text box that takes the project's slug."""
    from cms.dashboard import forms

    monkeypatch.setattr(forms, "CHOICES_LIMIT", 1)
    admin = make_user("admin", mfa=True)
    project = known["project"]
    page = signed_in(admin).get(URL, {**PERIOD, "project": project.slug}).content.decode()
    assert '<select name="project"' not in page and f'value="{project.slug}"' in page
    assert charts(signed_in(admin).get(URL, {**PERIOD, "project": project.slug}))
    unknown = signed_in(admin).get(URL, {**PERIOD, "project": "no-such-project"})
    assert unknown.status_code == 200 and "data-helix-form-errors" in unknown.content.decode()
    assert charts(unknown) == {}
