"""Organisations (supporting and member organisations) and the projects they run."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import ApprovalStatus
from cms.accounts.uploads import random_name


class OrganisationType(models.TextChoices):
    PUBLIC_SERVICE = "public_service", _("Public service")
    NGO = "ngo", _("NGO")
    ACADEMIC = "academic", _("University or college")
    MENTORING = "mentoring", _("Mentoring organisation")
    OTHER = "other", _("Other")


def organisation_logo_path(instance, filename: str) -> str:
    """A public logo under a random name (``public/logos/<uuid4>.<ext>``), never the uploaded one."""
    return random_name("public/logos", filename)


class Organisation(models.Model):
    """A member organisation; its staff are organisation-role accounts.

    It appears in the public directory once an admin has approved it.
    """

    Status = ApprovalStatus

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    type = models.CharField(
        _("type"), max_length=20, choices=OrganisationType.choices, default=OrganisationType.OTHER
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    sectors = models.ManyToManyField("sectors.Sector", blank=True, related_name="+")
    logo = models.ImageField(upload_to=organisation_logo_path, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organisations"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """A programme an organisation runs (a mentoring programme, a job-fair track).

    Plugins are switched on per project (:class:`PluginActivation`). The
    instance-wide default project (``is_default``) has no organisation and
    carries the features that are not tied to a programme.
    """

    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Anyone may join")
        APPROVAL = "approval", _("The organisation approves each request")

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="projects"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    join_policy = models.CharField(
        max_length=20, choices=JoinPolicy.choices, default=JoinPolicy.APPROVAL
    )
    is_default = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_project"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def default(cls) -> Project:
        """The instance-wide project, created on first use."""
        project, _created = cls.objects.get_or_create(
            is_default=True,
            defaults={"name": "Helix", "slug": "default", "join_policy": cls.JoinPolicy.OPEN},
        )
        return project


class ProjectMembership(models.Model):
    """A talent or mentor in a project; requested, then approved by the organisation."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACTIVE = "active", _("Member")
        REJECTED = "rejected", _("Rejected")
        LEFT = "left", _("Left")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    motivation = models.TextField(blank=True)
    decision_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="unique_project_member")
        ]
        indexes = [models.Index(fields=["project", "status"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.project} ({self.status})"


class PluginActivation(models.Model):
    """Whether a plugin is switched on in a project, with its per-project settings.

    With no row, the plugin's ``enabled_by_default`` decides.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="plugin_activations")
    plugin_id = models.CharField(max_length=60)
    enabled = models.BooleanField(default=True)
    config = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "plugin_id"], name="unique_plugin_activation")
        ]

    def __str__(self) -> str:
        return f"{self.plugin_id} in {self.project}: {'on' if self.enabled else 'off'}"
