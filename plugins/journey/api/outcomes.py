"""``/api/v1/journey/outcomes/…``: the talent's own outcomes (a job, an internship, a study,
volunteer work, a start-up). Talents only; another talent's outcome is simply not found."""

from __future__ import annotations

from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from api.permissions import IsSignedIn
from plugins.journey import actions
from plugins.journey.api.roadmap import UUID, IsTalent
from plugins.journey.api.serializers import JourneyOutcomeSerializer
from plugins.journey.models import Outcome


class JourneyOutcomeViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """My outcomes, newest first: list, record, read, change (``PATCH``) and remove."""

    permission_classes = [IsSignedIn, IsTalent]
    serializer_class = JourneyOutcomeSerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator has no user
            return Outcome.objects.none()
        return Outcome.objects.filter(talent=self.request.user)

    def create(self, request):
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        outcome = actions.record_outcome(request.user, by=request.user, **body.validated_data)
        return Response(self.get_serializer(outcome).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        found = self.get_object()
        body = self.get_serializer(found, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        changed = actions.change_outcome(found, by=request.user, **body.validated_data)
        return Response(self.get_serializer(changed).data)

    def destroy(self, request, id=None):
        actions.remove_outcome(self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
