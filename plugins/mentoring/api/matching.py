"""``/api/v1/matches/``, ``/api/v1/match-requests/``, ``/api/v1/talents/``, ``/api/v1/mentoring-profile/``."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.files import CV_DOWNLOAD_RESPONSES, cv_download
from api.permissions import IsSignedIn
from api.serializers.people import UUID, user_by_id
from cms.accounts.models import MentorProfile, Role, TalentProfile
from cms.connections.kinds import CV
from cms.connections.models import Connection, ConnectionEvent
from cms.connections.selectors import sees, talents_visible_to
from cms.organisations.models import Organisation, Project
from cms.organisations.staff import staff_organisation_ids
from plugins.mentoring import selectors, suggestions
from plugins.mentoring.actions import matching
from plugins.mentoring.api.serializers import (
    CloseReasonSerializer,
    FeedbackSerializer,
    MatchCreateSerializer,
    MatchSerializer,
    MentoringProfileSerializer,
    MentorSuggestionSerializer,
    OptionalReasonSerializer,
    RequestAnswerSerializer,
    RequestCreateSerializer,
    RequestSerializer,
    TalentSerializer,
)
from plugins.mentoring.models import MatchFeedback, MentoringProfile, MentorshipRequest


def project_by_slug(slug: str | None) -> Project | None:
    if not slug:
        return None
    project = Project.objects.filter(slug=slug, is_active=True).first()
    if project is None:
        raise serializers.ValidationError({"project": [_("There is no such project.")]})
    return project


def _mentoring_profile_data(user) -> dict:
    profile = MentoringProfile.objects.filter(user=user).first()
    mentor = MentorProfile.objects.filter(user=user).first()
    return {
        "domains": profile.domains if profile else [],
        "accepting_mentees": profile.accepting_mentees if profile else True,
        "kind": mentor.kind if mentor else "volunteer",
        "max_mentees": mentor.max_mentees if mentor else 0,
        "capacity_left": matching.capacity_left(user),
    }


class MatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Matches between talents, mentors and organisations: the ones I am in, and for
    organisations and admins the ones they follow."""

    serializer_class = MatchSerializer
    permission_classes = [IsSignedIn]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator has no user
            return Connection.objects.none()
        matches = (
            selectors.visible_matches(self.request.user)
            .select_related("project", "talent", "mentor", "employer", "organisation")
            .annotate(
                my_feedback_given=Exists(
                    MatchFeedback.objects.filter(match=OuterRef("pk"), author=self.request.user)
                )
            )
        )
        params = self.request.query_params
        if params.get("state"):
            matches = matches.filter(state__in=params["state"].split(","))
        if params.get("kind"):
            matches = matches.filter(kind__in=params["kind"].split(","))
        return matches

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "state", OpenApiTypes.STR, description="proposed, active, paused, closed (comma list)"
            ),
            OpenApiParameter("kind", OpenApiTypes.STR, description="talent_mentor, talent_organisation, …"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _answer(self, match, code=status.HTTP_200_OK):
        match = (
            self.get_queryset()
            .model.objects.select_related("project", "talent", "mentor", "employer", "organisation")
            .get(pk=match.pk)
        )
        return Response(MatchSerializer(match, context={"request": self.request}).data, status=code)

    @extend_schema(request=MatchCreateSerializer, responses={201: MatchSerializer})
    def create(self, request):
        """Make a match. Admins and organisations match a talent with a mentor (active at once);
        a talent chooses an organisation, a mentor asks to join one (the organisation accepts)."""
        body = MatchCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        organisation = None
        if data.get("organisation"):
            organisation = Organisation.objects.filter(slug=data["organisation"]).first()
            if organisation is None:
                raise serializers.ValidationError({"organisation": [_("There is no such organisation.")]})
        match = matching.propose_match(
            request.user,
            kind=data["kind"],
            talent=user_by_id(data["talent"], "talent") if data.get("talent") else None,
            mentor=user_by_id(data["mentor"], "mentor") if data.get("mentor") else None,
            organisation=organisation,
            project=project_by_slug(data.get("project")),
            note=data.get("note", ""),
            activate=data.get("activate"),
        )
        return self._answer(match, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=MatchSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request, id=None):
        """The organisation (or an admin) accepts a proposed match."""
        return self._answer(matching.activate_match(self.get_object(), by=request.user))

    @extend_schema(request=OptionalReasonSerializer, responses=MatchSerializer)
    @action(detail=True, methods=["post"])
    def pause(self, request, id=None):
        """Put an active match on hold (its organisation or an admin)."""
        body = OptionalReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        match = matching.pause_match(
            self.get_object(), by=request.user, reason=body.validated_data.get("reason", "")
        )
        return self._answer(match)

    @extend_schema(request=None, responses=MatchSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request, id=None):
        return self._answer(matching.resume_match(self.get_object(), by=request.user))

    @extend_schema(request=CloseReasonSerializer, responses=MatchSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, id=None):
        """Close (or decline) a match with a reason: access ends at once; both sides are asked for
        feedback."""
        body = CloseReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(
            matching.close_match(self.get_object(), by=request.user, reason=body.validated_data["reason"])
        )

    @extend_schema(request=FeedbackSerializer, responses={201: FeedbackSerializer})
    @action(detail=True, methods=["post"])
    def feedback(self, request, id=None):
        """My feedback on a closed match: how useful, would I recommend it, and a free text."""
        body = FeedbackSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        matching.give_feedback(self.get_object(), by=request.user, **body.validated_data)
        return Response(body.data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=OpenApiResponse(description="The match's timeline, oldest first."))
    @action(detail=True, methods=["get"])
    def timeline(self, request, id=None):
        """State changes, meetings and reports of a match, oldest first."""
        from plugins.mentoring.api.serializers import TimelineEntrySerializer, timeline_context

        match = self.get_object()
        events = list(ConnectionEvent.objects.filter(connection=match).select_related("actor"))
        entries = TimelineEntrySerializer(events, many=True, context=timeline_context(events)).data
        return Response({"match": MatchSerializer(match).data, "events": entries})

    @extend_schema(
        parameters=[
            OpenApiParameter("talent", OpenApiTypes.UUID, required=True, description="The talent's user id.")
        ],
        responses=MentorSuggestionSerializer(many=True),
    )
    @action(detail=False, methods=["get"], pagination_class=None)  # a short ranked list, not pages
    def suggestions(self, request):
        """Mentors for a talent, best first, with the score explained (admins and the talent's
        organisations). Confirm one with ``POST /api/v1/matches/``."""
        user = request.user
        if not (user.has_perm("mentoring.propose_match") and user.is_approved):
            raise exceptions.PermissionDenied()
        talent_id = request.query_params.get("talent")
        if not talent_id:
            raise serializers.ValidationError({"talent": [_("This field is required.")]})
        try:
            talent = user_by_id(talent_id, "talent")
        except (ValueError, serializers.ValidationError):
            raise exceptions.NotFound()
        if talent.role != Role.TALENT:
            raise exceptions.NotFound()
        if not user.is_helix_admin and not any(
            selectors.is_project_member(talent, org) for org in staff_organisation_ids(user)
        ):
            raise exceptions.NotFound()
        rows = suggestions.suggest_mentors(talent, by=user)
        return Response(MentorSuggestionSerializer(rows, many=True).data)

    @extend_schema(methods=["get"], responses=MentoringProfileSerializer)
    @extend_schema(methods=["put"], request=MentoringProfileSerializer, responses=MentoringProfileSerializer)
    @action(detail=False, methods=["get", "put"], url_path="mentor-profile")
    def mentor_profile(self, request):
        """A mentor's mentoring domains and whether they take new mentees (with the room left)."""
        if request.user.role != Role.MENTOR:
            raise exceptions.PermissionDenied(_("Only mentors have a mentoring profile."))
        if request.method == "PUT":
            body = MentoringProfileSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            matching.update_mentoring_profile(request.user, **body.validated_data)
        return Response(_mentoring_profile_data(request.user))


class RequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A talent's requests for a mentor or coach, and the queue admins and organisations answer."""

    serializer_class = RequestSerializer
    permission_classes = [IsSignedIn]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator has no user
            return MentorshipRequest.objects.none()
        requests = selectors.visible_requests(self.request.user).select_related("talent", "project", "match")
        status_filter = self.request.query_params.get("status")
        if status_filter:
            requests = requests.filter(status__in=status_filter.split(","))
        return requests

    @extend_schema(parameters=[OpenApiParameter("status", OpenApiTypes.STR, description="open, matched, …")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=RequestCreateSerializer, responses={201: RequestSerializer})
    def create(self, request):
        """Ask for a mentor or career coach: the domains you want help with, languages, availability."""
        body = RequestCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data["project"] = project_by_slug(data.pop("project", None))
        created = matching.create_request(request.user, **data)
        return Response(RequestSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RequestAnswerSerializer, responses={201: MatchSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request, id=None):
        """Answer with a match to a mentor (admins, the talent's organisations)."""
        body = RequestAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        mentor = user_by_id(body.validated_data["mentor"], "mentor")
        match = matching.answer_request(
            self.get_object(), by=request.user, mentor=mentor, note=body.validated_data.get("note", "")
        )
        return Response(MatchSerializer(match).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CloseReasonSerializer, responses=RequestSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, id=None):
        """Answer with a reason instead of a match."""
        body = CloseReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answered = matching.decline_request(
            self.get_object(), by=request.user, reason=body.validated_data["reason"]
        )
        return Response(RequestSerializer(answered).data)

    @extend_schema(request=None, responses=RequestSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, id=None):
        """The talent withdraws their open request."""
        return Response(RequestSerializer(matching.withdraw_request(self.get_object(), by=request.user)).data)


class TalentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Talents' profiles, CVs and competences, for the people an active match lets see them
    (their mentor, their organisations). Anyone else gets 404."""

    serializer_class = TalentSerializer
    permission_classes = [IsSignedIn]
    lookup_field = "user__public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator has no user
            return TalentProfile.objects.none()
        if self.request.user.role == Role.EMPLOYER:
            # Employers see talents through the talent pool, which records every view.
            return TalentProfile.objects.none()
        return (
            talents_visible_to(self.request.user)
            .filter(user__erased_at=None)
            .select_related("user")
            .prefetch_related("sectors")
            .order_by("user__first_name", "pk")
        )

    @extend_schema(responses={**CV_DOWNLOAD_RESPONSES, 404: OpenApiResponse(description="No access.")})
    @action(detail=True, methods=["get"])
    def cv(self, request, id=None):
        """Download the talent's CV: only through a connection whose kind lets me see it (a
        language buddy sees the profile, not the CV). Withdrawing the consent to publish the CV
        concerns employers; a mentor or organisation keeps what its connection grants."""
        profile = self.get_object()
        if not sees(request.user, profile.user, CV):
            raise exceptions.NotFound()
        if not profile.cv:
            raise exceptions.NotFound(_("This talent has not uploaded a CV."))
        filename = f"cv-{profile.user.first_name or 'talent'}.{profile.cv.name.rsplit('.', 1)[-1]}"
        return cv_download(profile, filename)
