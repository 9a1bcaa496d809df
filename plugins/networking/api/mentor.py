"""``/api/v1/networking/plans/{talent_public_id}/``: a talent's plan as their mentor reads it.

A connected reader (the mentor of an active or paused talent–mentor connection, or any side a
connection kind lets see the ``networking_plan``) reads the whole plan and comments on it; the
talent may read their own here too, and admins read any. To everyone else the plan does not
exist: 404, the same answer as for a talent id that does not exist.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.permissions import IsSignedIn
from cms.accounts.middleware import needs_second_factor
from cms.accounts.models import Role, User
from cms.errors import MentorOnly
from plugins.networking import actions, selectors
from plugins.networking.api.plan import UUID
from plugins.networking.api.serializers import (
    NetworkingPlanSerializer,
    PlanCommentCreateSerializer,
    PlanCommentSerializer,
    plan_data,
)


class NetworkingMenteePlanViewSet(viewsets.GenericViewSet):
    """A mentee's networking plan, for their mentor (and admins)."""

    permission_classes = [IsSignedIn]
    serializer_class = NetworkingPlanSerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "talent_public_id"
    lookup_value_regex = UUID

    def get_queryset(self):
        # Only the schema reads this (the path parameter is a user's public id).
        return User.objects.filter(role=Role.TALENT).none()

    def _talent(self, talent_public_id) -> User:
        user = self.request.user
        if needs_second_factor(user):  # an admin without it has no admin powers: say why
            raise exceptions.PermissionDenied(
                _("Set up a second factor (TOTP) before reading people's plans."), code="mfa_required"
            )
        talent = selectors.talent_by_id(talent_public_id)
        if talent is None or not selectors.can_read(user, talent):
            raise exceptions.NotFound(_("There is no such networking plan."))
        return talent

    def retrieve(self, request, talent_public_id=None):
        """The whole plan of my mentee: mind map, goals, timeline, contacts, steps, comments."""
        talent = self._talent(talent_public_id)
        return Response(NetworkingPlanSerializer(plan_data(talent)).data)

    @extend_schema(request=PlanCommentCreateSerializer, responses={201: PlanCommentSerializer})
    @action(detail=True, methods=["post"])
    def comments(self, request, talent_public_id=None):
        """Comment on my mentee's plan (matched mentors only); the talent is e-mailed."""
        talent = self._talent(talent_public_id)
        if not selectors.is_connected_reader(request.user, talent):
            raise MentorOnly()
        body = PlanCommentCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        comment = actions.comment_on_plan(talent, by=request.user, body=body.validated_data["body"])
        return Response(PlanCommentSerializer(comment).data, status=status.HTTP_201_CREATED)
