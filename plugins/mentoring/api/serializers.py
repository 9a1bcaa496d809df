"""Serializers of the mentoring API: what frontends read and write for matches, meetings, threads."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.accounts.models import TalentProfile
from plugins.mentoring import conf
from plugins.mentoring.models import (
    NEW_MATCH_KINDS,
    Domain,
    Match,
    MatchEvent,
    Meeting,
    MeetingParticipant,
    MeetingReport,
    MentorKind,
    MentorshipRequest,
    Message,
    MessageReport,
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


class PersonSerializer(serializers.Serializer):
    """Another person, as much as any connected user may see: an erased account is "deleted user"."""

    id = serializers.UUIDField(source="public_id", allow_null=True)
    name = serializers.CharField()
    role = serializers.CharField(allow_null=True)

    def to_representation(self, user):
        if user is None or user.erased_at is not None:
            return {"id": None, "name": _("deleted user"), "role": None}
        return {"id": str(user.public_id), "name": str(user), "role": user.role}


class MatchOrganisationSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class MatchSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    talent = PersonSerializer(read_only=True, allow_null=True)
    mentor = PersonSerializer(read_only=True, allow_null=True)
    employer = PersonSerializer(read_only=True, allow_null=True)
    organisation = MatchOrganisationSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Match
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
        ]
        read_only_fields = fields


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
            Match.Kind.TALENT_MENTOR: ("talent", "mentor"),
            Match.Kind.TALENT_ORGANISATION: ("organisation",),
            Match.Kind.MENTOR_ORGANISATION: ("organisation",),
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


class TimelineEntrySerializer(serializers.ModelSerializer):
    actor = PersonSerializer(read_only=True, allow_null=True)
    meeting = MeetingRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = MatchEvent
        fields = ["kind", "at", "actor", "meeting", "data"]


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
    except (ZoneInfoNotFoundError, ValueError):
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
    time_zone = serializers.CharField(default="Europe/Brussels", validators=[_check_zone])
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


class LastMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    preview = serializers.CharField()
    from_me = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class ThreadSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    other = serializers.SerializerMethodField(help_text='The other side; "deleted user" once erased.')
    is_open = serializers.BooleanField(help_text="False once the match closed: read-only.")
    blocked_by_me = serializers.BooleanField()
    unread_count = serializers.IntegerField()
    last_message = LastMessageSerializer(allow_null=True)
    last_message_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(PersonSerializer)
    def get_other(self, row) -> dict:
        return PersonSerializer().to_representation(row["other"])


class MessageSerializer(serializers.ModelSerializer):
    sender = PersonSerializer(read_only=True, allow_null=True)
    from_me = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "sender", "from_me", "body", "created_at"]
        read_only_fields = fields

    def get_from_me(self, message) -> bool:
        return message.sender_id == self.context["request"].user.pk


def _body_field():
    return serializers.CharField(max_length=conf.get("message_max_length"), trim_whitespace=True)


class SendSerializer(serializers.Serializer):
    body = _body_field()


class NewThreadSerializer(SendSerializer):
    to = serializers.UUIDField(help_text="The user id of the person to write to.")


class ReadSerializer(serializers.Serializer):
    up_to = serializers.IntegerField(required=False, min_value=0, help_text="Default: the newest message.")


class ThreadReportSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
    message = serializers.IntegerField(
        required=False, help_text="The message id, if one message is the problem."
    )


class MessagingSettingsSerializer(serializers.Serializer):
    email_notifications = serializers.BooleanField()
    include_text_in_email = serializers.BooleanField()


class MessageReportSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    thread = serializers.UUIDField(source="thread.public_id", read_only=True)
    reporter = PersonSerializer(read_only=True, allow_null=True)
    message = serializers.SerializerMethodField()

    class Meta:
        model = MessageReport
        fields = [
            "id",
            "thread",
            "reporter",
            "reason",
            "message",
            "status",
            "resolution",
            "created_at",
            "resolved_at",
        ]
        read_only_fields = fields

    @extend_schema_field(MessageSerializer(allow_null=True))
    def get_message(self, report):
        if report.message is None:
            return None
        message = report.message
        return {
            "id": message.pk,
            "body": message.body,
            "created_at": message.created_at,
            "sender": PersonSerializer().to_representation(message.sender),
        }


class ResolutionSerializer(serializers.Serializer):
    resolution = serializers.CharField(max_length=2000)
