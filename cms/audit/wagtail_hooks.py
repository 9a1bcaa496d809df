"""The audit log in the Wagtail admin: a screen under Reports for those who may see it."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.audit.admin_views import VIEW, AuditLogView


@hooks.register("register_admin_urls")
def audit_log_urls():
    return [
        path("audit/", AuditLogView.as_view(), name="audit_log"),
        path("audit/results/", AuditLogView.as_view(results_only=True), name="audit_log_results"),
    ]


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW)


@hooks.register("register_reports_menu_item")
def audit_log_menu_item():
    return AuditLogMenuItem(_("Audit log"), reverse("audit_log"), icon_name="history", order=900)
