"""GDPR export and erasure of everything the mentoring plugin stores about a person."""

from __future__ import annotations

from django.db.models import Q

from plugins.mentoring.models import (
    Match,
    MatchEvent,
    MatchFeedback,
    Meeting,
    MeetingParticipant,
    MeetingReport,
    MentoringProfile,
    MentorshipRequest,
    Message,
    MessageReport,
    MessagingSettings,
    TalentProfileUserObjectPermission,
    Thread,
    ThreadParticipant,
)


def _match(m: Match) -> dict:
    return {
        "id": str(m.public_id),
        "kind": m.kind,
        "state": m.state,
        "project": m.project.slug,
        "talent": str(m.talent) if m.talent else None,
        "mentor": str(m.mentor) if m.mentor else None,
        "employer": str(m.employer) if m.employer else None,
        "organisation": m.organisation.name if m.organisation else None,
        "note": m.note,
        "close_reason": m.close_reason,
        "created_at": m.created_at,
        "activated_at": m.activated_at,
        "closed_at": m.closed_at,
    }


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


def export(user) -> dict:
    """Everything, model by model (each key present even when empty)."""
    mine = Q(talent=user) | Q(mentor=user) | Q(employer=user) | Q(proposed_by=user) | Q(closed_by=user)
    matches = Match.objects.filter(mine).select_related(
        "project", "talent", "mentor", "employer", "organisation"
    )
    meetings = Meeting.objects.filter(Q(planner=user) | Q(participants__user=user)).distinct()
    threads = Thread.objects.filter(Q(user_low=user) | Q(user_high=user))
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
        "mentoring.match": [_match(m) for m in matches],
        "mentoring.matchevent": list(
            MatchEvent.objects.filter(actor=user).values("match__public_id", "kind", "at", "data")
        ),
        "mentoring.matchfeedback": list(
            MatchFeedback.objects.filter(author=user).values(
                "match__public_id", "usefulness", "would_recommend", "comment", "created_at"
            )
        ),
        "mentoring.talentprofileuserobjectpermission": list(
            TalentProfileUserObjectPermission.objects.filter(
                Q(user=user) | Q(content_object__user=user)
            ).values("permission__codename", "content_object__user__public_id", "user__public_id")
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
        "mentoring.thread": [{"id": str(t.public_id), "created_at": t.created_at} for t in threads],
        "mentoring.threadparticipant": list(
            ThreadParticipant.objects.filter(user=user).values(
                "thread__public_id", "last_read_id", "blocked_at"
            )
        ),
        "mentoring.message": list(
            Message.objects.filter(thread__in=threads).values(
                "thread__public_id", "id", "sender__public_id", "body", "created_at"
            )
        ),
        "mentoring.messagingsettings": list(
            MessagingSettings.objects.filter(user=user).values(
                "email_notifications", "include_text_in_email", "last_seen_at"
            )
        ),
        "mentoring.messagereport": list(
            MessageReport.objects.filter(reporter=user).values("public_id", "reason", "status", "created_at")
        ),
    }


def erase(user) -> None:
    """Erase ``user``'s side of everything: open matches close (access is revoked), their own
    words go (messages, feedback, reports, requests), and the other side keeps what is theirs,
    with the erased person shown as "deleted user"."""
    from plugins.mentoring.actions.matching import close_match

    for match in Match.objects.filter(
        Q(talent=user) | Q(mentor=user) | Q(employer=user), state__in=("proposed", "active", "paused")
    ):
        close_match(match, by=None, reason="account_erased")
    TalentProfileUserObjectPermission.objects.filter(Q(user=user) | Q(content_object__user=user)).delete()
    Match.objects.filter(talent=user).update(talent=None)
    Match.objects.filter(mentor=user).update(mentor=None)
    Match.objects.filter(employer=user).update(employer=None)
    Match.objects.filter(proposed_by=user).update(proposed_by=None)
    Match.objects.filter(closed_by=user).update(closed_by=None)
    MatchEvent.objects.filter(actor=user).update(actor=None)
    MatchFeedback.objects.filter(author=user).delete()
    MentoringProfile.objects.filter(user=user).delete()
    MentorshipRequest.objects.filter(talent=user).delete()
    MentorshipRequest.objects.filter(answered_by=user).update(answered_by=None)
    MeetingReport.objects.filter(Q(author=user) | Q(meeting__participants__user=user)).delete()
    MeetingParticipant.objects.filter(user=user).delete()
    Meeting.objects.filter(planner=user).update(planner=None)
    Message.objects.filter(sender=user).delete()
    ThreadParticipant.objects.filter(user=user).delete()
    Thread.objects.filter(user_low=user).update(user_low=None, is_open=False)
    Thread.objects.filter(user_high=user).update(user_high=None, is_open=False)
    MessagingSettings.objects.filter(user=user).delete()
    MessageReport.objects.filter(reporter=user).delete()
    MessageReport.objects.filter(resolved_by=user).update(resolved_by=None)
