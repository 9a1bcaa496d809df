"""The mentoring-quality self-assessment: staff of an organisation fill it in and see their
history side by side, export it as CSV; another organisation's screens answer 404; talents and
mentors are refused; Arabic renders right to left; the history takes the same number of queries
for few or many assessments; GDPR export and erasure cover who filled an assessment in."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.audit.models import AuditEntry
from cms.errors import CapabilityMissing
from cms.organisations.models import Organisation
from plugins.journey import actions, self_assessment
from plugins.journey.models import Assessment, Framework
from plugins.journey.seed_framework import DIMENSIONS, seed_framework

pytestmark = pytest.mark.django_db

INDEX = "/admin/self-assessment/"


def signed_in(user, language: str | None = None) -> Client:
    client = Client(**({"HTTP_ACCEPT_LANGUAGE": language} if language else {}))
    client.force_login(user)
    return client


@pytest.fixture
def framework():
    seed_framework()
    return self_assessment.frameworks().get()


@pytest.fixture
def ours(make_user):
    staff = make_user("organisation", mfa=True, preferred_language="en")
    organisation = Organisation.objects.get(staff=staff)
    Organisation.objects.filter(pk=organisation.pk).update(name="Bridge to Work")
    organisation.refresh_from_db()
    return {"staff": staff, "organisation": organisation}


def urls(organisation, framework) -> dict[str, str]:
    base = f"{INDEX}{organisation.pk}/{framework.pk}/"
    return {"history": base, "new": f"{base}new/", "export": f"{base}export/"}


def form_data(framework, scores: dict[int, int], notes: str = "") -> dict[str, str]:
    data = {}
    for n, block in enumerate(framework.dimensions):
        data[f"score_{block.id}"] = str(scores.get(n, ""))
        data[f"notes_{block.id}"] = notes if n in scores else ""
        data[f"actions_{block.id}"] = "Train two more mentors." if n == 0 else ""
    return data


def test_the_seeded_framework_has_the_same_dimensions_in_three_languages(framework):
    rows = Framework.objects.filter(translation_key=framework.translation_key)
    assert {row.locale.language_code for row in rows} == {"en", "nl", "ar"}
    ids = {row.locale.language_code: [b.id for b in row.dimensions] for row in rows}
    assert len(ids["en"]) == len(DIMENSIONS) and ids["en"] == ids["nl"] == ids["ar"]
    assert "MeMoRe" in framework.introduction and "handbook" in framework.introduction


def test_staff_fill_in_an_assessment_and_see_the_history(ours, framework):
    client = signed_in(ours["staff"])
    page = client.get(INDEX).content.decode()
    assert "Bridge to Work" in page and framework.title in page
    links = urls(ours["organisation"], framework)
    form = client.get(links["new"]).content.decode()
    first = framework.dimensions[0].value
    assert first["title"] in form and first["explanation"] in form and first["questions"][0] in form

    answer = client.post(links["new"], form_data(framework, {0: 2, 1: 3}, notes="Only one workshop a year."))
    assert answer.status_code == 302 and answer["Location"] == links["history"]
    assessment = Assessment.objects.get()
    assert assessment.organisation == ours["organisation"] and assessment.created_by == ours["staff"]
    assert AuditEntry.objects.filter(action="journey.self_assessment_saved", actor=ours["staff"]).exists()
    client.post(links["new"], form_data(framework, {0: 4}))

    history = client.get(links["history"]).content.decode()
    assert history.count("data-helix-date") == 2
    assert "Only one workshop a year." in history and "Train two more mentors." in history


def test_an_empty_form_is_refused(ours, framework):
    client = signed_in(ours["staff"])
    answer = client.post(urls(ours["organisation"], framework)["new"], {})
    assert answer.status_code == 200 and not Assessment.objects.exists()


def test_csv_export(ours, framework):
    actions.save_assessment(
        ours["organisation"],
        framework,
        by=ours["staff"],
        answers={
            str(framework.dimensions[0].id): {"score": 3, "notes": "Good, but", "actions_planned": "More"}
        },
    )
    answer = signed_in(ours["staff"]).get(urls(ours["organisation"], framework)["export"])
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    assert "attachment" in answer["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[0] == ["Organisation", "Framework", "Date", "Dimension", "Score", "Notes", "Actions planned"]
    assert len(rows) == 1 + len(DIMENSIONS)
    assert rows[1][0] == "Bridge to Work" and rows[1][3] == "Preparing mentors"
    assert rows[1][4:] == ["3", "Good, but", "More"]
    assert ours["staff"].email not in answer.content.decode()


def test_another_organisation_gets_404(ours, framework, make_user):
    other = make_user("organisation", mfa=True)
    client = signed_in(other)
    for url in urls(ours["organisation"], framework).values():
        assert client.get(url).status_code == 404, url
    posted = client.post(urls(ours["organisation"], framework)["new"], form_data(framework, {0: 1}))
    assert posted.status_code == 404
    assert "Bridge to Work" not in client.get(INDEX).content.decode()
    assert not Assessment.objects.exists()


def test_an_admin_sees_every_organisation(ours, framework, make_user):
    admin = make_user("admin", mfa=True)
    client = signed_in(admin)
    assert "Bridge to Work" in client.get(INDEX).content.decode()
    assert client.get(urls(ours["organisation"], framework)["history"]).status_code == 200


@pytest.mark.parametrize("role", ["talent", "mentor", "employer"])
def test_talents_mentors_and_employers_are_refused(role, ours, framework, make_user):
    client = signed_in(make_user(role))
    for url in (INDEX, *urls(ours["organisation"], framework).values()):
        answer = client.get(url)
        assert answer.status_code in (302, 403) and answer.get("Location", "") in ("", "/admin/"), url
    with pytest.raises(CapabilityMissing):
        actions.save_assessment(ours["organisation"], framework, by=make_user(role), answers={})


def test_arabic_pages_render_right_to_left_with_the_arabic_framework(ours, framework):
    ours["staff"].__class__.objects.filter(pk=ours["staff"].pk).update(preferred_language="ar")
    client = signed_in(ours["staff"], language="ar")
    links = urls(ours["organisation"], framework)
    for url in (INDEX, links["history"], links["new"]):
        page = client.get(url).content.decode()
        assert 'dir="rtl"' in page, url
    assert DIMENSIONS[0]["title"]["ar"] in client.get(links["new"]).content.decode()


def test_the_history_takes_the_same_queries_for_few_or_many(ours, framework):
    client = signed_in(ours["staff"])
    url = urls(ours["organisation"], framework)["history"]
    answers = {str(b.id): {"score": 2, "notes": "n", "actions_planned": "a"} for b in framework.dimensions}

    def count() -> int:
        client.get(url)  # warm caches (session, locale)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    actions.save_assessment(ours["organisation"], framework, by=ours["staff"], answers=answers)
    few = count()
    for _ in range(12):
        actions.save_assessment(ours["organisation"], framework, by=ours["staff"], answers=answers)
    assert count() == few


def test_gdpr_export_and_erasure_cover_who_filled_it_in(ours, framework):
    from plugins.journey.hooks import erase_user_data, export_user_data

    assessment = actions.save_assessment(
        ours["organisation"],
        framework,
        by=ours["staff"],
        answers={str(framework.dimensions[0].id): {"score": 1}},
    )
    exported = export_user_data(ours["staff"])["journey.assessment"]
    assert exported == [
        {
            "id": str(assessment.public_id),
            "organisation": "Bridge to Work",
            "framework": framework.title,
            "created_at": assessment.created_at,
        }
    ]
    assert "journey.assessment" in erase_user_data(ours["staff"])
    assessment.refresh_from_db()
    assert assessment.created_by is None and assessment.scores.get().score == 1
