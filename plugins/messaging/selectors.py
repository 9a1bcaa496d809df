"""Reads of the messaging plugin: the GDPR export of a person's conversations."""

from __future__ import annotations

from django.db.models import Q

from plugins.messaging.models import Message, MessageReport, MessagingSettings, Thread, ThreadParticipant


def export_user(user) -> dict:
    """Every conversation of ``user``, model by model (each key present even when empty)."""
    threads = Thread.objects.filter(Q(user_low=user) | Q(user_high=user))
    return {
        "messaging.thread": [{"id": str(t.public_id), "created_at": t.created_at} for t in threads],
        "messaging.threadparticipant": list(
            ThreadParticipant.objects.filter(user=user).values(
                "thread__public_id", "last_read_id", "blocked_at"
            )
        ),
        "messaging.message": list(
            Message.objects.filter(thread__in=threads).values(
                "thread__public_id", "id", "sender__public_id", "body", "created_at"
            )
        ),
        "messaging.messagingsettings": list(
            MessagingSettings.objects.filter(user=user).values(
                "email_notifications", "include_text_in_email", "last_seen_at"
            )
        ),
        "messaging.messagereport": list(
            MessageReport.objects.filter(reporter=user).values("public_id", "reason", "status", "created_at")
        ),
    }
