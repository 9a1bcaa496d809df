"""Reads of the mentoring plugin: the matches, meetings and requests a user may see, and the GDPR
export. Who is connected, who manages a connection and what it lets people see are the core's
(``cms.connections.selectors``)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from cms.accounts.models import Role
from cms.connections.models import Connection
from cms.connections.selectors import visible_connections
from cms.organisations.models import ProjectMembership
from cms.organisations.staff import staff_organisation_ids
from plugins.mentoring.models import (
    MatchFeedback,
    MatchKind,
    Meeting,
    MeetingParticipant,
    MeetingReport,
    MentoringProfile,
    MentorshipRequest,
)

MATCH_KINDS = tuple(MatchKind.values)


def visible_matches(user) -> QuerySet[Connection]:
    """The connections ``user`` may see, as one query: mentoring's kinds and, for their sides,
    the other plugins' kinds too (a talent closes an employer connection here)."""
    return visible_connections(user)


def visible_meetings(user) -> QuerySet[Meeting]:
    """Meetings ``user`` takes part in or plans, and those of matches their organisation follows."""
    meetings = Meeting.objects.all()
    if user.is_helix_admin:
        return meetings
    orgs = staff_organisation_ids(user)
    invited = MeetingParticipant.objects.filter(meeting=OuterRef("pk"), user=user)
    return meetings.filter(Q(planner=user) | Exists(invited) | Q(project__organisation_id__in=orgs))


def visible_requests(user) -> QuerySet[MentorshipRequest]:
    """A talent's own requests; for admins all; for organisations those made in their projects.

    A request made in one organisation's project is that organisation's to answer; requests made
    outside any project (the instance-wide default) are seen by the organisations whose projects
    the talent is an active member of.
    """
    requests = MentorshipRequest.objects.all()
    if user.is_helix_admin:
        return requests
    if user.role == Role.TALENT:
        return requests.filter(talent=user)
    orgs = staff_organisation_ids(user)
    if not orgs:
        return requests.none()
    members = ProjectMembership.objects.filter(
        user=OuterRef("talent"), status=ProjectMembership.Status.ACTIVE, project__organisation_id__in=orgs
    )
    return requests.filter(
        Q(project__organisation_id__in=orgs)
        | ((Q(project__isnull=True) | Q(project__is_default=True)) & Exists(members))
    )


def is_project_member(user, organisation_id: int) -> bool:
    return ProjectMembership.objects.filter(
        user=user, status=ProjectMembership.Status.ACTIVE, project__organisation_id=organisation_id
    ).exists()


def capacity_taken(mentor) -> int:
    """Active and paused talent–mentor matches of a mentor."""
    return Connection.objects.filter(
        kind=MatchKind.TALENT_MENTOR, mentor=mentor, state__in=Connection.CONNECTING_STATES
    ).count()


# --- GDPR export ------------------------------------------------------------------------------


def _meeting(m: Meeting) -> dict:
    return {
        "id": str(m.public_id),
        "kind": m.kind,
        "title": m.title,
        "agenda": m.agenda,
        "domain": m.domain,
        "starts_at": m.starts_at,
        "ends_at": m.ends_at,
        "place": m.place,
        "online_url": m.online_url,
        "status": m.status,
    }


def export_user(user) -> dict:
    """Everything the mentoring plugin stores about ``user``, model by model (each key present)."""
    meetings = Meeting.objects.filter(Q(planner=user) | Q(participants__user=user)).distinct()
    return {
        "mentoring.mentoringprofile": list(
            MentoringProfile.objects.filter(user=user).values("domains", "accepting_mentees")
        ),
        "mentoring.mentorshiprequest": list(
            MentorshipRequest.objects.filter(Q(talent=user) | Q(answered_by=user)).values(
                "public_id",
                "mentor_kind",
                "domains",
                "message",
                "languages",
                "availability",
                "status",
                "answer_note",
                "created_at",
                "answered_at",
            )
        ),
        "mentoring.matchfeedback": list(
            MatchFeedback.objects.filter(author=user).values(
                "match__public_id", "usefulness", "would_recommend", "comment", "created_at"
            )
        ),
        "mentoring.meeting": [_meeting(m) for m in meetings],
        "mentoring.meetingparticipant": list(
            MeetingParticipant.objects.filter(user=user).values(
                "meeting__public_id", "response", "responded_at"
            )
        ),
        "mentoring.meetingreport": list(
            MeetingReport.objects.filter(Q(author=user) | Q(meeting__participants__user=user))
            .distinct()
            .values(
                "meeting__public_id",
                "rapport",
                "goal",
                "plan",
                "next_steps",
                "evaluation",
                "next_appointment",
                "created_at",
            )
        ),
    }
