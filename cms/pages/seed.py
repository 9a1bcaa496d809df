"""Load the information pages from ``cms/pages/content/*.yaml`` in English, Dutch and Arabic.

Each YAML page holds every reader-facing value in the three languages (see ``content/check.py``
for the format). The English page is created and published first; the Dutch and Arabic pages
are made **through wagtail-localize**: the English page becomes a translation source, its
segments get the Dutch/Arabic strings as a translation (as if a translator had uploaded a PO
file), and the translation is published. So a seeded translation behaves exactly like one
made in the admin: it can be synced, edited segment by segment, exported and re-imported.

Idempotent and respectful of editors: a page that exists (same slug under the same parent in
that locale) is never touched, so running it again changes nothing and never overwrites a
later edit.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polib
import yaml
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from cms.pages import models as page_models
from cms.sectors.models import Sector

CONTENT_DIR = Path(__file__).parent / "content"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "nl", "ar")
# Fields holding a list of paragraphs (turned into rich text) and fields that are ListBlocks.
PARAGRAPH_FIELDS = {"text", "prepare", "session", "answer", "support"}
LIST_FIELDS = {"tips", "facts", "steps", "links"}
FILE_ORDER = ("roadmap", "sectors", "study", "organisations", "mentoring", "about")
ID_NAMESPACE = uuid.UUID("7b0f6a52-4d8e-4e55-9a7c-2f1f3b0a9c11")


class SeedError(Exception):
    """The content files and the page models disagree."""


@dataclass
class SeedResult:
    created: list[str] = field(default_factory=list)
    translated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def load_content(paths: Iterable[Path] | None = None) -> list[dict]:
    """All page specs, parents before children."""
    if paths is None:
        paths = sorted(
            CONTENT_DIR.glob("*.yaml"),
            key=lambda p: (FILE_ORDER.index(p.stem) if p.stem in FILE_ORDER else 99, p.stem),
        )
    specs: list[dict] = []
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        specs.extend(data.get("pages", []))
    return _parents_first(specs)


def _parents_first(specs: list[dict], existing: Iterable[str] = ()) -> list[dict]:
    """Order specs parents first; ``existing`` names keys of pages already in the tree (a
    plugin's pages hang under the core's ``home``)."""
    ordered, placed, pending = [], set(existing), list(specs)
    while pending:
        ready = [s for s in pending if not s.get("parent") or s["parent"] in placed]
        if not ready:
            missing = sorted({s["parent"] for s in pending})
            raise SeedError(f"Pages refer to unknown parents: {', '.join(missing)}")
        for spec in ready:
            ordered.append(spec)
            placed.add(spec["key"])
            pending.remove(spec)
    return ordered


def seed_pages(specs: list[dict] | None = None, languages: Iterable[str] = LANGUAGES) -> SeedResult:
    """Create the page trees that do not exist yet. Returns what was created and kept.

    Plugins seed their own pages with the same format (``seed_pages(load_plugin_content(path))``):
    their ``type`` is ``app_label.ModelName`` and their parent may be a page the core seeded
    (``home``, ``roadmap``, …), which must exist by then.
    """
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in languages}
    pages: dict[str, Page] = {}
    if specs is None:
        specs = load_content()
    else:
        keys = {spec["key"] for spec in specs}
        for parent in {spec["parent"] for spec in specs if spec.get("parent")} - keys:
            pages[parent] = _existing_page(parent, locales[SOURCE_LANGUAGE])
        specs = _parents_first(specs, existing=pages)
    result = SeedResult()
    for spec in specs:
        with transaction.atomic():
            page, created = _source_page(spec, pages, locales[SOURCE_LANGUAGE])
            pages[spec["key"]] = page
            (result.created if created else result.kept).append(spec["key"])
            for code, locale in locales.items():
                if code == SOURCE_LANGUAGE:
                    continue
                if page.get_translation_or_none(locale) is None:
                    _translate(page, spec, code, locale, pages)
                    result.translated.append(f"{spec['key']}:{code}")
    if "home" in pages:
        _point_site_at(pages["home"])
    return result


def _source_page(spec: dict, pages: dict[str, Page], locale: Locale) -> tuple[Page, bool]:
    model = _model(spec)
    slug = spec["key"].rsplit("/", 1)[-1]
    if spec.get("parent"):
        parent = pages[spec["parent"]]
    else:
        parent = Page.get_first_root_node()
        _remove_wagtail_welcome_page(parent, slug)
    existing = parent.get_children().filter(slug=slug, locale=locale).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, locale=locale, **_values(spec, SOURCE_LANGUAGE, pages))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _remove_wagtail_welcome_page(root: Page, slug: str) -> None:
    """Wagtail's installation creates a plain "Welcome" page at the top; the home page replaces it."""
    for page in root.get_children().filter(slug=slug):
        if page.specific_class is Page:
            page.delete()


def _point_site_at(home: Page) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Helix"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()


def _translate(page: Page, spec: dict, code: str, locale: Locale, pages: dict[str, Page]) -> None:
    """Make the ``code`` version of ``page`` through wagtail-localize, with the spec's strings."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    target = type(page)(locale=locale, slug=page.slug, **_values(spec, code, pages))
    source_segments = [s for s in extract_segments(page) if isinstance(s, StringSegmentValue)]
    target_segments = [s for s in extract_segments(target) if isinstance(s, StringSegmentValue)]
    if len(source_segments) != len(target_segments):
        raise SeedError(
            f"{spec['key']} ({code}): {len(target_segments)} segments, the English page has "
            f"{len(source_segments)}; give every language the same paragraphs."
        )
    po = polib.POFile()
    for src, tgt in zip(source_segments, target_segments, strict=True):
        if src.path != tgt.path:
            raise SeedError(f"{spec['key']} ({code}): segment {tgt.path} does not match {src.path}")
        po.append(polib.POEntry(msgctxt=src.path, msgid=src.string.data, msgstr=tgt.string.data))
    warnings = translation.import_po(po, tool_name="Helix starter content")
    if warnings:
        raise SeedError(f"{spec['key']} ({code}): {warnings}")
    translation.save_target(publish=True)


def load_plugin_content(path: Path) -> list[dict]:
    """The page specs of one plugin content file (same format as the core's)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return list(data.get("pages", []))


def _existing_page(key: str, locale: Locale) -> Page:
    """The source-language page a seeded key names: ``home``, ``roadmap``, ``roadmap/cv``…"""
    page = page_models.HomePage.objects.filter(locale=locale).first()
    if page is None:
        raise SeedError(f"The page {key!r} does not exist yet: seed the core pages first.")
    if key != "home":
        for slug in key.split("/"):
            page = page.get_children().filter(slug=slug).first()
            if page is None:
                raise SeedError(f"The page {key!r} does not exist yet: seed the core pages first.")
    return page.specific


def _model(spec: dict):
    if "." in spec["type"]:
        from django.apps import apps

        try:
            model = apps.get_model(spec["type"])
        except (LookupError, ValueError):
            model = None
        if model is not None and issubclass(model, page_models.HelixPage):
            return model
        raise SeedError(f"{spec['key']}: unknown page type {spec['type']!r}")
    model = getattr(page_models, spec["type"], None)
    if model not in page_models.PAGE_MODELS:
        raise SeedError(f"{spec['key']}: unknown page type {spec['type']!r}")
    return model


def _values(spec: dict, code: str, pages: dict[str, Page]) -> dict:
    """Model field values of the ``code`` version of a page spec."""
    key = spec["key"]
    values = {"title": spec["title"][code], "intro": spec["intro"][code]}
    values["body"] = [
        {"type": block_type, "value": _block_value(value, code, f"{key}/body/{n}"), "id": _id(key, "body", n)}
        for n, block in enumerate(spec.get("body") or [])
        for block_type, value in block.items()
    ]
    for name, value in (spec.get("translated_fields") or {}).items():
        values[name] = _paragraphs(value[code]) if name in PARAGRAPH_FIELDS else value[code]
    for name, value in (spec.get("fields") or {}).items():
        if name == "sector":
            values["sector"] = Sector.source_rows().get(slug=value)
        else:
            values[name] = value
    if spec.get("checklist"):
        # A roadmap step's checklist: the same block ids in every language, so that talents'
        # ticks (kept by block id) hold whatever language they read the step in.
        values["checklist"] = [
            {
                "type": "item",
                "value": {"text": item["todo"][code], "details": (item.get("details") or {}).get(code, "")},
                "id": _id(key, "checklist", n),
            }
            for n, item in enumerate(spec["checklist"])
        ]
    if spec.get("related_steps"):
        values["related_steps"] = [
            {
                "type": "step",
                "value": {"step": pages[item["step"]].pk, "note": item["note"][code]},
                "id": _id(key, "related_steps", n),
            }
            for n, item in enumerate(spec["related_steps"])
        ]
    return values


def _block_value(value, code: str, path: str, name: str = ""):
    if isinstance(value, dict) and set(value) == set(LANGUAGES):
        chosen = value[code]
        return _paragraphs(chosen) if name in PARAGRAPH_FIELDS else chosen
    if isinstance(value, dict):
        return {k: _block_value(v, code, f"{path}/{k}", k) for k, v in value.items()}
    if isinstance(value, list) and name in LIST_FIELDS:
        return [
            {"type": "item", "value": _block_value(item, code, f"{path}/{n}"), "id": _id(path, n)}
            for n, item in enumerate(value)
        ]
    return value


def _paragraphs(paragraphs) -> str:
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    return "".join(f"<p>{html.escape(p.strip(), quote=False)}</p>" for p in paragraphs)


def _id(*parts) -> str:
    """The same block id in every language, so segments line up."""
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(p) for p in parts)))
