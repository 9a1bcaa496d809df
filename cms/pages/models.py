"""The information pages (INFORM): one Wagtail tree per locale, translated with wagtail-localize.

English is the source locale; Dutch and Arabic trees are translations (same ``translation_key``).
The API lives in ``api/views/pages.py``; the seed content in ``cms/pages/content/``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_headless_preview.models import HeadlessPreviewMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.outbox.mail import language_dir as text_direction  # noqa: F401 - "rtl" for Arabic
from cms.pages.blocks import PARAGRAPH_FEATURES, ChecklistItemBlock, SectorStepBlock, body_blocks
from cms.pages.panels import TextDirectionPanel


class HelixPage(HeadlessPreviewMixin, Page):
    """Base of every information page: an introduction and a body of blocks.

    Helix renders no page itself: the editor's Preview stores the draft and opens the frontend's
    ``/preview`` screen with a signed token (wagtail-headless-preview; ``cms.pages.preview``).
    """

    intro = models.TextField(
        _("introduction"), help_text=_("One to three sentences shown in lists and menus.")
    )
    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"))

    content_panels = [TextDirectionPanel(), *Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("locale"),
    ]
    # Fields the API answers with, beyond id/meta/title (in this order).
    api_fields: tuple[str, ...] = ("intro", "body")

    class Meta:
        abstract = True


class HomePage(HelixPage):
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.RoadmapIndexPage",
        "pages.SectorIndexPage",
        "pages.StudyIndexPage",
        "pages.OrganisationsIndexPage",
        "pages.MentoringPage",
        "pages.FaqPage",
        "pages.ArticlePage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def clean_subpage_models(cls):
        """The core's sections, plus the page types plugins place under the home page
        (their own ``parent_page_types`` say ``pages.HomePage``)."""
        from django.apps import apps

        models = list(super().clean_subpage_models())
        for model in apps.get_models():
            if (
                issubclass(model, HelixPage)
                and model._meta.app_label != "pages"
                and "pages.HomePage" in (getattr(model, "parent_page_types", None) or [])
                and model not in models
            ):
                models.append(model)
        return models


class RoadmapIndexPage(HelixPage):
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.RoadmapStepPage"]

    class Meta:
        verbose_name = _("roadmap to a job")


class RoadmapStepPage(HelixPage):
    """One of the nine steps of the roadmap to a job, under the roadmap index.

    Editors write the step's information in ``body`` and what a talent has to do in
    ``checklist``; talents tick those items off in the app (the journey plugin), by block id.
    """

    step_number = models.PositiveSmallIntegerField(_("step number"))
    checklist = StreamField(
        [("item", ChecklistItemBlock())],
        blank=True,
        verbose_name=_("checklist"),
        help_text=_("What a talent does in this step; they tick the items off in the app."),
    )

    parent_page_types = ["pages.RoadmapIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *HelixPage.content_panels[:2],
        FieldPanel("step_number"),
        *HelixPage.content_panels[2:],
        FieldPanel("checklist"),
    ]
    api_fields = ("step_number", "intro", "body")

    class Meta:
        verbose_name = _("roadmap step")


class SectorIndexPage(HelixPage):
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.SectorPathPage"]

    class Meta:
        verbose_name = _("sector paths")


class SectorPathPage(HelixPage):
    """A fast-track path in one sector: the roadmap steps that matter, with the sector's data."""

    sector = models.ForeignKey(
        "sectors.Sector", verbose_name=_("sector"), on_delete=models.PROTECT, related_name="+"
    )
    related_steps = StreamField(
        [("step", SectorStepBlock())], blank=True, verbose_name=_("roadmap steps in this path")
    )

    parent_page_types = ["pages.SectorIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *HelixPage.content_panels[:2],
        FieldPanel("sector"),
        *HelixPage.content_panels[2:],
        FieldPanel("related_steps"),
    ]
    api_fields = ("sector", "intro", "body", "related_steps")

    class Meta:
        verbose_name = _("sector path")


class StudyIndexPage(HelixPage):
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.StudyTopicPage"]

    class Meta:
        verbose_name = _("study")


class StudyTopicPage(HelixPage):
    parent_page_types = ["pages.StudyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("study topic")


class OrganisationsIndexPage(HelixPage):
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.OrganisationPage"]

    class Meta:
        verbose_name = _("supporting organisations")


class OrganisationPage(HelixPage):
    """A supporting public organisation: its role, the support it gives, how to reach it."""

    role = models.TextField(_("role"))
    support = RichTextField(_("kind of support"), features=PARAGRAPH_FEATURES)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)

    parent_page_types = ["pages.OrganisationsIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *HelixPage.content_panels[:3],
        FieldPanel("role"),
        FieldPanel("support"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone"), FieldPanel("address")],
            heading=_("Contact"),
        ),
        *HelixPage.content_panels[3:],
    ]
    search_fields = [*HelixPage.search_fields, index.SearchField("role"), index.SearchField("support")]
    override_translatable_fields = [
        TranslatableField("role"),
        TranslatableField("support"),
        SynchronizedField("phone"),
        SynchronizedField("address"),
    ]
    api_fields = ("role", "support", "website", "email", "phone", "address", "intro", "body")

    class Meta:
        verbose_name = _("organisation page")


class MentoringPage(HelixPage):
    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("mentoring information")


class FaqPage(HelixPage):
    """Frequently asked questions; published user questions are served by ``/api/v1/faq/``."""

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("frequently asked questions")


class ArticlePage(HelixPage):
    """About, privacy notice, terms of use."""

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")


PAGE_MODELS = (
    HomePage,
    RoadmapIndexPage,
    RoadmapStepPage,
    SectorIndexPage,
    SectorPathPage,
    StudyIndexPage,
    StudyTopicPage,
    OrganisationsIndexPage,
    OrganisationPage,
    MentoringPage,
    FaqPage,
    ArticlePage,
)


class PageRemoval(models.Model):
    """A page that left the API (unpublished, deleted or made private), for the changes feed.

    An app syncing an offline copy asks ``/api/v1/pages/changes/?since=…`` and drops these.
    Republishing a page removes its row.
    """

    page_id = models.PositiveIntegerField(db_index=True)
    locale = models.CharField(max_length=20)
    translation_key = models.UUIDField()
    removed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page_id"], name="unique_page_removal")]

    def __str__(self) -> str:
        return f"page {self.page_id} ({self.locale}) removed {self.removed_at:%Y-%m-%d %H:%M}"


class FaqQuestion(models.Model):
    """A question a user asked through the API; an admin answers and publishes it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="faq_questions",
    )
    locale = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    question = models.TextField(_("question"), max_length=1000)
    answer = RichTextField(_("answer"), features=PARAGRAPH_FEATURES, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.SUBMITTED)
    moderation_note = models.TextField(
        _("moderation note"), blank=True, help_text=_("Why the question was rejected (internal).")
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    panels = [
        FieldPanel("question"),
        FieldPanel("locale"),
        FieldPanel("answer"),
        FieldPanel("status"),
        FieldPanel("moderation_note"),
    ]

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("FAQ question")
        verbose_name_plural = _("FAQ questions")
        indexes = [models.Index(fields=["status", "locale", "-published_at"])]

    def __str__(self) -> str:
        return self.question[:80]

    def clean(self):
        from django.core.exceptions import ValidationError
        from django.utils.html import strip_tags

        if self.status == self.Status.PUBLISHED and not strip_tags(self.answer or "").strip():
            raise ValidationError({"answer": _("A question can only be published with an answer.")})
