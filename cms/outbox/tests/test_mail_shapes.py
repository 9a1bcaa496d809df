"""Shaped mail: a digest or newsletter rendered once per shape and stored once; each outbox row
holds only its reader's part, and the mail sent is the one rendered for that reader alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cms.outbox.mail import NAME_MARK, URL_MARK, deliver, expand, shaped_payload, store_shape
from cms.outbox.models import MailShape, OutboxMessage
from cms.outbox.tasks import purge_shapes

pytestmark = pytest.mark.django_db

SHAPE = {
    "subject": "Your weekly digest",
    "body": f"Hello {NAME_MARK},\n\nThree new posts.\n\nUnsubscribe: {URL_MARK}",
    "from_email": "Helix <helix@example.org>",
    "to": [],
    "cc": [],
    "bcc": [],
    "reply_to": [],
    "headers": {"Content-Language": "en"},
    "alternatives": [{"content": f"<p>Hello {NAME_MARK}</p><p>{URL_MARK}</p>", "mimetype": "text/html"}],
    "attachments": [],
}


def test_a_shape_is_stored_once_and_each_reader_gets_their_own_name_address_and_link():
    key = store_shape(SHAPE)
    assert store_shape(dict(SHAPE)) == key and MailShape.objects.count() == 1
    url = "https://helix.example/unsubscribe/abc/"
    payload = shaped_payload(key, SHAPE, to="amal@example.org", name="Amal & <Co>", unsubscribe_url=url)
    assert "body" not in payload and "alternatives" not in payload

    deliver(payload, message_id="<1@example.org>")

    [sent] = mail.outbox
    assert sent.to == ["amal@example.org"] and sent.subject == "Your weekly digest"
    assert sent.body == f"Hello Amal & <Co>,\n\nThree new posts.\n\nUnsubscribe: {url}"
    html = sent.alternatives[0][0]
    assert "Hello Amal &amp; &lt;Co&gt;" in html and f'<a href="{url}"' in html
    assert sent.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert NAME_MARK not in sent.body + html and URL_MARK not in sent.body + html


def test_a_full_payload_is_sent_as_it_is():
    full = {**SHAPE, "body": "Plain", "to": ["x@example.org"], "alternatives": []}
    assert expand(full) is full


def test_the_purge_keeps_the_shapes_still_in_use():
    used, unused = store_shape(SHAPE), store_shape({**SHAPE, "subject": "Old"})
    OutboxMessage.objects.create(
        key="k",
        actor_name="mail.send",
        payload=shaped_payload(used, SHAPE, to="a@example.org", name="A", unsubscribe_url=""),
    )
    MailShape.objects.update(created_at=timezone.now() - timedelta(days=60))
    fresh = store_shape({**SHAPE, "subject": "Just stored"})

    assert purge_shapes(timezone.now() - timedelta(days=30)) == 1

    assert set(MailShape.objects.values_list("key", flat=True)) == {used, fresh}
    assert unused not in set(MailShape.objects.values_list("key", flat=True))


def test_erasing_a_person_named_in_a_shape_takes_them_out_of_it(make_user):
    """A digest's sections come from plugins (a meeting's title): a shape can name someone."""
    from cms.accounts.actions import erase_account

    amal = make_user("talent")
    amal.first_name, amal.last_name = "Amal", "Haddad"
    amal.save()
    named = store_shape({**SHAPE, "body": f"Hello {NAME_MARK},\n\nWed 10:00 CV review with Amal Haddad"})
    other = store_shape(SHAPE)

    erase_account(amal)

    body = MailShape.objects.get(pk=named).data["body"]
    assert "Amal" not in body and "Haddad" not in body and "CV review with" in body
    assert NAME_MARK in body  # the reader's stand-in stays, to be filled in when sent
    assert MailShape.objects.get(pk=other).data == SHAPE


def test_html_made_line_by_line_for_many_shapes_is_the_html_made_at_once():
    """The HTML of shapes rendered in one run reuses what their common lines became; the result is
    what making each one alone gives."""
    from cms.outbox.mail import wrap_html

    texts = [
        f"Hello {NAME_MARK},\n\nData course: https://example.org/a?b=1&c=2.\nMail info@example.org, "
        f"or see www.example.org/x).\n\n\n(https://example.org/y) <b>not bold</b> 'quoted' \"x\"\n{URL_MARK}",
        f"Hello {NAME_MARK},\n\nData course: https://example.org/a?b=1&c=2.\r\n"
        f"Other line, example.com.\n{URL_MARK}",
    ]
    lines: dict = {}
    for text in texts:
        for language in ("en", "ar"):
            assert wrap_html(text, "Subject", language, html_lines=lines) == wrap_html(
                text, "Subject", language
            )
    assert lines
