"""``/api/v1/language-buddies/``: ask, list mine, accept, log practice, close.

The plugin router puts ``PluginEnabled`` first, so every route answers 404 where the plugin is off.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.permissions import IsSignedIn, request_project
from api.serializers.people import PersonSerializer
from cms.accounts.models import User
from helix_language_buddy import actions, conf, selectors

UUID = r"[0-9a-f-]{36}"


class BuddySerializer(serializers.Serializer):
    id = serializers.UUIDField(source="connection.public_id")
    state = serializers.CharField(source="connection.state")
    talent = PersonSerializer(source="connection.talent", allow_null=True)
    mentor = PersonSerializer(source="connection.mentor", allow_null=True)
    language = serializers.CharField()
    message = serializers.CharField()
    minutes_practised = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class AskSerializer(serializers.Serializer):
    mentor = serializers.UUIDField(help_text="The mentor's user id.")
    language = serializers.ChoiceField(choices=conf.get("languages"))
    message = serializers.CharField(max_length=1000, required=False, default="")


class CloseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class PracticeSerializer(serializers.Serializer):
    minutes = serializers.IntegerField(min_value=1, max_value=conf.get("max_minutes_per_session"))


class LanguageBuddyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """My language buddy requests (as the talent or the mentor; for managers, their projects')."""

    serializer_class = BuddySerializer
    permission_classes = [IsSignedIn]
    lookup_field = "connection__public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator has no user
            return selectors.BuddyRequest.objects.none()
        return selectors.visible_requests(self.request.user)

    def _answer(self, buddy, code=status.HTTP_200_OK) -> Response:
        return Response(BuddySerializer(buddy).data, status=code)

    @extend_schema(request=AskSerializer, responses={201: BuddySerializer})
    def create(self, request):
        """A talent asks a mentor to be their language buddy (in the request's project)."""
        body = AskSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        mentor = User.objects.filter(public_id=body.validated_data.pop("mentor")).first()
        buddy = actions.ask_buddy(
            request.user, mentor, project=request_project(request), **body.validated_data
        )
        return self._answer(buddy, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=BuddySerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, id=None):
        """The mentor accepts."""
        return self._answer(actions.accept(self.get_object(), by=request.user))

    @extend_schema(request=PracticeSerializer, responses=BuddySerializer)
    @action(detail=True, methods=["post"])
    def practice(self, request, id=None):
        """Either side adds the minutes of a session."""
        body = PracticeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(actions.log_practice(self.get_object(), by=request.user, **body.validated_data))

    @extend_schema(request=CloseSerializer, responses=BuddySerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, id=None):
        """Either side ends it, or the mentor declines, with a reason."""
        body = CloseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(actions.close(self.get_object(), by=request.user, **body.validated_data))
