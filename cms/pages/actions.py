"""Business actions of the information pages: FAQ questions from users and their moderation."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from cms.audit import record
from cms.errors import AnswerRequired
from cms.outbox.mail import queue_mail
from cms.pages.models import FaqQuestion


@transaction.atomic
def submit_question(user, question: str, locale: str) -> FaqQuestion:
    """A signed-in user asks a question; it waits for a moderator."""
    item = FaqQuestion.objects.create(asked_by=user, question=question.strip(), locale=locale)
    record(user, "faq.submit", item)
    return item


@transaction.atomic
def moderate_question(item: FaqQuestion, *, user, now=None) -> FaqQuestion:
    """Stamp a question a moderator published (who, when) and tell the asker once."""
    item = FaqQuestion.objects.select_for_update().get(pk=item.pk)
    if item.status != FaqQuestion.Status.PUBLISHED:
        return item
    if not strip_tags(item.answer or "").strip():
        raise AnswerRequired()
    if item.published_at is None:
        item.published_at = now or timezone.now()
        item.answered_by = user
        item.save(update_fields=["published_at", "answered_by"])
        record(user, "faq.publish", item)
        if item.asked_by_id and item.asked_by.is_active:
            queue_mail(
                "mail/faq_answered",
                user=item.asked_by,
                context={"question": item.question, "answer": strip_tags(item.answer)},
                key=f"faq-answered:{item.public_id}",
            )
    return item
