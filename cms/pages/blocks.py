"""StreamField blocks of the information pages.

Every block answers the API with typed JSON (``get_api_representation``): plain strings, HTML
for rich text, lists and objects, and references (pages, documents) as small objects rather
than bare ids, so a frontend needs no second request. ``cms.pages.schema`` turns these block
definitions into the OpenAPI schema of a page's ``body``.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.rich_text import expand_db_html

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]

POST_TYPE_CHOICES = [
    ("study", _("Study")),
    ("vacancy", _("Vacancy")),
    ("event", _("Event")),
    ("project", _("Project")),
    ("tool", _("Tool")),
]


def sector_choices():
    """The sector slugs editors can pick in a block (read when the form is built)."""
    from cms.sectors.models import Sector

    try:
        return [(sector.slug, sector.name) for sector in Sector.source_rows()]
    except Exception:  # noqa: BLE001 - no table yet (before the first migration)
        return []


def rich_text_html(source: str, context: dict | None = None) -> str:
    """Stored rich text as HTML for a frontend: links to pages point at their ``html_path``
    (in the reader's language where translated), documents at their file."""
    if not source:
        return ""
    batch = (context or {}).get("page_batch")
    if batch is not None:
        source = batch.expand_page_links(source, context.get("language", ""))
    return expand_db_html(source)


class RichTextBlock(blocks.RichTextBlock):
    """Rich text answered as HTML (see ``rich_text_html``)."""

    def get_api_representation(self, value, context=None):
        return rich_text_html(value.source if value else "", context)


# Pages loaded in bulk by the API for a whole batch of pages (see PageBatch.prefetched):
# while set, page references are taken from it instead of one query per StreamField.
PREFETCHED_PAGES: ContextVar[dict | None] = ContextVar("helix_prefetched_pages", default=None)


class PageReferenceBlock(blocks.PageChooserBlock):
    """A page answered as ``{id, title, type, locale, html_path}`` in the language of the page
    being read (its translation, else the page itself); ``null`` when it is not published."""

    def bulk_to_python(self, values):
        prefetched = PREFETCHED_PAGES.get()
        if prefetched is not None and all(value is None or value in prefetched for value in values):
            return [prefetched.get(value) for value in values]
        return super().bulk_to_python(values)

    def get_api_representation(self, value, context=None):
        if value is None:
            return None
        batch = (context or {}).get("page_batch")
        if batch is None:
            return (
                {"id": value.pk, "title": value.title, "type": _model_label(value.specific_class)}
                if value.live
                else None
            )
        return batch.reference(value, context["language"])


class DocumentBlock(DocumentChooserBlock):
    def get_api_representation(self, value, context=None):
        if value is None:
            return None
        return {
            "id": value.pk,
            "title": value.title,
            "url": value.url,
            "file_extension": value.file_extension,
        }


def _model_label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    url = blocks.URLBlock(label=_("Address (URL)"))
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "link"
        label = _("Useful link")


class PracticalInformationBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = RichTextBlock(label=_("Text"), features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Practical information")


class TipsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    tips = blocks.ListBlock(blocks.TextBlock(label=_("Tip")), label=_("Tips"), min_num=1)

    class Meta:
        icon = "pick"
        label = _("Tips")


class FactBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Value"), max_length=40, help_text=_("For example 1,175 or 53%."))
    label = blocks.CharBlock(label=_("Label"), max_length=300)
    source = blocks.CharBlock(label=_("Source"), max_length=300)


class FactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    facts = blocks.ListBlock(FactBlock(), label=_("Facts and figures"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Facts and figures")


class TestimonialBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    role = blocks.CharBlock(label=_("Role"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        label = _("Testimonial")


class ToolBlock(blocks.StructBlock):
    """A tool a newcomer can use: a document to download or a link (e.g. the Career Passport)."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"))
    document = DocumentBlock(label=_("Document"), required=False)
    url = blocks.URLBlock(label=_("Address (URL)"), required=False)

    class Meta:
        icon = "cogs"
        label = _("Tool")

    def clean(self, value):
        value = super().clean(value)
        if value.get("document") and value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Give a document or an address, not both."))}
            )
        return value


class LatestPostsBlock(blocks.StructBlock):
    """The newest posts of the chosen types and sectors, filled by plugins.

    The editor chooses only the filter; the items come from the plugins' ``page_dynamic_content``
    hook when the page is read. Where no plugin fills it the API answers ``items: []`` and
    ``filled: false``.
    """

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    post_types = blocks.MultipleChoiceBlock(label=_("Post types"), choices=POST_TYPE_CHOICES, required=False)
    sectors = blocks.MultipleChoiceBlock(label=_("Sectors"), choices=sector_choices, required=False)
    limit = blocks.IntegerBlock(label=_("How many"), default=5, min_value=1, max_value=20)

    class Meta:
        icon = "list-ul"
        label = _("Latest posts")

    def get_api_representation(self, value, context=None):
        data = {
            "heading": value.get("heading") or "",
            "post_types": list(value.get("post_types") or []),
            "sectors": list(value.get("sectors") or []),
            "limit": value.get("limit") or 5,
        }
        dynamic = (context or {}).get("dynamic_content")
        items = dynamic(data) if dynamic else []
        return {**data, "items": items, "filled": bool(items)}


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = RichTextBlock(label=_("Text"), features=PARAGRAPH_FEATURES)


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Steps")


class MentoringDomainBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Domain"), max_length=200)
    summary = blocks.TextBlock(label=_("Summary"))
    prepare = RichTextBlock(label=_("How to prepare"), features=PARAGRAPH_FEATURES)
    session = RichTextBlock(label=_("How the session can go"), features=PARAGRAPH_FEATURES)
    links = blocks.ListBlock(LinkBlock(), label=_("Useful links"), required=False, default=[])

    class Meta:
        icon = "group"
        label = _("Mentoring domain")


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = RichTextBlock(label=_("Answer"), features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")


class SectorStepBlock(blocks.StructBlock):
    step = PageReferenceBlock(label=_("Roadmap step"), page_type="pages.RoadmapStepPage")
    note = blocks.CharBlock(label=_("Why it matters in this sector"), max_length=300, required=False)

    class Meta:
        icon = "redirect"
        label = _("Roadmap step")


class ChecklistItemBlock(blocks.StructBlock):
    """One thing to do on a roadmap step. Talents tick it in the app (the journey plugin keys
    their ticks by this block's id, which stays the same in every translation and when editors
    re-order the list)."""

    text = blocks.CharBlock(label=_("What to do"), max_length=200)
    details = blocks.TextBlock(label=_("Details"), required=False)

    class Meta:
        icon = "tick"
        label = _("Checklist item")


def body_blocks():
    """The blocks every information page offers, in the order the editor's menu shows them."""
    return [
        ("practical_information", PracticalInformationBlock()),
        ("tips", TipsBlock()),
        ("facts", FactsBlock()),
        ("testimonial", TestimonialBlock()),
        ("useful_link", LinkBlock()),
        ("tool", ToolBlock()),
        ("latest_posts", LatestPostsBlock()),
        ("steps", StepsBlock()),
        ("mentoring_domain", MentoringDomainBlock()),
        ("question", QuestionBlock()),
    ]
