"""GDPR: the export holds every journey row of the person; erasure leaves nothing of them."""

from __future__ import annotations

from django.utils import timezone

from cms.gdpr import export_user, models_referring_to_users
from plugins.journey import actions
from plugins.journey.hooks import MODELS, NOT_PERSONAL
from plugins.journey.models import ChecklistTick, Outcome, OutcomeReminder, StepNote, StepStatus

VDAB = "11111111-1111-4111-8111-111111111111"


def test_every_model_of_the_plugin_is_covered():
    from django.apps import apps

    ours = {model._meta.label_lower for model in apps.get_app_config("journey").get_models()}
    assert ours == set(MODELS) | set(NOT_PERSONAL)
    referring = {m._meta.label_lower for m in models_referring_to_users() if m._meta.app_label == "journey"}
    assert referring <= set(MODELS)


def fill(people, consent):
    talent, mentor = people["talent"], people["mentor"]
    actions.set_step_status(talent, 1, "working_on_it")
    actions.tick_item(talent, VDAB)
    actions.add_note(talent, 1, by=mentor, body="Call VDAB on Monday.")
    consent(talent, "outcome_recording")
    actions.record_outcome(talent, by=mentor, kind="job", date=timezone.localdate(), sector="ict", level="at")
    actions.record_outcome(talent, by=talent, kind="volunteering", date=timezone.localdate())
    OutcomeReminder.objects.create(talent=talent, sent_at=timezone.now())


def test_the_export_holds_the_talents_journey(people, consent, client_for):
    fill(people, consent)
    data = client_for(people["talent"]).get("/api/v1/me/export/").json()["data"]
    assert set(MODELS) <= set(data)
    assert data["journey.stepstatus"][0]["status"] == "working_on_it"
    assert data["journey.checklisttick"][0]["item_id"] == VDAB
    assert data["journey.stepnote"][0]["body"] == "Call VDAB on Monday."
    assert {o["kind"] for o in data["journey.outcome"]} == {"job", "volunteering"}
    assert len(data["journey.outcomereminder"]) == 1


def test_the_mentor_export_holds_what_they_wrote_without_the_talent(people, consent):
    fill(people, consent)
    data = export_user(people["mentor"])["data"]
    assert data["journey.stepnote"][0]["direction"] == "written"
    assert [o["direction"] for o in data["journey.outcome"]] == ["recorded_for_someone"]
    journey = {label: rows for label, rows in data.items() if label.startswith("journey.")}
    assert "Amal" not in str(journey) and data["journey.stepstatus"] == []


def test_erasing_the_talent_removes_their_whole_journey(people, consent):
    from cms.accounts.actions import erase_account

    fill(people, consent)
    other = people["other_talent"]
    actions.set_step_status(other, 6, "done")
    erase_account(people["talent"])
    assert list(StepStatus.objects.values_list("talent", flat=True)) == [other.pk]
    for model in (ChecklistTick, StepNote, Outcome, OutcomeReminder):
        assert not model.objects.exists(), model
    data = export_user(people["talent"])["data"]
    assert all(data[label] == [] for label in MODELS)


def test_erasing_the_mentor_removes_their_notes_and_keeps_the_talents_outcomes(people, consent):
    from cms.accounts.actions import erase_account

    fill(people, consent)
    erase_account(people["mentor"])
    assert not StepNote.objects.exists()
    assert Outcome.objects.filter(talent=people["talent"]).count() == 2
    assert not Outcome.objects.filter(recorded_by=people["mentor"]).exists()
