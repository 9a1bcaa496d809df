"""Reference data and the member-organisation directory."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from api.i18n import request_language
from api.serializers.directory import OrganisationSerializer, SectorSerializer
from cms.organisations import actions
from cms.organisations.models import Organisation
from cms.sectors.models import Sector


class SectorViewSet(viewsets.ReadOnlyModelViewSet):
    """The eight sectors of the fast-track paths, in the request's language."""

    serializer_class = SectorSerializer
    queryset = Sector.objects.none()  # the model, for the schema; rows come from get_queryset
    permission_classes = [permissions.AllowAny]
    lookup_field = "slug"
    pagination_class = None

    def get_queryset(self):
        language = request_language()
        rows = Sector.objects.filter(locale__language_code=language).select_related("locale")
        if not rows.exists():
            rows = Sector.source_rows().select_related("locale")
        return rows


class OrganisationFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", label="Name or description")
    sector = django_filters.CharFilter(field_name="sectors__slug", label="Sector slug")
    type = django_filters.CharFilter(field_name="type")

    class Meta:
        model = Organisation
        fields = ["search", "sector", "type"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))


class IsStaffOrReadOnly(permissions.BasePermission):
    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        user = request.user
        if user.is_helix_admin:
            return True
        if not obj.staff.filter(pk=user.pk).exists():
            return False
        if not user.is_approved:
            raise PermissionDenied(code="account_not_approved")
        return True


class OrganisationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """The member-organisation directory: approved organisations, searchable by
    name and sector. Staff edit their own organisation."""

    serializer_class = OrganisationSerializer
    lookup_field = "slug"
    filterset_class = OrganisationFilter
    http_method_names = ["get", "patch", "head", "options"]

    def get_permissions(self):
        if self.request.method in permissions.SAFE_METHODS:
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated(), IsStaffOrReadOnly()]

    def get_queryset(self):
        queryset = Organisation.objects.prefetch_related("sectors").distinct()
        user = self.request.user
        if self.request.method in permissions.SAFE_METHODS:
            visible = Q(status=Organisation.Status.APPROVED)
            if user.is_authenticated:
                if user.is_helix_admin:
                    return queryset
                visible |= Q(staff=user)
            return queryset.filter(visible)
        return queryset

    @extend_schema(description="Change the own organisation's description, contact and sectors.")
    def partial_update(self, request, *args, **kwargs):
        organisation = self.get_object()
        serializer = self.get_serializer(organisation, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        sectors = changes.pop("sectors", None)
        organisation = actions.update_organisation_profile(
            organisation, by=request.user, changes=changes, sectors=sectors
        )
        return Response(self.get_serializer(organisation).data)
