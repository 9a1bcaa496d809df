"""``/api/v1/``: the core's routes plus every plugin's, from the ``api_routes`` hook."""

from django.urls import include, path, re_path
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


router = Router()
router.register("sectors", SectorViewSet, basename="sector")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("projects", ProjectViewSet, basename="project")
router.register("pages", PageViewSet, basename="page")
router.register("faq", FaqViewSet, basename="faq")
router.register("admin/approvals", ApprovalViewSet, basename="admin-approval")
hooks().api_routes(router=PluginRouter(router, get_manager()))

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
    path("", include(router.urls)),
]

urlpatterns = [
    path("v1/", include(v1)),
    # The docs load only Helix's own files, and no inline script (the HTML pages' policy, cms/csp.py).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="api/redoc.html"),
        name="api-redoc",
    ),
    re_path(r"^", not_found),  # every other API path (also one with a newline, which .* missed)
]
