"""Messages: only between connected people, unread counts, cursor, read-only after close, block,
report, and the unread-message e-mails."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.connections.actions import close_connection as close_match
from cms.connections.actions import open_connection
from cms.outbox.models import OutboxMessage
from plugins.messaging import actions
from plugins.messaging.models import Message, MessagingSettings


def _write(client, to, body="Hello!"):
    return client.post("/api/v1/threads/", {"to": str(to.public_id), "body": body}, format="json")


def test_matched_people_write_read_and_count_unread(programme, active_match, client_for):
    mentor, talent = client_for(programme["mentor"]), client_for(programme["talent"])
    first = _write(mentor, programme["talent"], "Welcome! When shall we meet?")
    assert first.status_code == 201, first.content
    thread = first.json()["thread"]
    for text in ("Tuesday works for me.", "Bring your CV please."):
        sent = mentor.post(f"/api/v1/threads/{thread}/messages/", {"body": text}, format="json")
        assert sent.status_code == 201
    (row,) = talent.get("/api/v1/threads/").json()["results"]
    assert row["unread_count"] == 3 and row["other"]["name"] == str(programme["mentor"])
    assert row["last_message"]["preview"] == "Bring your CV please." and row["is_open"]
    assert mentor.get("/api/v1/threads/").json()["results"][0]["unread_count"] == 0

    page = talent.get(f"/api/v1/threads/{thread}/messages/?limit=2").json()
    assert [m["body"] for m in page["results"]] == ["Tuesday works for me.", "Bring your CV please."]
    assert page["has_more"]
    older = talent.get(f"/api/v1/threads/{thread}/messages/?before={page['results'][0]['id']}").json()
    assert [m["body"] for m in older["results"]] == ["Welcome! When shall we meet?"]
    after_first = talent.get(f"/api/v1/threads/{thread}/messages/?after={older['results'][0]['id']}").json()
    assert len(after_first["results"]) == 2 and not after_first["has_more"]
    nothing_new = talent.get(f"/api/v1/threads/{thread}/messages/?after={after_first['next_after']}").json()
    assert nothing_new["results"] == [] and nothing_new["next_after"] == after_first["next_after"]

    talent.post(f"/api/v1/threads/{thread}/read/", {"up_to": older["results"][0]["id"]}, format="json")
    assert talent.get(f"/api/v1/threads/{thread}/").json()["unread_count"] == 2
    talent.post(f"/api/v1/threads/{thread}/read/", {}, format="json")
    assert talent.get(f"/api/v1/threads/{thread}/").json()["unread_count"] == 0
    reply = _write(talent, programme["mentor"], "Thank you!")
    assert reply.json()["thread"] == thread  # one thread per pair


def test_nobody_writes_to_someone_they_are_not_connected_with(make_user, programme, client_for):
    stranger = make_user("mentor")
    answer = _write(client_for(stranger), programme["talent"])
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "not_connected"
    empty = _write(client_for(programme["mentor"]), programme["talent"], "   ")
    assert empty.status_code == 400 and "body" in empty.json()["error"]["fields"]
    assert not Message.objects.exists()


def test_after_the_match_closes_the_thread_is_read_only(make_user, programme, active_match, client_for):
    mentor, talent = client_for(programme["mentor"]), client_for(programme["talent"])
    thread = _write(mentor, programme["talent"]).json()["thread"]
    close_match(active_match, by=programme["staff"], reason="The programme ended.")
    refused = talent.post(f"/api/v1/threads/{thread}/messages/", {"body": "Still there?"}, format="json")
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "thread_closed"
    assert talent.get(f"/api/v1/threads/{thread}/").json()["is_open"] is False
    assert len(talent.get(f"/api/v1/threads/{thread}/messages/").json()["results"]) == 1
    assert client_for(make_user("mentor")).get(f"/api/v1/threads/{thread}/").status_code == 404
    # A new match opens it again.
    open_connection(
        "talent_mentor",
        project=programme["project"],
        talent=programme["talent"],
        mentor=programme["mentor"],
        activate=True,
    )
    assert talent.get(f"/api/v1/threads/{thread}/").json()["is_open"] is True


def test_blocking_stops_the_other_side_and_reports_reach_the_admins(
    make_user, programme, active_match, client_for, sent
):
    admin = make_user("admin", mfa=True)
    mentor, talent = client_for(programme["mentor"]), client_for(programme["talent"])
    created = _write(mentor, programme["talent"], "A message the talent does not want.").json()
    thread = created["thread"]
    blocked = talent.post(f"/api/v1/threads/{thread}/block/")
    assert blocked.status_code == 200 and blocked.json()["blocked_by_me"]
    refused = mentor.post(f"/api/v1/threads/{thread}/messages/", {"body": "Hello?"}, format="json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "blocked"
    own = talent.post(f"/api/v1/threads/{thread}/messages/", {"body": "x"}, format="json")
    assert own.json()["error"]["code"] == "you_blocked"
    sent().clear()
    reported = talent.post(
        f"/api/v1/threads/{thread}/report/",
        {"reason": "Unwanted contact", "message": created["id"]},
        format="json",
    )
    assert reported.status_code == 201
    assert [m.to for m in sent()] == [[admin.email]]
    as_admin = client_for(admin)
    (report,) = as_admin.get("/api/v1/admin/message-reports/").json()["results"]
    assert report["reason"] == "Unwanted contact" and report["message"]["body"].startswith("A message")
    assert client_for(programme["staff"]).get("/api/v1/admin/message-reports/").status_code == 403
    done = as_admin.post(
        f"/api/v1/admin/message-reports/{report['id']}/resolve/", {"resolution": "Warned"}, format="json"
    )
    assert done.json()["status"] == "resolved"
    talent.delete(f"/api/v1/threads/{thread}/block/")
    assert (
        mentor.post(f"/api/v1/threads/{thread}/messages/", {"body": "Sorry."}, format="json").status_code
        == 201
    )


def test_one_message_is_reported_and_the_admins_see_which(programme, active_match, client_for, make_user):
    mentor, talent = client_for(programme["mentor"]), client_for(programme["talent"], "nl")
    first = _write(mentor, programme["talent"], "Welcome! When shall we meet?").json()
    thread = first["thread"]
    bad = mentor.post(f"/api/v1/threads/{thread}/messages/", {"body": "Send me your address."}, format="json")
    url = f"/api/v1/threads/{thread}/report/"
    elsewhere = talent.post(url, {"reason": "Rude.", "message": bad.json()["id"] + 1000}, format="json")
    assert elsewhere.status_code == 400
    assert elsewhere.json()["error"]["fields"]["message"] == ["Dit bericht hoort niet bij dit gesprek."]
    reported = talent.post(url, {"reason": "He asks for my address.", "message": bad.json()["id"]},
                           format="json")
    assert reported.status_code == 201
    assert reported.json()["message"]["body"] == "Send me your address."
    admin = client_for(make_user("admin", mfa=True))
    (report,) = admin.get("/api/v1/admin/message-reports/").json()["results"]
    assert report["reason"] == "He asks for my address."
    assert report["message"]["body"] == "Send me your address." and report["thread"] == thread


def test_one_email_per_thread_while_the_recipient_is_away(programme, active_match, client_for, sent):
    talent = programme["talent"]
    for text in ("First", "Second", "Third"):
        actions.send_message(programme["mentor"], text, recipient=talent)
    sent().clear()
    assert actions.send_unread_notifications() == 0  # not a few minutes old yet
    later = timezone.now() + timedelta(minutes=6)
    assert actions.send_unread_notifications(now=later) == 1
    assert actions.send_unread_notifications(now=later) == 0  # run twice: still one e-mail
    (mail,) = sent()
    assert mail.to == [talent.email] and "Third" in mail.body
    # A new message within the hour does not bring a second e-mail.
    actions.send_message(programme["mentor"], "Fourth", recipient=talent)
    assert actions.send_unread_notifications(now=later + timedelta(minutes=10)) == 0
    # After the gap, and still unread, one more (only about what is new).
    assert actions.send_unread_notifications(now=later + timedelta(minutes=70)) == 1
    assert "Fourth" in sent()[-1].body and "First" not in sent()[-1].body


def test_no_email_when_read_active_or_opted_out(programme, active_match, client_for, sent):
    talent, mentor = programme["talent"], programme["mentor"]
    later = timezone.now() + timedelta(minutes=6)
    message = actions.send_message(mentor, "Read already", recipient=talent)
    actions.mark_read(message.thread, talent)
    assert actions.send_unread_notifications(now=later) == 0
    actions.send_message(mentor, "Seen in the app", recipient=talent)
    MessagingSettings.objects.filter(user=talent).update(last_seen_at=later - timedelta(minutes=1))
    assert actions.send_unread_notifications(now=later) == 0
    MessagingSettings.objects.filter(user=talent).update(last_seen_at=None, include_text_in_email=False)
    sent().clear()
    assert actions.send_unread_notifications(now=later) == 1
    (mail,) = sent()
    assert "Seen in the app" not in mail.body and mail.extra_headers["Content-Language"] == "ar"
    actions.send_message(mentor, "Off", recipient=talent)
    client_for(talent).put(
        "/api/v1/threads/settings/",
        {"email_notifications": False, "include_text_in_email": False},
        format="json",
    )
    assert actions.send_unread_notifications(now=later + timedelta(hours=2)) == 0


def test_notifications_run_by_the_worker_twice_send_once(programme, active_match, jobs, mailbox):
    import dramatiq

    jobs.wait()  # the set-up's own mails (the match made active) go first
    message = actions.send_message(programme["mentor"], "Are you there?", recipient=programme["talent"])
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    MessagingSettings.objects.filter(user=programme["talent"]).delete()
    mailbox.clear()
    actor = dramatiq.get_broker().get_actor("messaging.notify_unread")
    actor.send()
    actor.send()
    jobs.wait()
    assert [m.to for m in mailbox] == [[programme["talent"].email]]
    assert OutboxMessage.objects.filter(key__startswith="messaging:unread:").count() == 1


def test_the_thread_list_costs_the_same_queries_for_any_number_of_threads(make_user, programme, client_for):
    from cms.organisations.models import ProjectMembership

    mentor = programme["mentor"]
    client = client_for(mentor)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/threads/?page_size=100").status_code == 200
        return len(captured)

    from cms.accounts.models import MentorProfile

    MentorProfile.objects.filter(user=mentor).update(max_mentees=10)
    talents = [programme["talent"]] + [make_user("talent") for _ in range(5)]
    for n, talent in enumerate(talents):
        ProjectMembership.objects.get_or_create(
            project=programme["project"], user=talent, defaults={"status": "active"}
        )
        open_connection(
            "talent_mentor", project=programme["project"], talent=talent, mentor=mentor, activate=True
        )
        actions.send_message(talent, f"Hello {n}", recipient=mentor)
        if n == 0:
            count()
            few = count()
    assert count() == few
    assert [r["unread_count"] for r in client.get("/api/v1/threads/").json()["results"]] == [1] * 6


def test_threads_follow_connections_closed_and_opened_in_bulk(make_user, programme, client_for):
    from cms.connections.actions import close_connections, open_connections

    talents = [make_user("talent") for _ in range(3)]
    sides = [{"talent": t, "mentor": programme["mentor"]} for t in talents]
    matches = open_connections("talent_mentor", sides, project=programme["project"], activate=True)
    mentor = client_for(programme["mentor"])
    threads = [_write(mentor, t).json()["thread"] for t in talents[:2]]  # the third never wrote

    close_connections(matches, by=None, reason="The programme ended.")
    assert [mentor.get(f"/api/v1/threads/{t}/").json()["is_open"] for t in threads] == [False, False]
    open_connections("talent_mentor", sides[:1], project=programme["project"], activate=True)
    assert [mentor.get(f"/api/v1/threads/{t}/").json()["is_open"] for t in threads] == [True, False]
