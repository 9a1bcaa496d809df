"""An editor panel that tells the admin's script which way the page's language is written."""

from __future__ import annotations

from django.utils.html import format_html
from wagtail.admin.panels import Panel


class TextDirectionPanel(Panel):
    """Marks the editing form with the page's language and direction (``rtl`` for Arabic).

    ``helix/admin/direction.js`` (added to every editor by ``wagtail_hooks``) reads the marker
    and writes the text fields of the form
    right-to-left, including the fields StreamField adds later. Renders nothing visible.
    """

    class BoundPanel(Panel.BoundPanel):
        def is_shown(self):
            return True

        def render_html(self, parent_context=None):
            from cms.pages.models import text_direction

            locale = getattr(self.instance, "locale", None)
            if locale is None:
                return ""
            language = locale.language_code
            return format_html(
                '<span hidden data-helix-text-direction="{}" lang="{}"></span>',
                text_direction(language),
                language,
            )
