"""Meeting actions: plan, change, cancel, answer, report; and the reminder scans the jobs run."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import User
from cms.audit import record
from cms.connections.actions import add_event
from cms.connections.models import Connection
from cms.connections.selectors import can_manage, is_side
from cms.errors import (
    EndsBeforeStart,
    InvalidTransition,
    MatchNotActive,
    NotApproved,
    NotInMatch,
    RoleNotAllowed,
    StartsInPast,
    require_capability,
)
from cms.outbox.mail import notify, queue_message, render
from cms.plugins import enabled_projects
from plugins.mentoring import conf
from plugins.mentoring.calendar import invite
from plugins.mentoring.models import MatchKind, Meeting, MeetingParticipant, MeetingReport, TimelineKind

SCHEDULE_FIELDS = ("starts_at", "ends_at", "place", "online_url", "time_zone")
EDITABLE = ("title", "agenda", "domain", "kind", *SCHEDULE_FIELDS)


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise EndsBeforeStart(fields={"ends_at": [str(EndsBeforeStart.message)]})


def _people_of(matches: list[Connection]) -> set[int]:
    people: set[int] = set()
    for match in matches:
        people.update(match.person_ids())
    return people


def plan_meeting(
    by: User, matches: list[Connection], data: dict, participants: list[User] | None = None
) -> Meeting:
    """Plan a meeting for the people of ``matches`` (all active).

    The planner is one side of every match (a mentor for a group session with several of their
    mentees), or the organisation that follows them (a matching meeting with talent and mentor).
    ``participants`` narrows who is invited; each must belong to one of the matches.
    """
    if not by.is_approved:
        raise NotApproved()
    require_capability(by, "mentoring.plan_meeting")
    if not matches:
        raise NotInMatch(_("Choose the match this meeting belongs to."), code="match_required")
    for match in matches:
        if not (is_side(by, match) or can_manage(by, match)):
            raise RoleNotAllowed(_("You can only plan meetings for your own matches."))
        if match.state != Connection.State.ACTIVE:
            raise MatchNotActive()
        if not match.can_contact:
            raise MatchNotActive(_("The talent has not accepted contact yet."), code="contact_first")
    if len(matches) > 1 and not all(
        m.mentor_id == by.pk and m.kind == MatchKind.TALENT_MENTOR for m in matches
    ):
        raise NotInMatch(
            _("A group session can only bring together one mentor's own mentees."), code="not_a_group"
        )
    _check_times(data["starts_at"], data["ends_at"])
    if data["starts_at"] < timezone.now() - timedelta(minutes=5):
        raise StartsInPast(fields={"starts_at": [str(StartsInPast.message)]})
    allowed = _people_of(matches) | {by.pk}
    invited = [u.pk for u in participants] if participants else sorted(allowed)
    if not set(invited) <= allowed:
        raise NotInMatch(fields={"participants": [str(NotInMatch.message)]})
    invited = sorted(set(invited) | {by.pk})
    with transaction.atomic():
        meeting = Meeting.objects.create(
            uid=f"{uuid.uuid4()}@helix",
            project=matches[0].project,
            planner=by,
            **{key: data[key] for key in EDITABLE if key in data},
        )
        meeting.matches.set(matches)
        MeetingParticipant.objects.bulk_create(
            MeetingParticipant(
                meeting=meeting,
                user_id=pk,
                response=MeetingParticipant.Response.YES
                if pk == by.pk
                else MeetingParticipant.Response.PENDING,
            )
            for pk in invited
        )
        for match in matches:
            add_event(match, TimelineKind.MEETING_PLANNED, by, meeting=str(meeting.public_id))
        record(by, "mentoring.meeting_planned", meeting)
        _send_invites(meeting, "REQUEST")
    return meeting


def _can_change(by: User, meeting: Meeting) -> bool:
    if meeting.planner_id == by.pk or by.is_helix_admin:
        return True
    return any(can_manage(by, match) for match in meeting.matches.all())


def update_meeting(meeting: Meeting, *, by: User, changes: dict) -> Meeting:
    """Change a meeting; every change sends everyone an updated invite (SEQUENCE + 1)."""
    if not _can_change(by, meeting):
        raise RoleNotAllowed(_("Only the planner can change a meeting."))
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status == Meeting.Status.CANCELLED:
            raise InvalidTransition(_("This meeting was cancelled."))
        changed = [key for key in EDITABLE if key in changes and getattr(meeting, key) != changes[key]]
        for key in changed:
            setattr(meeting, key, changes[key])
        _check_times(meeting.starts_at, meeting.ends_at)
        if not changed:
            return meeting
        meeting.sequence += 1
        meeting.save()
        if "starts_at" in changed:
            # Answers were given for the old time.
            meeting.participants.exclude(user=meeting.planner_id).update(
                response=MeetingParticipant.Response.PENDING, responded_at=None
            )
        for match in meeting.matches.all():
            add_event(match, TimelineKind.MEETING_CHANGED, by, meeting=str(meeting.public_id), fields=changed)
        _send_invites(meeting, "REQUEST")
    return meeting


def cancel_meeting(meeting: Meeting, *, by: User | None, reason: str = "") -> Meeting:
    """Cancel: everyone gets a METHOD:CANCEL invite, and no reminder goes out. ``by`` is None
    when Helix cancels it (its match closed)."""
    if by is not None and not _can_change(by, meeting):
        raise RoleNotAllowed(_("Only the planner can cancel a meeting."))
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status == Meeting.Status.CANCELLED:
            raise InvalidTransition(_("This meeting was cancelled already."))
        meeting.status, meeting.sequence = Meeting.Status.CANCELLED, meeting.sequence + 1
        meeting.save(update_fields=["status", "sequence", "updated_at"])
        for match in meeting.matches.all():
            add_event(
                match, TimelineKind.MEETING_CANCELLED, by, meeting=str(meeting.public_id), reason=reason
            )
        record(by, "mentoring.meeting_cancelled", meeting, reason=reason)
        _send_invites(meeting, "CANCEL", reason=reason)
    return meeting


def respond(meeting: Meeting, *, by: User, attending: bool) -> MeetingParticipant:
    """A participant answers yes or no."""
    participant = MeetingParticipant.objects.filter(meeting=meeting, user=by).first()
    if participant is None:
        raise RoleNotAllowed(_("You are not invited to this meeting."))
    if meeting.status == Meeting.Status.CANCELLED:
        raise InvalidTransition(_("This meeting was cancelled."))
    participant.response = MeetingParticipant.Response.YES if attending else MeetingParticipant.Response.NO
    participant.responded_at = timezone.now()
    participant.save(update_fields=["response", "responded_at"])
    return participant


def file_report(meeting: Meeting, *, by: User, data: dict) -> MeetingReport:
    """The planner reports on a session that has started, in the 5-step structure."""
    if meeting.planner_id != by.pk:
        raise RoleNotAllowed(_("Only the planner of the meeting can write its report."))
    if meeting.status == Meeting.Status.CANCELLED:
        raise InvalidTransition(_("This meeting was cancelled."))
    if meeting.starts_at > timezone.now():
        raise InvalidTransition(_("A report can be written once the meeting has started."))
    fields = ("rapport", "goal", "plan", "next_steps", "evaluation", "next_appointment")
    with transaction.atomic():
        report, created = MeetingReport.objects.update_or_create(
            meeting=meeting, defaults={"author": by, **{k: data[k] for k in fields if k in data}}
        )
        if created:
            for match in meeting.matches.all():
                add_event(match, TimelineKind.REPORT_FILED, by, meeting=str(meeting.public_id))
    return report


# --- e-mails --------------------------------------------------------------------------------


def meeting_message(meeting: Meeting, user: User, template: str, method: str | None, **extra):
    """A meeting e-mail for ``user`` in their language, with the invite attached when ``method``."""
    context = {"meeting": meeting, "user": user, "site_url": settings.HELIX_SITE_URL, **extra}
    message = render(template, context, user.preferred_language or settings.LANGUAGE_CODE)
    message.to = [user.email]
    if method:
        message.attach(
            "invite.ics",
            invite(meeting, user, method=method).decode(),
            f"text/calendar; method={method}; charset=UTF-8",
        )
    return message


def _send_invites(meeting: Meeting, method: str, reason: str = "") -> None:
    template = "mentoring/mail/meeting_cancelled" if method == "CANCEL" else "mentoring/mail/meeting_invite"
    participants = list(meeting.participants.select_related("user"))
    for participant in participants:
        user = participant.user
        if not user.is_active or not user.email:
            continue
        message = meeting_message(
            meeting, user, template, method, reason=reason, updated=meeting.sequence > 0
        )
        queue_message(message, key=f"mentoring:meeting:{meeting.pk}:{meeting.sequence}:{user.pk}", user=user)


def send_meeting_reminders(now: datetime | None = None, batch: int = 200) -> int:
    """E-mail the participants of meetings starting within the reminder window, once per start time.

    ``reminded_for`` remembers the start time a reminder went out for: a moved meeting is
    reminded again, a cancelled one never. Each batch commits with its outbox rows, so a crash
    loses nothing and a rerun sends nothing twice (the outbox key holds the start time too).
    """
    now = now or timezone.now()
    horizon = now + timedelta(hours=conf.get("reminder_hours_before"))
    due = (
        Meeting.objects.filter(status=Meeting.Status.SCHEDULED, starts_at__gt=now, starts_at__lte=horizon)
        .filter(project__in=enabled_projects("mentoring"))
        .exclude(reminded_for=F("starts_at"))
        .order_by("pk")
    )
    sent = 0
    last = 0
    while True:
        with transaction.atomic():
            locked = due.filter(pk__gt=last).select_related("planner")
            meetings = list(locked.select_for_update(skip_locked=True, of=("self",))[:batch])
            if not meetings:
                return sent
            last = meetings[-1].pk
            participants = (
                MeetingParticipant.objects.filter(meeting__in=meetings)
                .exclude(response=MeetingParticipant.Response.NO)
                .select_related("user")
            )
            by_meeting: dict[int, list] = {}
            for participant in participants:
                by_meeting.setdefault(participant.meeting_id, []).append(participant.user)
            for meeting in meetings:
                for user in by_meeting.get(meeting.pk, []):
                    if user.is_active and user.email:
                        message = meeting_message(meeting, user, "mentoring/mail/meeting_reminder", None)
                        key = f"mentoring:reminder:{meeting.pk}:{meeting.starts_at.isoformat()}:{user.pk}"
                        queue_message(message, key=key, user=user)
                        sent += 1
                meeting.reminded_for = meeting.starts_at
            Meeting.objects.bulk_update(meetings, ["reminded_for"])


def send_report_reminders(now: datetime | None = None) -> int:
    """Remind planners, the day after a session, to write its report (once per meeting)."""
    now = now or timezone.now()
    after = now - timedelta(hours=conf.get("report_reminder_after_hours"))
    due = Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED,
        kind__in=(Meeting.Kind.SESSION, Meeting.Kind.CLOSING, Meeting.Kind.MATCHING),
        ends_at__lte=after,
        ends_at__gt=after - timedelta(days=7),
        report_reminded_at=None,
        report__isnull=True,
        planner__isnull=False,
        project__in=enabled_projects("mentoring"),
    ).select_related("planner")
    sent = 0
    with transaction.atomic():
        meetings = list(due.select_for_update(skip_locked=True, of=("self",))[:1000])
        for meeting in meetings:
            notify(
                "mentoring/mail/report_reminder",
                [meeting.planner],
                {"meeting": meeting},
                key=f"mentoring:report-reminder:{meeting.pk}",
            )
            meeting.report_reminded_at = now
            sent += 1
        Meeting.objects.bulk_update(meetings, ["report_reminded_at"])
    return sent
