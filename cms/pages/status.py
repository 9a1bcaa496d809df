"""Translation status of information pages, computed in bulk.

For every page (identified by its ``translation_key``) and locale the status is one of:

- ``source``: the page in the language it is translated from;
- ``up_to_date``: a live translation that holds the latest synced source, every segment translated
  and published after the last sync;
- ``outdated``: a live translation whose source changed since it was synced, that has untranslated
  segments, or whose sync is not yet published;
- ``missing``: no live page in that locale.

A whole set of pages costs a fixed number of queries (pages, sources, translations, one
untranslated-segment count per locale), whatever its size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

SOURCE = "source"
UP_TO_DATE = "up_to_date"
OUTDATED = "outdated"
MISSING = "missing"
STATUS_LABELS = {
    SOURCE: _("Source"),
    UP_TO_DATE: _("Up to date"),
    OUTDATED: _("Outdated"),
    MISSING: _("Missing"),
}
STATUSES = tuple(STATUS_LABELS)
STATUS_CHOICES = [(code, code) for code in STATUSES]


@dataclass(frozen=True)
class PageVersion:
    """One locale's version of a page, as far as the status needs it."""

    id: int
    locale: str
    title: str
    live: bool
    last_published_at: datetime | None
    path: str
    url_path: str


@dataclass(frozen=True)
class TranslationState:
    locale: str
    status: str
    page: PageVersion | None

    @property
    def id(self) -> int | None:
        return self.page.id if self.page and self.page.live else None


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def translation_states(keys) -> dict[UUID, dict[str, TranslationState]]:
    """``{translation_key: {language: TranslationState}}`` for every configured language."""
    keys = {key for key in keys if key}
    if not keys:
        return {}
    languages = site_languages()
    locale_codes = dict(Locale.objects.values_list("id", "language_code"))
    locale_ids = {code: pk for pk, code in locale_codes.items()}

    versions: dict[UUID, dict[str, PageVersion]] = {}
    for row in Page.objects.filter(translation_key__in=keys, depth__gt=1).values(
        "id", "translation_key", "locale_id", "title", "live", "last_published_at", "path", "url_path"
    ):
        code = locale_codes.get(row["locale_id"])
        versions.setdefault(row["translation_key"], {})[code] = PageVersion(
            id=row["id"],
            locale=code,
            title=row["title"],
            live=row["live"],
            last_published_at=row["last_published_at"],
            path=row["path"],
            url_path=row["url_path"],
        )

    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(object_id__in=keys).order_by("created_at")
    }
    translations = {
        (t.source_id, t.target_locale_id): t for t in Translation.objects.filter(source__in=sources.values())
    }
    untranslated = _untranslated_counts(
        source_ids=[source.pk for source in sources.values()],
        locale_ids={t.target_locale_id for t in translations.values() if t.enabled},
    )
    default_language = Locale.get_default().language_code

    states: dict[UUID, dict[str, TranslationState]] = {}
    for key in keys:
        by_language = versions.get(key, {})
        source = sources.get(key)
        source_language = locale_codes.get(source.locale_id) if source else default_language
        origin = by_language.get(source_language)
        result: dict[str, TranslationState] = {}
        for language in languages:
            version = by_language.get(language)
            if language == source_language and version is not None:
                status = SOURCE
            elif version is None or not version.live:
                status = MISSING
            else:
                locale_id = locale_ids.get(language)
                translation = translations.get((source.pk, locale_id)) if source else None
                pending = untranslated.get((source.pk if source else None, locale_id), 0)
                status = _status(origin, version, source, translation, pending)
            result[language] = TranslationState(language, status, version)
        states[key] = result
    return states


def _status(origin, version, source, translation, untranslated: int) -> str:
    published = version.last_published_at
    origin_published = origin.last_published_at if origin else None
    if translation is None or not translation.enabled:
        # Translated by hand (a copy, or syncing switched off): compare publication times.
        if origin_published and published and published < origin_published:
            return OUTDATED
        return UP_TO_DATE
    if origin_published and origin_published > source.last_updated_at:
        return OUTDATED  # the source was published again after the last sync
    if untranslated:
        return OUTDATED
    if published is None or published < source.last_updated_at:
        return OUTDATED  # synced, but the translation was not published since
    return UP_TO_DATE


def _untranslated_counts(source_ids, locale_ids) -> dict[tuple[int, int], int]:
    """Segments without a translation, per (source, locale): one query per locale."""
    counts: dict[tuple[int, int], int] = {}
    if not source_ids:
        return counts
    for locale_id in locale_ids:
        translated = StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale_id=locale_id,
            has_error=False,
        )
        rows = (
            StringSegment.objects.filter(source_id__in=source_ids)
            .exclude(Exists(translated))
            .values("source_id")
            .annotate(n=Count("id"))
        )
        for row in rows:
            counts[(row["source_id"], locale_id)] = row["n"]
    return counts


def status_report(root: Page | None = None) -> list[dict]:
    """Rows for the admin report: every source page with its status per language."""
    default = Locale.get_default()
    pages = Page.objects.filter(locale=default, depth__gt=1).order_by("path")
    if root is not None:
        pages = pages.descendant_of(root, inclusive=True)
    pages = list(pages.values("id", "title", "translation_key", "depth"))
    states = translation_states(page["translation_key"] for page in pages)
    return [{**page, "states": states.get(page["translation_key"], {})} for page in pages]


def status_counts(rows: list[dict]) -> dict[str, dict[str, int]]:
    """``{language: {status: count}}`` over report rows."""
    counts = {language: dict.fromkeys(STATUSES, 0) for language in site_languages()}
    for row in rows:
        for language, state in row["states"].items():
            counts[language][state.status] += 1
    return counts
