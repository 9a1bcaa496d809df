"""A talent's mentor or coach reads the roadmap and adds notes; nobody else sees it."""

from __future__ import annotations

import pytest

VDAB = "11111111-1111-4111-8111-111111111111"


def url(talent, rest="roadmap/"):
    return f"/api/v1/journey/talents/{talent.public_id}/{rest}"


def test_the_connected_mentor_reads_the_roadmap_in_their_language(people, client_for):
    from plugins.journey import actions

    talent = people["talent"]
    actions.set_step_status(talent, 6, "done")
    actions.tick_item(talent, VDAB)
    answer = client_for(people["mentor"], "nl").get(url(talent))
    assert answer.status_code == 200
    data = answer.json()
    assert data["talent"]["id"] == str(talent.public_id)
    assert data["steps"][0]["items"][0] == {
        "id": VDAB,
        "text": "Schrijf je in bij VDAB",
        "details": "",
        "ticked": True,
    }
    assert data["steps"][1]["status"] == "done"


@pytest.mark.parametrize(
    "who", ["other_mentor", "employer", "other_talent", "organisation", "pending_organisation"]
)
def test_nobody_else_sees_the_roadmap(people, client_for, who):
    answer = client_for(people[who]).get(url(people["talent"]))
    assert answer.status_code == 404


def test_a_closed_connection_shows_nothing_any_more(people, client_for):
    from cms.connections.actions import close_connection

    close_connection(people["connection"], reason="completed", by=people["admin"])
    assert client_for(people["mentor"]).get(url(people["talent"])).status_code == 404


def test_the_mentor_adds_a_note_and_the_talent_reads_it_and_is_emailed(people, client_for, sent):
    talent, mentor = people["talent"], people["mentor"]
    answer = client_for(mentor).post(
        url(talent, "roadmap/steps/1/notes/"), {"body": "Call VDAB."}, format="json"
    )
    assert answer.status_code == 201 and answer.json()["author"]["name"] == str(mentor)
    (note,) = client_for(talent).get("/api/v1/journey/roadmap/").json()["steps"][0]["notes"]
    assert note["body"] == "Call VDAB." and note["author"]["role"] == "mentor"
    (mail,) = [m for m in sent() if "Pieter" in m.subject]
    assert mail.to == [talent.email] and "Call VDAB" not in mail.body  # the note is read in the app


def test_only_the_connected_mentor_adds_notes(people, client_for):
    talent = people["talent"]
    for who, status in (("talent", 403), ("admin", 403), ("other_mentor", 404)):
        answer = client_for(people[who]).post(
            url(talent, "roadmap/steps/1/notes/"), {"body": "Hi"}, format="json"
        )
        assert answer.status_code == status, who
    answer = client_for(people["mentor"]).post(
        url(talent, "roadmap/steps/2/notes/"), {"body": "Hi"}, format="json"
    )
    assert answer.status_code == 404


def test_an_organisation_connected_to_the_talent_sees_the_roadmap(people, client_for):
    from cms.accounts.models import User
    from cms.connections.actions import open_connection
    from cms.organisations.models import Organisation, Project

    staff = people["organisation"]
    organisation = Organisation.objects.get(staff=staff)
    open_connection(
        "talent_organisation",
        project=Project.default(),
        talent=people["talent"],
        organisation=organisation,
        activate=True,
    )
    assert client_for(staff).get(url(people["talent"])).status_code == 200
    assert User.objects.filter(pk=staff.pk, role="organisation").exists()
