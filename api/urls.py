"""``/api/v1/``: the core's routes plus every plugin's, from the ``api_routes`` hook."""

import re

from django.urls import URLPattern, include, path, re_path
from django.urls.resolvers import RegexPattern
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api.errors import not_found
from api.views.admin import ApprovalViewSet, DashboardView, TranslationStatusView
from api.views.directory import OrganisationViewSet, SectorViewSet
from api.views.faq import FaqViewSet
from api.views.me import (
    MeConsentDetailView,
    MeConsentsView,
    MeCVView,
    MeExportView,
    MePictureView,
    MeView,
)
from api.views.pages import PageViewSet
from api.views.plugins import PluginListView
from api.views.projects import ProjectViewSet
from cms.plugins import get_manager, hooks
from cms.plugins.routing import PluginRouter


class Router(DefaultRouter):
    include_root_view = False
    # The API speaks JSON (``?format=`` still picks a renderer); ``/pages/12.json`` routes passed
    # ``format`` to views that take no such argument (a 500), and doubled the routes to try.
    include_format_suffixes = False


router = Router()
router.register("sectors", SectorViewSet, basename="sector")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("projects", ProjectViewSet, basename="project")
router.register("pages", PageViewSet, basename="page")
router.register("faq", FaqViewSet, basename="faq")
router.register("admin/approvals", ApprovalViewSet, basename="admin-approval")
hooks().api_routes(router=PluginRouter(router, get_manager()))

#: A router pattern's first segment with what ends it: ``pages/`` of ``^pages/(?P<pk>[^/.]+)/$``,
#: ``pages\.`` of the format suffix's ``^pages\.(?P<format>[a-z0-9]+)/?$``.
_SEGMENT = re.compile(r"\^([A-Za-z0-9_-]+(?:/|\\\.))")


def grouped(patterns: list) -> list:
    """The router's patterns under one include per first segment, in the order they came.

    Django tries a flat list one pattern at a time (and keeps every miss for the 404 page): with
    every plugin's routes, ``/api/v1/posts/`` went through some fifty regular expressions before
    its own (0.25 ms a request, more than a cached page answer's own work). Grouped, a request
    tries one short prefix per resource, then its resource's few patterns. Paths, names, reverse
    and the OpenAPI schema stay the same; a pattern without a literal first segment stays where
    it is. Patterns of different segments never match the same path, so grouping keeps what
    answers a path."""
    groups: dict[str, list] = {}
    order: list = []
    for pattern in patterns:
        literal = isinstance(pattern, URLPattern) and isinstance(pattern.pattern, RegexPattern)
        match = _SEGMENT.match(pattern.pattern.regex.pattern) if literal else None
        if match is None:
            order.append(pattern)
            continue
        segment = match.group(1)
        if segment not in groups:
            groups[segment] = []
            order.append(segment)
        rest = "^" + pattern.pattern.regex.pattern[match.end() :]
        kwargs = pattern.default_args
        groups[segment].append(re_path(rest, pattern.callback, kwargs=kwargs, name=pattern.name))
    return [re_path("^" + item, include(groups[item])) if isinstance(item, str) else item for item in order]


v1 = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("me/", MeView.as_view(), name="me"),
    path("me/export/", MeExportView.as_view(), name="me-export"),
    path("me/cv/", MeCVView.as_view(), name="me-cv"),
    path("me/photo/", MePictureView.as_view(), name="me-photo"),
    path("me/consents/", MeConsentsView.as_view(), name="me-consents"),
    path("me/consents/<str:purpose>/", MeConsentDetailView.as_view(), name="me-consent"),
    path("plugins/", PluginListView.as_view(), name="plugins"),
    path("admin/dashboard/", DashboardView.as_view(), name="admin-dashboard"),
    path("admin/translation-status/", TranslationStatusView.as_view(), name="admin-translation-status"),
    *grouped(router.urls),
]

# ``v1`` is mounted at ``api/v1/`` by cms/urls.py, one level less for every API request to go
# through; a path it does not take reaches the JSON 404 below.
urlpatterns = [
    # The docs load only Helix's own files, and no inline script (the HTML pages' policy, cms/csp.py).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="api/redoc.html"),
        name="api-redoc",
    ),
    re_path(r"^", not_found),  # every other API path (also one with a newline, which .* missed)
]
