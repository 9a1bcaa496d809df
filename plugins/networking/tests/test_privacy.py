"""GDPR: the export holds the whole plan and the comments; erasure leaves nothing personal."""

from __future__ import annotations

from cms.gdpr import export_user, models_referring_to_users
from plugins.networking import actions
from plugins.networking.hooks import MODELS
from plugins.networking.models import (
    NetworkingPlan,
    PlanComment,
    PlanContact,
    PlanGoal,
    PlanMilestone,
    StepProgress,
)


def test_every_model_of_the_plugin_is_covered():
    from django.apps import apps

    ours = {model._meta.label_lower for model in apps.get_app_config("networking").get_models()}
    pages = {
        "networking.networkingguidepage",
        "networking.networkingsteppage",
        "networking.networkingorganiserspage",
    }
    assert ours - pages == set(MODELS)
    referring = {
        m._meta.label_lower for m in models_referring_to_users() if m._meta.app_label == "networking"
    }
    assert referring <= set(MODELS)


def test_the_export_holds_the_talents_whole_plan(people, filled_plan, client_for):
    actions.comment_on_plan(people["talent"], by=people["mentor"], body="Well done.")
    data = client_for(people["talent"]).get("/api/v1/me/export/").json()["data"]
    assert set(MODELS) <= set(data)
    assert data["networking.networkingplan"][0]["interests"] == ["Bridges"]
    assert data["networking.plangoal"][0]["description"] == "Meet three engineers"
    assert data["networking.planmilestone"][0]["title"] == "Update LinkedIn"
    assert data["networking.plancontact"][0]["organisation"] == "Flanders Construct"
    assert data["networking.stepprogress"] == [
        {"step": 1, "status": "in_progress", "updated_at": data["networking.stepprogress"][0]["updated_at"]}
    ]
    (comment,) = data["networking.plancomment"]
    assert comment["direction"] == "received" and comment["body"] == "Well done."


def test_the_mentor_export_holds_their_comments_and_nothing_else_of_the_plan(people, filled_plan):
    actions.comment_on_plan(people["talent"], by=people["mentor"], body="Well done.")
    data = export_user(people["mentor"])["data"]
    assert data["networking.plancomment"][0]["direction"] == "written"
    assert data["networking.networkingplan"] == [] and data["networking.plancontact"] == []
    assert "Lotte" not in str(data)


def test_erasing_the_talent_removes_the_plan_with_everything_in_it(people, filled_plan):
    from cms.accounts.actions import erase_account

    other = people["other_talent"]
    actions.add_contact(other, name="Kept", tie="weak")
    actions.comment_on_plan(people["talent"], by=people["mentor"], body="Well done.")
    erase_account(people["talent"])
    assert list(NetworkingPlan.objects.values_list("talent", flat=True)) == [other.pk]
    for model in (PlanGoal, PlanMilestone, StepProgress, PlanComment):
        assert not model.objects.exists(), model
    assert list(PlanContact.objects.values_list("name", flat=True)) == ["Kept"]
    data = export_user(people["talent"])["data"]
    assert all(data[label] == [] for label in MODELS)


def test_erasing_the_mentor_removes_their_comments_and_keeps_the_plan(people, filled_plan):
    from cms.accounts.actions import erase_account

    actions.comment_on_plan(people["talent"], by=people["mentor"], body="Well done.")
    erase_account(people["mentor"])
    assert not PlanComment.objects.exists()
    assert PlanGoal.objects.filter(plan__talent=people["talent"]).count() == 1
