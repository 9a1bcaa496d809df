"""Only the connected mentor (and admins) read a talent's plan; only the mentor comments on it.

Who that is, is the core's answer: a connection whose kind lets a side see the talent's
``networking_plan`` (the mentoring plugin's talent–mentor kind, for the mentor).
"""

from __future__ import annotations

import pytest

from plugins.networking.models import PlanComment


def plan_url(talent) -> str:
    return f"/api/v1/networking/plans/{talent.public_id}/"


def test_the_connected_mentor_reads_the_plan_and_comments_and_the_talent_is_emailed(
    people, filled_plan, client_for, sent
):
    talent, mentor = people["talent"], people["mentor"]
    sent().clear()
    client = client_for(mentor)
    plan = client.get(plan_url(talent))
    assert plan.status_code == 200, plan.content
    data = plan.json()
    assert data["talent"]["id"] == str(talent.public_id)
    assert data["interests"] == ["Bridges"] and data["goals"][0]["description"] == "Meet three engineers"
    assert data["contacts"][0]["name"] == "Lotte" and data["steps"][0]["status"] == "in_progress"

    comment = {"body": "  Prepare a pitch in Dutch.  "}
    answer = client.post(f"{plan_url(talent)}comments/", comment, format="json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["body"] == "Prepare a pitch in Dutch."
    assert answer.json()["author"]["id"] == str(mentor.public_id)

    (mail,) = sent()
    assert mail.to == [talent.email]
    assert mail.extra_headers["Content-Language"] == "ar"  # the talent's language
    assert "Prepare a pitch in Dutch." in mail.body

    mine = client_for(talent).get("/api/v1/networking/plan/comments/").json()
    assert [c["body"] for c in mine["results"]] == ["Prepare a pitch in Dutch."]
    assert client_for(talent).get("/api/v1/networking/plan/").json()["comments"][0]["author"]["name"] == str(
        mentor
    )


def test_a_paused_connection_still_connects(people, filled_plan, client_for):
    from cms.connections.actions import pause_connection

    pause_connection(people["connection"], by=people["admin"])
    assert client_for(people["mentor"]).get(plan_url(people["talent"])).status_code == 200


@pytest.mark.parametrize(
    "role", ["other_mentor", "employer", "other_talent", "organisation", "pending_organisation"]
)
def test_everyone_else_gets_404(people, filled_plan, client_for, role):
    client = client_for(people[role])
    assert client.get(plan_url(people["talent"])).status_code == 404
    answer = client.post(f"{plan_url(people['talent'])}comments/", {"body": "Hi"}, format="json")
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
    assert not PlanComment.objects.exists()


def test_an_employer_connected_without_the_plan_still_gets_404(
    people, filled_plan, client_for, connect_employer
):
    connect_employer()
    client = client_for(people["employer"])
    assert client.get(plan_url(people["talent"])).status_code == 404
    answer = client.post(f"{plan_url(people['talent'])}comments/", {"body": "Hi"}, format="json")
    assert answer.status_code == 404
    assert not PlanComment.objects.exists()


def test_any_kind_that_declares_the_plan_for_a_side_lets_that_side_read_and_comment(
    people, filled_plan, client_for, declare_kind
):
    from cms.connections.actions import open_connection
    from cms.connections.kinds import ConnectionKind
    from cms.organisations.models import Project

    kind = declare_kind(
        ConnectionKind(
            "networking_test_coach",
            "Talent and coach",
            sides=("talent", "employer"),
            sees={"employer": ("profile", "networking_plan")},
        )
    )
    coach = people["employer"]
    client = client_for(coach)
    assert client.get(plan_url(people["talent"])).status_code == 404
    open_connection(
        kind.id, project=Project.default(), talent=people["talent"], employer=coach, activate=True
    )
    assert client.get(plan_url(people["talent"])).status_code == 200
    answer = client.post(f"{plan_url(people['talent'])}comments/", {"body": "Well done."}, format="json")
    assert answer.status_code == 201, answer.content


def test_a_proposed_connection_does_not_open_the_plan(people, filled_plan, client_for):
    from cms.connections.actions import open_connection
    from cms.organisations.models import Project

    other_mentor = people["other_mentor"]
    open_connection("talent_mentor", project=Project.default(), talent=people["talent"], mentor=other_mentor)
    assert client_for(other_mentor).get(plan_url(people["talent"])).status_code == 404


def test_after_the_connection_closes_the_mentor_gets_404(people, filled_plan, client_for):
    from cms.connections.actions import close_connection

    client = client_for(people["mentor"])
    assert client.get(plan_url(people["talent"])).status_code == 200
    close_connection(people["connection"], by=people["admin"], reason="The programme ended.")
    assert client.get(plan_url(people["talent"])).status_code == 404
    answer = client.post(f"{plan_url(people['talent'])}comments/", {"body": "Still there?"}, format="json")
    assert answer.status_code == 404
    assert not PlanComment.objects.exists()


def test_a_mentor_whose_account_is_not_approved_gets_404(people, filled_plan, client_for):
    from cms.accounts.models import ApprovalStatus, User

    mentor = people["mentor"]
    User.objects.filter(pk=mentor.pk).update(approval_status=ApprovalStatus.PENDING)
    mentor.refresh_from_db()
    client = client_for(mentor)
    assert client.get(plan_url(people["talent"])).status_code == 404
    answer = client.post(f"{plan_url(people['talent'])}comments/", {"body": "Hi"}, format="json")
    assert answer.status_code == 404


def test_admins_read_but_do_not_comment(people, filled_plan, client_for):
    client = client_for(people["admin"])
    assert client.get(plan_url(people["talent"])).status_code == 200
    answer = client.post(f"{plan_url(people['talent'])}comments/", {"body": "Hi"}, format="json")
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "mentor_only"


def test_an_admin_without_a_second_factor_is_told_to_set_it_up(people, filled_plan, make_user, client_for):
    answer = client_for(make_user("admin")).get(plan_url(people["talent"]))
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "mfa_required"


def test_the_talent_reads_their_own_plan_here_but_does_not_comment_on_it(people, filled_plan, client_for):
    client = client_for(people["talent"])
    assert client.get(plan_url(people["talent"])).status_code == 200
    answer = client.post(f"{plan_url(people['talent'])}comments/", {"body": "Note to self"}, format="json")
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "mentor_only"


def test_unknown_ids_and_non_talents_are_404(people, client_for):
    import uuid

    client = client_for(people["admin"])
    assert client.get(f"/api/v1/networking/plans/{uuid.uuid4()}/").status_code == 404
    assert client.get(plan_url(people["mentor"])).status_code == 404
    assert client.get("/api/v1/networking/plans/not-a-uuid/").status_code == 404


def test_the_mentor_reads_an_empty_plan_without_writing_it(people, client_for):
    from plugins.networking.models import NetworkingPlan

    answer = client_for(people["mentor"]).get(plan_url(people["talent"]))
    assert answer.status_code == 200 and answer.json()["goals"] == []
    assert not NetworkingPlan.objects.exists()


@pytest.mark.parametrize("body", [{}, {"body": ""}, {"body": "   "}, {"body": "x" * 2001}])
def test_a_bad_comment_is_refused_and_nothing_is_sent(people, client_for, sent, body):
    sent().clear()
    answer = client_for(people["mentor"]).post(f"{plan_url(people['talent'])}comments/", body, format="json")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "validation_error" and "body" in answer.json()["error"]["fields"]
    assert not PlanComment.objects.exists()
    assert sent() == []


def test_unauthenticated_requests_get_401(api, people):
    assert api.get(plan_url(people["talent"])).status_code == 401
    answer = api.post(f"{plan_url(people['talent'])}comments/", {"body": "Hi"}, format="json")
    assert answer.status_code == 401
