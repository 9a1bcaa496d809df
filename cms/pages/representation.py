"""How a page is answered by the API, computed for a whole batch of pages at once.

``PageBatch`` does the few bulk queries a list or a detail needs (translation states, the
homes for paths, parents, referenced pages) so that answering 1 or 100 pages costs the same
number of queries. The API's serializers read from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import Any

from django.utils.html import escape
from wagtail import blocks
from wagtail.models import Locale, Page

from cms.outbox.mail import language_dir
from cms.pages.blocks import PREFETCHED_PAGES, LatestPostsBlock, PageReferenceBlock
from cms.pages.status import SOURCE, translation_states
from cms.sectors.models import Sector

PAGE_LINK = re.compile(r'<a [^>]*linktype="page"[^>]*id="(\d+)"')
PAGE_LINK_TAG = re.compile(r'<a ([^>]*)linktype="page"[^>]*?id="(\d+)"[^>]*>')
HOME_DEPTH = 2
STEPLEN = Page.steplen


def html_path(homes: dict[str, str], path: str, url_path: str, language: str) -> str:
    """A page's address for a frontend: ``/<language>/<path below its home page>``.

    ``homes`` maps the tree path of each home page (depth 2) to its ``url_path``."""
    home = homes.get(path[: STEPLEN * HOME_DEPTH])
    below = url_path[len(home) :] if home and url_path.startswith(home) else url_path.lstrip("/")
    return f"/{language}/{below}"


def model_label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def iter_raw_values(block, raw) -> Iterable[tuple[Any, Any]]:
    """Every (block, raw JSON value) pair inside a StreamField's stored data, without loading it."""
    yield block, raw
    if raw is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in raw:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                yield from iter_raw_values(child_block, child.get("value"))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from iter_raw_values(child_block, raw.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            is_item = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            yield from iter_raw_values(block.child_block, item["value"] if is_item else item)


def iter_block_values(block, value) -> Iterable[tuple[Any, Any]]:
    """Every (block, value) pair inside a StreamField value, depth first."""
    yield block, value
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from iter_block_values(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from iter_block_values(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from iter_block_values(block.child_block, item)


def live_content(pages: list[Page]) -> list[Page]:
    """The published content of each page, never a draft.

    Wagtail keeps a live page's row equal to its published revision, but wagtail-localize
    writes a synced or machine-translated *draft* into the row too. Pages with unpublished
    changes therefore get their fields from their live revision (one query for the batch).
    """
    from wagtail.models import Revision

    stale = {
        page.live_revision_id: index
        for index, page in enumerate(pages)
        if page.has_unpublished_changes and page.live_revision_id
    }
    if not stale:
        return pages
    pages = list(pages)
    for revision in Revision.objects.filter(id__in=stale):
        index = stale[revision.pk]
        pages[index] = pages[index].with_content_json(revision.content)
    return pages


class PageBatch:
    """Bulk-loaded facts about ``pages`` (specific instances) for the API."""

    def __init__(
        self,
        pages: list[Page],
        *,
        dynamic_content: Callable[[Page, str, dict], list[dict]] | None = None,
        with_references: bool = False,
    ):
        self.pages = pages
        self.dynamic_content = dynamic_content
        self.locale_codes = dict(Locale.objects.values_list("id", "language_code"))
        self.states = translation_states(page.translation_key for page in pages)
        self.homes = dict(Page.objects.filter(depth=HOME_DEPTH).values_list("path", "url_path"))
        parent_paths = {page.path[:-STEPLEN] for page in pages if page.depth > HOME_DEPTH}
        self.parents = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "id"))
        sector_ids = {page.sector_id for page in pages if getattr(page, "sector_id", None)}
        self.sectors = Sector.objects.in_bulk(sector_ids) if sector_ids else {}
        self.references: dict[tuple[int, str], Page] = {}
        self.prefetched_pages: dict[int, Page] = {}
        self.linked_pages: dict[int, Page] = {}
        if with_references:
            self._load_references()

    # --- paths -------------------------------------------------------------------------------
    def language(self, page) -> str:
        return self.locale_codes.get(page.locale_id, "")

    def html_path(self, path: str, url_path: str, language: str) -> str:
        return html_path(self.homes, path, url_path, language)

    # --- meta --------------------------------------------------------------------------------
    def meta(self, page, *, fallback: bool = False) -> dict:
        language = self.language(page)
        states = self.states.get(page.translation_key, {})
        own = states.get(language)
        return {
            "type": model_label(page.specific_class),
            "locale": language,
            "dir": language_dir(language),
            "html_path": self.html_path(page.path, page.url_path, language),
            "slug": page.slug,
            "parent_id": self.parents.get(page.path[:-STEPLEN]),
            "first_published_at": page.first_published_at,
            "last_published_at": page.last_published_at,
            "translation_key": page.translation_key,
            "translation_status": own.status if own else SOURCE,
            "translations": [
                {
                    "locale": code,
                    "id": state.id,
                    "title": state.page.title if state.id else None,
                    "html_path": self.html_path(state.page.path, state.page.url_path, code)
                    if state.id
                    else None,
                    "status": state.status,
                }
                for code, state in states.items()
                if code != language
            ],
            "fallback": fallback,
        }

    def sector(self, page):
        return self.sectors.get(getattr(page, "sector_id", None))

    def available_locales(self, page) -> list[str]:
        return [code for code, state in self.states.get(page.translation_key, {}).items() if state.id]

    # --- references inside blocks -----------------------------------------------------------
    def _load_references(self) -> None:
        """Pages referred to by blocks, and their translations: two queries for the batch."""
        wanted: dict[str, set] = {}
        ids: set[int] = set()
        for page in self.pages:
            for field in _stream_fields(page):
                value = getattr(page, field)
                for block, raw in iter_raw_values(value.stream_block, list(value.raw_data)):
                    if isinstance(block, PageReferenceBlock) and raw:
                        ids.add(raw)
                        wanted.setdefault(self.language(page), set())
        self.prefetched_pages = Page.objects.in_bulk(ids) if ids else {}
        keys = {page.translation_key for page in self.prefetched_pages.values()}
        for language in wanted:
            wanted[language] = keys
        if not wanted:
            return
        keys = set().union(*wanted.values())
        code_ids = {code: pk for pk, code in self.locale_codes.items()}
        refs = Page.objects.live().filter(
            translation_key__in=keys, locale_id__in=[code_ids[code] for code in wanted if code in code_ids]
        )
        for ref in refs:
            self.references[(ref.translation_key, self.locale_codes[ref.locale_id])] = ref

    def reference(self, page: Page, language: str) -> dict | None:
        """A referenced page as ``{id, title, type, locale, html_path}``, in ``language`` if it exists."""
        localized = self.references.get((page.translation_key, language))
        target = localized or (page if page.live else None)
        if target is None:
            return None
        target_language = language if localized else self.locale_codes.get(target.locale_id, "")
        return {
            "id": target.pk,
            "title": target.title,
            "type": model_label(target.specific_class),
            "locale": target_language,
            "html_path": self.html_path(target.path, target.url_path, target_language),
        }

    def expand_page_links(self, source: str, language: str) -> str:
        """Replace ``<a linktype="page" id="N">`` with ``<a href="/<lang>/path/" data-page-id="M">``
        (M: the page in ``language`` where translated). Unpublished targets lose the link."""
        ids = {int(pk) for pk in PAGE_LINK.findall(source)}
        missing = ids - set(self.linked_pages)
        if missing:
            self.linked_pages.update(Page.objects.in_bulk(missing))
            keys = {page.translation_key for page in self.linked_pages.values()}
            for ref in Page.objects.live().filter(translation_key__in=keys):
                self.references.setdefault((ref.translation_key, self.locale_codes[ref.locale_id]), ref)

        def replace(match):
            page = self.linked_pages.get(int(match.group(2)))
            ref = self.reference(page, language) if page is not None else None
            if ref is None:
                return "<a>"
            return f'<a href="{escape(ref["html_path"])}" data-page-id="{ref["id"]}">'

        return PAGE_LINK_TAG.sub(replace, source)

    @contextmanager
    def prefetched(self):
        """Render blocks with the batch's referenced pages instead of a query per field."""
        token = PREFETCHED_PAGES.set(self.prefetched_pages)
        try:
            yield
        finally:
            PREFETCHED_PAGES.reset(token)

    def block_context(self, page) -> dict:
        language = self.language(page)
        context: dict[str, Any] = {"page_batch": self, "language": language}
        if self.dynamic_content is not None:
            context["dynamic_content"] = lambda block: self.dynamic_content(page, language, block)
        return context


def _stream_fields(page) -> list[str]:
    from wagtail.fields import StreamField

    return [f.name for f in page._meta.get_fields() if isinstance(f, StreamField)]


def has_dynamic_blocks(page) -> bool:
    """Whether the page's answer depends on more than the page (a "latest posts" block)."""
    for field in _stream_fields(page):
        value = getattr(page, field)
        if any(
            isinstance(block, LatestPostsBlock) for block, _v in iter_block_values(value.stream_block, value)
        ):
            return True
    return False
