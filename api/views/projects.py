"""Projects: list, create, join, decide on join requests, switch plugins."""

from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.permissions import IsApproved
from api.serializers.directory import (
    DecisionSerializer,
    JoinRequestSerializer,
    MembershipSerializer,
    PluginActivationSerializer,
    ProjectCreateSerializer,
    ProjectSerializer,
)
from cms.organisations import actions
from cms.organisations.models import Organisation, Project, ProjectMembership
from cms.organisations.staff import staff_organisation_ids
from cms.plugins import get_manager


class ProjectViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Projects run by organisations; members join them, their plugins are switched per project."""

    serializer_class = ProjectSerializer
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def get_queryset(self):
        projects = Project.objects.filter(is_active=True).select_related("organisation")
        if self.action == "list" and self.request.query_params.get("organisation"):
            projects = projects.filter(organisation__slug=self.request.query_params["organisation"])
        if self.action == "list" and self.request.query_params.get("mine") in ("true", "1"):
            mine = ProjectMembership.objects.filter(user_id=getattr(self.request.user, "pk", None))
            projects = projects.filter(pk__in=mine.values("project_id"))
        return projects.annotate(
            pending_count=Count(
                "memberships", filter=Q(memberships__status=ProjectMembership.Status.REQUESTED)
            )
        ).order_by("name", "pk")

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "organisation", OpenApiTypes.STR, description="Only the projects of this organisation (slug)."
            ),
            OpenApiParameter(
                "mine",
                OpenApiTypes.BOOL,
                description="Only the projects I am a member of or asked to join (`my_membership` "
                "says which).",
            ),
        ]
    )
    def list(self, request, *args, **kwargs):
        """The active projects; staff see how many join requests wait in their organisation's."""
        return super().list(request, *args, **kwargs)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user
        if user.is_authenticated:
            context["my_memberships"] = dict(
                ProjectMembership.objects.filter(user=user).values_list("project_id", "status")
            )
            context["managed_organisations"] = (
                "all" if user.is_helix_admin else staff_organisation_ids(user)
            )
        return context

    def _require_manager(self, project: Project) -> None:
        user = self.request.user
        if not actions.can_manage_project(user, project):
            if user.is_authenticated and not user.is_approved:
                raise exceptions.PermissionDenied(code="account_not_approved")
            raise exceptions.PermissionDenied(_("Only the organisation running this project may do this."))

    @extend_schema(request=ProjectCreateSerializer, responses={201: ProjectSerializer})
    def create(self, request, *args, **kwargs):
        user = request.user
        if not IsApproved().has_permission(request, self):
            raise exceptions.NotAuthenticated()
        if not user.has_perm("organisations.add_project"):
            raise exceptions.PermissionDenied(_("Only organisations create projects."))
        serializer = ProjectCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if user.is_helix_admin and data.get("organisation"):
            organisation = get_object_or_404(Organisation, slug=data["organisation"])
        else:
            organisation = Organisation.objects.filter(staff=user).first()
            if organisation is None:
                raise exceptions.ValidationError({"organisation": [_("Name the organisation.")]})
        project = actions.create_project(
            organisation, by=user, name=data["name"], description=data["description"],
            join_policy=data["join_policy"],
        )
        return Response(
            ProjectSerializer(project, context=self.get_serializer_context()).data, status=201
        )

    @extend_schema(request=ProjectSerializer(partial=True))
    def update(self, request, *args, **kwargs):
        # PUT and PATCH both change only the fields sent. (No docstring: it would become the
        # operations' description in the contract.)
        project = self.get_object()
        self._require_manager(project)
        serializer = self.get_serializer(project, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        project = actions.update_project(project, by=request.user, changes=serializer.validated_data)
        return Response(self.get_serializer(project).data)

    @extend_schema(request=JoinRequestSerializer, responses={201: MembershipSerializer})
    @action(detail=True, methods=["post"])
    def join(self, request, slug=None):
        """Ask to join the project as a member; open projects accept at once, the others record a
        request the running organisation decides on. Needs the capability
        `organisations.join_project` (talents, mentors and organisation staff by default); others
        are refused with `role_not_allowed`, accounts waiting for approval with
        `account_not_approved`."""
        project = self.get_object()
        serializer = JoinRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = actions.request_to_join(
            project, request.user, motivation=serializer.validated_data["motivation"]
        )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=MembershipSerializer(many=True))
    @action(detail=True, methods=["get"])
    def memberships(self, request, slug=None):
        """Members and join requests (the running organisation and admins)."""
        project = self.get_object()
        self._require_manager(project)
        queryset = project.memberships.select_related("user", "project").order_by("-requested_at")
        wanted = request.query_params.get("status")
        if wanted:
            queryset = queryset.filter(status=wanted)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(MembershipSerializer(page, many=True).data)

    def _decide(self, request, slug, pk, approve: bool):
        project = self.get_object()
        self._require_manager(project)
        membership = get_object_or_404(ProjectMembership, pk=pk, project=project)
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = actions.decide_membership(
            membership, by=request.user, approve=approve, note=serializer.validated_data["note"]
        )
        return Response(MembershipSerializer(membership).data)

    @extend_schema(request=DecisionSerializer, responses=MembershipSerializer)
    @action(detail=True, methods=["post"], url_path=r"memberships/(?P<pk>\d+)/approve")
    def approve_membership(self, request, slug=None, pk=None):
        """Accept a join request; the person is told by e-mail."""
        return self._decide(request, slug, pk, approve=True)

    @extend_schema(request=DecisionSerializer, responses=MembershipSerializer)
    @action(detail=True, methods=["post"], url_path=r"memberships/(?P<pk>\d+)/reject")
    def reject_membership(self, request, slug=None, pk=None):
        """Refuse a join request; the person is told by e-mail, with the note."""
        return self._decide(request, slug, pk, approve=False)

    @extend_schema(request=PluginActivationSerializer, responses=PluginActivationSerializer)
    @action(detail=True, methods=["put"], url_path=r"plugins/(?P<plugin_id>[a-z0-9_]+)")
    def plugin(self, request, slug=None, plugin_id=None):
        """Switch one installed plugin on or off in this project."""
        project = self.get_object()
        self._require_manager(project)
        if plugin_id not in get_manager().configs:
            raise exceptions.NotFound(_("There is no installed plugin '%(id)s'.") % {"id": plugin_id})
        serializer = PluginActivationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        activation = actions.set_plugin_activation(
            project, plugin_id, enabled=serializer.validated_data["enabled"],
            config=serializer.validated_data.get("config"), by=request.user,
        )
        return Response(PluginActivationSerializer(activation).data)


