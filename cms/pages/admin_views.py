"""The translation status report in the Wagtail admin (Reports → Translation status)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cms.pages import status


class TranslationStatusReport(TemplateView):
    """Every source page with its status per language, and the counts per language.

    Filter with ``?locale=nl&status=outdated`` to get a translator's to-do list.
    """

    template_name = "pages/admin/translation_status.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        rows = status.status_report()
        counts = status.status_counts(rows)
        languages = dict(settings.LANGUAGES)
        chosen_locale = self.request.GET.get("locale") or ""
        chosen_status = self.request.GET.get("status") or ""
        if chosen_locale in languages and chosen_status in status.STATUSES:
            rows = [row for row in rows if row["states"][chosen_locale].status == chosen_status]
        return {
            **super().get_context_data(**kwargs),
            "title": _("Translation status"),
            "rows": rows,
            "languages": list(languages.items()),
            "counts": [(code, name, counts[code]) for code, name in languages.items()],
            "statuses": list(status.STATUS_LABELS.items()),
            "chosen_locale": chosen_locale,
            "chosen_status": chosen_status,
        }
