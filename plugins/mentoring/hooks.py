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
    "mentoring.matchfeedback",
    "mentoring.meeting",
    "mentoring.meetingparticipant",
    "mentoring.meetingreport",
)


@hookimpl
def api_routes(router):
    from plugins.mentoring.api.matching import MatchViewSet, RequestViewSet, TalentViewSet
    from plugins.mentoring.api.meetings import MeetingViewSet

    router.register("matches", MatchViewSet, basename="mentoring-match")
    router.register("match-requests", RequestViewSet, basename="mentoring-request")
    router.register("talents", TalentViewSet, basename="mentoring-talent")
    router.register("meetings", MeetingViewSet, basename="mentoring-meeting")


@hookimpl
def connection_kinds():
    """Talent–mentor (the mentor sees the talent's profile, CV, networking plan and progress; the
    project's organisation follows it), talent–organisation and mentor–organisation."""
    from cms.connections.kinds import CV, NETWORKING_PLAN, PROFILE, PROGRESS, ConnectionKind
    from plugins.mentoring.models import MatchKind

    return [
        ConnectionKind(
            MatchKind.TALENT_MENTOR.value,
            MatchKind.TALENT_MENTOR.label,
            ("talent", "mentor"),
            {"mentor": (PROFILE, CV, NETWORKING_PLAN, PROGRESS), "project_organisation": (PROFILE, CV)},
        ),
        ConnectionKind(
            MatchKind.TALENT_ORGANISATION.value,
            MatchKind.TALENT_ORGANISATION.label,
            ("talent", "organisation"),
            {"organisation": (PROFILE, CV, PROGRESS)},
        ),
        ConnectionKind(
            MatchKind.MENTOR_ORGANISATION.value,
            MatchKind.MENTOR_ORGANISATION.label,
            ("mentor", "organisation"),
        ),
    ]


@hookimpl
def on_connection_activated(connection) -> None:
    """Everyone on a mentoring match's sides is told it is active."""
    from plugins.mentoring.actions.matching import after_activation

    after_activation(connection)


@hookimpl
def on_connections_closed(connections) -> None:
    """Upcoming meetings of the closed connections are cancelled; a mentoring match's sides are
    asked for feedback (the batch hook: one connection, or thousands closed by the matching)."""
    from plugins.mentoring.actions.matching import after_close_many

    after_close_many(connections)


@hookimpl
def capabilities() -> list:
    from django.utils.translation import gettext_lazy as _

    from cms.capabilities import Capability

    return [
        Capability(
            "mentoring.request_mentor",
            "mentoring.mentorshiprequest",
            _("Ask for a mentor or coach"),
            _("Ask for a mentor or a coach, with the domains, languages and availability wanted."),
            default_roles=("talent",),
        ),
        Capability(
            "mentoring.propose_match",
            "mentoring.mentorshiprequest",
            _("Match talents and mentors"),
            _("See the explained suggestions and match a talent with a mentor (organisations within "
              "their own projects)."),
            default_roles=("organisation", "admin"),
        ),
        Capability(
            "mentoring.plan_meeting",
            "mentoring.meeting",
            _("Plan meetings"),
            _("Plan meetings and group sessions for one's own active matches, with calendar invitations."),
            default_roles=("talent", "mentor", "organisation", "employer", "admin"),
        ),
    ]


@hookimpl
def role_permissions() -> dict[str, list[str]]:
    everyone = ["mentoring.view_meeting"]
    planning = [*everyone, "mentoring.add_meeting", "mentoring.change_meeting", "mentoring.add_meetingreport"]
    return {
        "talent": [*everyone, "mentoring.add_mentorshiprequest", "mentoring.add_matchfeedback"],
        "mentor": [*planning, "mentoring.add_matchfeedback", "mentoring.change_mentoringprofile"],
        "organisation": planning,
        "employer": everyone,
        "admin": [
            f"mentoring.{action}_{model.split('.')[1]}"
            for model in MODELS
            for action in ("add", "change", "delete", "view")
        ],
    }


@hookimpl
def profile_sections(user) -> dict[str, Any] | None:
    """My open matches and upcoming meetings, in short, on ``/api/v1/me/``."""
    from cms.connections.models import Connection
    from plugins.mentoring.models import Meeting
    from plugins.mentoring.selectors import MATCH_KINDS, visible_matches, visible_meetings

    matches = (
        visible_matches(user).filter(kind__in=MATCH_KINDS, state__in=Connection.CONNECTING_STATES).count()
    )
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
    from cms.connections.models import Connection
    from plugins.mentoring.models import Meeting, MeetingReport, MentorshipRequest
    from plugins.mentoring.selectors import MATCH_KINDS

    matches = Connection.objects.filter(kind__in=MATCH_KINDS)
    by_kind = matches.filter(state="active").values("kind").annotate(n=Count("pk")).order_by("kind")
    return {
        "mentoring_active_matches": [{"label": row["kind"], "value": row["n"]} for row in by_kind],
        "mentoring_matches_activated": matches.filter(activated_at__gte=since).count(),
        "mentoring_matches_closed": matches.filter(closed_at__gte=since).count(),
        "mentoring_open_requests": MentorshipRequest.objects.filter(status="open").count(),
        "mentoring_meetings_held": Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED, starts_at__gte=since, starts_at__lte=timezone.now()
        ).count(),
        "mentoring_reports_filed": MeetingReport.objects.filter(created_at__gte=since).count(),
    }


@hookimpl
def dashboard_figures(projects, since, until) -> list[dict]:
    """Meetings held (scheduled, started before now) and reports filed, per week."""
    from django.utils.translation import gettext_lazy as _

    from cms.dashboard.weeks import weekly_series
    from plugins.mentoring.models import Meeting, MeetingReport

    meetings = Meeting.objects.filter(status=Meeting.Status.SCHEDULED, starts_at__lt=timezone.now())
    reports = MeetingReport.objects.all()
    if projects is not None:
        meetings = meetings.filter(project__in=projects)
        reports = reports.filter(meeting__project__in=projects)
    labels, held = weekly_series(meetings, "starts_at", since, until, series=[(None, _("Meetings held"))])
    _labels, filed = weekly_series(reports, "created_at", since, until, series=[(None, _("Reports filed"))])
    return [
        {
            "key": "mentoring.meetings",
            "title": _("Meetings held and reports filed"),
            "kind": "line",
            "labels": labels,
            "series": held + filed,
        }
    ]


@hookimpl
def impact_figures(projects, since, until) -> list[dict]:
    """Meetings and reports, time from a match to its first meeting, feedback on matches."""
    from plugins.mentoring.impact import figures

    return figures(projects, since, until)


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
def newsletter_sections_many(users, sinces) -> dict[int, list[dict]]:
    """The same sections for a batch of digest readers: one query for all their meetings."""
    from datetime import timedelta

    from django.utils.translation import gettext as _
    from django.utils.translation import override

    from plugins.mentoring.models import Meeting, MeetingParticipant

    now = timezone.now()
    by_user: dict[int, dict] = {}
    rows = (
        MeetingParticipant.objects.filter(
            user_id__in=[user.pk for user in users],
            meeting__status=Meeting.Status.SCHEDULED,
            meeting__starts_at__gte=now,
            meeting__starts_at__lte=now + timedelta(days=7),
        )
        .order_by("meeting__starts_at", "meeting_id")
        .values_list("user_id", "meeting_id", "meeting__starts_at", "meeting__title")
    )
    for user_id, meeting_id, starts_at, title in rows:
        meetings = by_user.setdefault(user_id, {})
        if len(meetings) < 5:
            meetings[meeting_id] = (starts_at, title)
    sections: dict[int, list[dict]] = {}
    for user in users:
        if user.pk not in by_user:
            continue
        with override(user.preferred_language):
            title = _("Your meetings this week")
            items = [
                f"{timezone.localtime(at):%d/%m %H:%M} {name}" for at, name in by_user[user.pk].values()
            ]
        sections[user.pk] = [{"title": title, "items": items}]
    return sections


@hookimpl
def periodic_jobs():
    return [
        PeriodicJob("mentoring.send_meeting_reminders", "*/10 * * * *", "Meeting reminders the day before"),
        PeriodicJob(
            "mentoring.send_report_reminders", "0 * * * *", "Report reminders the day after a session"
        ),
    ]


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from plugins.mentoring.selectors import export_user

    return export_user(user)


@hookimpl
def erase_user_data(user) -> list[str]:
    from plugins.mentoring.actions.matching import erase_user

    erase_user(user)
    return list(MODELS)


@hookimpl
def seed_demo(locales):
    from plugins.mentoring.seed import seed

    seed()
