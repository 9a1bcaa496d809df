"""Outbox actions: taking an erased person out of the rows kept for delivery and its record."""

from __future__ import annotations

from django.db.models import Q

from cms.accounts.traces import PersonTraces
from cms.outbox.mail import MAIL_ACTOR
from cms.outbox.models import MailShape, OutboxMessage

RECIPIENT_FIELDS = ("to", "cc", "bcc")


def scrub_for_erasure(user, traces: PersonTraces) -> dict[str, int]:
    """Take ``user`` out of the outbox, inside the erasure's transaction.

    - Rows about the person (``user``) and e-mails addressed only to them are deleted, sent or
      not: there is nobody left to deliver them to, and an erased account asks nothing again,
      so no idempotency key is needed either.
    - E-mails to several people lose the person's address (to, cc, bcc, reply-to).
    - Every other row that names the person (an invite to the mentor, a notice to the
      organisation) is rewritten: subject, text and HTML bodies, headers and the decoded
      attachments (the iCalendar invite) get "deleted user" (in the mail's language) for the
      name and ``deleted-user@erased.invalid`` for the address. A row not yet sent is still
      sent, pseudonymised, so the other side loses no notice.

    Returns how many rows were deleted and rewritten.
    """
    deleted = OutboxMessage.objects.filter(user=user).delete()[0]
    mentioned = Q()
    for form in traces.search_forms():
        mentioned |= Q(payload__icontains=form)
    # Attachments are base64: a name inside them is only seen once decoded.
    with_attachments = Q(payload__has_key="attachments") & ~Q(payload__attachments=[])
    rewritten, dropped = 0, []
    candidates = OutboxMessage.objects.filter(mentioned | with_attachments).only(
        "pk", "actor_name", "payload"
    )
    for row in candidates.iterator(chunk_size=500):
        if row.actor_name == MAIL_ACTOR:
            payload = _scrub_mail(row.payload, traces)
        else:
            payload = traces.scrub_value(row.payload)
        if payload is None:
            dropped.append(row.pk)
        elif payload != row.payload:
            OutboxMessage.objects.filter(pk=row.pk).update(payload=payload)
            rewritten += 1
    if dropped:
        deleted += OutboxMessage.objects.filter(pk__in=dropped).delete()[0]
    # The shapes of digests and newsletters are shared by many readers and name none of them, but
    # what plugins put in a digest's sections (a meeting's title) may name the person.
    shape_mentions = Q()
    for form in traces.search_forms():
        shape_mentions |= Q(data__icontains=form)
    for shape in MailShape.objects.filter(shape_mentions).iterator(chunk_size=100):
        data = _scrub_content(shape.data, traces)
        if data != shape.data:
            MailShape.objects.filter(pk=shape.pk).update(data=data)
            rewritten += 1
    return {"deleted": deleted, "rewritten": rewritten}


def _scrub_mail(payload: dict, traces: PersonTraces) -> dict | None:
    """A serialised e-mail without the person; ``None`` when it was addressed to them alone."""
    data = dict(payload)
    for name in (*RECIPIENT_FIELDS, "reply_to"):
        data[name] = [a for a in data.get(name) or [] if not traces.mentions(a, parts=False)]
    if not any(data[name] for name in RECIPIENT_FIELDS):
        return None
    if "shape" in data:
        # A reader's part of a shaped mail (cms.outbox.mail.shaped_payload): their own name and
        # link, and the subject; the message itself is the shape's.
        data["subject"] = traces.scrub(data.get("subject") or "")
        return data
    return _scrub_content(data, traces)


def _scrub_content(data: dict, traces: PersonTraces) -> dict:
    """A serialised e-mail's subject, bodies, headers and attachments without the person."""
    data = dict(data)
    headers = data.get("headers") or {}
    language = headers.get("Content-Language")
    scrub = lambda text: traces.scrub(text, language=language)  # noqa: E731
    data["subject"] = scrub(data.get("subject") or "")
    data["body"] = scrub(data.get("body") or "")
    data["headers"] = traces.scrub_value(headers, language=language)
    data["alternatives"] = [
        {**alternative, "content": scrub(alternative.get("content") or "")}
        for alternative in data.get("alternatives") or []
    ]
    attachments = []
    for attachment in data.get("attachments") or []:
        kept = traces.scrub_attachment(attachment, language=language)
        if kept is not None:
            attachments.append(kept)
    data["attachments"] = attachments
    return data
