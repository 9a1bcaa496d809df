"""Privacy: every model that refers to a user is covered by export and erasure."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from cms.accounts import actions
from cms.gdpr import export_user, models_referring_to_users
from cms.organisations.models import ProjectMembership
from cms.plugins import hooks


def test_every_model_referring_to_users_is_covered(make_user):
    user = make_user("talent")
    exported = set(export_user(user)["data"])
    erased = set()
    for result in hooks().erase_user_data(user=make_user("talent")):
        erased.update(result or [])
    uncovered = [
        model._meta.label_lower
        for model in models_referring_to_users()
        if model._meta.label_lower not in exported and model._meta.label_lower not in erased
    ]
    assert uncovered == [], f"No export_user_data/erase_user_data covers: {uncovered}"


def test_erasure_removes_personal_data_and_keeps_others_intact(make_user, client_for):
    from cms.organisations.models import Project

    talent = make_user("talent", first_name="Amal")
    other = make_user("talent", first_name="Omar")
    project = Project.default()
    ProjectMembership.objects.create(project=project, user=talent, status="active")
    ProjectMembership.objects.create(project=project, user=other, status="active")
    actions.grant_consent(talent, "newsletter")

    actions.erase_account(talent)
    talent.refresh_from_db()
    assert talent.first_name == "" and talent.email.endswith("@erased.invalid")
    assert not talent.is_active and not talent.has_usable_password()
    assert not EmailAddress.objects.filter(user=talent).exists()
    assert not ProjectMembership.objects.filter(user=talent).exists()
    assert talent.consents.count() == 0
    assert ProjectMembership.objects.filter(user=other).exists()
    assert EmailAddress.objects.filter(user=other).exists()
    data = export_user(talent)["data"]
    assert data["accounts.consent"] == [] and data["account.emailaddress"] == []


def test_export_is_only_ones_own(make_user, client_for):
    talent, other = make_user("talent"), make_user("talent")
    data = client_for(talent).get("/api/v1/me/export/").json()
    assert data["user"] == str(talent.public_id)
    assert other.email not in str(data)
