"""GDPR: a person's conversations are exported; erasure leaves the other side their own messages,
with the erased person shown as "deleted user"."""

from __future__ import annotations

from plugins.messaging import actions
from plugins.messaging.hooks import MODELS
from plugins.messaging.models import Message, MessageReport, Thread


def _conversation(programme):
    talent, mentor = programme["talent"], programme["mentor"]
    actions.send_message(talent, "My CV is attached in the portal.", recipient=mentor)
    actions.send_message(mentor, "Thanks, I will read it tonight.", recipient=talent)
    thread = actions.thread_between(talent, mentor)
    actions.report_thread(thread, talent, "Testing the report button")
    return thread


def test_the_export_holds_every_conversation(programme, active_match, client_for):
    _conversation(programme)
    data = client_for(programme["talent"]).get("/api/v1/me/export/").json()["data"]
    for model in MODELS:
        assert model in data, model
    assert {m["body"] for m in data["messaging.message"]} == {
        "My CV is attached in the portal.",
        "Thanks, I will read it tonight.",
    }
    assert data["messaging.messagereport"][0]["reason"] == "Testing the report button"


def test_erasing_a_talent_leaves_the_mentor_their_own_words(programme, active_match, client_for):
    talent, mentor = programme["talent"], programme["mentor"]
    thread = _conversation(programme)
    assert client_for(talent).delete("/api/v1/me/").status_code == 204
    assert not MessageReport.objects.exists()
    assert list(Message.objects.values_list("body", flat=True)) == ["Thanks, I will read it tonight."]

    as_mentor = client_for(mentor)
    (row,) = as_mentor.get("/api/v1/threads/").json()["results"]
    assert row["other"] == {"id": None, "name": "deleted user", "role": None} and row["is_open"] is False
    (only,) = as_mentor.get(f"/api/v1/threads/{row['id']}/messages/").json()["results"]
    assert only["body"] == "Thanks, I will read it tonight." and only["from_me"]
    refused = as_mentor.post(f"/api/v1/threads/{row['id']}/messages/", {"body": "Hello?"}, format="json")
    assert refused.status_code == 409
    assert Thread.objects.get(pk=thread.pk).user_low_id in (None, mentor.pk)
    assert client_for(mentor, "nl").get("/api/v1/threads/").json()["results"][0]["other"]["name"] == (
        "verwijderde gebruiker"
    )
