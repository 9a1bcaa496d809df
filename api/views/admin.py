"""``/api/v1/admin/``: approvals of organisation and employer accounts (admins only)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from api.params import date_param
from api.permissions import HasCapability, IsHelixAdmin
from api.serializers.directory import DecisionSerializer
from cms.accounts import actions
from cms.accounts.models import ROLES_NEEDING_APPROVAL, ApprovalStatus, User
from cms.pages.status import STATUS_CHOICES
from cms.plugins.calls import dashboard_stats


class ApprovalSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(source="get_full_name", read_only=True)
    organisation = serializers.SerializerMethodField()
    company = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "name",
            "role",
            "approval_status",
            "approval_note",
            "approval_decided_at",
            "organisation",
            "company",
            "date_joined",
        ]

    def get_organisation(self, obj) -> str | None:
        orgs = list(obj.organisations.all())
        return orgs[0].name if orgs else None

    def get_company(self, obj) -> str | None:
        profile = getattr(obj, "employer_profile", None)
        return profile.company if profile else None


class ApprovalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Organisation and employer accounts, pending first; approve or reject them."""

    serializer_class = ApprovalSerializer
    permission_classes = [HasCapability]
    required_capability = "accounts.approve_accounts"
    lookup_field = "public_id"

    def get_queryset(self):
        queryset = (
            User.objects.filter(role__in=ROLES_NEEDING_APPROVAL, erased_at=None)
            .select_related("employer_profile")
            .prefetch_related("organisations")
            .order_by("date_joined")
        )
        wanted = self.request.query_params.get("status", ApprovalStatus.PENDING)
        if self.action == "list" and wanted != "all":
            queryset = queryset.filter(approval_status=wanted)
        return queryset

    def _target(self, public_id):
        return get_object_or_404(User, public_id=public_id, role__in=ROLES_NEEDING_APPROVAL)

    @extend_schema(request=DecisionSerializer, responses=ApprovalSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, public_id=None):
        """Approve the account; the person receives an e-mail in their language."""
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = actions.approve_account(
            self._target(public_id), by=request.user, note=serializer.validated_data["note"]
        )
        return Response(ApprovalSerializer(user).data)

    @extend_schema(request=DecisionSerializer, responses=ApprovalSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, public_id=None):
        """Reject the account, with a note that is sent to the person."""
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = actions.reject_account(
            self._target(public_id), by=request.user, note=serializer.validated_data["note"]
        )
        return Response(ApprovalSerializer(user).data)


class DashboardView(APIView):
    """Figures for the admin dashboard, from the core and every installed plugin."""

    permission_classes = [IsHelixAdmin]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "since", OpenApiTypes.DATE, description="Count from this day (default: 30 days ago)"
            )
        ],
        responses={200: OpenApiTypes.OBJECT},
        operation_id="admin_dashboard",
    )
    def get(self, request):
        raw = request.query_params.get("since")
        if raw:
            day = date_param("since", raw, _("Use a date like 2026-01-31."))
            since = timezone.make_aware(datetime.combine(day, time.min))
        else:
            since = timezone.now() - timedelta(days=30)
        return Response({"since": since, "figures": dashboard_stats(since)})


class TranslationStateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=STATUS_CHOICES)
    id = serializers.IntegerField(allow_null=True)


class TranslationStatusRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    depth = serializers.IntegerField()
    states = serializers.DictField(child=TranslationStateSerializer(), help_text="By language code.")


class TranslationStatusSerializer(serializers.Serializer):
    counts = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        help_text="{language: {status: number of pages}}",
    )
    pages = TranslationStatusRowSerializer(many=True)


class TranslationStatusView(APIView):
    """The translation status of every information page per language, with counts: the
    admin report (Reports → Translation status) as JSON, for dashboards."""

    permission_classes = [IsHelixAdmin]

    @extend_schema(responses=TranslationStatusSerializer, operation_id="admin_translation_status")
    def get(self, request):
        from cms.pages.status import status_counts, status_report

        rows = status_report()
        data = {
            "counts": status_counts(rows),
            "pages": [
                {
                    "id": row["id"],
                    "title": row["title"],
                    "depth": row["depth"],
                    "states": {code: {"status": s.status, "id": s.id} for code, s in row["states"].items()},
                }
                for row in rows
            ],
        }
        return Response(TranslationStatusSerializer(data).data)
