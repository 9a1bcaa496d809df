"""The mentoring plugin's data: requests and matches (MATCH), meetings (MEET), threads (MESSAGE)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from cms.accounts.models import TalentProfile

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
    match = models.ForeignKey("Match", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
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


class Match(models.Model):
    """A connection between two sides: talent–mentor, talent–organisation, mentor–organisation.

    ``talent_employer`` is the connection kind the employers plugin makes (matched by sector);
    every kind goes through the same states, grants and messages. An active match connects its
    people (``are_connected``); organisation sides are the organisation's staff.
    """

    class Kind(models.TextChoices):
        TALENT_MENTOR = "talent_mentor", _("Talent and mentor")
        TALENT_ORGANISATION = "talent_organisation", _("Talent and organisation")
        MENTOR_ORGANISATION = "mentor_organisation", _("Mentor and organisation")
        TALENT_EMPLOYER = "talent_employer", _("Talent and employer")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PROPOSED)
    project = models.ForeignKey("organisations.Project", on_delete=models.PROTECT, related_name="+")
    talent = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    mentor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    employer = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    proposed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    # Whether the two sides may write to each other while the match is open. Always for the
    # mentoring kinds; for an employer with blind listings, once the talent accepts contact.
    messaging = models.BooleanField(default=True)
    close_reason = models.CharField(max_length=300, blank=True)
    closed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    activated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One open connection per talent and employer, even when two reconciliations race.
            models.UniqueConstraint(
                fields=["talent", "employer"],
                condition=Q(kind="talent_employer", state__in=["proposed", "active", "paused"]),
                name="mentoring_one_open_employer_connection",
            )
        ]
        indexes = [
            models.Index(fields=["talent", "state"]),
            models.Index(fields=["mentor", "state"]),
            models.Index(fields=["organisation", "state"]),
            models.Index(fields=["employer", "state"]),
            # The talent pool asks, per talent, for the employer's connection with them.
            models.Index(fields=["employer", "talent", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} match {self.pk} ({self.state})"

    @property
    def is_open(self) -> bool:
        return self.state in (self.State.PROPOSED, self.State.ACTIVE, self.State.PAUSED)

    def person_ids(self) -> list[int]:
        """The user ids on the match's personal sides (talent, mentor, employer)."""
        return [pk for pk in (self.talent_id, self.mentor_id, self.employer_id) if pk]


# The kinds a match can be asked for through the API (talent–employer matches come from the
# employers plugin).
NEW_MATCH_KINDS = [choice for choice in Match.Kind.choices if choice[0] != Match.Kind.TALENT_EMPLOYER]


class MatchEvent(models.Model):
    """One entry of a match's timeline: a state change, a meeting planned or cancelled, a report."""

    class Kind(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVATED = "activated", _("Activated")
        PAUSED = "paused", _("Paused")
        RESUMED = "resumed", _("Resumed")
        CLOSED = "closed", _("Closed")
        MEETING_PLANNED = "meeting_planned", _("Meeting planned")
        MEETING_CHANGED = "meeting_changed", _("Meeting changed")
        MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
        REPORT_FILED = "report_filed", _("Report filed")
        FEEDBACK = "feedback", _("Feedback given")

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    meeting = models.ForeignKey("Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} on match {self.match_id}"


class MatchFeedback(models.Model):
    """What one side thought of a closed match."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    usefulness = models.PositiveSmallIntegerField()  # 1 (not useful) .. 5 (very useful)
    would_recommend = models.BooleanField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["match", "author"], name="mentoring_one_feedback")]

    def __str__(self) -> str:
        return f"Feedback on match {self.match_id}"


class TalentProfileUserObjectPermission(UserObjectPermissionBase):
    """Guardian's direct foreign-key table for who may see which talent's profile and CV.

    Granted on activation of a match (mentor, organisation staff, employer), revoked on close.
    """

    content_object = models.ForeignKey(TalentProfile, on_delete=models.CASCADE)


class Meeting(models.Model):
    """A meeting between the people of one or more active matches.

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
    matches = models.ManyToManyField(Match, related_name="meetings")
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


class Thread(models.Model):
    """The one conversation between two users (``user_low`` has the smaller id).

    ``is_open`` is false once the two are no longer connected (their match closed): the thread
    stays readable but takes no new messages.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user_low = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    user_high = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user_low", "user_high"], name="mentoring_one_thread_per_pair")
        ]

    def __str__(self) -> str:
        return f"Thread {self.public_id}"


class ThreadParticipant(models.Model):
    """One side of a thread: how far they have read, whether they blocked the other side,
    and the last message they were e-mailed about."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="thread_participations")
    last_read_id = models.BigIntegerField(default=0)
    notified_up_to_id = models.BigIntegerField(default=0)
    notified_at = models.DateTimeField(null=True, blank=True)
    blocked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="mentoring_one_side")]
        indexes = [models.Index(fields=["user", "thread"])]

    def __str__(self) -> str:
        return f"{self.user_id} in thread {self.thread_id}"


class Message(models.Model):
    """One message. Erasing an account deletes the messages it wrote; the other side keeps theirs."""

    id = models.BigAutoField(primary_key=True)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["thread", "id"])]

    def __str__(self) -> str:
        return f"Message {self.pk} in thread {self.thread_id}"


class MessagingSettings(models.Model):
    """A user's messaging preferences and when they were last active in messaging."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="messaging_settings")
    email_notifications = models.BooleanField(default=True)
    include_text_in_email = models.BooleanField(default=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Messaging settings of {self.user_id}"


class MessageReport(models.Model):
    """A user reports a thread (or one message in it) to the admins."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reports")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reporter = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField(blank=True)
    resolved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Report {self.public_id} ({self.status})"
