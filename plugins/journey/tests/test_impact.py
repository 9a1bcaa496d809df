"""Programme figures: a small project whose figures reveal nobody, a fixed number of queries,
who may ask ``GET /api/v1/impact/``, bad input, and the dashboard's charts and CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.organisations.models import ProjectMembership
from plugins.journey import impact
from plugins.journey.models import Outcome, StepStatus

URL = "/api/v1/impact/"
K = 5


def period():
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    since = datetime.combine(today - timedelta(days=365), time.min, tzinfo=zone)
    return since, datetime.combine(today + timedelta(days=1), time.min, tzinfo=zone)


def add_talents(project, make_user, n, *, steps, done, outcome=None):
    """``n`` talents, active members of ``project``, each with ``done`` of the ``steps`` marked
    done and an ``outcome`` (kind) today."""
    talents = []
    for _index in range(n):
        talent = make_user("talent")
        ProjectMembership.objects.create(
            project=project, user=talent, status=ProjectMembership.Status.ACTIVE,
            decided_at=timezone.now() - timedelta(days=40),
        )
        for key in steps[:done]:
            StepStatus.objects.create(talent=talent, step_key=key, status=StepStatus.Status.DONE)
        if outcome:
            Outcome.objects.create(talent=talent, kind=outcome, date=timezone.localdate())
        talents.append(talent)
    return talents


@pytest.fixture
def steps(roadmap):
    from cms.pages.models import RoadmapStepPage

    return list(
        RoadmapStepPage.objects.filter(locale__language_code="en")
        .order_by("step_number")
        .values_list("translation_key", flat=True)
    )


@pytest.fixture
def small(programme, make_user, steps):
    """Seven talents: the programme's one and six more; five found a job, one started a
    company (the only one), one has nothing yet. Four finished step 1, three are working on it."""
    project = programme["project"]
    ProjectMembership.objects.filter(project=project).update(decided_at=timezone.now() - timedelta(days=40))
    talents = [programme["talent"], *add_talents(project, make_user, 6, steps=steps, done=0)]
    for talent in talents[:5]:
        Outcome.objects.create(talent=talent, kind=Outcome.Kind.JOB, date=timezone.localdate())
    Outcome.objects.create(talent=talents[5], kind=Outcome.Kind.START_UP, date=timezone.localdate())
    for index, talent in enumerate(talents):
        status = StepStatus.Status.DONE if index < 4 else StepStatus.Status.WORKING_ON_IT
        StepStatus.objects.create(talent=talent, step_key=steps[0], status=status)
    return {**programme, "talents": talents}


def groups(figure):
    """The groups a suppressed cell must hide in: each series, and each label across series."""
    table = figure["series"]
    found = [[(s, i) for i in range(len(item["cells"]))] for s, item in enumerate(table)]
    if len(table) > 1:
        found += [[(s, i) for s in range(len(table))] for i in range(len(figure["labels"]))]
    return found


def assert_reveals_nobody(raw: dict, published: dict, k: int = K):
    for s, item in enumerate(published["series"]):
        for i, cell in enumerate(item["cells"]):
            true = raw["series"][s]["data"][i]
            if cell["suppressed"]:
                assert cell["value"] is None
            else:
                assert cell["value"] == true
                assert true == 0 or true >= k, f"{raw['key']}: a published cell of {true}"
        assert item["published_total"] == sum(c["value"] for c in item["cells"] if not c["suppressed"])
    for group in groups(published):
        hidden = [(s, i) for s, i in group if published["series"][s]["cells"][i]["suppressed"]]
        if not hidden or len(hidden) == len(group):
            continue  # nothing hidden, or nothing published (a group of fewer than k in all)
        # what "a true total minus the published cells" gives: never one small cell
        rest = sum(raw["series"][s]["data"][i] for s, i in hidden)
        assert len(hidden) >= 2 or len(group) == 1, f"{raw['key']}: one suppressed cell in a group"
        assert rest == 0 or rest >= k, f"{raw['key']}: the total minus the published cells is {rest}"


def test_a_small_project_reveals_nobody(small):
    since, until = period()
    raws = impact.raw_figures([small["project"]], since, until)
    published = impact.figures([small["project"]], since, until)
    for raw, figure in zip(raws, published, strict=True):
        assert_reveals_nobody(raw, figure)
    by_key = {figure["key"]: figure for figure in published}
    outcomes = by_key["journey.outcomes"]["series"][0]["cells"]
    labels = [str(label) for label in by_key["journey.outcomes"]["labels"]]
    start_up = outcomes[labels.index("Start-up")]
    job = outcomes[labels.index("Job")]
    assert start_up == {"value": None, "suppressed": True}  # the one start-up
    assert job == {"value": None, "suppressed": True}  # complementary: 6 talents − 5 jobs = 1
    progress = by_key["journey.progress"]
    assert [c["suppressed"] for c in progress["series"][0]["cells"]][0]  # 4 done: fewer than 5
    assert [c["suppressed"] for c in progress["series"][1]["cells"]][0]  # 3 working on it
    reach = {str(label): cell for label, cell in zip(
        by_key["journey.reach"]["labels"], by_key["journey.reach"]["series"][0]["cells"], strict=True)}
    assert reach["Talent"] == {"value": None, "suppressed": True}  # 7 talents, but 1 mentor
    assert reach["Mentor"]["suppressed"]


@pytest.mark.parametrize("k", [2, 3, 5, 10])
def test_suppression_holds_for_any_k(k):
    tables = [
        [[1, 0, 0]], [[3, 10, 20]], [[6, 0, 7]], [[3, 2, 0]], [[3, 10], [12, 15]], [[9, 1], [1, 9], [4, 4]]
    ]
    for table in tables:
        raw = {"key": "t", "labels": [str(i) for i in range(len(table[0]))],
               "series": [{"label": str(s), "data": row} for s, row in enumerate(table)]}
        assert_reveals_nobody(raw, impact.suppress(raw, k), k)


def test_a_fixed_number_of_queries(programme, make_user, steps):
    since, until = period()
    project = programme["project"]
    add_talents(project, make_user, 2, steps=steps, done=1, outcome=Outcome.Kind.JOB)
    impact.figures([project], since, until)  # the project's plugin switches are cached
    with CaptureQueriesContext(connection) as few:
        impact.figures([project], since, until)
    add_talents(project, make_user, 15, steps=steps, done=2, outcome=Outcome.Kind.STUDY)
    with CaptureQueriesContext(connection) as many:
        found = impact.figures([project], since, until)
    # journey 7, the core's demographics 4, mentoring 4, posts 2
    assert len(few) == len(many) <= 17, [q["sql"][:80] for q in many.captured_queries]
    progress = next(f for f in found if f["key"] == "journey.progress")
    assert progress["series"][0]["cells"][0] == {"value": 17, "suppressed": False}


def test_time_to_outcome_buckets(programme, make_user, steps):
    since, until = period()
    project = programme["project"]
    talents = add_talents(project, make_user, 6, steps=steps, done=0)
    ProjectMembership.objects.filter(user__in=talents).update(decided_at=timezone.now() - timedelta(days=200))
    for talent in talents:
        Outcome.objects.create(talent=talent, kind=Outcome.Kind.JOB, date=timezone.localdate())
        earlier = timezone.localdate() - timedelta(days=1)
        Outcome.objects.create(talent=talent, kind=Outcome.Kind.STUDY, date=earlier)
    raw = impact.time_to_outcome([project], since, until)
    assert raw["series"][0]["data"] == [0, 0, 6, 0]  # first outcome 199 days after joining


# --- the API --------------------------------------------------------------------------------


def test_staff_read_their_projects_figures_without_anyone_identified(small, client_for):
    answer = client_for(small["staff"]).get(URL, {"project": small["project"].slug})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["min_cell"] == K and body["project"] == small["project"].slug
    keys = {f["key"] for f in body["figures"]}
    # The journey's own, and the core's (who is reached, with the "demographics" consent).
    assert set(impact.FIGURE_KEYS) | {"core.nationalities", "core.first_languages", "core.gender"} <= keys
    text = answer.content.decode()
    for person in [*small["talents"], small["mentor"], small["staff"]]:
        assert person.email not in text and str(person.public_id) not in text
    assert "Amal" not in text and "Pieter" not in text  # the programme's talent and mentor
    for figure in body["figures"]:
        for item in figure["series"]:
            for cell in item["cells"]:
                assert cell["suppressed"] == (cell["value"] is None)
                assert cell["value"] in (None, 0) or cell["value"] >= K


def test_an_admin_reads_every_project(small, make_user, client_for):
    answer = client_for(make_user("admin", mfa=True)).get(URL)
    assert answer.status_code == 200 and answer.json()["project"] is None


@pytest.mark.parametrize(
    "query",
    [
        {"from": "yesterday"},
        {"to": "2026-13-01"},
        {"from": "2026-10-01", "to": "2026-09-01"},
        {"from": "2020-01-01", "to": "2026-01-01"},
        {"project": "no-such-project"},
    ],
)
def test_bad_input_is_400_in_the_one_error_shape(small, client_for, query):
    answer = client_for(small["staff"]).get(URL, query)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_parameter"


def test_another_organisations_project_is_like_an_unknown_one(small, make_user, client_for):
    outsider = make_user("organisation")
    answer = client_for(outsider).get(URL, {"project": small["project"].slug})
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "invalid_parameter"


@pytest.mark.parametrize("role", ["talent", "mentor", "employer"])
def test_other_roles_are_refused(small, make_user, client_for, role):
    answer = client_for(make_user(role)).get(URL, {"project": small["project"].slug})
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "capability_missing"


# --- the dashboard --------------------------------------------------------------------------


def test_the_dashboard_shows_suppressed_cells_and_their_csv(small):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(small["staff"], generate_totp_secret())  # staff enter the admin with a second factor
    client = Client()
    client.force_login(small["staff"])
    today = timezone.localdate()
    query = {"project": small["project"].pk, "since": str(today - timedelta(days=30)), "until": str(today)}
    page = client.get("/admin/dashboard/", query)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-figure-table="journey.outcomes"' in text and "&lt; 5" in text
    download = client.get("/admin/dashboard/", {**query, "format": "csv", "figure": "journey.outcomes"})
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    cells = {row[0]: row[1] for row in rows[1:]}
    assert cells["Start-up"] == "< 5" and cells["Job"] == "< 5" and cells["Study"] == "0"
    for person in small["talents"]:
        assert person.email not in download.content.decode()
