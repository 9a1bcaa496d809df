"""Wagtail admin of the journey plugin: self-assessment frameworks as translatable snippets and
the Self-assessment screens of organisation staff."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from plugins.journey import admin_views, self_assessment
from plugins.journey.models import Framework


class FrameworkViewSet(SnippetViewSet):
    model = Framework
    icon = "tasks"
    menu_label = _("Self-assessment frameworks")
    list_display = ["title"]
    search_fields = ["title"]


register_snippet(FrameworkViewSet)


@hooks.register("register_admin_urls")
def self_assessment_urls():
    one = "self-assessment/<int:pk>/<int:framework>"
    return [
        path("self-assessment/", admin_views.IndexView.as_view(), name="journey_self_assessment"),
        path(f"{one}/", admin_views.HistoryView.as_view(), name="journey_self_assessment_history"),
        path(f"{one}/new/", admin_views.NewAssessmentView.as_view(), name="journey_self_assessment_new"),
        path(f"{one}/export/", admin_views.ExportView.as_view(), name="journey_self_assessment_export"),
    ]


class SelfAssessmentMenuItem(MenuItem):
    def is_shown(self, request):
        return self_assessment.may_assess(request.user)


@hooks.register("register_admin_menu_item")
def self_assessment_menu_item():
    return SelfAssessmentMenuItem(
        _("Self-assessment"), reverse("journey_self_assessment"), icon_name="tasks", order=266
    )
