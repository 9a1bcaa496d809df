"""Wagtail admin: right-to-left editing, the translation status report, FAQ moderation."""

from __future__ import annotations

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.pages.admin_views import TranslationStatusReport
from cms.pages.models import FaqQuestion


@hooks.register("insert_editor_js")
def direction_script():
    # Output by the page editor and by wagtail-localize's translation editor.
    return format_html('<script src="{}"></script>', static("helix/admin/direction.js"))


@hooks.register("insert_global_admin_css")
def direction_styles():
    return format_html('<link rel="stylesheet" href="{}">', static("helix/admin/direction.css"))


@hooks.register("register_admin_urls")
def report_urls():
    return [
        path(
            "reports/translation-status/",
            TranslationStatusReport.as_view(),
            name="helix_translation_status",
        )
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtail_localize.submit_translation")


@hooks.register("register_reports_menu_item")
def translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("helix_translation_status"),
        icon_name="site",
        order=800,
    )


class FaqQuestionViewSet(SnippetViewSet):
    model = FaqQuestion
    icon = "help"
    menu_label = _("FAQ questions")
    menu_name = "faq-questions"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["question", "locale", "status", "asked_by", "created_at", "published_at"]
    list_filter = ["status", "locale"]
    search_fields = ["question", "answer"]
    ordering = ["status", "-created_at"]


register_snippet(FaqQuestionViewSet)


@hooks.register("after_edit_snippet")
def stamp_faq_publication(request, instance):
    """Who answered and when: set when a moderator publishes a question."""
    if not isinstance(instance, FaqQuestion):
        return
    from cms.pages.actions import moderate_question

    moderate_question(instance, user=request.user, now=timezone.now())


class TranslationStatusPanel(Component):
    """On the admin dashboard: how many pages per language need a translator."""

    name = "helix_translation_status"
    order = 110
    template_name = "pages/admin/translation_status_panel.html"

    def get_context_data(self, parent_context=None):
        from django.conf import settings

        from cms.pages import status

        counts = status.status_counts(status.status_report())
        return {
            "languages": [
                (name, counts[code]) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
            ],
            "report_url": reverse("helix_translation_status"),
        }


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels):
    if request.user.has_perm("wagtail_localize.submit_translation"):
        panels.append(TranslationStatusPanel())
