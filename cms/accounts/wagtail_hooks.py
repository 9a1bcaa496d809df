from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from cms.accounts.admin_views import APPROVE, ApprovalsView, pending_accounts


@hooks.register("register_admin_urls")
def approvals_urls():
    return [path("approvals/", ApprovalsView.as_view(), name="accounts_approvals")]


class ApprovalsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(APPROVE)


@hooks.register("register_admin_menu_item")
def approvals_menu_item():
    return ApprovalsMenuItem(_("Approvals"), reverse("accounts_approvals"), icon_name="tick", order=250)


class ApprovalsPanel(Component):
    """On the admin dashboard: how many accounts wait for approval."""

    name = "helix_approvals"
    order = 90
    template_name = "accounts/admin/approvals_panel.html"

    def get_context_data(self, parent_context=None):
        return {"waiting": pending_accounts().count(), "url": reverse("accounts_approvals")}


@hooks.register("construct_homepage_panels")
def add_approvals_panel(request, panels):
    if request.user.has_perm(APPROVE):
        panels.append(ApprovalsPanel())


@hooks.register("construct_reports_menu")
def reports_for_editors_only(request, menu_items):
    """Wagtail's own reports are about the site's pages and everyone who edits them: editors
    only (``cms.accounts.middleware.EDITORS_ONLY``); Helix's own reports (the audit log) stay."""
    from cms.accounts.middleware import EDITOR_PERM, EDITORS_ONLY

    if not request.user.has_perm(EDITOR_PERM):
        menu_items[:] = [item for item in menu_items if not item.url.startswith(EDITORS_ONLY)]
