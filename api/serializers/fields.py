"""Serializer fields shared by the core's serializers."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cms.accounts.models import CEFRLevel
from cms.sectors.models import Sector

LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


class LanguageSkillSerializer(serializers.Serializer):
    """A language someone speaks and how well (ISO 639 code, CEFR level)."""

    language = serializers.CharField(max_length=12, help_text="ISO 639 code, e.g. 'ar', 'nl', 'ti'.")
    level = serializers.ChoiceField(choices=CEFRLevel.choices)

    def validate_language(self, value: str) -> str:
        if not LANGUAGE_CODE_RE.match(value):
            raise serializers.ValidationError(_("Use an ISO 639 language code such as 'ar' or 'nl'."))
        return value


class SectorSlugsField(serializers.ListField):
    """Sectors given and returned as their slugs (the same in every language)."""

    child = serializers.SlugField()

    def to_representation(self, value):
        return [sector.slug for sector in value.all()]

    def to_internal_value(self, data):
        slugs = super().to_internal_value(data)
        found = {s.slug: s for s in Sector.source_rows().filter(slug__in=slugs)}
        unknown = sorted(set(slugs) - set(found))
        if unknown:
            raise serializers.ValidationError(
                _("Unknown sector: %(slugs)s.") % {"slugs": ", ".join(unknown)}
            )
        return [found[s] for s in dict.fromkeys(slugs)]


class StringListField(serializers.ListField):
    """A short list of short strings (skills, keywords)."""

    child = serializers.CharField(max_length=100)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 50)
        super().__init__(**kwargs)
