"""E-mails of the mentoring plugin: one per recipient, in their language, through the outbox."""

from __future__ import annotations

from collections.abc import Iterable

from cms.outbox.mail import queue_mail, queue_message


def notify(template: str, users: Iterable, context: dict, *, key: str) -> int:
    """Queue ``template`` for each user (idempotent per ``key`` and user); returns how many."""
    count = 0
    for user in {u.pk: u for u in users if u is not None and u.is_active and u.email}.values():
        queue_mail(template, user=user, context=context, key=f"mentoring:{key}:{user.pk}")
        count += 1
    return count


def notify_rendered(message, user, *, key: str):
    """Queue an already built message (a meeting mail with its invite) for ``user``."""
    return queue_message(message, key=f"mentoring:{key}:{user.pk}", user=user)
