"""The dashboard in the Wagtail admin: its page, its menu item and a summary on the home page."""

from __future__ import annotations

from datetime import timedelta

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from cms.dashboard.views import VIEW, DashboardView, scope


@hooks.register("register_admin_urls")
def dashboard_urls():
    return [path("dashboard/", DashboardView.as_view(), name="helix_dashboard")]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW)


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return DashboardMenuItem(_("Dashboard"), reverse("helix_dashboard"), icon_name="site", order=240)


class DashboardPanel(Component):
    """On the admin home: the last four weeks in three numbers, and a link to the charts."""

    name = "helix_dashboard"
    order = 80
    template_name = "dashboard/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from cms.dashboard import figures

        until = timezone.now()
        since = until - timedelta(weeks=4)
        projects = scope(self.user, None)
        signups = figures.signups(projects, since, until)
        approvals = figures.approvals_waiting(projects)
        connections = figures.connections(projects, since, until)
        states = list(figures.Connection.State)
        active = connections["series"][states.index(figures.Connection.State.ACTIVE)]
        return {
            "signups": sum(sum(item["data"]) for item in signups["series"]),
            "waiting": sum(approvals["series"][0]["data"]),
            "active": sum(active["data"]),
            "url": reverse("helix_dashboard"),
        }


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    if request.user.has_perm(VIEW):
        panels.append(DashboardPanel(request.user))
