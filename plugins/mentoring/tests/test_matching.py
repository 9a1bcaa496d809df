"""Matching: who matches whom, capacity, requests, suggestions, access granted and revoked, feedback."""

from __future__ import annotations

import pytest

from cms.connections.models import Connection as Match
from cms.connections.selectors import are_connected
from plugins.mentoring.models import MentoringProfile, MentorshipRequest


def test_an_admin_matches_and_the_mentor_sees_the_talent_until_the_match_closes(
    make_user, programme, client_for, sent
):
    from tests.files import pdf_bytes, upload

    admin = make_user("admin", mfa=True)
    talent, mentor = programme["talent"], programme["mentor"]
    client_for(talent).put("/api/v1/me/cv/", {"file": upload("cv.pdf", pdf_bytes())}, format="multipart")
    as_mentor = client_for(mentor)
    assert as_mentor.get(f"/api/v1/talents/{talent.public_id}/").status_code == 404
    assert as_mentor.get(f"/api/v1/talents/{talent.public_id}/cv/").status_code == 404

    answer = client_for(admin).post(
        "/api/v1/matches/",
        {"kind": "talent_mentor", "talent": str(talent.public_id), "mentor": str(mentor.public_id)},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    match = answer.json()
    assert match["state"] == "active" and match["mentor"]["name"] == str(mentor)
    assert are_connected(talent, mentor)

    profile = as_mentor.get(f"/api/v1/talents/{talent.public_id}/")
    assert profile.status_code == 200
    assert profile.json()["career_objective"] == "A job as a data analyst." and profile.json()["has_cv"]
    cv = as_mentor.get(f"/api/v1/talents/{talent.public_id}/cv/")
    assert cv.status_code == 200 and b"".join(cv.streaming_content).startswith(b"%PDF")
    assert [t["person"]["id"] for t in as_mentor.get("/api/v1/talents/").json()["results"]] == [
        str(talent.public_id)
    ]
    # Both are told, each in their own language.
    mails = {m.to[0]: m for m in sent()}
    assert mails[talent.email].subject == "تطابقك على Helix نشط"
    assert mails[mentor.email].subject == "Je match op Helix is actief"

    closed = client_for(mentor).post(
        f"/api/v1/matches/{match['id']}/close/", {"reason": "Found a job"}, format="json"
    )
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    assert as_mentor.get(f"/api/v1/talents/{talent.public_id}/").status_code == 404
    assert as_mentor.get(f"/api/v1/talents/{talent.public_id}/cv/").status_code == 404
    assert not are_connected(talent, mentor)


def test_an_organisation_matches_only_the_members_of_its_own_projects(make_user, programme, client_for):
    outsider = make_user("mentor")
    staff = client_for(programme["staff"])
    body = {
        "kind": "talent_mentor",
        "talent": str(programme["talent"].public_id),
        "mentor": str(outsider.public_id),
    }
    refused = staff.post("/api/v1/matches/", body, format="json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "not_in_your_projects"
    assert not Match.objects.exists()

    other_org = client_for(make_user("organisation"))
    body["mentor"] = str(programme["mentor"].public_id)
    assert (
        other_org.post("/api/v1/matches/", body, format="json").json()["error"]["code"]
        == "not_in_your_projects"
    )
    pending = client_for(make_user("organisation", approved=False))
    answer = pending.post("/api/v1/matches/", body, format="json")
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "account_not_approved"

    made = staff.post("/api/v1/matches/", body, format="json")
    assert made.status_code == 201 and made.json()["project"] == programme["project"].slug
    again = staff.post("/api/v1/matches/", body, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_matched"


def test_talents_and_mentors_cannot_match_themselves(programme, client_for):
    body = {
        "kind": "talent_mentor",
        "talent": str(programme["talent"].public_id),
        "mentor": str(programme["mentor"].public_id),
    }
    for user in (programme["talent"], programme["mentor"]):
        answer = client_for(user).post("/api/v1/matches/", body, format="json")
        assert answer.status_code == 403 and answer.json()["error"]["code"] == "role_not_allowed"
    assert not Match.objects.exists()


def test_a_mentors_capacity_is_respected(make_user, programme, client_for):
    from cms.accounts.models import MentorProfile
    from cms.organisations.models import ProjectMembership

    MentorProfile.objects.filter(user=programme["mentor"]).update(max_mentees=1)
    second = make_user("talent")
    ProjectMembership.objects.create(project=programme["project"], user=second, status="active")
    staff = client_for(programme["staff"])
    for talent, expected in ((programme["talent"], 201), (second, 409)):
        answer = staff.post(
            "/api/v1/matches/",
            {
                "kind": "talent_mentor",
                "talent": str(talent.public_id),
                "mentor": str(programme["mentor"].public_id),
            },
            format="json",
        )
        assert answer.status_code == expected
    assert answer.json()["error"]["code"] == "capacity_reached"
    assert Match.objects.count() == 1  # nothing half-written
    assert client_for(programme["mentor"]).get("/api/v1/matches/mentor-profile/").json()["capacity_left"] == 0


def test_a_request_is_answered_with_a_match_and_the_talent_follows_it(programme, client_for, sent):
    talent, staff = client_for(programme["talent"]), client_for(programme["staff"])
    asked = talent.post(
        "/api/v1/match-requests/",
        {
            "domains": ["talents", "networking"],
            "mentor_kind": "either",
            "message": "Help with my CV",
            "languages": ["ar", "nl"],
            "availability": "Tuesday evenings",
        },
        format="json",
    )
    assert asked.status_code == 201, asked.content
    again = talent.post("/api/v1/match-requests/", {"domains": ["talents"]}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "request_open"
    bad = talent.post("/api/v1/match-requests/", {"domains": ["astrology"]}, format="json")
    assert bad.status_code == 400 and "domains" in bad.json()["error"]["fields"]
    assert [m.to[0] for m in sent()] == [programme["staff"].email]  # the organisation is told

    queue = staff.get("/api/v1/match-requests/?status=open").json()["results"]
    assert [r["id"] for r in queue] == [asked.json()["id"]]
    answered = staff.post(
        f"/api/v1/match-requests/{asked.json()['id']}/answer/",
        {"mentor": str(programme["mentor"].public_id), "note": "Pieter knows the ICT sector."},
        format="json",
    )
    assert answered.status_code == 201 and answered.json()["state"] == "active"
    mine = talent.get(f"/api/v1/match-requests/{asked.json()['id']}/").json()
    assert mine["status"] == "matched" and mine["match"] == answered.json()["id"]


def test_a_request_is_declined_with_a_reason(programme, client_for, sent):
    talent = client_for(programme["talent"])
    asked = talent.post("/api/v1/match-requests/", {"domains": ["interview"]}, format="json").json()
    sent().clear()
    declined = client_for(programme["staff"]).post(
        f"/api/v1/match-requests/{asked['id']}/decline/",
        {"reason": "No Arabic-speaking mentor now."},
        format="json",
    )
    assert declined.json()["status"] == "declined"
    (mail,) = sent()
    assert mail.to == [programme["talent"].email] and "No Arabic-speaking mentor now." in mail.body
    assert (
        talent.post("/api/v1/match-requests/", {"domains": ["interview"]}, format="json").status_code == 201
    )


def test_suggestions_rank_mentors_and_explain_the_score(make_user, programme, client_for):
    from cms.accounts.models import MentorProfile
    from cms.organisations.models import ProjectMembership

    other = make_user("mentor", first_name="Other")
    ProjectMembership.objects.create(project=programme["project"], user=other, status="active")
    MentorProfile.objects.get_or_create(user=other)
    MentoringProfile.objects.create(user=programme["mentor"], domains=["talents", "networking"])
    MentorshipRequest.objects.create(talent=programme["talent"], domains=["talents"], languages=["nl"])
    staff = client_for(programme["staff"])
    rows = staff.get(f"/api/v1/matches/suggestions/?talent={programme['talent'].public_id}").json()
    assert [r["mentor"]["id"] for r in rows] == [str(programme["mentor"].public_id), str(other.public_id)]
    best = rows[0]["explanation"]
    assert best["shared_sectors"] == ["ict"] and best["shared_languages"] == ["nl"]
    assert best["matching_domains"] == ["talents"] and best["capacity_left"] == 2
    assert rows[0]["score"] == 3 + 2 + 2 + 1 and not Match.objects.exists()  # nobody matched automatically
    stranger = make_user("talent")
    assert staff.get(f"/api/v1/matches/suggestions/?talent={stranger.public_id}").status_code == 404
    assert (
        client_for(programme["mentor"])
        .get(f"/api/v1/matches/suggestions/?talent={programme['talent'].public_id}")
        .status_code
        == 403
    )


def test_a_talent_chooses_an_organisation_which_accepts(make_user, programme, client_for):
    newcomer = make_user("talent")
    chosen = client_for(newcomer).post(
        "/api/v1/matches/",
        {"kind": "talent_organisation", "organisation": programme["organisation"].slug},
        format="json",
    )
    assert chosen.status_code == 201 and chosen.json()["state"] == "proposed"
    staff = client_for(programme["staff"])
    assert staff.get(f"/api/v1/talents/{newcomer.public_id}/").status_code == 404
    accepted = staff.post(f"/api/v1/matches/{chosen.json()['id']}/activate/")
    assert accepted.status_code == 200 and accepted.json()["state"] == "active"
    assert staff.get(f"/api/v1/talents/{newcomer.public_id}/").status_code == 200
    assert are_connected(newcomer, programme["staff"])
    # The talent cannot accept on the organisation's behalf.
    mentor_asks = (
        client_for(programme["mentor"])
        .post(
            "/api/v1/matches/",
            {"kind": "mentor_organisation", "organisation": programme["organisation"].slug},
            format="json",
        )
        .json()
    )
    assert (
        client_for(programme["mentor"]).post(f"/api/v1/matches/{mentor_asks['id']}/activate/").status_code
        == 403
    )


def test_closing_asks_both_sides_for_feedback_once(programme, active_match, client_for, sent):
    talent = client_for(programme["talent"])
    early = talent.post(
        f"/api/v1/matches/{active_match.public_id}/feedback/",
        {"usefulness": 5, "would_recommend": True},
        format="json",
    )
    assert early.status_code == 409
    sent().clear()
    client_for(programme["staff"]).post(
        f"/api/v1/matches/{active_match.public_id}/close/", {"reason": "The programme ended."}, format="json"
    )
    assert {m.to[0] for m in sent()} >= {programme["talent"].email, programme["mentor"].email}
    body = {"usefulness": 4, "would_recommend": True, "comment": "Very helpful"}
    assert (
        talent.post(f"/api/v1/matches/{active_match.public_id}/feedback/", body, format="json").status_code
        == 201
    )
    again = talent.post(f"/api/v1/matches/{active_match.public_id}/feedback/", body, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "feedback_given"
    # The match says whose feedback is in, in the list (one query) and on its own.
    listed = talent.get("/api/v1/matches/", {"state": "closed"}).json()["results"]
    assert [m["my_feedback_given"] for m in listed] == [True]
    assert talent.get(f"/api/v1/matches/{active_match.public_id}/").json()["my_feedback_given"] is True
    mentor = client_for(programme["mentor"]).get("/api/v1/matches/", {"state": "closed"}).json()
    assert mentor["results"][0]["my_feedback_given"] is False
    bad = client_for(programme["mentor"]).post(
        f"/api/v1/matches/{active_match.public_id}/feedback/",
        {"usefulness": 9, "would_recommend": True},
        format="json",
    )
    assert bad.status_code == 400 and "usefulness" in bad.json()["error"]["fields"]


def test_the_organisation_pauses_resumes_and_follows_the_timeline(programme, active_match, client_for):
    staff = client_for(programme["staff"])
    url = f"/api/v1/matches/{active_match.public_id}"
    assert staff.post(f"{url}/pause/", {"reason": "Summer break"}, format="json").json()["state"] == "paused"
    assert client_for(programme["talent"]).post(f"{url}/pause/").status_code == 403
    assert staff.post(f"{url}/resume/").json()["state"] == "active"
    assert staff.post(f"{url}/resume/").status_code == 409
    timeline = staff.get(f"{url}/timeline/").json()
    assert [e["kind"] for e in timeline["events"]] == ["proposed", "activated", "paused", "resumed"]


@pytest.mark.parametrize("role", ["talent", "mentor", "employer"])
def test_others_do_not_see_a_match(role, make_user, active_match, client_for):
    stranger = client_for(make_user(role))
    assert stranger.get(f"/api/v1/matches/{active_match.public_id}/").status_code == 404
    assert stranger.get("/api/v1/matches/").json()["results"] == []


def test_the_match_list_costs_the_same_queries_for_any_size(make_user, programme, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.organisations.models import ProjectMembership
    from plugins.mentoring.actions.matching import propose_match

    staff = client_for(programme["staff"])

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert staff.get("/api/v1/matches/?page_size=100").status_code == 200
        return len(captured)

    propose_match(
        programme["staff"], kind="talent_mentor", talent=programme["talent"], mentor=programme["mentor"]
    )
    count()  # warm the caches (content types, the request's project)
    few = count()
    for _ in range(6):
        talent, mentor = make_user("talent"), make_user("mentor")
        for user in (talent, mentor):
            ProjectMembership.objects.create(project=programme["project"], user=user, status="active")
        propose_match(programme["staff"], kind="talent_mentor", talent=talent, mentor=mentor)
    assert count() == few


def test_a_mentor_who_takes_no_new_mentees_cannot_be_matched(programme, client_for):
    mentor = client_for(programme["mentor"])
    mentor.put(
        "/api/v1/matches/mentor-profile/", {"domains": ["cv"], "accepting_mentees": False}, format="json"
    )
    answer = client_for(programme["staff"]).post(
        "/api/v1/matches/",
        {
            "kind": "talent_mentor",
            "talent": str(programme["talent"].public_id),
            "mentor": str(programme["mentor"].public_id),
        },
        format="json",
    )
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "not_accepting_mentees"
    assert not Match.objects.exists()
