"""Upgrading keeps everything: a database holding matches, employer connections, timelines,
meetings, feedback, requests, guardian grants and threads made by the previous schema (matches and
threads inside the mentoring plugin) is migrated, and every row is found in its new home."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

OLD = [("mentoring", "0003_employer_talent_index"), ("messaging", None), ("connections", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor._create_project_state(with_applied_migrations=True).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_matches_threads_and_grants_survive_the_move_to_the_core():
    old = _migrate(OLD)
    User = old.get_model("accounts", "User")
    Project = old.get_model("organisations", "Project")
    TalentProfile = old.get_model("accounts", "TalentProfile")
    Permission = old.get_model("auth", "Permission")
    Match = old.get_model("mentoring", "Match")
    MatchEvent = old.get_model("mentoring", "MatchEvent")
    Meeting = old.get_model("mentoring", "Meeting")
    MatchFeedback = old.get_model("mentoring", "MatchFeedback")
    Request = old.get_model("mentoring", "MentorshipRequest")
    Grant = old.get_model("mentoring", "TalentProfileUserObjectPermission")
    Thread = old.get_model("mentoring", "Thread")
    Side = old.get_model("mentoring", "ThreadParticipant")
    Message = old.get_model("mentoring", "Message")
    Report = old.get_model("mentoring", "MessageReport")
    Settings = old.get_model("mentoring", "MessagingSettings")

    def person(role, name):
        return User.objects.create(
            email=f"{name}-{uuid.uuid4().hex[:6]}@example.org", first_name=name, role=role
        )

    talent, mentor, employer = person("talent", "amal"), person("mentor", "pieter"), person("employer", "tom")
    project = Project.objects.create(name="Old programme", slug=f"old-{uuid.uuid4().hex[:6]}")
    now = timezone.now()
    mentoring = Match.objects.create(
        kind="talent_mentor",
        state="closed",
        project=project,
        talent=talent,
        mentor=mentor,
        note="Matched on construction",
        activated_at=now,
        closed_at=now,
        close_reason="done",
    )
    sector = Match.objects.create(
        kind="talent_employer",
        state="active",
        project=project,
        talent=talent,
        employer=employer,
        messaging=False,
        activated_at=now,
    )
    meeting = Meeting.objects.create(
        uid="old@helix",
        project=project,
        planner=mentor,
        title="First session",
        starts_at=now,
        ends_at=now + timezone.timedelta(hours=1),
    )
    meeting.matches.add(mentoring)
    MatchEvent.objects.create(match=mentoring, kind="activated", actor=mentor)
    MatchEvent.objects.create(match=mentoring, kind="meeting_planned", actor=mentor, meeting=meeting)
    MatchFeedback.objects.create(match=mentoring, author=talent, usefulness=5, would_recommend=True)
    Request.objects.create(talent=talent, project=project, domains=["cv"], status="matched", match=mentoring)
    profile = TalentProfile.objects.create(user=talent)
    view = Permission.objects.get(codename="view_talentprofile", content_type__app_label="accounts")
    Grant.objects.create(user=employer, permission=view, content_object=profile)
    low, high = sorted([talent, mentor], key=lambda u: u.pk)
    thread = Thread.objects.create(user_low=low, user_high=high, is_open=False, last_message_at=now)
    Side.objects.create(thread=thread, user=talent, last_read_id=0)
    Side.objects.create(thread=thread, user=mentor)
    hello = Message.objects.create(thread=thread, sender=mentor, body="Welcome, Amal")
    Report.objects.create(thread=thread, message=hello, reporter=talent, reason="A test report")
    Settings.objects.create(user=talent, email_notifications=False)

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from cms.connections.models import Connection, ConnectionEvent, TalentProfileUserObjectPermission
    from cms.connections.selectors import talents_visible_to
    from plugins.mentoring.models import MatchFeedback as Feedback
    from plugins.mentoring.models import Meeting as NewMeeting
    from plugins.mentoring.models import MentorshipRequest
    from plugins.messaging.models import Message as NewMessage
    from plugins.messaging.models import MessageReport, MessagingSettings
    from plugins.messaging.models import Thread as NewThread

    moved = Connection.objects.get(public_id=mentoring.public_id)
    assert (moved.pk, moved.kind, moved.state, moved.note) == (
        mentoring.pk,
        "talent_mentor",
        "closed",
        "Matched on construction",
    )
    employer_connection = Connection.objects.get(public_id=sector.public_id)
    assert employer_connection.kind == "talent_employer" and employer_connection.can_contact is False
    events = list(ConnectionEvent.objects.filter(connection=moved).values_list("kind", "data"))
    assert ("activated", {}) in events and ("meeting_planned", {"meeting": str(meeting.public_id)}) in events
    assert list(NewMeeting.objects.get(pk=meeting.pk).matches.all()) == [moved]
    assert Feedback.objects.get(match=moved).usefulness == 5
    assert MentorshipRequest.objects.get(talent_id=talent.pk).match == moved
    assert TalentProfileUserObjectPermission.objects.filter(user_id=employer.pk).count() == 1
    assert talents_visible_to(employer_connection.employer).filter(user_id=talent.pk).exists()
    new_thread = NewThread.objects.get(public_id=thread.public_id)
    assert new_thread.participants.count() == 2 and not new_thread.is_open
    assert NewMessage.objects.get(pk=hello.pk).body == "Welcome, Amal"
    assert MessageReport.objects.get().message_id == hello.pk
    assert MessagingSettings.objects.get(user_id=talent.pk).email_notifications is False
    # New rows continue after the copied ids.
    assert Connection.objects.create(kind="talent_mentor", project_id=project.pk).pk > sector.pk
