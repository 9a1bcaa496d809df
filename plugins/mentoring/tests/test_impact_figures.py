"""The mentoring plugin's figures for the impact report: meetings held and reported, time from a
match to its first meeting, and what people said of their match; counted per project."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.connections.models import Connection
from plugins.mentoring import impact
from plugins.mentoring.models import MatchFeedback, Meeting, MeetingReport

pytestmark = pytest.mark.django_db


def meeting(match, starts_at, status=Meeting.Status.SCHEDULED):
    found = Meeting.objects.create(
        uid=f"{uuid.uuid4()}@helix", project=match.project, title="Session",
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=1), status=status,
    )
    found.matches.add(match)
    return found


def period():
    now = timezone.now()
    return now - timedelta(days=365), now + timedelta(days=1)


def test_meetings_first_meeting_and_feedback(active_match, programme):
    now = timezone.now()
    Connection.objects.filter(pk=active_match.pk).update(
        state="active", activated_at=now - timedelta(days=20)
    )
    first = meeting(active_match, now - timedelta(days=10))  # 10 days after the match began
    meeting(active_match, now - timedelta(days=3))
    meeting(active_match, now - timedelta(days=2), status=Meeting.Status.CANCELLED)
    meeting(active_match, now + timedelta(days=5))  # not held yet
    MeetingReport.objects.create(meeting=first, goal="A first CV")
    for author, usefulness in ((programme["talent"], 5), (programme["mentor"], 4)):
        MatchFeedback.objects.create(
            match=active_match, author=author, usefulness=usefulness, would_recommend=True
        )

    since, until = period()
    found = {figure["key"]: figure for figure in impact.figures([programme["project"]], since, until)}
    assert found["mentoring.meetings_held"]["series"][0]["data"] == [2, 1]
    assert found["mentoring.time_to_first_meeting"]["series"][0]["data"] == [0, 1, 0]
    assert found["mentoring.feedback_usefulness"]["series"][0]["data"] == [0, 0, 0, 1, 1]
    assert found["mentoring.feedback_recommend"]["series"][0]["data"] == [2, 0]
    # Another project's figures do not count them.
    from cms.organisations.models import Project

    other = Project.objects.create(name="Elsewhere", slug="elsewhere")
    elsewhere = {figure["key"]: figure for figure in impact.figures([other], since, until)}
    assert elsewhere["mentoring.meetings_held"]["series"][0]["data"] == [0, 0]
    assert sum(elsewhere["mentoring.feedback_recommend"]["series"][0]["data"]) == 0
