"""The employers plugin's data: what an employer offers, each talent–employer relation, the CV-view
log, and the information pages for employers.

The connection itself is a core connection (``cms.connections``) of this plugin's kind
``talent_employer``: the core keeps its states, grants and timeline; this plugin decides when one
should exist.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.pages.models import HelixPage

USER = settings.AUTH_USER_MODEL


class Offer(models.TextChoices):
    JOBS = "jobs", _("Jobs")
    INTERNSHIPS = "internships", _("Internships")
    LANGUAGE_ON_THE_JOB = "language_on_the_job", _("Language learning on the job")


class EmployerDetails(models.Model):
    """What an employer offers and where, beyond the core's company profile (name, sectors, size)."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="employer_details")
    places = models.JSONField(_("places"), default=list, blank=True)
    offers = models.JSONField(_("what we offer"), default=list, blank=True)
    blind_listings = models.BooleanField(
        _("blind listings"),
        default=False,
        help_text=_("Hide talents' names and photos until a talent accepts contact."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Employer details of {self.user_id}"


class EmployerRelation(models.Model):
    """How one talent stands towards one employer: contact asked and accepted, or declined / blocked.

    A declined or blocked employer is not connected again by the matching job; a blocked one cannot
    write either.
    """

    class Decision(models.TextChoices):
        NONE = "", _("None")
        DECLINED = "declined", _("Declined")
        BLOCKED = "blocked", _("Blocked")

    class Contact(models.TextChoices):
        NONE = "", _("None")
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")

    talent = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="employer_relations")
    employer = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="talent_relations")
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True, default="")
    decided_at = models.DateTimeField(null=True, blank=True)
    contact = models.CharField(max_length=20, choices=Contact.choices, blank=True, default="")
    contact_message = models.TextField(blank=True)
    contact_requested_at = models.DateTimeField(null=True, blank=True)
    contact_accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["talent", "employer"], name="employers_one_relation")]
        indexes = [models.Index(fields=["employer", "decision"])]

    def __str__(self) -> str:
        return f"Talent {self.talent_id} / employer {self.employer_id}"


class BlindConnection(models.Model):
    """A talent–employer connection made blind: opened while the employer's listings were blind
    (or open when the employer turned them on) before the talent accepted contact.

    The talent's name, photo and CV stay hidden from the employer on this connection until the
    talent accepts contact, whatever the employer's setting becomes later: turning blind listings
    off reveals nobody who was connected blind. The row goes with its connection.
    """

    connection = models.OneToOneField(
        "connections.Connection", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    made_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Blind connection {self.connection_id}"


class CvView(models.Model):
    """One look at a talent's profile or CV by an employer: the talent sees who looked, and when."""

    helix_reader_state = True  # a log: no kept talent-pool page is made of it (plugins/employers/pool.py)

    class Kind(models.TextChoices):
        PROFILE = "profile", _("Profile viewed")
        DOWNLOAD = "download", _("CV downloaded")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    talent = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="cv_views")
    employer = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    company = models.CharField(max_length=200, blank=True)  # kept if the employer account goes
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["talent", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} of {self.talent_id} by {self.employer_id}"


class EmployerGuidePage(HelixPage):
    """ "For employers": how employers take part in Helix. Under the home page; its children are
    the topics (how to employ, the benefits)."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["employers.EmployerTopicPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("employers' guide")


class EmployerTopicPage(HelixPage):
    """One topic for employers (how to employ a HER/HOA, the benefits of employing one)."""

    parent_page_types = ["employers.EmployerGuidePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("topic for employers")
