"""One row per side effect (an e-mail, a follow-up job), written with its cause."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A job to run once, after the transaction that wrote it has committed.

    ``key`` makes enqueueing idempotent: the same business event enqueued twice
    (for example an approval e-mail) is one row. ``done_at`` is set in the
    same transaction as the work's own writes, under a row lock, so a row
    delivered twice by the broker runs once.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.CharField(max_length=255, unique=True)
    actor_name = models.CharField(max_length=120)
    payload = models.JSONField(default=dict)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outbox_messages",
        help_text=_("The person this job concerns (for privacy export and erasure)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    dispatch_count = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # For side effects outside the database (e-mail): when a worker took the row, so a second
    # delivery of the same message leaves it alone while the first is sending.
    claimed_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["done_at", "failed_at", "dispatched_at"]),
            models.Index(fields=["actor_name", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.key}"

    @property
    def state(self) -> str:
        if self.done_at:
            return "done"
        if self.failed_at:
            return "failed"
        return "pending"


class MailShape(models.Model):
    """The common part of many e-mails: one digest or newsletter as every reader of a language
    gets it, with stand-ins for the reader's name and unsubscribe link.

    An outbox row of a shaped mail holds only what is the reader's own (address, name, link) and
    the shape's key, so queueing 50,000 digests writes a few hundred bytes per reader instead of
    the whole message. Keyed by the SHA-256 of its content, so the same shape is stored once.
    Holds no personal data: the stand-ins are filled in when the mail is sent.
    """

    key = models.CharField(max_length=64, primary_key=True)
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Mail shape {self.key[:12]}"
