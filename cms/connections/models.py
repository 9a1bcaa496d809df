"""A connection between two sides, its timeline, and the direct permission table its grants use.

Sides are the core's roles: a connection has at most one talent, one mentor and one employer
(user accounts), and at most one organisation (whose staff act for it). Its kind, declared by a
plugin, says which two sides it joins and what an active connection lets each side see.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from cms.accounts.models import TalentProfile

USER = settings.AUTH_USER_MODEL
SIDE_FIELDS = ("talent", "mentor", "employer", "organisation")


class Connection(models.Model):
    """Two sides connected through a plugin's kind: proposed → active ⇄ paused → closed (with a reason).

    ``can_contact`` says whether the two persons may write to and meet each other while the
    connection is open (an employer with blind listings waits for the talent's consent).
    """

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    OPEN_STATES = ("proposed", "active", "paused")
    CONNECTING_STATES = ("active", "paused")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=60)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PROPOSED)
    project = models.ForeignKey("organisations.Project", on_delete=models.PROTECT, related_name="+")
    talent = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    mentor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    employer = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    proposed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    can_contact = models.BooleanField(default=True)
    close_reason = models.CharField(max_length=300, blank=True)
    closed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    activated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        constraints = [
            # One open connection of a kind per pair of sides, even when two actions race
            # (NULL sides compare as 0, so a talent–employer pair is one pair).
            models.UniqueConstraint(
                "kind",
                *(Coalesce(side, Value(0), output_field=models.IntegerField()) for side in SIDE_FIELDS),
                condition=Q(state__in=["proposed", "active", "paused"]),
                name="connections_one_open_per_kind_and_pair",
            )
        ]
        indexes = [
            models.Index(fields=["talent", "state"]),
            models.Index(fields=["mentor", "state"]),
            models.Index(fields=["organisation", "state"]),
            models.Index(fields=["employer", "state"]),
            # The talent pool asks, per talent, for the employer's connection with them.
            models.Index(fields=["employer", "talent", "state"]),
            # An employer's talent pool walks its open connections newest first, a page at a time.
            models.Index(
                fields=["employer", "kind", "state", "-activated_at", "-id"],
                condition=Q(employer__isnull=False),
                name="connections_employer_newest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} connection {self.pk} ({self.state})"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def is_connecting(self) -> bool:
        return self.state in self.CONNECTING_STATES

    def person_ids(self) -> list[int]:
        """The user ids on the connection's personal sides (talent, mentor, employer)."""
        return [pk for pk in (self.talent_id, self.mentor_id, self.employer_id) if pk]


class ConnectionEvent(models.Model):
    """One entry of a connection's timeline.

    The core writes the state changes (``proposed``, ``activated``, ``paused``, ``resumed``,
    ``closed``, ``contact_allowed``, ``contact_withheld``); plugins add their own kinds through
    ``cms.connections.actions.add_event`` (mentoring: ``meeting_planned`` with the meeting's id in
    ``data``).
    """

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} on connection {self.connection_id}"


class TalentProfileUserObjectPermission(UserObjectPermissionBase):
    """Guardian's direct foreign-key table: who may see which talent's profile and CV.

    Granted when a connection whose kind lets a side see the profile becomes active, revoked when
    the last such connection closes (both in the same transaction as the change).
    """

    content_object = models.ForeignKey(TalentProfile, on_delete=models.CASCADE)
