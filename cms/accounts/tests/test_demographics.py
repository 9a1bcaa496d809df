"""Nationality, first language and gender: optional, self-declared on ``/api/v1/me/``, in the
person's export, gone on erasure, and counted in the impact report's figures only for the people
who gave the ``demographics`` consent, never naming a rare nationality."""

from __future__ import annotations

import pytest
from django.utils import translation

from cms.accounts import actions
from cms.accounts.demographics import figures
from cms.accounts.models import Consent
from cms.organisations.models import Project, ProjectMembership

pytestmark = pytest.mark.django_db
K = 5


def by_label(figure) -> dict[str, int]:
    values = figure["series"][0]["data"]
    return {str(label): value for label, value in zip(figure["labels"], values, strict=True)}


def test_a_talent_declares_and_clears_them(make_user, client_for):
    talent = make_user("talent")
    client = client_for(talent)
    answer = client.patch(
        "/api/v1/me/", {"nationality": "SY", "first_language": "ar", "gender": "woman"}, format="json"
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["nationality"], body["first_language"], body["gender"]) == ("SY", "ar", "woman")
    answer = client.patch("/api/v1/me/", {"nationality": "", "gender": "prefer_not_to_say"}, format="json")
    assert answer.json()["nationality"] == "" and answer.json()["gender"] == "prefer_not_to_say"


@pytest.mark.parametrize(
    "body, field",
    [({"nationality": "XX"}, "nationality"), ({"first_language": "Arabic!"}, "first_language"),
     ({"gender": "unknown"}, "gender")],
)
def test_bad_values_are_a_400_naming_the_field_in_the_users_language(make_user, client_for, body, field):
    talent = make_user("talent", nationality="SY")
    answer = client_for(talent, language="nl").patch("/api/v1/me/", body, format="json")
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "validation_error" and field in error["fields"]
    talent.refresh_from_db()
    assert talent.nationality == "SY"  # nothing half-written


def test_export_has_them_and_erasure_removes_them(make_user):
    from cms.gdpr import export_user

    talent = make_user("talent", nationality="ER", first_language="ti", gender="man")
    exported = export_user(talent)["data"]["accounts.user"]
    assert (exported["nationality"], exported["first_language"], exported["gender"]) == ("ER", "ti", "man")
    actions.erase_account(talent)
    talent.refresh_from_db()
    assert (talent.nationality, talent.first_language, talent.gender) == ("", "", "")


@pytest.fixture
def project(db):
    return Project.objects.create(name="Demographics", slug="demographics")


def member(project, make_user, consent: bool, **fields):
    talent = make_user("talent", **fields)
    ProjectMembership.objects.create(project=project, user=talent, status=ProjectMembership.Status.ACTIVE)
    if consent:
        actions.grant_consent(talent, Consent.Purpose.DEMOGRAPHICS)
    return talent


def test_only_consenting_people_are_counted_and_rare_nationalities_are_not_named(project, make_user):
    for _index in range(6):
        member(project, make_user, True, nationality="SY", first_language="ar", gender="woman")
    member(project, make_user, True, nationality="IS", first_language="is", gender="man")  # the only one
    for _index in range(3):  # declared, but no consent: "Not shared"
        member(project, make_user, False, nationality="AF", first_language="fa", gender="man")
    withdrawn = member(project, make_user, True, nationality="UA", first_language="uk", gender="woman")
    actions.withdraw_consent(withdrawn, Consent.Purpose.DEMOGRAPHICS)

    with translation.override("en"):  # the labels are lazy: read them in the language asked for
        nationalities, languages, gender = figures([project], K)
        assert by_label(nationalities) == {"Syria": 6, "Other nationalities": 1, "Not shared": 4}
        named = [str(label) for label in nationalities["labels"]]
        assert "Iceland" not in named and "Afghanistan" not in named
        assert by_label(languages)["Arabic"] == 6 and by_label(languages)["Not shared"] == 4
        assert "Icelandic" not in by_label(languages) and "Persian" not in by_label(languages)
        counted = by_label(gender)
        assert counted["Woman"] == 6 and counted["Man"] == 1 and counted["Not shared"] == 4
    with translation.override("ar"):
        assert "سوريا" in [str(label) for label in figures([project], K)[0]["labels"]]


def test_the_report_suppresses_what_would_reveal_one_person(project, make_user, client_for):
    """Through the API: the one consenting man is never published, nor what would give him away."""
    from cms.organisations.models import Organisation

    organisation = Organisation.objects.create(name="Helpers", slug="helpers", status="approved")
    project.organisation = organisation
    project.save()
    staff = make_user("organisation")
    organisation.staff.add(staff)
    for _index in range(6):
        member(project, make_user, True, gender="woman", nationality="SY")
    member(project, make_user, True, gender="man", nationality="SY")
    answer = client_for(staff).get("/api/v1/impact/", {"project": project.slug})
    assert answer.status_code == 200, answer.content
    gender = next(f for f in answer.json()["figures"] if f["key"] == "core.gender")
    cells = dict(zip(gender["labels"], gender["series"][0]["cells"], strict=True))
    assert cells["Man"]["suppressed"]
    hidden = [label for label, cell in cells.items() if cell["suppressed"]]
    assert len(hidden) >= 2  # "Man" and at least one more, so 7 − published ≠ 1
    nationalities = next(f for f in answer.json()["figures"] if f["key"] == "core.nationalities")
    assert dict(zip(nationalities["labels"], nationalities["series"][0]["cells"], strict=True))["Syria"] == {
        "value": 7,
        "suppressed": False,
    }
