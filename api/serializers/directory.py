"""Serializers of reference data, the organisation directory and projects."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.fields import SectorSlugsField
from cms.organisations.models import Organisation, PluginActivation, Project, ProjectMembership
from cms.sectors.models import Sector

# Organisation and project descriptions are served publicly in every directory answer: a cap
# keeps one account from making each of those answers megabytes long. Checked in
# validate_description (not max_length) so the committed contract is unchanged.
DESCRIPTION_MAX_CHARS = 5000


def _limited_description(value: str) -> str:
    if value and len(value) > DESCRIPTION_MAX_CHARS:
        raise serializers.ValidationError(
            f"A description is at most {DESCRIPTION_MAX_CHARS} characters ({len(value)} given)."
        )
    return value


class SectorSerializer(serializers.ModelSerializer):
    locale = serializers.CharField(source="locale.language_code", read_only=True)

    class Meta:
        model = Sector
        fields = ["slug", "name", "description", "locale"]


class OrganisationSerializer(serializers.ModelSerializer):
    sectors = SectorSlugsField(required=False)
    logo = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "slug", "name", "type", "description", "website", "contact_email",
            "contact_phone", "city", "sectors", "logo", "status",
        ]
        read_only_fields = ["slug", "status"]

    def validate_description(self, value: str) -> str:
        return _limited_description(value)

    def get_logo(self, obj) -> str | None:
        return obj.logo.url if obj.logo else None


class ProjectSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, default=None, help_text="The running organisation's name."
    )
    my_membership = serializers.SerializerMethodField()
    pending_requests = serializers.SerializerMethodField(
        help_text="Join requests waiting for a decision: for the staff of the running "
        "organisation and admins; null for everyone else."
    )

    class Meta:
        model = Project
        fields = [
            "slug", "name", "description", "organisation", "organisation_name", "join_policy", "is_default",
            "is_active", "my_membership", "pending_requests", "created_at",
        ]
        read_only_fields = ["slug", "organisation", "is_default", "created_at"]

    def validate_description(self, value: str) -> str:
        return _limited_description(value)

    def get_my_membership(self, obj) -> str | None:
        memberships = self.context.get("my_memberships", {})
        return memberships.get(obj.pk)

    def get_pending_requests(self, obj) -> int | None:
        managed = self.context.get("managed_organisations")
        if managed is None or (managed != "all" and obj.organisation_id not in managed):
            return None
        counted = getattr(obj, "pending_count", None)
        if counted is None:  # a project just created or changed: not from the annotated list
            counted = obj.memberships.filter(status=ProjectMembership.Status.REQUESTED).count()
        return counted


class ProjectCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    join_policy = serializers.ChoiceField(
        choices=Project.JoinPolicy.choices, default=Project.JoinPolicy.APPROVAL
    )
    organisation = serializers.SlugField(required=False, help_text="Needed for admins only.")

    def validate_description(self, value: str) -> str:
        return _limited_description(value)


class JoinRequestSerializer(serializers.Serializer):
    motivation = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class MembershipSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True)
    user = serializers.SerializerMethodField()
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ProjectMembership
        fields = [
            "id", "project", "user", "status", "motivation", "decision_note",
            "requested_at", "decided_at",
        ]

    def get_user(self, obj) -> dict:
        return {
            "id": str(obj.user.public_id),
            "name": obj.user.get_full_name(),
            "role": obj.user.role,
        }


class DecisionSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class PluginActivationSerializer(serializers.ModelSerializer):
    class Meta:
        model = PluginActivation
        fields = ["plugin_id", "enabled", "config", "updated_at"]
        read_only_fields = ["plugin_id", "updated_at"]
        extra_kwargs = {"enabled": {"required": True}}
