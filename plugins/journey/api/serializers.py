"""Serializers of the journey API. Component names start with ``Journey`` so they never collide
with another plugin's in the OpenAPI document."""

from __future__ import annotations

from rest_framework import serializers

from plugins.journey import conf
from plugins.journey.models import Outcome, StepStatus


class JourneyPersonSerializer(serializers.Serializer):
    """A person on a roadmap; an erased account answers nulls."""

    id = serializers.UUIDField(allow_null=True)
    name = serializers.CharField(allow_null=True)
    role = serializers.CharField(allow_null=True)


class JourneyNoteSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    author = JourneyPersonSerializer()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class JourneyNoteCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=conf.get("note_max_length"))


class JourneyChecklistItemSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="Stable in every language and when editors re-order the list.")
    text = serializers.CharField()
    details = serializers.CharField(allow_blank=True)
    ticked = serializers.BooleanField()


class JourneyStepSerializer(serializers.Serializer):
    step = serializers.IntegerField(help_text="The roadmap step's number, 1 to 9.")
    key = serializers.UUIDField(help_text="The step page's translation key (the same in every language).")
    page_id = serializers.IntegerField(help_text="The step's information page, in the language answered.")
    locale = serializers.CharField(help_text="The language the step's title and items are in.")
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=StepStatus.Status.choices)
    updated_at = serializers.DateTimeField(allow_null=True)
    items_total = serializers.IntegerField()
    items_ticked = serializers.IntegerField()
    items = JourneyChecklistItemSerializer(many=True)
    notes = JourneyNoteSerializer(many=True, help_text="Notes of the talent's mentor or coach, oldest first.")


class JourneyProgressSerializer(serializers.Serializer):
    step_count = serializers.IntegerField()
    not_started = serializers.IntegerField()
    working_on_it = serializers.IntegerField()
    done = serializers.IntegerField()
    not_relevant = serializers.IntegerField()
    items_total = serializers.IntegerField()
    items_ticked = serializers.IntegerField()


class JourneyRoadmapSerializer(serializers.Serializer):
    """A talent's roadmap: every step with the talent's status, checklist and notes."""

    talent = JourneyPersonSerializer()
    progress = JourneyProgressSerializer()
    steps = JourneyStepSerializer(many=True)


class JourneyStepStatusSerializer(serializers.Serializer):
    step = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(choices=StepStatus.Status.choices)
    updated_at = serializers.DateTimeField(read_only=True)


class JourneyTickSerializer(serializers.Serializer):
    item = serializers.UUIDField(source="item_id")
    ticked = serializers.BooleanField()
    ticked_at = serializers.DateTimeField(allow_null=True)


class JourneyOutcomeSerializer(serializers.ModelSerializer):
    """An outcome. ``sector`` (a sector slug), ``contract`` and ``level`` are for jobs; other
    kinds answer them empty."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    sector = serializers.CharField(
        max_length=60, required=False, allow_blank=True, help_text="A sector slug."
    )
    contract = serializers.ChoiceField(choices=Outcome.Contract.choices, required=False, allow_blank=True)
    level = serializers.ChoiceField(
        choices=Outcome.Level.choices, required=False, allow_blank=True, help_text="Compared to the diploma."
    )
    recorded_by_talent = serializers.SerializerMethodField()

    class Meta:
        model = Outcome
        fields = [
            "id",
            "kind",
            "date",
            "sector",
            "contract",
            "level",
            "recorded_by_talent",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_recorded_by_talent(self, outcome) -> bool:
        """False when the talent's organisation or mentor recorded it."""
        return outcome.recorded_by_id == outcome.talent_id


class JourneyImpactCellSerializer(serializers.Serializer):
    """One cell: a count of people, or ``null`` with ``suppressed`` when it is fewer than *k*
    people or would let someone work out such a cell (docs/impact.md)."""

    value = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()


class JourneyImpactSeriesSerializer(serializers.Serializer):
    label = serializers.CharField()
    cells = JourneyImpactCellSerializer(many=True, help_text="One cell per label of the figure.")
    published_total = serializers.IntegerField(help_text="The sum of the published cells only.")


class JourneyImpactFigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    labels = serializers.ListField(child=serializers.CharField())
    series = JourneyImpactSeriesSerializer(many=True)


class JourneyImpactSerializer(serializers.Serializer):
    """Programme figures for a project (or every project one may see) and a period."""

    project = serializers.CharField(allow_null=True, help_text="The project's slug; null: all one may see.")
    date_from = serializers.DateField(help_text="The first day of the period.")
    date_to = serializers.DateField(help_text="The last day of the period (included).")
    min_cell = serializers.IntegerField(help_text="k: cells of fewer people are suppressed.")
    figures = JourneyImpactFigureSerializer(many=True)
