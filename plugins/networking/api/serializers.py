"""Serializers of the networking API: the plan as frontends read it, and what they write.

Component names start with ``Networking`` or ``Plan`` so they never collide with another
plugin's in the OpenAPI document.
"""

from __future__ import annotations

import uuid

from django.utils.translation import gettext as _
from rest_framework import serializers

from plugins.networking import conf
from plugins.networking.models import (
    STEP_COUNT,
    NetworkingPlan,
    PlanComment,
    PlanContact,
    PlanGoal,
    PlanMilestone,
    StepProgress,
)

ENTRY_MAX_LENGTH = 100


class NetworkingPersonSerializer(serializers.Serializer):
    """A person on a plan (the talent, a comment's author); an erased account is "deleted user"."""

    id = serializers.UUIDField(allow_null=True)
    name = serializers.CharField()
    role = serializers.CharField(allow_null=True)

    def to_representation(self, user):
        if user is None or user.erased_at is not None:
            return {"id": None, "name": _("deleted user"), "role": None}
        return {"id": str(user.public_id), "name": str(user), "role": user.role}


def _entries_field() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=ENTRY_MAX_LENGTH),
        max_length=conf.get("mind_map_max_items"),
    )


class NetworkingMindMapSerializer(serializers.Serializer):
    """The mind map: interests, strengths and the kinds of contacts the talent looks for."""

    interests = _entries_field()
    strengths = _entries_field()
    contact_kinds = _entries_field()


class PlanGoalSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = PlanGoal
        fields = [
            "id",
            "term",
            "description",
            "measurable_target",
            "target_date",
            "done",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class PlanGoalField(serializers.SlugRelatedField):
    """A goal of the acting talent's own plan, by its id."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="public_id", queryset=PlanGoal.objects.none(), **kwargs)

    def get_queryset(self):
        talent = self.context.get("talent")
        if talent is None:
            return PlanGoal.objects.none()
        return PlanGoal.objects.filter(plan__talent=talent)

    def to_internal_value(self, data):
        try:
            uuid.UUID(str(data))
        except ValueError:
            self.fail("invalid")
        try:
            return self.get_queryset().get(public_id=data)
        except PlanGoal.DoesNotExist:
            raise serializers.ValidationError(_("There is no such goal in your plan.")) from None


class PlanMilestoneSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    goal = PlanGoalField(required=False, allow_null=True, help_text="The id of one of the plan's goals.")
    done = serializers.BooleanField(required=False, help_text="True ticks the milestone off.")

    class Meta:
        model = PlanMilestone
        fields = ["id", "title", "due_date", "goal", "done", "done_at", "created_at"]
        read_only_fields = ["done_at", "created_at"]


class PlanContactSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = PlanContact
        fields = [
            "id",
            "name",
            "organisation",
            "tie",
            "how_met",
            "notes",
            "next_follow_up",
            "follow_up_sent_for",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["follow_up_sent_for", "created_at", "updated_at"]
        extra_kwargs = {
            "next_follow_up": {"help_text": "On this date the talent gets a reminder e-mail (once)."},
            "follow_up_sent_for": {"help_text": "The follow-up date a reminder was sent for."},
        }


class PlanStepSerializer(serializers.Serializer):
    """How far the talent is with one step of the guide."""

    step = serializers.IntegerField(read_only=True, help_text="The guide step, 1 to 7.")
    status = serializers.ChoiceField(choices=StepProgress.Status.choices)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)


class PlanCommentSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    author = NetworkingPersonSerializer(read_only=True)

    class Meta:
        model = PlanComment
        fields = ["id", "author", "body", "created_at"]
        read_only_fields = ["created_at"]


class PlanCommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=conf.get("comment_max_length"))


class NetworkingProgressSerializer(serializers.Serializer):
    step_count = serializers.IntegerField()
    done = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    not_started = serializers.IntegerField()


class NetworkingPlanSerializer(serializers.Serializer):
    """The whole plan: mind map, goals, the action plan's timeline, contacts, the status per
    guide step (all seven) and the mentor's comments."""

    talent = NetworkingPersonSerializer()
    interests = serializers.ListField(child=serializers.CharField())
    strengths = serializers.ListField(child=serializers.CharField())
    contact_kinds = serializers.ListField(child=serializers.CharField())
    created_at = serializers.DateTimeField(allow_null=True, help_text="Null until the first change.")
    updated_at = serializers.DateTimeField(allow_null=True)
    progress = NetworkingProgressSerializer()
    steps = PlanStepSerializer(many=True)
    goals = PlanGoalSerializer(many=True)
    milestones = PlanMilestoneSerializer(many=True, help_text="The timeline, by due date.")
    contacts = PlanContactSerializer(many=True)
    comments = PlanCommentSerializer(many=True, help_text="The mentor's comments, oldest first.")


def plan_data(talent) -> dict:
    """The plan of ``talent`` as the API answers it, in a fixed number of queries (an empty plan
    when the talent has not started one: nothing is written by reading)."""
    plan = NetworkingPlan.objects.filter(talent=talent).first()
    if plan is None:
        goals, milestones, contacts, comments, rows = [], [], [], [], {}
    else:
        goals = list(plan.goals.all())
        milestones = list(plan.milestones.select_related("goal"))
        contacts = list(plan.contacts.all())
        comments = list(plan.comments.select_related("author"))
        rows = {row.step: row for row in plan.steps.all()}
    steps = [
        {
            "step": number,
            "status": rows[number].status if number in rows else StepProgress.Status.NOT_STARTED,
            "updated_at": rows[number].updated_at if number in rows else None,
        }
        for number in range(1, STEP_COUNT + 1)
    ]
    counts = {status: sum(1 for s in steps if s["status"] == status) for status in StepProgress.Status.values}
    return {
        "talent": talent,
        "interests": plan.interests if plan else [],
        "strengths": plan.strengths if plan else [],
        "contact_kinds": plan.contact_kinds if plan else [],
        "created_at": plan.created_at if plan else None,
        "updated_at": plan.updated_at if plan else None,
        "progress": {"step_count": STEP_COUNT, **counts},
        "steps": steps,
        "goals": goals,
        "milestones": milestones,
        "contacts": contacts,
        "comments": comments,
    }
