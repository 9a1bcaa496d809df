"""Meetings: planning with calendar invites, changes and cancellations, answers, reports, reminders."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from cms.outbox.models import OutboxMessage
from plugins.mentoring.actions import meetings as actions
from plugins.mentoring.models import Meeting, MeetingReport


def invite_of(mail) -> Calendar:
    ((name, content, mimetype),) = [a for a in mail.attachments if a[0] == "invite.ics"]
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def _plan(client, match, later, **extra):
    body = {
        "matches": [str(match.public_id)],
        "kind": "session",
        "title": "First session",
        "agenda": "Get to know each other; the goal for the coming months.",
        "domain": "talents",
        "starts_at": later(days=3).isoformat(),
        "ends_at": later(days=3, hours=1).isoformat(),
        "place": "Bridge to Work, Ghent",
    }
    body.update(extra)
    return client.post("/api/v1/meetings/", body, format="json")


def test_a_meeting_sends_invites_that_calendars_accept_and_follows_changes(
    programme, active_match, client_for, later, sent
):
    sent().clear()
    mentor = client_for(programme["mentor"])
    planned = _plan(mentor, active_match, later)
    assert planned.status_code == 201, planned.content
    meeting = planned.json()
    assert {p["person"]["id"]: p["response"] for p in meeting["participants"]} == {
        str(programme["mentor"].public_id): "yes",
        str(programme["talent"].public_id): "pending",
    }
    mails = {m.to[0]: m for m in sent()}
    assert set(mails) == {programme["talent"].email, programme["mentor"].email}
    first = invite_of(mails[programme["talent"].email])
    event = first.walk("VEVENT")[0]
    assert first["METHOD"] == "REQUEST" and event["SEQUENCE"] == 0
    uid = str(event["UID"])
    assert str(event["SUMMARY"]) == "First session" and "Ghent" in str(event["LOCATION"])
    assert event.decoded("DTSTART").tzinfo is not None and first.walk("VTIMEZONE")
    assert str(event["ATTENDEE"]).lower() == f"mailto:{programme['talent'].email.lower()}"

    sent().clear()
    moved = mentor.patch(
        f"/api/v1/meetings/{meeting['id']}/",
        {"starts_at": later(days=4).isoformat(), "ends_at": later(days=4, hours=1).isoformat()},
        format="json",
    )
    assert moved.status_code == 200 and moved.json()["sequence"] == 1
    update = invite_of(next(m for m in sent() if m.to == [programme["talent"].email]))
    assert str(update.walk("VEVENT")[0]["UID"]) == uid and update.walk("VEVENT")[0]["SEQUENCE"] == 1

    sent().clear()
    cancelled = mentor.post(f"/api/v1/meetings/{meeting['id']}/cancel/", {"reason": "Ill"}, format="json")
    assert cancelled.json()["status"] == "cancelled"
    cancel = invite_of(next(m for m in sent() if m.to == [programme["talent"].email]))
    event = cancel.walk("VEVENT")[0]
    assert cancel["METHOD"] == "CANCEL" and str(event["UID"]) == uid and event["SEQUENCE"] == 2
    assert str(event["STATUS"]) == "CANCELLED"
    again = mentor.post(f"/api/v1/meetings/{meeting['id']}/cancel/")
    assert again.status_code == 409
    ics = mentor.get(f"/api/v1/meetings/{meeting['id']}/invite/")
    assert ics.status_code == 200 and b"METHOD:CANCEL" in ics.content


def test_the_invite_mail_is_in_the_recipients_language(programme, active_match, client_for, later, sent):
    sent().clear()
    _plan(client_for(programme["mentor"]), active_match, later)
    mails = {m.to[0]: m for m in sent()}
    assert mails[programme["talent"].email].extra_headers["Content-Language"] == "ar"
    assert 'dir="rtl"' in mails[programme["talent"].email].alternatives[0][0]
    assert mails[programme["mentor"].email].extra_headers["Content-Language"] == "nl"


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"ends_at": "start"}, "ends_at", "validation_error"),
        ({"online_url": "javascript:alert(1)"}, "online_url", "validation_error"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "validation_error"),
        ({"domain": "astrology"}, "domain", "validation_error"),
    ],
)
def test_bad_meetings_are_refused_and_nothing_is_saved(
    change, field, code, programme, active_match, client_for, later
):
    if change.get("ends_at") == "start":
        change = {"starts_at": later(days=2).isoformat(), "ends_at": later(days=1).isoformat()}
    answer = _plan(client_for(programme["mentor"]), active_match, later, **change)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == code and field in answer.json()["error"]["fields"]
    assert (
        not Meeting.objects.exists()
        and not OutboxMessage.objects.filter(actor_name="mail.send", key__contains="meeting").exists()
    )


def test_only_people_of_the_match_are_invited_and_only_to_active_matches(
    make_user, programme, active_match, client_for, later
):
    outsider = make_user("talent")
    mentor = client_for(programme["mentor"])
    answer = _plan(mentor, active_match, later, participants=[str(outsider.public_id)])
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "not_in_match"
    stranger = client_for(make_user("mentor"))
    assert _plan(stranger, active_match, later).status_code == 400  # not their match: it is not found
    from plugins.mentoring.actions.matching import pause_match

    pause_match(active_match, by=programme["staff"])
    paused = _plan(mentor, active_match, later)
    assert paused.status_code == 409 and paused.json()["error"]["code"] == "match_not_active"
    assert not Meeting.objects.exists()


def test_an_organisation_plans_a_matching_meeting_and_a_mentor_a_group_session(
    make_user, programme, active_match, client_for, later
):
    from cms.organisations.models import ProjectMembership
    from plugins.mentoring.actions.matching import propose_match

    staff = client_for(programme["staff"])
    matching = _plan(staff, active_match, later, kind="matching", title="Matching meeting")
    assert matching.status_code == 201
    assert len(matching.json()["participants"]) == 3  # the organisation, the talent and the mentor

    second = make_user("talent")
    ProjectMembership.objects.create(project=programme["project"], user=second, status="active")
    other_match = propose_match(
        programme["staff"], kind="talent_mentor", talent=second, mentor=programme["mentor"]
    )
    group = client_for(programme["mentor"]).post(
        "/api/v1/meetings/",
        {
            "matches": [str(active_match.public_id), str(other_match.public_id)],
            "title": "Peer session",
            "starts_at": later(days=5).isoformat(),
            "ends_at": later(days=5, hours=2).isoformat(),
            "online_url": "https://meet.example.org/peer",
        },
        format="json",
    )
    assert group.status_code == 201 and len(group.json()["participants"]) == 3
    # The organisation cannot glue two mentors' matches into one "group".
    assert client_for(second).get(f"/api/v1/meetings/{group.json()['id']}/").status_code == 200
    mine = client_for(programme["talent"]).get("/api/v1/meetings/").json()["results"]
    assert {m["title"] for m in mine} == {"Matching meeting", "Peer session"}


def test_participants_answer_and_the_planner_reports_after_the_session(
    programme, active_match, client_for, later
):
    mentor, talent = client_for(programme["mentor"]), client_for(programme["talent"])
    meeting = _plan(mentor, active_match, later).json()
    url = f"/api/v1/meetings/{meeting['id']}"
    answered = talent.post(f"{url}/respond/", {"attending": False}, format="json").json()
    assert {p["person"]["id"]: p["response"] for p in answered["participants"]}[
        str(programme["talent"].public_id)
    ] == "no"
    report = {
        "rapport": "We talked about Amal's studies.",
        "goal": "A first job interview by March.",
        "plan": "Rewrite the CV; two applications.",
        "next_steps": "Send the CV to Pieter.",
        "evaluation": "Good energy.",
        "next_appointment": later(days=17).isoformat(),
    }
    early = mentor.put(f"{url}/report/", report, format="json")
    assert early.status_code == 409
    Meeting.objects.filter(public_id=meeting["id"]).update(
        starts_at=later(days=-1), ends_at=later(days=-1, hours=1)
    )
    assert talent.put(f"{url}/report/", report, format="json").status_code == 403
    filed = mentor.put(f"{url}/report/", report, format="json")
    assert filed.status_code == 200 and filed.json()["goal"] == "A first job interview by March."
    assert talent.get(f"{url}/report/").json()["next_steps"] == "Send the CV to Pieter."
    staff = client_for(programme["staff"])
    assert staff.get(f"{url}/report/").status_code == 200
    timeline = staff.get(f"/api/v1/matches/{active_match.public_id}/timeline/").json()["events"]
    assert [e["kind"] for e in timeline][-2:] == ["meeting_planned", "report_filed"]


def test_a_reminder_goes_out_the_day_before_exactly_once_and_follows_a_move(
    programme, active_match, later, sent
):
    meeting = actions.plan_meeting(
        programme["mentor"],
        [active_match],
        {"title": "Session", "starts_at": later(days=3), "ends_at": later(days=3, hours=1)},
    )
    cancelled = actions.plan_meeting(
        programme["mentor"],
        [active_match],
        {"title": "Cancelled one", "starts_at": later(hours=20), "ends_at": later(hours=21)},
    )
    actions.cancel_meeting(cancelled, by=programme["mentor"])
    sent().clear()
    assert actions.send_meeting_reminders() == 0  # three days ahead: not yet; the cancelled one: never
    in_two_days = timezone.now() + timedelta(days=2, hours=1)
    assert actions.send_meeting_reminders(now=in_two_days) == 2
    assert actions.send_meeting_reminders(now=in_two_days) == 0
    assert len([m for m in sent() if "Session" in m.subject or "Session" in m.body]) == 2
    # Moved to a later day: a new reminder for the new time, once.
    actions.update_meeting(
        meeting,
        by=programme["mentor"],
        changes={"starts_at": later(days=6), "ends_at": later(days=6, hours=1)},
    )
    assert actions.send_meeting_reminders(now=in_two_days) == 0
    assert actions.send_meeting_reminders(now=timezone.now() + timedelta(days=5, hours=1)) == 2
    assert actions.send_meeting_reminders(now=timezone.now() + timedelta(days=5, hours=2)) == 0


def test_a_reminder_run_that_crashes_half_way_loses_nothing_and_sends_nothing_twice(
    programme, active_match, later, monkeypatch
):
    for n in range(3):
        actions.plan_meeting(
            programme["mentor"],
            [active_match],
            {"title": f"Session {n}", "starts_at": later(hours=10 + n), "ends_at": later(hours=11 + n)},
        )
    OutboxMessage.objects.all().delete()
    original, calls = actions.queue_message, {"n": 0}

    def crash_in_the_second_batch(message, *, key, user):
        calls["n"] += 1
        if calls["n"] == 5:  # batch one: two meetings × two people
            raise SystemExit("worker killed")
        return original(message, key=key, user=user)

    monkeypatch.setattr(actions, "queue_message", crash_in_the_second_batch)
    with pytest.raises(SystemExit):
        actions.send_meeting_reminders(batch=2)
    # The first batch (two meetings) committed; the second rolled back.
    assert OutboxMessage.objects.filter(key__contains="reminder").count() == 4
    assert Meeting.objects.filter(reminded_for__isnull=False).count() == 2
    monkeypatch.setattr(actions, "queue_message", original)
    assert actions.send_meeting_reminders(batch=2) == 2
    assert actions.send_meeting_reminders(batch=2) == 0
    assert OutboxMessage.objects.filter(key__contains="reminder").count() == 6  # two people × three meetings


def test_reminders_are_sent_once_by_the_real_worker(programme, active_match, later, jobs, mailbox):
    import dramatiq

    actions.plan_meeting(
        programme["mentor"],
        [active_match],
        {"title": "Tomorrow's session", "starts_at": later(hours=12), "ends_at": later(hours=13)},
    )
    jobs.wait()
    mailbox.clear()
    actor = dramatiq.get_broker().get_actor("mentoring.send_meeting_reminders")
    actor.send()
    actor.send()
    jobs.wait()
    assert sorted(m.to[0] for m in mailbox) == sorted([programme["talent"].email, programme["mentor"].email])


def test_the_planner_is_reminded_to_write_the_report_the_day_after(programme, active_match, later, sent):
    meeting = actions.plan_meeting(
        programme["mentor"],
        [active_match],
        {"title": "Session", "starts_at": later(days=1), "ends_at": later(days=1, hours=1)},
    )
    sent().clear()
    day_after = timezone.now() + timedelta(days=2, hours=2)
    assert actions.send_report_reminders(now=timezone.now() + timedelta(days=1, hours=2)) == 0
    assert actions.send_report_reminders(now=day_after) == 1
    assert actions.send_report_reminders(now=day_after) == 0
    (mail,) = sent()
    assert mail.to == [programme["mentor"].email]
    assert not MeetingReport.objects.filter(meeting=meeting).exists()


def test_the_meeting_list_costs_the_same_queries_for_any_size(programme, active_match, client_for, later):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    talent = client_for(programme["talent"])

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert talent.get("/api/v1/meetings/?page_size=100").status_code == 200
        return len(captured)

    actions.plan_meeting(
        programme["mentor"],
        [active_match],
        {"title": "One", "starts_at": later(days=1), "ends_at": later(days=1, hours=1)},
    )
    count()
    few = count()
    for n in range(5):
        actions.plan_meeting(
            programme["mentor"],
            [active_match],
            {"title": f"S{n}", "starts_at": later(days=2 + n), "ends_at": later(days=2 + n, hours=1)},
        )
    assert count() == few


def test_a_meeting_in_the_past_is_refused(programme, active_match, client_for, later):
    answer = _plan(
        client_for(programme["mentor"]),
        active_match,
        later,
        starts_at=later(days=-2).isoformat(),
        ends_at=later(days=-2, hours=1).isoformat(),
    )
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "starts_in_past"
    assert not Meeting.objects.exists()


def test_closing_a_match_cancels_its_upcoming_meetings(programme, active_match, later, sent):
    from plugins.mentoring.actions.matching import close_match

    meeting = actions.plan_meeting(
        programme["mentor"],
        [active_match],
        {"title": "Next session", "starts_at": later(days=2), "ends_at": later(days=2, hours=1)},
    )
    sent().clear()
    close_match(active_match, by=programme["talent"], reason="I found a job")
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    cancels = [m for m in sent() if any(a[0] == "invite.ics" for a in m.attachments)]
    assert {m.to[0] for m in cancels} == {programme["talent"].email, programme["mentor"].email}
    assert invite_of(cancels[0])["METHOD"] == "CANCEL"
    assert actions.send_meeting_reminders(now=later(days=1, hours=2)) == 0


def test_each_invite_of_a_group_meeting_names_only_its_recipient(
    make_user, programme, active_match, client_for, later, sent
):
    from cms.organisations.models import ProjectMembership
    from plugins.mentoring.actions.matching import propose_match

    second = make_user("talent")
    ProjectMembership.objects.create(project=programme["project"], user=second, status="active")
    other_match = propose_match(
        programme["staff"], kind="talent_mentor", talent=second, mentor=programme["mentor"]
    )
    sent().clear()
    group = client_for(programme["mentor"]).post(
        "/api/v1/meetings/",
        {
            "matches": [str(active_match.public_id), str(other_match.public_id)],
            "title": "Peer session",
            "starts_at": later(days=5).isoformat(),
            "ends_at": later(days=5, hours=2).isoformat(),
            "online_url": "https://meet.example.org/peer",
        },
        format="json",
    )
    assert group.status_code == 201
    people = [programme["mentor"], programme["talent"], second]
    addresses = {person.email.lower() for person in people}
    mails = {m.to[0]: m for m in sent() if any(a[0] == "invite.ics" for a in m.attachments)}
    assert set(mails) == {person.email for person in people}
    for person in people:
        ((_, content, _),) = [a for a in mails[person.email].attachments if a[0] == "invite.ics"]
        event = invite_of(mails[person.email]).walk("VEVENT")[0]
        attendees = event["ATTENDEE"] if isinstance(event["ATTENDEE"], list) else [event["ATTENDEE"]]
        assert [str(a).lower() for a in attendees] == [f"mailto:{person.email.lower()}"]
        assert str(event["ORGANIZER"]).lower() == "mailto:no-reply@helix.example"
        text = content.lower()
        for other in addresses - {person.email.lower()}:
            assert other not in text, f"{person.email}'s invite names {other}"
    # The file downloaded by hand is the downloader's own.
    ics = client_for(second).get(f"/api/v1/meetings/{group.json()['id']}/invite/").content.decode().lower()
    assert second.email.lower() in ics
    assert not any(other in ics for other in addresses - {second.email.lower()})
