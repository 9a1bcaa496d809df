"""Serializers of the own profile (``/api/v1/me/``) and consents."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.fields import (
    LANGUAGE_CODE_RE,
    LanguageSkillSerializer,
    SectorSlugsField,
    StringListField,
)
from cms.accounts.models import Consent, EmployerProfile, MentorProfile, Role, TalentProfile, User

READ_ONLY_FILE_FIELDS = ("photo", "cv", "logo")
#: A photo or logo: the address to download it from Helix, relative to the API's host.
PHOTO_SCHEMA = {"type": "string", "format": "uri-reference", "nullable": True}


class TalentProfileSerializer(serializers.ModelSerializer):
    languages = LanguageSkillSerializer(many=True, required=False)
    sectors = SectorSlugsField(required=False)
    soft_skills = StringListField(required=False)
    digital_skills = StringListField(required=False)
    photo = serializers.SerializerMethodField()
    cv = serializers.SerializerMethodField()

    class Meta:
        model = TalentProfile
        fields = [
            "photo", "languages", "dutch_level", "education_level", "education_field",
            "study_experience", "work_experience", "motivations", "soft_skills",
            "digital_skills", "sectors", "cv", "key_areas_of_expertise", "core_strengths",
            "growth_opportunities", "core_values", "key_context_elements",
            "key_career_drivers", "career_objective", "updated_at",
        ]
        read_only_fields = ["updated_at"]

    @extend_schema_field(PHOTO_SCHEMA)
    def get_photo(self, obj):
        return _photo_url(obj.photo)

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "url": {"type": "string"},
                "content_type": {"type": "string"},
                "uploaded_at": {"type": "string", "format": "date-time"},
            },
        }
    )
    def get_cv(self, obj):
        if not obj.cv:
            return None
        return {
            "url": "/api/v1/me/cv/",
            "content_type": obj.cv_content_type,
            "uploaded_at": obj.cv_uploaded_at,
        }


class MentorProfileSerializer(serializers.ModelSerializer):
    languages = LanguageSkillSerializer(many=True, required=False)
    sectors = SectorSlugsField(required=False)
    photo = serializers.SerializerMethodField()
    max_mentees = serializers.IntegerField(min_value=0, max_value=20, required=False)

    class Meta:
        model = MentorProfile
        fields = ["kind", "photo", "expertise", "languages", "sectors", "max_mentees", "updated_at"]
        read_only_fields = ["updated_at"]

    @extend_schema_field(PHOTO_SCHEMA)
    def get_photo(self, obj):
        return _photo_url(obj.photo)


class EmployerProfileSerializer(serializers.ModelSerializer):
    sectors = SectorSlugsField(required=False)
    logo = serializers.SerializerMethodField()

    class Meta:
        model = EmployerProfile
        fields = ["company", "website", "description", "size", "sectors", "logo", "updated_at"]
        read_only_fields = ["updated_at"]

    @extend_schema_field(PHOTO_SCHEMA)
    def get_logo(self, obj):
        return _photo_url(obj.logo)


def _photo_url(field) -> str | None:
    return "/api/v1/me/photo/" if field else None


PROFILE_SERIALIZERS = {
    Role.TALENT: ("talent_profile", TalentProfileSerializer),
    Role.MENTOR: ("mentor_profile", MentorProfileSerializer),
    Role.EMPLOYER: ("employer_profile", EmployerProfileSerializer),
}


class OrganisationMembershipSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    status = serializers.CharField()


class ConsentStateSerializer(serializers.Serializer):
    purpose = serializers.ChoiceField(choices=Consent.Purpose.choices)
    label = serializers.CharField()
    granted = serializers.BooleanField()
    version = serializers.CharField(allow_null=True)
    current_version = serializers.CharField()
    granted_at = serializers.DateTimeField(allow_null=True)


class CountryCodeField(serializers.ChoiceField):
    """An ISO 3166 code in and out (the model gives a ``Country``)."""

    def to_representation(self, value):
        return str(getattr(value, "code", value) or "")


class MeSerializer(serializers.ModelSerializer):
    """The signed-in user's account and the profile of their role."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    email_verified = serializers.SerializerMethodField()
    mfa_enabled = serializers.SerializerMethodField()
    talent_profile = TalentProfileSerializer(required=False, allow_null=True)
    mentor_profile = MentorProfileSerializer(required=False, allow_null=True)
    employer_profile = EmployerProfileSerializer(required=False, allow_null=True)
    organisations = serializers.SerializerMethodField()
    plugin_sections = serializers.SerializerMethodField()
    capabilities = serializers.SerializerMethodField(
        help_text="What this person may do: the declared capabilities they hold (such as "
        "'posts.add_post'), for showing only the screens they can use. The server checks "
        "every call again; this list is a hint for the interface, not a permission."
    )
    nationality = CountryCodeField(
        choices=[("", "")] + [(code, name) for code, name in countries],
        required=False,
        help_text="Optional, self-declared: an ISO 3166 country code ('' for none). Counted in "
        "anonymous programme figures only with the 'demographics' consent.",
    )
    first_language = serializers.CharField(
        max_length=12,
        required=False,
        allow_blank=True,
        help_text="Optional, self-declared: an ISO 639 code ('' for none). Counted in anonymous "
        "programme figures only with the 'demographics' consent.",
    )

    class Meta:
        model = User
        fields = [
            "id", "email", "first_name", "last_name", "preferred_language", "role",
            "approval_status", "approval_note", "email_verified", "mfa_enabled", "date_joined",
            "nationality", "first_language", "gender",
            "talent_profile", "mentor_profile", "employer_profile", "organisations",
            "plugin_sections", "capabilities",
        ]
        read_only_fields = [
            "email", "role", "approval_status", "approval_note", "date_joined",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for role, (field, _cls) in PROFILE_SERIALIZERS.items():
            if instance.role != role:
                data[field] = None
        return data

    def get_email_verified(self, obj) -> bool:
        return EmailAddress.objects.filter(user=obj, email__iexact=obj.email, verified=True).exists()

    def get_mfa_enabled(self, obj) -> bool:
        return Authenticator.objects.filter(user=obj, type=Authenticator.Type.TOTP).exists()

    @extend_schema_field(OrganisationMembershipSerializer(many=True))
    def get_organisations(self, obj):
        return [{"slug": o.slug, "name": o.name, "status": o.status} for o in obj.organisations.all()]

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_capabilities(self, obj) -> list[str]:
        from cms.capabilities.declared import declared_capabilities

        return [c.perm for c in declared_capabilities() if obj.has_perm(c.perm)]

    @extend_schema_field({"type": "object", "additionalProperties": True})
    def get_plugin_sections(self, obj):
        from api.permissions import request_project
        from cms.plugins import hooks_for

        request = self.context.get("request")
        project = request_project(request) if request is not None else None
        sections: dict = {}
        for result in hooks_for(project).profile_sections(user=obj):
            sections.update(result or {})
        return sections

    def validate_first_language(self, value: str) -> str:
        if value and not LANGUAGE_CODE_RE.match(value):
            raise serializers.ValidationError(_("Use an ISO 639 language code such as 'ar' or 'nl'."))
        return value

    def validate(self, attrs):
        user = self.instance
        for role, (field, _cls) in PROFILE_SERIALIZERS.items():
            if field in attrs and user.role != role:
                raise serializers.ValidationError(
                    {field: [_("This profile does not belong to your role.")]}
                )
        return attrs

    def changes(self) -> tuple[dict, dict]:
        """The validated changes as ``(account, profile)``, for ``actions.update_profile``."""
        account = dict(self.validated_data)
        profile: dict = {}
        for _role, (field, _cls) in PROFILE_SERIALIZERS.items():
            if field in account:
                profile = account.pop(field) or {}
        return account, profile


class ConsentGrantSerializer(serializers.Serializer):
    purpose = serializers.ChoiceField(choices=Consent.Purpose.choices)


class ConsentHistorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Consent
        fields = ["purpose", "version", "granted_at", "withdrawn_at"]


def consent_states(user: User) -> list[dict]:
    """The current state of every consent purpose for ``user``."""
    active = {
        c.purpose: c
        for c in Consent.objects.filter(user=user, withdrawn_at=None).order_by("granted_at")
    }
    states = []
    for purpose, label in Consent.Purpose.choices:
        current = settings.HELIX_CONSENT_VERSIONS[purpose]
        consent = active.get(purpose)
        granted = consent is not None and consent.version == current
        states.append(
            {
                "purpose": purpose,
                "label": str(label),
                "granted": granted,
                "version": consent.version if consent else None,
                "current_version": current,
                "granted_at": consent.granted_at if consent else None,
            }
        )
    return states


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField()
