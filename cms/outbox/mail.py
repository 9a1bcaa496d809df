"""E-mail: rendering in the recipient's language, queueing through the outbox,
and the development backend that writes one ``.eml`` file per message."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import uuid
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import mark_safe

from cms.outbox.api import enqueue

MAIL_ACTOR = "mail.send"
RTL_LANGUAGES = set(getattr(settings, "LANGUAGES_BIDI", ["ar"]))


class EmlFileBackend(BaseEmailBackend):
    """Write each message to ``HELIX_MAIL_DIR`` as ``<timestamp>-<id>.eml``.

    The development default: open the files with any mail program, or read
    the verification link straight from them.
    """

    _lock = threading.Lock()

    def send_messages(self, email_messages) -> int:
        directory = Path(settings.HELIX_MAIL_DIR)
        directory.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
            path = directory / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
            with self._lock:
                path.write_bytes(message.message().as_bytes())
            sent += 1
        return sent


def language_dir(language: str) -> str:
    """``rtl`` for right-to-left languages (Arabic), else ``ltr``."""
    return "rtl" if language.split("-")[0] in RTL_LANGUAGES else "ltr"


def _urlize_lines(text: str, memo: dict[str, str]) -> str:
    """``urlize(text)`` for escaped ``text``, line by line, each distinct line once: ``urlize``
    treats each word on its own and whitespace (line ends included) as a separator, so the
    result is the same."""
    lines = []
    for line in text.split("\n"):
        found = memo.get(line)
        if found is None:
            found = memo[line] = urlize(mark_safe(line))
        lines.append(found)
    return "\n".join(lines)


def wrap_html(text_body: str, subject: str, language: str, *, html_lines: dict | None = None) -> str:
    """The HTML version of a text mail, with ``lang`` and ``dir`` set for the language.

    ``html_lines`` keeps what lines became, to reuse across the mails of a run that share lines
    (the shapes of a digest): only text without personal data belongs in it."""
    # Built from the escaped text, so it is safe: the template must not escape it a second time.
    escaped = escape(text_body)
    linked = urlize(escaped) if html_lines is None else _urlize_lines(escaped, html_lines)
    body = mark_safe(linebreaks(linked, autoescape=False))
    return render_to_string(
        "mail/base.html",
        {"body": body, "subject": subject, "lang": language, "dir": language_dir(language)},
    )


def render(
    template_prefix: str, context: dict, language: str, *, html_lines: dict | None = None
) -> EmailMultiAlternatives:
    """Render ``<prefix>_subject.txt`` and ``<prefix>_message.txt`` in ``language``
    (``html_lines``: see :func:`wrap_html`)."""
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context, using="mail_text")
        subject = " ".join(subject.splitlines()).strip()
        body = render_to_string(f"{template_prefix}_message.txt", context, using="mail_text").strip()
        body = re.sub(r"\n{3,}", "\n\n", body)
        message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL)
        message.attach_alternative(wrap_html(body, subject, language, html_lines=html_lines), "text/html")
        message.extra_headers["Content-Language"] = language
    return message


def serialise(message: EmailMessage) -> dict:
    """A JSON-ready form of ``message`` to keep in an outbox row."""
    alternatives = [
        {"content": content, "mimetype": mimetype}
        for content, mimetype in getattr(message, "alternatives", [])
    ]
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        raw = content.encode() if isinstance(content, str) else content
        attachments.append(
            {"filename": filename, "content": base64.b64encode(raw).decode(), "mimetype": mimetype}
        )
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": alternatives,
        "attachments": attachments,
    }


def deserialise(data: dict) -> EmailMultiAlternatives:
    """Rebuild the message written by :func:`serialise`."""
    message = EmailMultiAlternatives(
        data["subject"],
        data["body"],
        data["from_email"],
        data["to"],
        cc=data.get("cc") or None,
        bcc=data.get("bcc") or None,
        reply_to=data.get("reply_to") or None,
        headers=data.get("headers") or None,
    )
    for alternative in data.get("alternatives", []):
        message.attach_alternative(alternative["content"], alternative["mimetype"])
    for attachment in data.get("attachments", []):
        message.attach(
            attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"]
        )
    return message


# --- shaped mail: one render for many readers -------------------------------------------------

# Stand-ins for what differs between two readers of the same mail: rendered once per shape, then
# replaced per reader. Private-use characters: no template, translation or post contains them, and
# escaping and linking leave them alone.
NAME_MARK = "\ue000name\ue000"
URL_MARK = "\ue000unsubscribe\ue000"


def shape_key(shape: dict) -> str:
    """The key a shape is stored under: the SHA-256 of its content."""
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()


def store_shapes(shapes: dict[str, dict]) -> None:
    """Keep serialised mails with stand-ins (:data:`NAME_MARK`, :data:`URL_MARK`), ``{key:
    shape}`` as :func:`shape_key` names them, in one statement; those already kept stay as they are."""
    from django.db import connections, router

    from cms.outbox.models import MailShape

    connection = connections[router.db_for_write(MailShape)]
    if connection.vendor != "postgresql" or not shapes:
        MailShape.objects.bulk_create(
            [MailShape(key=key, data=shape) for key, shape in shapes.items()], ignore_conflicts=True
        )
        return
    # PostgreSQL: one row per shape in VALUES, as bulk_create wrote them before Django 5.2. Its
    # UNNEST form passes the bodies as one array literal, which psycopg quotes in Python, quote by
    # quote: 1.4 ms per shape of 10 kB, most of the time of storing a digest's shapes.
    fields = [MailShape._meta.get_field(name) for name in ("key", "data", "created_at")]
    key_field, data_field, _created = fields
    now = timezone.now()
    params = []
    for key, shape in shapes.items():
        params += [key, data_field.get_db_prep_save(shape, connection), now]
    table = connection.ops.quote_name(MailShape._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    rows = ", ".join(["(%s, %s, %s)"] * len(shapes))
    conflict = connection.ops.quote_name(key_field.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) VALUES {rows} ON CONFLICT ({conflict}) DO NOTHING", params
        )


def store_shape(shape: dict) -> str:
    """Keep one shape; its key."""
    key = shape_key(shape)
    store_shapes({key: shape})
    return key


def shaped_payload(key: str, shape: dict, *, to: str, name: str, unsubscribe_url: str) -> dict:
    """An outbox payload for one reader of a stored shape: the reader's own parts only."""
    return {"shape": key, "subject": shape["subject"], "to": [to], "name": name, "url": unsubscribe_url}


def expand(payload: dict) -> dict:
    """The full serialised message of an outbox payload (a shaped one is filled in for its reader);
    what :func:`deserialise` and :func:`deliver` take."""
    if "shape" not in payload:
        return payload
    from cms.outbox.models import MailShape

    shape = MailShape.objects.get(pk=payload["shape"]).data
    name, url = payload.get("name", ""), payload.get("url", "")
    html_name, html_url = urlize(escape(name)), urlize(escape(url))
    headers = dict(shape["headers"])
    if url:
        headers["List-Unsubscribe"] = f"<{url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return {
        **shape,
        "body": shape["body"].replace(NAME_MARK, name).replace(URL_MARK, url),
        "to": list(payload["to"]),
        "headers": headers,
        "alternatives": [
            {**alt, "content": alt["content"].replace(NAME_MARK, html_name).replace(URL_MARK, html_url)}
            for alt in shape["alternatives"]
        ],
    }


def queue_message(message: EmailMessage, *, key: str | None = None, user=None):
    """Queue an already rendered message through the outbox."""
    return enqueue(MAIL_ACTOR, payload=serialise(message), key=key, user=user)


def queue_mail(template_prefix: str, *, user, context: dict | None = None, key: str | None = None):
    """Render a mail for ``user`` in their language and queue it through the outbox."""
    language = getattr(user, "preferred_language", None) or settings.LANGUAGE_CODE
    ctx = {"user": user, "site_url": settings.HELIX_SITE_URL, **(context or {})}
    message = render(template_prefix, ctx, language)
    message.to = [user.email]
    return queue_message(message, key=key, user=user)


def notify(template_prefix: str, users: Iterable, context: dict, *, key: str) -> int:
    """Mail ``template_prefix`` to each user in their language, through the outbox.

    One mail per person (inactive accounts and accounts without an address are skipped), each
    idempotent under ``"<key>:<user id>"``: name the key after the plugin and the event
    (``"mentoring:activated:42"``), so a retried action never mails twice. Returns how many.
    """
    count = 0
    for user in {u.pk: u for u in users if u is not None and u.is_active and u.email}.values():
        queue_mail(template_prefix, user=user, context=context, key=f"{key}:{user.pk}")
        count += 1
    return count


def message_id_for(row) -> str:
    """The Message-ID of an outbox row's mail: the same on every attempt, so a copy sent again
    after a crash is recognised as the same message by mail servers and programs."""
    domain = (settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "helix.invalid").lower()
    return f"<{row.pk}@{domain}>"


def deliver(data: dict, *, message_id: str | None = None) -> None:
    """Send a serialised message with the configured backend (raises on failure)."""
    message = deserialise(expand(data))
    if message_id:
        message.extra_headers["Message-ID"] = message_id
    message.send(fail_silently=False)
