"""Helix's URLs plus Wagtail's stock API v2 under /wagtail-api/v2/ and the floor under /bench-floor/
(bench/harness.py), for benchmarks only."""

from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from rest_framework.permissions import AllowAny
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from bench.harness import floor_view
from cms.urls import urlpatterns as helix_urlpatterns


class PublicPagesAPIViewSet(PagesAPIViewSet):
    permission_classes = [AllowAny]  # Helix's API default is IsAuthenticated; pages are public


v2 = WagtailAPIRouter("wagtailapi")
v2.register_endpoint("pages", PublicPagesAPIViewSet)

urlpatterns = [
    path("wagtail-api/v2/", v2.urls),
    path("bench-floor/<str:key>/", csrf_exempt(floor_view)),  # a POST's floor too
    *helix_urlpatterns,
]
