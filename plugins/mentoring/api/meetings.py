"""``/api/v1/meetings/``: plan, change, cancel, answer, report, and the invite file."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.params import datetime_param
from api.permissions import IsSignedIn
from api.serializers.people import UUID
from cms.accounts.models import User
from cms.connections.models import Connection
from plugins.mentoring import selectors
from plugins.mentoring.actions import meetings as actions
from plugins.mentoring.api.serializers import (
    MeetingSerializer,
    MeetingUpdateSerializer,
    MeetingWriteSerializer,
    OptionalReasonSerializer,
    ReportSerializer,
    RespondSerializer,
)
from plugins.mentoring.calendar import invite
from plugins.mentoring.models import Meeting, MeetingParticipant, MeetingReport


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Meetings of active matches: sessions, matching meetings, closing sessions, organisation
    meetings and group sessions. Every change e-mails the participants an iCalendar invite."""

    serializer_class = MeetingSerializer
    permission_classes = [IsSignedIn]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator has no user
            return Meeting.objects.none()
        meetings = (
            selectors.visible_meetings(self.request.user)
            .select_related("planner")
            .prefetch_related(
                Prefetch("matches", queryset=Connection.objects.only("id", "public_id")),
                Prefetch(
                    "participants", queryset=MeetingParticipant.objects.select_related("user").order_by("pk")
                ),
            )
            .annotate(report_exists=Exists(MeetingReport.objects.filter(meeting=OuterRef("pk"))))
        )
        params = self.request.query_params
        for name, lookup in (("from", "ends_at__gte"), ("to", "starts_at__lte")):
            if params.get(name):
                moment = datetime_param(name, params[name], _("Give a date and time (ISO 8601)."))
                meetings = meetings.filter(**{lookup: moment})
        if params.get("match"):
            meetings = meetings.filter(matches__public_id=params["match"])
        if params.get("status"):
            meetings = meetings.filter(status=params["status"])
        return meetings

    def _answer(self, meeting, code=status.HTTP_200_OK):
        return Response(MeetingSerializer(self.get_queryset().get(pk=meeting.pk)).data, status=code)

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATETIME, description="Meetings ending after this moment."),
            OpenApiParameter(
                "to", OpenApiTypes.DATETIME, description="Meetings starting before this moment."
            ),
            OpenApiParameter("match", OpenApiTypes.UUID),
            OpenApiParameter("status", OpenApiTypes.STR, description="scheduled or cancelled"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=MeetingWriteSerializer, responses={201: MeetingSerializer})
    def create(self, request):
        """Plan a meeting for one match (or, for a mentor's group session, several)."""
        body = MeetingWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        match_ids = data.pop("matches")
        matches = list(
            selectors.visible_matches(request.user).filter(public_id__in=match_ids).select_related("project")
        )
        if len(matches) != len(set(match_ids)):
            raise serializers.ValidationError({"matches": [_("There is no such match.")]})
        participant_ids = data.pop("participants", None)
        participants = None
        if participant_ids:
            participants = list(User.objects.filter(public_id__in=participant_ids))
            if len(participants) != len(set(participant_ids)):
                raise serializers.ValidationError({"participants": [_("There is no such user.")]})
        meeting = actions.plan_meeting(request.user, matches, data, participants)
        return self._answer(meeting, status.HTTP_201_CREATED)

    @extend_schema(request=MeetingUpdateSerializer, responses=MeetingSerializer)
    def partial_update(self, request, id=None):
        """Change the meeting: a new time or place sends an updated invite to everyone."""
        meeting = self.get_object()
        body = MeetingUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        return self._answer(
            actions.update_meeting(meeting, by=request.user, changes=dict(body.validated_data))
        )

    @extend_schema(request=OptionalReasonSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, id=None):
        """Cancel the meeting: everyone gets a cancellation their calendar understands."""
        body = OptionalReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        meeting = actions.cancel_meeting(
            self.get_object(), by=request.user, reason=body.validated_data.get("reason", "")
        )
        return self._answer(meeting)

    @extend_schema(request=RespondSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, id=None):
        """Answer an invitation: attending or not."""
        body = RespondSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        meeting = self.get_object()
        actions.respond(meeting, by=request.user, attending=body.validated_data["attending"])
        return self._answer(meeting)

    @extend_schema(methods=["get"], responses=ReportSerializer)
    @extend_schema(methods=["put"], request=ReportSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["get", "put"])
    def report(self, request, id=None):
        """The session report in five steps (rapport, goal, plan, next steps, evaluation) and the
        next appointment. The planner writes it; the participants and the organisation read it."""
        meeting = self.get_object()
        if request.method == "PUT":
            body = ReportSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            report = actions.file_report(meeting, by=request.user, data=body.validated_data)
            return Response(ReportSerializer(report).data)
        report = MeetingReport.objects.filter(meeting=meeting).select_related("author").first()
        if report is None:
            raise exceptions.NotFound(_("No report has been written for this meeting yet."))
        return Response(ReportSerializer(report).data)

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def invite(self, request, id=None):
        """The meeting as an iCalendar file for the signed-in participant, to add to a calendar
        by hand; it names no other participant's e-mail address."""
        meeting = self.get_object()
        method = "CANCEL" if meeting.status == Meeting.Status.CANCELLED else "REQUEST"
        response = HttpResponse(
            invite(meeting, request.user, method=method), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
        return response
