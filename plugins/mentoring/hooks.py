"""The mentoring plugin's answers to the core's hooks."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils import timezone

from cms.jobs.periodic import PeriodicJob
from cms.plugins import hookimpl

MODELS = (
    "mentoring.mentoringprofile",
    "mentoring.mentorshiprequest",
    "mentoring.match",
    "mentoring.matchevent",
    "mentoring.matchfeedback",
    "mentoring.talentprofileuserobjectpermission",
    "mentoring.meeting",
    "mentoring.meetingparticipant",
    "mentoring.meetingreport",
    "mentoring.thread",
    "mentoring.threadparticipant",
    "mentoring.message",
    "mentoring.messagingsettings",
    "mentoring.messagereport",
)


@hookimpl
def api_routes(router):
    from plugins.mentoring.api.matching import MatchViewSet, RequestViewSet, TalentViewSet
    from plugins.mentoring.api.meetings import MeetingViewSet
    from plugins.mentoring.api.messaging import MessageReportViewSet, ThreadViewSet

    router.register("matches", MatchViewSet, basename="mentoring-match")
    router.register("match-requests", RequestViewSet, basename="mentoring-request")
    router.register("talents", TalentViewSet, basename="mentoring-talent")
    router.register("meetings", MeetingViewSet, basename="mentoring-meeting")
    router.register("threads", ThreadViewSet, basename="mentoring-thread")
    router.register("admin/message-reports", MessageReportViewSet, basename="mentoring-message-report")


@hookimpl
def are_connected(user_a, user_b) -> bool | None:
    """An active or paused match connects its people (organisation sides: the staff)."""
    from plugins.mentoring.access import connected

    return True if connected(user_a, user_b) else None


@hookimpl
def role_permissions() -> dict[str, list[str]]:
    everyone = [
        "mentoring.view_match",
        "mentoring.view_meeting",
        "mentoring.add_message",
        "mentoring.view_thread",
    ]
    planning = [*everyone, "mentoring.add_meeting", "mentoring.change_meeting", "mentoring.add_meetingreport"]
    return {
        "talent": [*everyone, "mentoring.add_mentorshiprequest", "mentoring.add_matchfeedback"],
        "mentor": [*planning, "mentoring.add_matchfeedback", "mentoring.change_mentoringprofile"],
        "organisation": [*planning, "mentoring.add_match", "mentoring.change_match"],
        "employer": everyone,
        "admin": [
            f"mentoring.{action}_{model.split('.')[1]}"
            for model in MODELS
            if model != "mentoring.talentprofileuserobjectpermission"
            for action in ("add", "change", "delete", "view")
        ],
    }


@hookimpl
def profile_sections(user) -> dict[str, Any] | None:
    """My open matches and upcoming meetings, in short, on ``/api/v1/me/``."""
    from plugins.mentoring.access import visible_matches, visible_meetings
    from plugins.mentoring.models import Match, Meeting

    matches = visible_matches(user).filter(state__in=(Match.State.ACTIVE, Match.State.PAUSED)).count()
    upcoming = (
        visible_meetings(user).filter(status=Meeting.Status.SCHEDULED, starts_at__gte=timezone.now()).count()
    )
    section: dict[str, Any] = {"open_matches": matches, "upcoming_meetings": upcoming}
    if user.role == "talent":
        from plugins.mentoring.models import MentorshipRequest

        open_request = MentorshipRequest.objects.filter(talent=user, status="open").first()
        section["open_request"] = str(open_request.public_id) if open_request else None
    return {"mentoring": section}


@hookimpl
def dashboard_stats(since) -> dict[str, Any]:
    from plugins.mentoring.models import Match, Meeting, MeetingReport, MentorshipRequest, Message

    by_kind = (
        Match.objects.filter(state=Match.State.ACTIVE).values("kind").annotate(n=Count("pk")).order_by("kind")
    )
    return {
        "mentoring_active_matches": [{"label": row["kind"], "value": row["n"]} for row in by_kind],
        "mentoring_matches_activated": Match.objects.filter(activated_at__gte=since).count(),
        "mentoring_matches_closed": Match.objects.filter(closed_at__gte=since).count(),
        "mentoring_open_requests": MentorshipRequest.objects.filter(status="open").count(),
        "mentoring_meetings_held": Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED, starts_at__gte=since, starts_at__lte=timezone.now()
        ).count(),
        "mentoring_reports_filed": MeetingReport.objects.filter(created_at__gte=since).count(),
        "mentoring_messages_sent": Message.objects.filter(created_at__gte=since).count(),
    }


@hookimpl
def newsletter_sections(user, since) -> list[dict] | None:
    """A digest reminds the reader of their meetings of the coming week."""
    from datetime import timedelta

    from django.utils.translation import gettext as _
    from django.utils.translation import override

    from plugins.mentoring.models import Meeting

    now = timezone.now()
    meetings = list(
        Meeting.objects.filter(
            participants__user=user,
            status=Meeting.Status.SCHEDULED,
            starts_at__gte=now,
            starts_at__lte=now + timedelta(days=7),
        ).order_by("starts_at")[:5]
    )
    if not meetings:
        return None
    with override(user.preferred_language):
        title = _("Your meetings this week")
        items = [f"{timezone.localtime(m.starts_at):%d/%m %H:%M} {m.title}" for m in meetings]
    return [{"title": title, "items": items}]


@hookimpl
def periodic_jobs():
    return [
        PeriodicJob("mentoring.send_meeting_reminders", "*/10 * * * *", "Meeting reminders the day before"),
        PeriodicJob(
            "mentoring.send_report_reminders", "0 * * * *", "Report reminders the day after a session"
        ),
        PeriodicJob("mentoring.notify_unread", "* * * * *", "E-mails about unread messages"),
    ]


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from plugins.mentoring.privacy import export

    return export(user)


@hookimpl
def erase_user_data(user) -> list[str]:
    from plugins.mentoring.privacy import erase

    erase(user)
    return list(MODELS)


@hookimpl
def seed_demo(locales):
    from plugins.mentoring.seed import seed

    seed()
