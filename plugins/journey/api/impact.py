"""``GET /api/v1/impact/``: programme figures for partner dashboards, aggregates only, small
cells suppressed (``plugins.journey.impact``, docs/impact.md).

Who: a role holding ``journey.view_impact`` (organisation staff and admins by default); staff
see their organisations' projects, admins every project. A project one may not see is answered
like an unknown one (400 ``invalid_parameter``), so the route reveals no project's existence.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from api.permissions import HasCapability, IsApproved, IsSignedIn
from cms.errors import InvalidParameter
from cms.organisations.models import Project
from cms.organisations.staff import staff_organisation_ids
from plugins.journey import impact
from plugins.journey.api.serializers import JourneyImpactSerializer

VIEW_IMPACT = "journey.view_impact"
MAX_DAYS = 3 * 366


def _date(request, name: str, default: date) -> date:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidParameter(_("%(name)s must be a date (YYYY-MM-DD).") % {"name": name}) from None


def visible_projects(user):
    """Every project for an admin; the projects of the organisations staff work for."""
    if user.is_helix_admin:
        return Project.objects.all()
    return Project.objects.filter(organisation_id__in=staff_organisation_ids(user))


class _OneObject(AutoSchema):
    """The route answers one object (the figures), not a list, though it is the ``list`` action."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class JourneyImpactViewSet(viewsets.GenericViewSet):
    """The programme figures: reach, new members, roadmap progress, outcomes, time to outcome and
    time to match, each cell a count of people or suppressed."""

    permission_classes = [IsSignedIn, IsApproved, HasCapability]
    required_capability = VIEW_IMPACT
    serializer_class = JourneyImpactSerializer
    pagination_class = None
    schema = _OneObject()
    queryset = Project.objects.none()  # the schema's model only; figures are aggregates

    def check_permissions(self, request):
        """An unknown ``project`` is a bad parameter (400), once the caller may ask at all; the
        core would otherwise answer 404 for the request's project."""
        slug = request.query_params.get("project")
        if slug and not Project.objects.filter(slug=slug, is_active=True).exists():
            for permission in (IsSignedIn(), IsApproved(), HasCapability()):
                if not permission.has_permission(request, self):
                    self.permission_denied(request)
            raise InvalidParameter(_("There is no project with this short name that you may see."))
        super().check_permissions(request)

    @extend_schema(
        operation_id="journey_impact",
        parameters=[
            OpenApiParameter(
                "project", OpenApiTypes.STR, description="A project's slug (default: all one may see)."
            ),
            OpenApiParameter("from", OpenApiTypes.DATE, description="First day (default: a year ago)."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Last day, included (default: today)."),
        ],
        responses=JourneyImpactSerializer,
    )
    def list(self, request):
        today = timezone.localdate()
        date_to = _date(request, "to", today)
        date_from = _date(request, "from", date_to - timedelta(days=365))
        if date_from > date_to:
            raise InvalidParameter(_("from must not be after to."))
        if (date_to - date_from).days > MAX_DAYS:
            raise InvalidParameter(_("The period may be at most three years."))
        visible = visible_projects(request.user)
        slug = request.query_params.get("project") or None
        if slug is not None:
            project = visible.filter(slug=slug).first()
            if project is None:
                raise InvalidParameter(_("There is no project with this short name that you may see."))
            projects = [project]
        else:
            projects = None if request.user.is_helix_admin else list(visible)
        zone = timezone.get_current_timezone()
        since = datetime.combine(date_from, time.min, tzinfo=zone)
        until = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=zone)
        found = impact.figures(projects, since, until)
        body = {
            "project": slug,
            "date_from": date_from,
            "date_to": date_to,
            "min_cell": impact.min_cell(),
            "figures": [
                {
                    "key": figure["key"],
                    "title": str(figure["title"]),
                    "description": str(figure.get("description", "")),
                    "labels": [str(label) for label in figure["labels"]],
                    "series": [{**item, "label": str(item["label"])} for item in figure["series"]],
                }
                for figure in found
            ],
        }
        return Response(JourneyImpactSerializer(body).data)
