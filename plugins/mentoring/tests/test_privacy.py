"""GDPR: the export holds everything the plugin stores about a person; erasure leaves the other side
its own messages, with the erased person shown as "deleted user"."""

from __future__ import annotations

from plugins.mentoring.actions import meetings, messaging
from plugins.mentoring.actions.matching import close_match, create_request, give_feedback
from plugins.mentoring.hooks import MODELS
from plugins.mentoring.models import (
    Match,
    MatchFeedback,
    MeetingParticipant,
    MeetingReport,
    Message,
    MessageReport,
    TalentProfileUserObjectPermission,
    Thread,
)


def _history(programme, active_match, later):
    talent, mentor = programme["talent"], programme["mentor"]
    meeting = meetings.plan_meeting(
        mentor,
        [active_match],
        {"title": "Session", "starts_at": later(days=1), "ends_at": later(days=1, hours=1)},
    )
    meeting.__class__.objects.filter(pk=meeting.pk).update(
        starts_at=later(days=-1), ends_at=later(days=-1, hours=1)
    )
    meeting.refresh_from_db()
    meetings.file_report(meeting, by=mentor, data={"rapport": "Amal talked about her studies in Aleppo."})
    messaging.send_message(talent, "My CV is attached in the portal.", recipient=mentor)
    messaging.send_message(mentor, "Thanks, I will read it tonight.", recipient=talent)
    thread = messaging.thread_between(talent, mentor)
    messaging.report_thread(thread, talent, "Testing the report button")
    return meeting, thread


def test_the_export_covers_everything_the_plugin_stores(programme, active_match, later, client_for):
    _history(programme, active_match, later)
    closed = close_match(active_match, by=programme["staff"], reason="Done")
    give_feedback(closed, by=programme["talent"], usefulness=5, would_recommend=True, comment="Great")
    create_request(programme["talent"], domains=["talents"], message="A second mentor for interviews")
    data = client_for(programme["talent"]).get("/api/v1/me/export/").json()
    exported = {
        key: value for section in data.values() if isinstance(section, dict) for key, value in section.items()
    } | data
    for model in MODELS:
        assert model in exported, model
    assert exported["mentoring.match"][0]["state"] == "closed"
    assert exported["mentoring.matchfeedback"][0]["comment"] == "Great"
    assert exported["mentoring.mentorshiprequest"][0]["message"] == "A second mentor for interviews"
    assert exported["mentoring.meetingreport"][0]["rapport"].startswith("Amal talked")
    assert {m["body"] for m in exported["mentoring.message"]} == {
        "My CV is attached in the portal.",
        "Thanks, I will read it tonight.",
    }
    assert exported["mentoring.messagereport"][0]["reason"] == "Testing the report button"


def test_erasing_a_talent_closes_their_match_and_leaves_the_mentor_their_own_words(
    programme, active_match, later, client_for
):
    talent, mentor = programme["talent"], programme["mentor"]
    meeting, thread = _history(programme, active_match, later)
    assert TalentProfileUserObjectPermission.objects.filter(user=mentor).exists()
    assert client_for(talent).delete("/api/v1/me/").status_code == 204

    match = Match.objects.get(pk=active_match.pk)
    assert match.state == "closed" and match.talent is None and match.close_reason == "account_erased"
    assert not TalentProfileUserObjectPermission.objects.exists()
    assert not MeetingParticipant.objects.filter(user=talent).exists()
    assert not MeetingReport.objects.filter(meeting=meeting).exists()  # it was about the erased person
    assert not MessageReport.objects.exists() and not MatchFeedback.objects.exists()
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


def test_erasing_a_mentor_keeps_the_talents_history_without_the_person(
    programme, active_match, later, client_for
):
    _history(programme, active_match, later)
    assert client_for(programme["mentor"]).delete("/api/v1/me/").status_code == 204
    talent = client_for(programme["talent"])
    (match,) = talent.get("/api/v1/matches/").json()["results"]
    assert match["mentor"] is None and match["state"] == "closed"
    meetings_seen = talent.get("/api/v1/meetings/").json()["results"]
    assert meetings_seen[0]["planner"] is None or meetings_seen[0]["planner"]["name"] == "deleted user"
