"""How one person appears to another in every plugin's API, and looking people up by their id."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from cms.accounts.models import User

# URL pattern of the public ids (UUIDs) every detail route uses.
UUID = "[0-9a-fA-F-]{36}"


class PersonSerializer(serializers.Serializer):
    """Another person, as much as any connected user may see: an erased account is "deleted user"."""

    id = serializers.UUIDField(source="public_id", allow_null=True)
    name = serializers.CharField()
    role = serializers.CharField(allow_null=True)

    def to_representation(self, user):
        if user is None or user.erased_at is not None:
            return {"id": None, "name": _("deleted user"), "role": None}
        return {"id": str(user.public_id), "name": str(user), "role": user.role}


def user_by_id(public_id, field: str) -> User:
    """The active account with this public id, or a validation error on ``field``."""
    user = User.objects.filter(public_id=public_id, erased_at=None, is_active=True).first()
    if user is None:
        raise serializers.ValidationError({field: [_("There is no such user.")]})
    return user
