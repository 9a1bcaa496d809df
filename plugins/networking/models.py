"""The networking plugin's models: the Networking Guide pages (INFORM) and each talent's
networking plan (CONNECT).

The guide is a Wagtail page tree under the home page, one per locale, seeded from
``content/guide.yaml``. The plan belongs to one talent; their matched mentor reads it and
comments on it (``plugins.networking.selectors``). Writes go through ``plugins.networking.actions``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel

from cms.pages.models import HelixPage

USER = settings.AUTH_USER_MODEL
STEP_COUNT = 7


# --- the guide pages --------------------------------------------------------------------------


class NetworkingGuidePage(HelixPage):
    """The Networking Guide, directly under the home page (one per locale).

    Editors write the guide's introduction here; its seven steps and the part for organisers
    are its children.
    """

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["networking.NetworkingStepPage", "networking.NetworkingOrganisersPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("networking guide")


class NetworkingStepPage(HelixPage):
    """One of the guide's seven steps (mindset … never give up), under the guide.

    Editors fill its tools, activities, tips and links as body blocks; ``step_number`` ties the
    page to the step status a talent keeps in their plan.
    """

    step_number = models.PositiveSmallIntegerField(
        _("step number"), validators=[MinValueValidator(1), MaxValueValidator(STEP_COUNT)]
    )

    parent_page_types = ["networking.NetworkingGuidePage"]
    subpage_types: list[str] = []
    content_panels = [*HelixPage.content_panels[:2], FieldPanel("step_number"), *HelixPage.content_panels[2:]]
    api_fields = ("step_number", "intro", "body")

    class Meta:
        verbose_name = _("networking guide step")


class NetworkingOrganisersPage(HelixPage):
    """The guide's part for organisations, under the guide: the Quadruple Helix model, the
    organisers' checklist and the five-phase network model."""

    parent_page_types = ["networking.NetworkingGuidePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("networking guide for organisers")


# --- the networking plan ----------------------------------------------------------------------


class NetworkingPlan(models.Model):
    """A talent's networking plan: the mind map here, goals, milestones, contacts, step
    progress and their mentor's comments beside it. Made on the talent's first write."""

    talent = models.OneToOneField(
        USER, verbose_name=_("talent"), on_delete=models.CASCADE, related_name="networking_plan"
    )
    interests = models.JSONField(_("interests"), default=list, blank=True)
    strengths = models.JSONField(_("strengths"), default=list, blank=True)
    contact_kinds = models.JSONField(_("kinds of contacts"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("networking plan")

    def __str__(self) -> str:
        return f"networking plan of {self.talent}"


class PlanGoal(models.Model):
    """A short- or long-term networking goal with a measurable target and a date."""

    class Term(models.TextChoices):
        SHORT = "short", _("Short term")
        LONG = "long", _("Long term")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(NetworkingPlan, on_delete=models.CASCADE, related_name="goals")
    term = models.CharField(_("term"), max_length=10, choices=Term.choices)
    description = models.CharField(_("goal"), max_length=500)
    measurable_target = models.CharField(_("measurable target"), max_length=300)
    target_date = models.DateField(_("target date"))
    done = models.BooleanField(_("done"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("networking goal")
        ordering = ["target_date", "pk"]

    def __str__(self) -> str:
        return self.description[:60]


class PlanMilestone(models.Model):
    """A milestone of the action plan; the timeline is the milestones by due date."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(NetworkingPlan, on_delete=models.CASCADE, related_name="milestones")
    goal = models.ForeignKey(
        PlanGoal,
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("networking milestone")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def done(self) -> bool:
        return self.done_at is not None


class PlanContact(models.Model):
    """Someone in the talent's network, with the date to follow up.

    ``follow_up_sent_for`` is the follow-up date a reminder was sent for: the reminder goes
    once per date, and again when the talent sets a new date.
    """

    class Tie(models.TextChoices):
        STRONG = "strong", _("Strong tie")
        WEAK = "weak", _("Weak tie")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(NetworkingPlan, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    tie = models.CharField(_("tie"), max_length=10, choices=Tie.choices)
    how_met = models.CharField(_("how we met"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True, db_index=True)
    follow_up_sent_for = models.DateField(_("follow-up reminder sent for"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("networking contact")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class StepProgress(models.Model):
    """How far the talent is with one step of the guide (no row: not started)."""

    class Status(models.TextChoices):
        # A context of their own: other catalogues translate these words for other things.
        NOT_STARTED = "not_started", pgettext_lazy("networking step", "Not started")
        IN_PROGRESS = "in_progress", pgettext_lazy("networking step", "In progress")
        DONE = "done", pgettext_lazy("networking step", "Done")

    plan = models.ForeignKey(NetworkingPlan, on_delete=models.CASCADE, related_name="steps")
    step = models.PositiveSmallIntegerField(
        _("step"), validators=[MinValueValidator(1), MaxValueValidator(STEP_COUNT)]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("networking step progress")
        ordering = ["step"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "step"], name="networking_step_once_per_plan"),
            models.CheckConstraint(
                condition=models.Q(step__gte=1, step__lte=STEP_COUNT), name="networking_step_1_to_7"
            ),
        ]

    def __str__(self) -> str:
        return f"step {self.step}: {self.status}"


class PlanComment(models.Model):
    """A comment of the talent's matched mentor on the plan (the talent is e-mailed)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(NetworkingPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        USER, verbose_name=_("author"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("networking plan comment")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]
