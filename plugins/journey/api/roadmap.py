"""``/api/v1/journey/roadmap/…`` (a talent's own roadmap) and ``/api/v1/journey/talents/{id}/…``
(a talent's roadmap and outcomes as their mentor, coach or organisation sees them).

A talent's own routes answer 403 ``not_a_talent`` to anyone else. The routes about another
talent answer 404 to whoever may not see that talent's journey, the same answer as for a talent
who does not exist.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.i18n import request_language
from api.permissions import IsSignedIn
from cms.accounts.middleware import needs_second_factor
from cms.accounts.models import Role, User
from cms.errors import NotATalent
from plugins.journey import actions, selectors
from plugins.journey.api.serializers import (
    JourneyNoteCreateSerializer,
    JourneyNoteSerializer,
    JourneyOutcomeSerializer,
    JourneyRoadmapSerializer,
    JourneyStepStatusSerializer,
    JourneyTickSerializer,
)
from plugins.journey.models import Outcome, StepStatus

UUID = "[0-9a-fA-F-]{36}"
STEP = OpenApiParameter(
    "step", OpenApiTypes.INT, OpenApiParameter.PATH, description="The roadmap step, 1 to 9."
)
ITEM = OpenApiParameter(
    "item_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="A checklist item's id."
)


class IsTalent(permissions.BasePermission):
    """Signed-in talents only; others are told why (403 ``not_a_talent``)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if user.role != Role.TALENT:
            raise NotATalent()
        return True


class JourneyRoadmapViewSet(viewsets.GenericViewSet):
    """My roadmap: a status per step and the steps' checklists, in my language."""

    permission_classes = [IsSignedIn, IsTalent]
    serializer_class = JourneyRoadmapSerializer
    queryset = StepStatus.objects.none()  # for the OpenAPI generator; the roadmap is the user's

    @extend_schema(responses=JourneyRoadmapSerializer)
    @action(detail=False, methods=["get"], url_path="roadmap")
    def roadmap(self, request):
        """My roadmap: the nine steps in the request's language with my status, each step's
        checklist with my ticks, my mentor's notes, and the counts."""
        return Response(JourneyRoadmapSerializer(selectors.roadmap_of(request.user, request_language())).data)

    @extend_schema(
        request=JourneyStepStatusSerializer, responses=JourneyStepStatusSerializer, parameters=[STEP]
    )
    @action(
        detail=False, methods=["put"], url_path=r"roadmap/steps/(?P<step>[^/.]+)", url_name="roadmap-step"
    )
    def step(self, request, step=None):
        """Set where I stand on one step: not_started, working_on_it, done or not_relevant."""
        body = JourneyStepStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        row = actions.set_step_status(request.user, step, body.validated_data["status"])
        return Response(
            JourneyStepStatusSerializer(
                {"step": row.step_number, "status": row.status, "updated_at": row.updated_at}
            ).data
        )

    @extend_schema(methods=["put"], request=None, responses=JourneyTickSerializer, parameters=[ITEM])
    @extend_schema(
        methods=["delete"], request=None, responses={200: JourneyTickSerializer}, parameters=[ITEM]
    )
    @action(
        detail=False,
        methods=["put", "delete"],
        url_path=rf"roadmap/items/(?P<item_id>{UUID})",
        url_name="roadmap-item",
    )
    def item(self, request, item_id=None):
        """``PUT`` ticks one checklist item off; ``DELETE`` takes the tick off again."""
        if request.method == "DELETE":
            actions.untick_item(request.user, item_id)
            return Response({"item": item_id, "ticked": False, "ticked_at": None})
        tick = actions.tick_item(request.user, item_id)
        return Response(
            JourneyTickSerializer({"item_id": tick.item_id, "ticked": True, "ticked_at": tick.ticked_at}).data
        )


class JourneyTalentViewSet(viewsets.GenericViewSet):
    """A talent's journey for the people who follow it: their mentor or coach (a connection that
    shows the talent's progress) and admins read the roadmap and add notes; with the talent's
    consent, their organisation's staff and mentor read and record outcomes."""

    permission_classes = [IsSignedIn]
    serializer_class = JourneyRoadmapSerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "talent_public_id"
    lookup_value_regex = UUID

    def get_queryset(self):
        # Only the schema reads this (the path parameter is a user's public id).
        return User.objects.filter(role=Role.TALENT).none()

    def _talent(self, talent_public_id, allowed) -> User:
        user = self.request.user
        if needs_second_factor(user):  # an admin without it has no admin powers: say why
            raise exceptions.PermissionDenied(
                _("Set up a second factor (TOTP) before reading people's journeys."), code="mfa_required"
            )
        talent = selectors.talent_by_id(talent_public_id)
        if talent is None or not allowed(user, talent):
            raise exceptions.NotFound(_("There is no such talent's journey."))
        return talent

    @extend_schema(responses=JourneyRoadmapSerializer)
    @action(detail=True, methods=["get"])
    def roadmap(self, request, talent_public_id=None):
        """The talent's roadmap, in my language: statuses, ticks, notes and counts."""
        talent = self._talent(talent_public_id, selectors.can_read_roadmap)
        return Response(JourneyRoadmapSerializer(selectors.roadmap_of(talent, request_language())).data)

    @extend_schema(
        request=JourneyNoteCreateSerializer, responses={201: JourneyNoteSerializer}, parameters=[STEP]
    )
    @action(detail=True, methods=["post"], url_path=r"roadmap/steps/(?P<step>[^/.]+)/notes", url_name="note")
    def notes(self, request, talent_public_id=None, step=None):
        """Leave a note on one step of the talent's roadmap (their connected mentor or coach
        only); the talent is e-mailed."""
        talent = self._talent(talent_public_id, selectors.can_read_roadmap)
        body = JourneyNoteCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        note = actions.add_note(talent, step, by=request.user, body=body.validated_data["body"])
        data = {
            "id": note.public_id,
            "author": {"id": request.user.public_id, "name": str(request.user), "role": request.user.role},
            "body": note.body,
            "created_at": note.created_at,
        }
        return Response(JourneyNoteSerializer(data).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=JourneyOutcomeSerializer(many=True))
    @extend_schema(
        methods=["post"], request=JourneyOutcomeSerializer, responses={201: JourneyOutcomeSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def outcomes(self, request, talent_public_id=None):
        """The talent's outcomes; ``POST`` records one for them. Needs the talent's consent
        (``outcome_recording``) and the capability to record outcomes for others."""
        talent = self._talent(talent_public_id, selectors.follows_talent)
        actions.check_may_record_for(request.user, talent)
        if request.method == "POST":
            body = JourneyOutcomeSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            outcome = actions.record_outcome(talent, by=request.user, **body.validated_data)
            return Response(JourneyOutcomeSerializer(outcome).data, status=status.HTTP_201_CREATED)
        return Response(JourneyOutcomeSerializer(Outcome.objects.filter(talent=talent), many=True).data)
