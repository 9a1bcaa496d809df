"""Wagtail admin: the matching board (admins, and organisation staff for their own projects)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from plugins.mentoring.admin_views import PROPOSE, BoardView, ConnectionView, RequestView


@hooks.register("register_admin_urls")
def board_urls():
    return [
        path("matching/", BoardView.as_view(), name="mentoring_board"),
        path("matching/requests/<str:id>/", RequestView.as_view(), name="mentoring_board_request"),
        path("matching/connections/<str:id>/", ConnectionView.as_view(), name="mentoring_board_connection"),
    ]


class BoardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PROPOSE)


@hooks.register("register_admin_menu_item")
def board_menu_item():
    return BoardMenuItem(_("Matching board"), reverse("mentoring_board"), icon_name="group", order=240)
