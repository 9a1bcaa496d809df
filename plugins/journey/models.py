"""The journey plugin's tables: a talent's roadmap progress and their outcomes.

The roadmap itself is the core's content (``cms.pages.models.RoadmapStepPage``, one page per
step and locale, with a ``checklist`` of items). Progress refers to it by stable keys, never by
page id: a step by its ``translation_key`` (the same in every language) and a checklist item by
its block id (wagtail-localize keeps block ids in every translation, and re-ordering keeps them
too). Writes go through ``plugins.journey.actions``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin

USER = settings.AUTH_USER_MODEL


class StepStatus(models.Model):
    """Where a talent stands on one roadmap step (no row: not started)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", pgettext_lazy("roadmap step", "Not started")
        WORKING_ON_IT = "working_on_it", pgettext_lazy("roadmap step", "Working on it")
        DONE = "done", pgettext_lazy("roadmap step", "Done")
        NOT_RELEVANT = "not_relevant", pgettext_lazy("roadmap step", "Not relevant for me")

    talent = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="journey_steps")
    step_key = models.UUIDField(help_text="The translation key of the roadmap step page.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("roadmap step status")
        constraints = [
            models.UniqueConstraint(fields=["talent", "step_key"], name="journey_one_status_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.talent_id} {self.step_key} {self.status}"


class ChecklistTick(models.Model):
    """A checklist item of a roadmap step that a talent ticked off."""

    talent = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="journey_ticks")
    step_key = models.UUIDField(help_text="The translation key of the roadmap step page.")
    item_id = models.UUIDField(help_text="The checklist item's block id (the same in every language).")
    ticked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ticked checklist item")
        constraints = [
            models.UniqueConstraint(fields=["talent", "item_id"], name="journey_one_tick_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.talent_id} {self.item_id}"


class StepNote(models.Model):
    """A note a connected mentor or coach left on one step of a talent's roadmap."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    talent = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="journey_notes_received")
    step_key = models.UUIDField()
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="journey_notes_written")
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("roadmap note")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["talent", "step_key"])]

    def __str__(self) -> str:
        return f"{self.author_id} on {self.talent_id}"


class Outcome(models.Model):
    """What happened for a talent: a job, an internship, a study, volunteer work, a start-up."""

    class Kind(models.TextChoices):
        JOB = "job", pgettext_lazy("outcome", "Job")
        INTERNSHIP = "internship", pgettext_lazy("outcome", "Internship")
        STUDY = "study", pgettext_lazy("outcome", "Study")
        VOLUNTEERING = "volunteering", pgettext_lazy("outcome", "Volunteer work")
        START_UP = "start_up", pgettext_lazy("outcome", "Start-up")

    class Contract(models.TextChoices):
        PERMANENT = "permanent", _("Permanent contract")
        FIXED_TERM = "fixed_term", _("Fixed-term contract")
        INTERIM = "interim", _("Temporary agency work (interim)")
        SELF_EMPLOYED = "self_employed", _("Self-employed")
        TRAINING_CONTRACT = "training_contract", _("Training on the job (such as IBO)")
        OTHER = "other", _("Other")

    class Level(models.TextChoices):
        BELOW = "below", _("Below my diploma")
        AT = "at", _("At the level of my diploma")
        ABOVE = "above", _("Above my diploma")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    talent = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="journey_outcomes")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    # For a job: the core sector (by slug, the same in every language), the contract and the
    # level compared to the talent's diploma. Empty for the other kinds.
    sector = models.CharField(_("sector"), max_length=60, blank=True)
    contract = models.CharField(_("contract"), max_length=20, choices=Contract.choices, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, blank=True)
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="journey_outcomes_recorded"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outcome")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.talent_id} {self.kind} {self.date}"


class OutcomeReminder(models.Model):
    """When a talent was last asked whether anything changed (at most once a quarter)."""

    talent = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="journey_reminder")
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("outcome reminder")

    def __str__(self) -> str:
        return f"{self.talent_id} {self.sent_at:%Y-%m-%d}"


# -- The mentoring-quality self-assessment ---------------------------------------------------
# A framework is content: editors write it in the admin (a snippet translated with
# wagtail-localize). Its dimensions are a StreamField, so they are translated with it and keep
# their block ids in every language; an assessment's scores refer to a dimension by that id.

SCALE = (
    (1, pgettext_lazy("self-assessment scale", "1 – Not yet in place")),
    (2, pgettext_lazy("self-assessment scale", "2 – Starting")),
    (3, pgettext_lazy("self-assessment scale", "3 – Mostly in place")),
    (4, pgettext_lazy("self-assessment scale", "4 – Fully in place")),
)


class DimensionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    explanation = blocks.TextBlock(label=_("explanation"))
    questions = blocks.ListBlock(blocks.CharBlock(max_length=500), label=_("reflection questions"))

    class Meta:
        icon = "list-ol"
        label = _("dimension")


class Framework(TranslatableMixin, models.Model):
    """A self-assessment framework for mentoring initiatives: ordered dimensions, each with a
    short explanation and reflection questions, scored on ``SCALE``. One row per locale; rows of
    the same framework share a ``translation_key`` and their dimensions' block ids."""

    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    dimensions = StreamField([("dimension", DimensionBlock())], verbose_name=_("dimensions"))

    panels = [FieldPanel("title"), FieldPanel("introduction"), FieldPanel("dimensions")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("self-assessment framework")
        verbose_name_plural = _("self-assessment frameworks")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class Assessment(models.Model):
    """One self-assessment of an organisation against a framework (its default-locale row)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="journey_assessments"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="journey_assessments"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("self-assessment")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "framework", "created_at"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.created_at:%Y-%m-%d}"


class AssessmentScore(models.Model):
    """An assessment's answer for one dimension (by the dimension's block id)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    dimension_id = models.UUIDField(help_text="The dimension's block id (the same in every language).")
    score = models.PositiveSmallIntegerField(_("score"), choices=SCALE, null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    actions_planned = models.TextField(_("actions planned"), blank=True)

    class Meta:
        verbose_name = _("self-assessment score")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension_id"], name="journey_one_score_per_dimension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.dimension_id} {self.score}"
