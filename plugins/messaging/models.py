"""The messaging plugin's data: threads (one per pair of users), their sides, messages, settings, reports.

The tables were the mentoring plugin's until messaging became a plugin of its own; migration
``0002_adopt_mentoring_threads`` moved every row across, keeping ids.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class Thread(models.Model):
    """The one conversation between two users (``user_low`` has the smaller id).

    ``is_open`` is false once the two are no longer connected (their connection closed): the thread
    stays readable but takes no new messages.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user_low = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    user_high = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user_low", "user_high"], name="messaging_one_thread_per_pair")
        ]

    def __str__(self) -> str:
        return f"Thread {self.public_id}"


class ThreadParticipant(models.Model):
    """One side of a thread: how far they have read, whether they blocked the other side,
    and the last message they were e-mailed about."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="thread_participations")
    last_read_id = models.BigIntegerField(default=0)
    notified_up_to_id = models.BigIntegerField(default=0)
    notified_at = models.DateTimeField(null=True, blank=True)
    blocked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="messaging_one_side")]
        indexes = [models.Index(fields=["user", "thread"])]

    def __str__(self) -> str:
        return f"{self.user_id} in thread {self.thread_id}"


class Message(models.Model):
    """One message. Erasing an account deletes the messages it wrote; the other side keeps theirs."""

    id = models.BigAutoField(primary_key=True)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["thread", "id"])]

    def __str__(self) -> str:
        return f"Message {self.pk} in thread {self.thread_id}"


class MessagingSettings(models.Model):
    """A user's messaging preferences and when they were last active in messaging."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="messaging_settings")
    email_notifications = models.BooleanField(default=True)
    include_text_in_email = models.BooleanField(default=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Messaging settings of {self.user_id}"


class MessageReport(models.Model):
    """A user reports a thread (or one message in it) to the admins."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reports")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reporter = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField(blank=True)
    resolved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Report {self.public_id} ({self.status})"
