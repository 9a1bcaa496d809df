"""Outcomes: the talent records them; with the talent's consent, their organisation's staff or
mentor do too; the reminders ask once a quarter, with consent only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from plugins.journey.models import Outcome, OutcomeReminder

MINE = "/api/v1/journey/outcomes/"
JOB = {"kind": "job", "date": "2026-10-01", "sector": "ict", "contract": "permanent", "level": "at"}


def test_the_talent_records_changes_and_removes_an_outcome(people, client_for):
    client = client_for(people["talent"])
    answer = client.post(MINE, JOB, format="json")
    assert answer.status_code == 201, answer.content
    outcome = answer.json()
    assert outcome["sector"] == "ict" and outcome["recorded_by_talent"] is True
    changed = client.patch(f"{MINE}{outcome['id']}/", {"kind": "study"}, format="json").json()
    assert changed["kind"] == "study" and changed["sector"] == "" and changed["level"] == ""
    assert client.get(MINE).json()["results"][0]["id"] == outcome["id"]
    assert client.delete(f"{MINE}{outcome['id']}/").status_code == 204
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [({"date": "2999-01-01"}, "date"), ({"sector": "astrology"}, "sector"), ({"level": "sideways"}, "level")],
)
def test_a_wrong_outcome_is_refused(people, client_for, change, field):
    answer = client_for(people["talent"]).post(MINE, {**JOB, **change}, format="json")
    assert answer.status_code == 400 and field in answer.json()["error"]["fields"]


def test_another_talents_outcome_is_not_found(people, client_for):
    from plugins.journey import actions

    theirs = actions.record_outcome(
        people["other_talent"], by=people["other_talent"], kind="study", date=timezone.localdate()
    )
    assert client_for(people["talent"]).get(f"{MINE}{theirs.public_id}/").status_code == 404


def others(talent):
    return f"/api/v1/journey/talents/{talent.public_id}/outcomes/"


def test_the_mentor_records_an_outcome_only_with_the_talents_consent(people, client_for, consent):
    from cms.accounts.actions import withdraw_consent

    talent, client = people["talent"], client_for(people["mentor"])
    refused = client.post(others(talent), JOB, format="json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "consent_required"
    consent(talent, "outcome_recording")
    answer = client.post(others(talent), JOB, format="json")
    assert answer.status_code == 201 and answer.json()["recorded_by_talent"] is False
    assert len(client.get(others(talent)).json()) == 1
    assert len(client_for(talent).get(MINE).json()["results"]) == 1
    withdraw_consent(talent, "outcome_recording")
    assert client.get(others(talent)).status_code == 403


def test_the_talents_organisation_records_with_consent(people, client_for, consent):
    from cms.organisations.actions import create_project
    from cms.organisations.models import Organisation, ProjectMembership

    staff, talent = people["organisation"], people["talent"]
    assert client_for(staff).get(others(talent)).status_code == 404
    project = create_project(Organisation.objects.get(staff=staff), by=staff, name="Work first")
    ProjectMembership.objects.create(project=project, user=talent, status=ProjectMembership.Status.ACTIVE)
    consent(talent, "outcome_recording")
    assert (
        client_for(staff)
        .post(others(talent), {"kind": "internship", "date": "2026-09-01"}, format="json")
        .status_code
        == 201
    )


@pytest.mark.parametrize("who", ["other_mentor", "employer", "other_talent"])
def test_strangers_never_see_outcomes(people, client_for, consent, who):
    consent(people["talent"], "outcome_recording")
    assert client_for(people[who]).get(others(people["talent"])).status_code == 404


def _granted_long_ago(talent, purpose, days=100):
    from cms.accounts.models import Consent

    Consent.objects.filter(user=talent, purpose=purpose).update(
        granted_at=timezone.now() - timedelta(days=days)
    )


def test_reminders_go_once_a_quarter_and_only_with_consent(people, consent, sent):
    from cms.organisations.models import Project
    from plugins.journey.actions import send_outcome_reminders

    talent, projects = people["talent"], Project.objects.filter(pk=Project.default().pk)
    assert send_outcome_reminders(projects) == 0
    consent(talent, "outcome_reminders")
    assert send_outcome_reminders(projects) == 0  # not before a quarter has passed
    _granted_long_ago(talent, "outcome_reminders")
    assert send_outcome_reminders(projects) == 1
    assert send_outcome_reminders(projects) == 0  # once
    (mail,) = [m for m in sent() if m.subject == "هل تغيّر شيء في طريقك إلى العمل؟"]
    assert mail.to == [talent.email]
    OutcomeReminder.objects.update(sent_at=timezone.now() - timedelta(days=92))
    assert send_outcome_reminders(projects) == 1


def test_the_periodic_job_is_declared_and_checks_the_project(people, consent):
    from cms.organisations.actions import set_plugin_activation
    from cms.organisations.models import Project
    from plugins.journey import tasks

    consent(people["talent"], "outcome_reminders")
    _granted_long_ago(people["talent"], "outcome_reminders")
    set_plugin_activation(Project.default(), "journey", enabled=False)
    tasks.send_outcome_reminders.fn()
    assert not OutcomeReminder.objects.exists()
    set_plugin_activation(Project.default(), "journey", enabled=True)
    tasks.send_outcome_reminders.fn()
    assert OutcomeReminder.objects.count() == 1
