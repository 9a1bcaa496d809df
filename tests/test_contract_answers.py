"""The answers a probe of the API found outside the contract: each is asked again here, and the
contract check every test client carries (``api.contract``) fails the test if it is still untrue."""

from __future__ import annotations

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from api.contract import Exchange, contract_violations
from tests.files import png_bytes, upload


@pytest.fixture
def match(programme):
    from plugins.mentoring.actions.matching import propose_match

    return propose_match(programme["staff"], kind="talent_mentor", talent=programme["talent"],
                         mentor=programme["mentor"], project=programme["project"])


def test_my_questions_answer_within_the_contract(make_user, client_for):
    client = client_for(make_user("talent"))
    asked = client.post("/api/v1/faq/", {"question": "Can I study and work at once?"}, format="json")
    assert asked.status_code == 201
    mine = client.get("/api/v1/faq/mine/")
    assert mine.status_code == 200
    assert mine.json()["results"][0]["answer"] == ""


def test_my_profile_answers_within_the_contract_for_every_role(make_user, client_for):
    for role in ("talent", "mentor", "organisation", "employer"):
        client = client_for(make_user(role))
        assert client.get("/api/v1/me/").status_code == 200
        assert client.patch("/api/v1/me/", {"first_name": "Amal"}, format="json").status_code == 200


def test_a_photo_upload_answers_within_the_contract(make_user, client_for):
    client = client_for(make_user("talent"))
    data = encode_multipart(BOUNDARY, {"file": upload("me.png", png_bytes())})
    answer = client.put("/api/v1/me/photo/", data=data, content_type=MULTIPART_CONTENT)
    assert answer.status_code in (200, 201), answer.content


def test_meetings_answer_within_the_contract(programme, match, client_for, later):
    mentor, talent = client_for(programme["mentor"]), client_for(programme["talent"])
    planned = mentor.post("/api/v1/meetings/", {
        "matches": [str(match.public_id)], "kind": "session", "title": "First session",
        "starts_at": later(days=3).isoformat(), "ends_at": later(days=3, hours=1).isoformat(),
        "place": "Bridge to Work, Ghent",
    }, format="json")
    assert planned.status_code == 201, planned.content
    url = f"/api/v1/meetings/{planned.json()['id']}/"
    assert talent.get("/api/v1/meetings/").status_code == 200
    assert talent.get(url).status_code == 200
    assert talent.post(f"{url}respond/", {"attending": True}, format="json").status_code == 200


def test_an_answer_outside_the_contract_is_named_with_what_is_wrong():
    """The check itself: an undocumented status and a body the schema refuses are both reported."""
    exchange = Exchange(method="GET", path="/api/v1/sectors/", query="", content_type="", body=b"",
                        status=418, response_content_type="application/json", response_body=b"{}")
    assert any("418" in problem for problem in contract_violations(exchange))
    exchange.status, exchange.response_body = 200, b'{"results": "not a list"}'
    assert contract_violations(exchange)
    exchange.path = "/api/v1/no-such-route/"
    assert contract_violations(exchange) == []  # not a route of the contract
