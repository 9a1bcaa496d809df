"""Wagtail admin: the reported messages of the messaging plugin."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from plugins.messaging import actions
from plugins.messaging.admin_views import ReportsView


@hooks.register("register_admin_urls")
def report_urls():
    return [path("moderation/messages/", ReportsView.as_view(), name="messaging_reports")]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(actions.MODERATE)


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return ReportsMenuItem(
        _("Reported messages"), reverse("messaging_reports"), icon_name="warning", order=280
    )
