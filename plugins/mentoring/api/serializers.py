"""Serializers of the mentoring API: what frontends read and write for matches and meetings."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.people import PersonSerializer
from cms.accounts.models import TalentProfile
from cms.connections.models import Connection, ConnectionEvent
from plugins.mentoring.models import (
    NEW_MATCH_KINDS,
    Domain,
    MatchFeedback,
    MatchKind,
    Meeting,
    MeetingParticipant,
    MeetingReport,
    MentorKind,
    MentorshipRequest,
    TimelineKind,
)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES] + [
    "fr",
    "de",
    "fa",
    "ps",
    "ti",
    "uk",
    "ru",
    "tr",
    "es",
    "ku",
    "so",
    "prs",
]


class MatchOrganisationSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class MatchSerializer(serializers.ModelSerializer):
    """A match: a core connection as the mentoring API shows it (of any kind its reader may see)."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    kind = serializers.CharField(
        read_only=True,
        help_text="talent_mentor, talent_organisation, mentor_organisation, or another plugin's kind "
        "(talent_employer, …).",
    )
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    talent = PersonSerializer(read_only=True, allow_null=True)
    mentor = PersonSerializer(read_only=True, allow_null=True)
    employer = PersonSerializer(read_only=True, allow_null=True)
    organisation = MatchOrganisationSerializer(read_only=True, allow_null=True)
    my_feedback_given = serializers.SerializerMethodField(
        help_text="Whether I already gave my feedback on this (closed) match."
    )

    class Meta:
        model = Connection
        fields = [
            "id",
            "kind",
            "state",
            "project",
            "talent",
            "mentor",
            "employer",
            "organisation",
            "note",
            "close_reason",
            "created_at",
            "activated_at",
            "closed_at",
            "my_feedback_given",
        ]
        read_only_fields = fields

    def get_my_feedback_given(self, match) -> bool:
        """From the list's annotation (one query for the page), else asked for this match."""
        given = getattr(match, "my_feedback_given", None)
        if given is not None:
            return bool(given)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if match.state != Connection.State.CLOSED or not (user and user.is_authenticated):
            return False
        return MatchFeedback.objects.filter(match=match, author=user).exists()


class MatchCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=NEW_MATCH_KINDS)
    talent = serializers.UUIDField(required=False, help_text="The talent's user id.")
    mentor = serializers.UUIDField(required=False, help_text="The mentor's user id.")
    organisation = serializers.SlugField(required=False, help_text="The organisation's slug.")
    project = serializers.SlugField(required=False, help_text="The project's slug (default: chosen for you).")
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    activate = serializers.BooleanField(
        required=False, help_text="Talent–mentor matches start active unless this is false."
    )

    def validate(self, data):
        needed = {
            MatchKind.TALENT_MENTOR: ("talent", "mentor"),
            MatchKind.TALENT_ORGANISATION: ("organisation",),
            MatchKind.MENTOR_ORGANISATION: ("organisation",),
        }[data["kind"]]
        missing = {name: [_("This field is required.")] for name in needed if not data.get(name)}
        if missing:
            raise serializers.ValidationError(missing)
        return data


class CloseReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class OptionalReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True)


class FeedbackSerializer(serializers.Serializer):
    usefulness = serializers.IntegerField(
        min_value=1, max_value=5, help_text="1: not useful … 5: very useful"
    )
    would_recommend = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class MeetingRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()


TIMELINE_KINDS = [
    ("proposed", _("Proposed")),
    ("activated", _("Activated")),
    ("paused", _("Paused")),
    ("resumed", _("Resumed")),
    ("closed", _("Closed")),
    ("contact_allowed", _("Contact allowed")),
    ("contact_withheld", _("Contact withheld")),
    *TimelineKind.choices,
]


def timeline_context(events) -> dict:
    """The meetings a timeline names, fetched in one query."""
    ids = {e.data.get("meeting") for e in events if isinstance(e.data, dict) and e.data.get("meeting")}
    return {"meetings": {str(m.public_id): m for m in Meeting.objects.filter(public_id__in=ids)}}


class TimelineEntrySerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=TIMELINE_KINDS, read_only=True)
    actor = PersonSerializer(read_only=True, allow_null=True)
    meeting = serializers.SerializerMethodField()
    data = serializers.SerializerMethodField()

    class Meta:
        model = ConnectionEvent
        fields = ["kind", "at", "actor", "meeting", "data"]

    @extend_schema_field(MeetingRefSerializer(allow_null=True))
    def get_meeting(self, event) -> dict | None:
        meeting = self.context.get("meetings", {}).get((event.data or {}).get("meeting"))
        return MeetingRefSerializer(meeting).data if meeting else None

    def get_data(self, event) -> dict:
        return {key: value for key, value in (event.data or {}).items() if key != "meeting"}


class RequestSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    talent = PersonSerializer(read_only=True)
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    match = serializers.UUIDField(source="match.public_id", read_only=True, allow_null=True, default=None)
    domains = serializers.ListField(child=serializers.ChoiceField(choices=Domain.choices), read_only=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = MentorshipRequest
        fields = [
            "id",
            "talent",
            "project",
            "mentor_kind",
            "domains",
            "message",
            "languages",
            "availability",
            "status",
            "answer_note",
            "match",
            "created_at",
            "answered_at",
        ]
        read_only_fields = fields


class RequestCreateSerializer(serializers.Serializer):
    mentor_kind = serializers.ChoiceField(choices=MentorKind.choices, default=MentorKind.EITHER)
    domains = serializers.ListField(
        child=serializers.ChoiceField(choices=Domain.choices),
        min_length=1,
        max_length=6,
        help_text="What you want help with: one or more of the six mentoring domains.",
    )
    message = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGE_CODES), required=False, max_length=10
    )
    availability = serializers.CharField(required=False, allow_blank=True, max_length=300)
    project = serializers.SlugField(required=False)


class RequestAnswerSerializer(serializers.Serializer):
    mentor = serializers.UUIDField(help_text="The mentor to match the talent with.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ExplanationSerializer(serializers.Serializer):
    shared_sectors = serializers.ListField(child=serializers.CharField())
    shared_languages = serializers.ListField(child=serializers.CharField())
    matching_domains = serializers.ListField(child=serializers.CharField())
    capacity_left = serializers.IntegerField()
    points = serializers.DictField(child=serializers.IntegerField())


class MentorSuggestionSerializer(serializers.Serializer):
    mentor = PersonSerializer()
    kind = serializers.CharField()
    score = serializers.IntegerField()
    can_match = serializers.BooleanField()
    explanation = ExplanationSerializer()


class MentoringProfileSerializer(serializers.Serializer):
    domains = serializers.ListField(child=serializers.ChoiceField(choices=Domain.choices), max_length=6)
    accepting_mentees = serializers.BooleanField()
    kind = serializers.CharField(read_only=True)
    max_mentees = serializers.IntegerField(read_only=True)
    capacity_left = serializers.IntegerField(read_only=True)


class TalentSerializer(serializers.ModelSerializer):
    """A talent's profile and competences, for the people a match lets see it."""

    person = PersonSerializer(source="user", read_only=True)
    sectors = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    has_cv = serializers.SerializerMethodField()

    class Meta:
        model = TalentProfile
        fields = [
            "person",
            "dutch_level",
            "education_level",
            "education_field",
            "languages",
            "sectors",
            "study_experience",
            "work_experience",
            "motivations",
            "soft_skills",
            "digital_skills",
            "key_areas_of_expertise",
            "core_strengths",
            "growth_opportunities",
            "core_values",
            "key_context_elements",
            "key_career_drivers",
            "career_objective",
            "has_cv",
            "updated_at",
        ]
        read_only_fields = fields

    def get_has_cv(self, profile) -> bool:
        return bool(profile.cv)


class ParticipantSerializer(serializers.ModelSerializer):
    person = PersonSerializer(source="user", read_only=True)

    class Meta:
        model = MeetingParticipant
        fields = ["person", "response", "responded_at"]


class MeetingSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    planner = PersonSerializer(read_only=True, allow_null=True)
    matches = serializers.SerializerMethodField()
    participants = ParticipantSerializer(many=True, read_only=True)
    has_report = serializers.SerializerMethodField()
    invite_url = serializers.SerializerMethodField()
    # Not format "uri": a meeting in person has no link and answers "" (the contract said uri).
    online_url = serializers.CharField(
        read_only=True, help_text="The link to join online; an empty string for a meeting in person."
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "kind",
            "title",
            "agenda",
            "domain",
            "starts_at",
            "ends_at",
            "time_zone",
            "place",
            "online_url",
            "status",
            "sequence",
            "planner",
            "matches",
            "participants",
            "has_report",
            "invite_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_matches(self, meeting) -> list[str]:
        return [str(m.public_id) for m in meeting.matches.all()]

    def get_has_report(self, meeting) -> bool:
        if hasattr(meeting, "report_exists"):
            return bool(meeting.report_exists)
        return MeetingReport.objects.filter(meeting=meeting).exists()

    def get_invite_url(self, meeting) -> str:
        return f"/api/v1/meetings/{meeting.public_id}/invite/"


def _check_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        raise serializers.ValidationError(_("This is not a time zone (for example Europe/Brussels)."))
    return value


class MeetingWriteSerializer(serializers.Serializer):
    matches = serializers.ListField(child=serializers.UUIDField(), min_length=1, max_length=30)
    participants = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        help_text="Who to invite (default: everyone in the matches).",
    )
    kind = serializers.ChoiceField(choices=Meeting.Kind.choices, default=Meeting.Kind.SESSION)
    title = serializers.CharField(max_length=200)
    agenda = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    domain = serializers.ChoiceField(choices=Domain.choices, required=False, allow_blank=True)
    starts_at = serializers.DateTimeField(
        help_text="ISO 8601 with an offset (a time without one is read as Europe/Brussels time)."
    )
    ends_at = serializers.DateTimeField()
    time_zone = serializers.CharField(default="Europe/Brussels", max_length=60, validators=[_check_zone])
    place = serializers.CharField(required=False, allow_blank=True, max_length=300)
    online_url = serializers.URLField(required=False, allow_blank=True, max_length=500)

    def validate_online_url(self, value: str) -> str:
        if value and not value.lower().startswith(("https://", "http://")):
            raise serializers.ValidationError(_("Give an http(s) link."))
        return value

    def validate(self, data):
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            raise serializers.ValidationError({"ends_at": [_("A meeting must end after it starts.")]})
        return data


class MeetingUpdateSerializer(MeetingWriteSerializer):
    matches = None
    participants = None
    validate = serializers.Serializer.validate


class RespondSerializer(serializers.Serializer):
    attending = serializers.BooleanField()


class ReportSerializer(serializers.ModelSerializer):
    author = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = MeetingReport
        fields = [
            "rapport",
            "goal",
            "plan",
            "next_steps",
            "evaluation",
            "next_appointment",
            "author",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["author", "created_at", "updated_at"]
        extra_kwargs = {
            name: {"max_length": 8000} for name in ("rapport", "goal", "plan", "next_steps", "evaluation")
        }
