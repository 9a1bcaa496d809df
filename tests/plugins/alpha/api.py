from rest_framework import viewsets
from rest_framework.response import Response


class EchoViewSet(viewsets.ViewSet):
    """Answers with the request's project: proves routing and per-project 404s."""

    def list(self, request):
        from api.permissions import request_project

        return Response({"plugin": "alpha", "project": request_project(request).slug})
