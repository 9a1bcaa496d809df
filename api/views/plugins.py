"""``/api/v1/plugins/``: what is installed, and what a project enables."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import request_project
from cms.plugins import get_manager


class PluginInfoSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    version = serializers.CharField()
    requires = serializers.ListField(child=serializers.CharField())
    description = serializers.CharField()
    enabled = serializers.BooleanField()


class PluginListView(APIView):
    """Installed plugins, each with whether it is enabled in the request's project."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("project", str, description="Project slug (default: the instance-wide project)")
        ],
        responses=inline_serializer(
            "PluginList",
            {"project": serializers.CharField(), "plugins": PluginInfoSerializer(many=True)},
        ),
        operation_id="plugins_list",
    )
    def get(self, request):
        manager = get_manager()
        project = request_project(request)
        enabled = manager.enabled_ids(project)
        plugins = []
        for plugin_id, config in manager.configs.items():
            info = config.plugin_info()
            info.pop("app", None)
            info["enabled"] = plugin_id in enabled
            plugins.append(info)
        return Response({"project": project.slug, "plugins": plugins})
