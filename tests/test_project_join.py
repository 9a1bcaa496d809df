"""Who may join a project as a member: the capability organisations.join_project (talents,
mentors and organisation staff by default), never a role name."""

from __future__ import annotations

import pytest

from cms.accounts.models import User
from cms.capabilities.actions import set_capability
from cms.organisations.actions import JOIN_PROJECT, create_project
from cms.organisations.models import Organisation


@pytest.fixture
def other_organisation(make_user):
    """Organisation B with a member of staff, an open project and one that takes requests."""
    staff = make_user("organisation", preferred_language="en")
    organisation = Organisation.objects.get(staff=staff)
    return {
        "staff": staff,
        "open": create_project(organisation, by=staff, name="Open network", join_policy="open"),
        "approval": create_project(organisation, by=staff, name="Coaching track", join_policy="approval"),
    }


def _join(client, project, **body):
    return client.post(f"/api/v1/projects/{project.slug}/join/", body, format="json")


def test_staff_of_one_organisation_join_another_organisations_open_project(
    make_user, client_for, other_organisation
):
    staff = client_for(make_user("organisation"))
    assert JOIN_PROJECT in staff.get("/api/v1/me/").json()["capabilities"]
    project = other_organisation["open"]
    answer = _join(staff, project)
    assert answer.status_code == 201 and answer.json()["status"] == "active"
    assert staff.get(f"/api/v1/projects/{project.slug}/").json()["my_membership"] == "active"
    again = _join(staff, project)
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_member"


def test_staff_ask_to_join_and_the_running_organisation_approves(make_user, client_for, other_organisation):
    joiner = make_user("organisation")
    staff = client_for(joiner)
    project = other_organisation["approval"]
    answer = _join(staff, project, motivation="Our newcomers need coaches.")
    assert answer.status_code == 201 and answer.json()["status"] == "requested"
    runner = client_for(other_organisation["staff"])
    requests = runner.get(f"/api/v1/projects/{project.slug}/memberships/?status=requested").json()
    (waiting,) = requests["results"]
    assert waiting["motivation"] == "Our newcomers need coaches."
    approved = runner.post(f"/api/v1/projects/{project.slug}/memberships/{waiting['id']}/approve/", {},
                           format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "active"
    assert staff.get(f"/api/v1/projects/{project.slug}/").json()["my_membership"] == "active"
    # A member is not a manager: the joiner cannot decide on the project's requests.
    assert staff.get(f"/api/v1/projects/{project.slug}/memberships/").status_code == 403


def test_an_employer_is_refused_in_their_language(make_user, client_for, other_organisation):
    employer = client_for(make_user("employer", preferred_language="nl"), "nl")
    assert JOIN_PROJECT not in employer.get("/api/v1/me/").json()["capabilities"]
    answer = _join(employer, other_organisation["open"])
    assert answer.status_code == 403
    error = answer.json()["error"]
    assert error["code"] == "role_not_allowed" and error["message"] != "Your role does not allow this."


def test_an_organisation_waiting_for_approval_is_told_so(make_user, client_for, other_organisation):
    pending = client_for(make_user("organisation", approved=False))
    answer = _join(pending, other_organisation["open"])
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "account_not_approved"


def test_an_admin_takes_the_capability_from_organisation_staff(make_user, client_for, other_organisation):
    admin = make_user("admin", mfa=True)
    person = make_user("organisation")
    staff = client_for(person)
    assert set_capability(admin, "organisation", JOIN_PROJECT, False)
    assert JOIN_PROJECT not in staff.get("/api/v1/me/").json()["capabilities"]
    refused = _join(staff, other_organisation["open"])
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "role_not_allowed"
    # Talents keep it: the change is the organisation role's only.
    assert _join(client_for(make_user("talent")), other_organisation["open"]).status_code == 201
    set_capability(admin, "organisation", JOIN_PROJECT, True)
    staff = client_for(User.objects.get(pk=person.pk))  # a new request loads the account again
    assert _join(staff, other_organisation["open"]).status_code == 201
