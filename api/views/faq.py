"""``/api/v1/faq/``: published questions and answers; signed-in users ask new questions."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from api.i18n import request_language
from api.permissions import IsApproved
from cms.pages.actions import submit_question
from cms.pages.models import FaqQuestion


class FaqQuestionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    locale = serializers.ChoiceField(
        choices=settings.LANGUAGES, required=False, help_text="Defaults to the request's language."
    )
    question = serializers.CharField(min_length=10, max_length=1000)

    class Meta:
        model = FaqQuestion
        fields = ["id", "question", "locale", "answer", "status", "created_at", "published_at"]
        read_only_fields = ["answer", "status", "created_at", "published_at"]


class FaqViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Questions users asked and an editor answered. Ask one with POST (signed in); it is
    published once an editor answers it, and you get an e-mail."""

    serializer_class = FaqQuestionSerializer
    queryset = FaqQuestion.objects.none()

    def get_permissions(self):
        if self.action == "list":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_throttles(self):
        if self.action == "create":
            self.throttle_scope = "sensitive"
            return [ScopedRateThrottle()]
        return super().get_throttles()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "locale", str, description="Language of the questions (default: the request's)."
            ),
            OpenApiParameter("search", str, description="Words in the question or the answer."),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        if self.action == "mine":
            return FaqQuestion.objects.filter(asked_by=self.request.user).order_by("-created_at")
        language = self.request.query_params.get("locale") or request_language()
        rows = FaqQuestion.objects.filter(status=FaqQuestion.Status.PUBLISHED, locale=language)
        search = (self.request.query_params.get("search") or "").strip()
        for word in search.split()[:8]:
            rows = rows.filter(question__icontains=word) | rows.filter(answer__icontains=word)
        return rows.order_by("-published_at")

    def create(self, request, *args, **kwargs):
        IsApproved().has_permission(request, self)  # a pending account asks nothing yet (403)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = submit_question(
            request.user,
            serializer.validated_data["question"],
            serializer.validated_data.get("locale") or request_language(),
        )
        return Response(self.get_serializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=FaqQuestionSerializer(many=True))
    @action(detail=False, methods=["get"])
    def mine(self, request):
        """The questions I asked, with their state (submitted, published, rejected)."""
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
