"""GDPR: the export holds everything the plugin stores about a person; erasure leaves the other side
its own records, with the erased person shown as "deleted user"."""

from __future__ import annotations

from cms.connections.models import Connection, TalentProfileUserObjectPermission
from plugins.mentoring.actions import meetings
from plugins.mentoring.actions.matching import close_match, create_request, give_feedback
from plugins.mentoring.hooks import MODELS
from plugins.mentoring.models import MatchFeedback, MeetingParticipant, MeetingReport


def _history(programme, active_match, later):
    mentor = programme["mentor"]
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
    return meeting


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
    (connection,) = exported["connections.connection"]
    assert connection["state"] == "closed" and connection["kind"] == "talent_mentor"
    assert connection["mentor"]["name"] == str(programme["mentor"])
    assert exported["mentoring.matchfeedback"][0]["comment"] == "Great"
    assert exported["mentoring.mentorshiprequest"][0]["message"] == "A second mentor for interviews"
    assert exported["mentoring.meetingreport"][0]["rapport"].startswith("Amal talked")


def test_erasing_a_talent_closes_their_match_and_revokes_access(programme, active_match, later, client_for):
    talent, mentor = programme["talent"], programme["mentor"]
    meeting = _history(programme, active_match, later)
    assert TalentProfileUserObjectPermission.objects.filter(user=mentor).exists()
    assert client_for(talent).delete("/api/v1/me/").status_code == 204

    match = Connection.objects.get(pk=active_match.pk)
    assert match.state == "closed" and match.talent is None and match.close_reason == "account_erased"
    assert not TalentProfileUserObjectPermission.objects.exists()
    assert not MeetingParticipant.objects.filter(user=talent).exists()
    # The report is the mentor's record: kept, with the talent's name taken out.
    report = MeetingReport.objects.get(meeting=meeting)
    assert report.author == mentor and "Amal" not in report.rapport
    assert report.rapport == "verwijderde gebruiker talked about her studies in Aleppo."
    assert not MatchFeedback.objects.exists()


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
