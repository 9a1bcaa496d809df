"""``/api/v1/networking/plan/…``: a talent's own networking plan.

Only talents have a plan; anyone else signed in gets 403 ``not_a_talent``. Every object is
looked up within the acting talent's own plan, so another talent's goal is simply not found.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.permissions import IsSignedIn
from cms.accounts.models import Role
from cms.errors import NotATalent
from plugins.networking import actions
from plugins.networking.api.serializers import (
    NetworkingMindMapSerializer,
    NetworkingPlanSerializer,
    PlanCommentSerializer,
    PlanContactSerializer,
    PlanGoalSerializer,
    PlanMilestoneSerializer,
    PlanStepSerializer,
    plan_data,
)
from plugins.networking.models import NetworkingPlan, PlanComment, PlanContact, PlanGoal, PlanMilestone

UUID = "[0-9a-fA-F-]{36}"


class IsTalent(permissions.BasePermission):
    """Signed-in talents only; others are told why (403 ``not_a_talent``)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if user.role != Role.TALENT:
            raise NotATalent()
        return True


class NetworkingPlanViewSet(viewsets.GenericViewSet):
    """The talent's plan as a whole, the status per guide step, and the mentor's comments."""

    permission_classes = [IsSignedIn, IsTalent]
    serializer_class = NetworkingPlanSerializer
    queryset = NetworkingPlan.objects.none()  # for the OpenAPI generator; the plan is the user's

    @extend_schema(methods=["get"], responses=NetworkingPlanSerializer)
    @extend_schema(methods=["put"], request=NetworkingMindMapSerializer, responses=NetworkingPlanSerializer)
    @action(detail=False, methods=["get", "put"], url_path="plan")
    def plan(self, request):
        """My networking plan with everything in it. ``PUT`` replaces the mind map (interests,
        strengths, kinds of contacts); the rest is written through the sub-resources."""
        if request.method == "PUT":
            body = NetworkingMindMapSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            actions.save_mind_map(request.user, **body.validated_data)
        return Response(NetworkingPlanSerializer(plan_data(request.user)).data)

    @extend_schema(
        request=PlanStepSerializer,
        responses=PlanStepSerializer,
        parameters=[
            OpenApiParameter(
                "step", OpenApiTypes.INT, OpenApiParameter.PATH, description="The guide step, 1 to 7."
            )
        ],
    )
    @action(detail=False, methods=["put"], url_path=r"plan/steps/(?P<step>[^/.]+)", url_name="plan-step")
    def step(self, request, step=None):
        """Set how far I am with one step of the guide: not_started, in_progress or done."""
        number = actions.check_step(step)
        body = PlanStepSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        progress = actions.set_step_status(request.user, number, body.validated_data["status"])
        return Response(
            PlanStepSerializer(
                {"step": progress.step, "status": progress.status, "updated_at": progress.updated_at}
            ).data
        )

    @extend_schema(responses=PlanCommentSerializer(many=True))
    @action(detail=False, methods=["get"], url_path="plan/comments", url_name="plan-comments")
    def comments(self, request):
        """My mentor's comments on my plan, oldest first."""
        comments = PlanComment.objects.filter(plan__talent=request.user).select_related("author")
        page = self.paginate_queryset(comments.order_by("created_at", "pk"))
        return self.get_paginated_response(PlanCommentSerializer(page, many=True).data)


class _PlanPartViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """List, add, read, change (``PATCH``) and remove one kind of thing in my plan."""

    permission_classes = [IsSignedIn, IsTalent]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID
    model: type = PlanGoal
    related: tuple[str, ...] = ()
    add = change = remove = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator has no user
            return self.model.objects.none()
        return self.model.objects.filter(plan__talent=self.request.user).select_related("plan", *self.related)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "talent": self.request.user}

    def create(self, request):
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        created = self.add(request.user, **body.validated_data)
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        found = self.get_object()
        body = self.get_serializer(found, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        changed = self.change(found, by=request.user, **body.validated_data)
        return Response(self.get_serializer(changed).data)

    def destroy(self, request, id=None):
        self.remove(self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanGoalViewSet(_PlanPartViewSet):
    """My goals, short and long term, each with a measurable target and a date (by date)."""

    serializer_class = PlanGoalSerializer
    model = PlanGoal
    add = staticmethod(actions.add_goal)
    change = staticmethod(actions.change_goal)
    remove = staticmethod(actions.remove_goal)


class PlanMilestoneViewSet(_PlanPartViewSet):
    """My action plan: its milestones on a timeline, by due date."""

    serializer_class = PlanMilestoneSerializer
    model = PlanMilestone
    related = ("goal",)
    add = staticmethod(actions.add_milestone)
    change = staticmethod(actions.change_milestone)
    remove = staticmethod(actions.remove_milestone)


class PlanContactViewSet(_PlanPartViewSet):
    """My contacts (strong and weak ties), each with the date to follow up; on that date I get a
    reminder e-mail."""

    serializer_class = PlanContactSerializer
    model = PlanContact
    add = staticmethod(actions.add_contact)
    change = staticmethod(actions.change_contact)
    remove = staticmethod(actions.remove_contact)
