"""The information pages as JSON, in Wagtail API v2's shape: ``id``, ``meta``, ``title``, fields.

The values come from ``cms.pages.representation.PageBatch`` (bulk-loaded); these serializers
declare the shape for the OpenAPI contract and pick the fields a request asked for.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from cms.pages.blocks import (
    LatestPostsBlock,
    PageReferenceBlock,
    SectorStepBlock,
    body_blocks,
    rich_text_html,
)
from cms.pages.status import STATUS_CHOICES

# --- the JSON schema of StreamField content, derived from the block definitions --------------
PAGE_REFERENCE_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": "A page, in the language of the page being read where it is translated.",
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "type": {"type": "string", "example": "pages.RoadmapStepPage"},
        "locale": {"type": "string"},
        "html_path": {"type": "string"},
    },
    "required": ["id", "title", "type", "locale", "html_path"],
}
DYNAMIC_ITEM_SCHEMA = {
    "type": "object",
    "description": "An item a plugin contributes (for example a post); at least type and title.",
    "properties": {"type": {"type": "string"}, "title": {"type": "string"}},
    "required": ["type", "title"],
    "additionalProperties": True,
}


def block_schema(block) -> dict:
    """OpenAPI schema of one block's API value."""
    help_text = str(block.meta.help_text) if getattr(block.meta, "help_text", None) else None
    if isinstance(block, PageReferenceBlock):
        schema = dict(PAGE_REFERENCE_SCHEMA)
    elif isinstance(block, DocumentChooserBlock):
        schema = {
            "type": "object",
            "nullable": True,
            "properties": {
                "id": {"type": "integer"},
                "title": {"type": "string"},
                "url": {"type": "string"},
                "file_extension": {"type": "string"},
            },
        }
    elif isinstance(block, blocks.StructBlock):
        properties = {name: block_schema(child) for name, child in block.child_blocks.items()}
        if isinstance(block, LatestPostsBlock):
            properties["items"] = {"type": "array", "items": DYNAMIC_ITEM_SCHEMA}
            properties["filled"] = {
                "type": "boolean",
                "description": "False when no enabled plugin filled the block (items is empty).",
            }
        schema = {"type": "object", "properties": properties, "required": list(properties)}
    elif isinstance(block, blocks.ListBlock):
        schema = {"type": "array", "items": block_schema(block.child_block)}
    elif isinstance(block, blocks.MultipleChoiceBlock):
        schema = {"type": "array", "items": {"type": "string"}}
    elif isinstance(block, blocks.RichTextBlock):
        schema = {"type": "string", "format": "html"}
    elif isinstance(block, blocks.URLBlock):
        schema = {"type": "string", "format": "uri"}
        if not block.required:
            # An optional address left empty answers null (a tool with neither link nor document).
            schema["nullable"] = True
    elif isinstance(block, blocks.IntegerBlock):
        schema = {"type": "integer"}
    elif isinstance(block, blocks.FieldBlock):
        schema = {"type": "string"}
    else:  # pragma: no cover - a new block kind must be described here
        raise TypeError(f"No schema for {type(block).__name__}")
    if help_text:
        schema["description"] = help_text
    return schema


def stream_schema(named_blocks) -> dict:
    variants = [
        {
            "type": "object",
            "title": name,
            "properties": {
                "type": {"type": "string", "enum": [name]},
                "id": {"type": "string", "format": "uuid"},
                "value": block_schema(block),
            },
            "required": ["type", "id", "value"],
        }
        for name, block in named_blocks
    ]
    return {"type": "array", "items": {"oneOf": variants}}


@extend_schema_field(stream_schema(body_blocks()))
class BodyField(serializers.JSONField):
    """The page's body: typed blocks ``{type, id, value}`` in the editor's order."""


@extend_schema_field(stream_schema([("step", SectorStepBlock())]))
class RelatedStepsField(serializers.JSONField):
    """The roadmap steps a sector path goes through, each with why it matters there."""


# --- pages ------------------------------------------------------------------------------------
class PageTranslationSerializer(serializers.Serializer):
    locale = serializers.CharField()
    id = serializers.IntegerField(allow_null=True, help_text="Null when the translation is missing.")
    title = serializers.CharField(allow_null=True)
    html_path = serializers.CharField(allow_null=True)
    status = serializers.ChoiceField(choices=STATUS_CHOICES)


class PageMetaSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="app_label.ModelName, e.g. pages.RoadmapStepPage.")
    locale = serializers.CharField()
    dir = serializers.ChoiceField(choices=[("ltr", "ltr"), ("rtl", "rtl")])
    html_path = serializers.CharField(help_text="The page's address for a frontend: /<locale>/<path>/.")
    slug = serializers.CharField()
    parent_id = serializers.IntegerField(allow_null=True)
    first_published_at = serializers.DateTimeField(allow_null=True)
    last_published_at = serializers.DateTimeField(allow_null=True)
    translation_key = serializers.UUIDField()
    translation_status = serializers.ChoiceField(
        choices=STATUS_CHOICES, help_text="This page's own status against its source."
    )
    translations = PageTranslationSerializer(many=True)
    fallback = serializers.BooleanField(
        help_text="True when the page is answered in its source language because the requested "
        "locale has no translation (only with ?fallback=true)."
    )


class SectorRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class PageSerializer(serializers.Serializer):
    """A page. Lists answer ``id``, ``meta``, ``title`` and ``intro`` plus the fields asked for
    with ``?fields=`` (``*`` for all); a detail answers every field of the page's type."""

    id = serializers.IntegerField()
    meta = PageMetaSerializer()
    title = serializers.CharField()
    intro = serializers.CharField(required=False)
    body = BodyField(required=False)
    step_number = serializers.IntegerField(required=False, help_text="Roadmap steps only.")
    sector = SectorRefSerializer(required=False, help_text="Sector paths only.")
    related_steps = RelatedStepsField(required=False, help_text="Sector paths only.")
    role = serializers.CharField(required=False, help_text="Organisation pages only.")
    support = serializers.CharField(required=False, help_text="Organisation pages only (HTML).")
    website = serializers.CharField(required=False, help_text="Organisation pages only.")
    email = serializers.CharField(required=False, help_text="Organisation pages only.")
    phone = serializers.CharField(required=False, help_text="Organisation pages only.")
    address = serializers.CharField(required=False, help_text="Organisation pages only.")

    def to_representation(self, page):
        batch = self.context["batch"]
        wanted = self.context.get("fields")  # None: every field of the type
        fallback = self.context.get("fallback", False)
        data = {"id": page.pk, "meta": batch.meta(page, fallback=fallback), "title": page.title}
        for name in getattr(page, "api_fields", ()):
            if wanted is not None and name not in wanted:
                continue
            data[name] = self.field_value(page, name, batch)
        return data

    def field_value(self, page, name, batch):
        if name == "sector":
            sector = batch.sector(page)
            return {"slug": sector.slug, "name": sector.name} if sector else None
        value = getattr(page, name)
        if name in ("body", "related_steps"):
            with batch.prefetched():
                return value.stream_block.get_api_representation(value, batch.block_context(page))
        if name == "support":
            return rich_text_html(value, batch.block_context(page))
        return value


class PagePreviewSerializer(PageSerializer):
    """A draft an editor previews: a page, whose ``id`` is null while the page was never saved."""

    id = serializers.IntegerField(allow_null=True, help_text="Null for a new page not saved yet.")


class PageChangeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    change = serializers.ChoiceField(
        choices=[("added", "added"), ("changed", "changed"), ("removed", "removed")]
    )
    at = serializers.DateTimeField(help_text="When it was published or removed.")
    locale = serializers.CharField()
    translation_key = serializers.UUIDField()
    type = serializers.CharField(allow_null=True, help_text="Null for removed pages.")
    title = serializers.CharField(allow_null=True)
    html_path = serializers.CharField(allow_null=True)


class PageChangesSerializer(serializers.Serializer):
    since = serializers.DateTimeField(allow_null=True)
    until = serializers.DateTimeField(help_text="Ask again with since=<until> to get what changed next.")
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    results = PageChangeSerializer(many=True)
