"""The mentoring plugin's data: requests, feedback (MATCH) and meetings (MEET).

A match is a core connection (``cms.connections``) of one of the kinds in :class:`MatchKind`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class Domain(models.TextChoices):
    """The six mentoring domains of the model (mentoring information page)."""

    TALENTS = "talents", _("Talents and aspirations")
    CV = "cv", _("The CV")
    INTERVIEW = "interview", _("The job interview")
    MOTIVATION_LETTER = "motivation_letter", _("The motivation letter")
    NETWORKING = "networking", _("Networking")
    VACANCIES = "vacancies", _("Finding suitable vacancies")


class MentorKind(models.TextChoices):
    VOLUNTEER = "volunteer", _("Volunteer mentor")
    COACH = "coach", _("Professional career coach")
    EITHER = "either", _("Either")


class MentoringProfile(models.Model):
    """What a mentor offers in mentoring (the domains they help with) and whether they take mentees.

    The mentor's sectors, languages, kind and capacity (``max_mentees``) live on the core's
    ``MentorProfile``; this adds what only the mentoring plugin needs.
    """

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="mentoring_profile")
    domains = models.JSONField(_("mentoring domains"), default=list, blank=True)
    accepting_mentees = models.BooleanField(_("accepting new mentees"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Mentoring profile of {self.user}"


class MentorshipRequest(models.Model):
    """A talent asks for a mentor or a career coach; admins and their projects' organisations answer."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        MATCHED = "matched", _("Matched")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    talent = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="mentorship_requests")
    project = models.ForeignKey(
        "organisations.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mentor_kind = models.CharField(max_length=20, choices=MentorKind.choices, default=MentorKind.EITHER)
    domains = models.JSONField(default=list)
    message = models.TextField(blank=True)
    languages = models.JSONField(default=list, blank=True)
    availability = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    answer_note = models.TextField(blank=True)
    answered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    match = models.ForeignKey(
        "connections.Connection", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["talent"], condition=Q(status="open"), name="mentoring_one_open_request"
            )
        ]

    def __str__(self) -> str:
        return f"Request of {self.talent_id} ({self.status})"


class MatchKind(models.TextChoices):
    """The connection kinds this plugin declares (``connection_kinds`` hook). A match is a core
    connection of one of these kinds; the API also shows other plugins' kinds to their sides."""

    TALENT_MENTOR = "talent_mentor", _("Talent and mentor")
    TALENT_ORGANISATION = "talent_organisation", _("Talent and organisation")
    MENTOR_ORGANISATION = "mentor_organisation", _("Mentor and organisation")


# The kinds a match can be asked for through the API.
NEW_MATCH_KINDS = MatchKind.choices


class TimelineKind(models.TextChoices):
    """The entries this plugin adds to a connection's timeline (beside the core's state changes)."""

    MEETING_PLANNED = "meeting_planned", _("Meeting planned")
    MEETING_CHANGED = "meeting_changed", _("Meeting changed")
    MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
    REPORT_FILED = "report_filed", _("Report filed")
    FEEDBACK = "feedback", _("Feedback given")


class MatchFeedback(models.Model):
    """What one side thought of a closed match."""

    match = models.ForeignKey("connections.Connection", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    usefulness = models.PositiveSmallIntegerField()  # 1 (not useful) .. 5 (very useful)
    would_recommend = models.BooleanField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["match", "author"], name="mentoring_one_feedback")]

    def __str__(self) -> str:
        return f"Feedback on match {self.match_id}"


class Meeting(models.Model):
    """A meeting between the people of one or more active connections (matches).

    A mentoring session (one match), a matching meeting an organisation plans with a talent
    and a mentor, a closing session, an organisation meeting, or a mentor's group session with
    several mentees (peer mentoring: several matches).
    """

    class Kind(models.TextChoices):
        MATCHING = "matching", _("Matching meeting")
        SESSION = "session", _("Mentoring session")
        CLOSING = "closing", _("Closing session")
        ORGANISATION = "organisation", _("Organisation meeting")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uid = models.CharField(max_length=120, unique=True)  # the iCalendar UID, never changes
    sequence = models.PositiveIntegerField(default=0)  # the iCalendar SEQUENCE, +1 per change
    project = models.ForeignKey("organisations.Project", on_delete=models.PROTECT, related_name="+")
    matches = models.ManyToManyField("connections.Connection", related_name="meetings")
    planner = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SESSION)
    title = models.CharField(max_length=200)
    agenda = models.TextField(blank=True)
    domain = models.CharField(max_length=20, choices=Domain.choices, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=60, default="Europe/Brussels")
    place = models.CharField(max_length=300, blank=True)
    online_url = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    # The start time a reminder went out for: a moved meeting gets a new reminder.
    reminded_for = models.DateTimeField(null=True, blank=True)
    report_reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"]), models.Index(fields=["status", "ends_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%Y-%m-%d %H:%M})"


class MeetingParticipant(models.Model):
    """A person invited to a meeting, and their answer."""

    class Response(models.TextChoices):
        PENDING = "pending", _("No answer yet")
        YES = "yes", _("Attending")
        NO = "no", _("Not attending")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="meeting_participations")
    response = models.CharField(max_length=10, choices=Response.choices, default=Response.PENDING)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="mentoring_one_participant")]

    def __str__(self) -> str:
        return f"{self.user_id} in meeting {self.meeting_id}: {self.response}"


class MeetingReport(models.Model):
    """The planner's report of a session, in the model's 5-step structure, and the next appointment."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="report")
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    rapport = models.TextField(_("rapport"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    plan = models.TextField(_("plan"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    next_appointment = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Report of meeting {self.meeting_id}"
