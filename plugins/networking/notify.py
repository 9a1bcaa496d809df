"""E-mails of the networking plugin: one per recipient, in their language, through the outbox."""

from __future__ import annotations

from cms.outbox.mail import queue_mail


def notify(template: str, user, context: dict, *, key: str) -> bool:
    """Queue ``template`` for ``user`` (idempotent per ``key`` and user); False when nobody to tell."""
    if user is None or not user.is_active or not user.email:
        return False
    queue_mail(template, user=user, context=context, key=f"networking:{key}:{user.pk}")
    return True
