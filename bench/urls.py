"""Helix's URLs plus Wagtail's stock API v2 under /api/v2/, for side-by-side benchmarks only."""

from django.urls import path
from rest_framework.permissions import AllowAny
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.urls import urlpatterns as helix_urlpatterns


class PublicPagesAPIViewSet(PagesAPIViewSet):
    permission_classes = [AllowAny]  # Helix's API default is IsAuthenticated; pages are public


v2 = WagtailAPIRouter("wagtailapi")
v2.register_endpoint("pages", PublicPagesAPIViewSet)

urlpatterns = [path("wagtail-api/v2/", v2.urls), *helix_urlpatterns]
