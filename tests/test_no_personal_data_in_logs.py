"""No personal data in the logs: a newcomer signs up, logs in, fails a login and a second factor,
uploads a CV, writes a message, gets a 400 and a 404 (one with the address in the URL), and the
mails go out through the workers, with every logger at DEBUG through Helix's configured handler.
Neither the person's e-mail address, nor their name, nor the message text is in the output."""

from __future__ import annotations

import io
import logging
import re
import uuid
from urllib.parse import unquote

import pytest
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from tests.files import pdf_bytes, upload

APP = "/_allauth/app/v1"
EMAIL, PASSWORD = "Leila.Mansour@example.org", "Olive-Tree-2026!"
FIRST, LAST = "Leila", "Mansour"
MESSAGE = "Ik zoek werk als apotheker in Gent, liefst in een ziekenhuis."
NAMED_LOGGERS = ("django", "django.request", "django.security", "django.db.backends", "allauth",
                 "dramatiq", "cms", "api", "plugins", "wagtail", "pika", "apscheduler")


@pytest.fixture
def log_output(settings):
    """Everything Helix's configured console handler writes, every logger at DEBUG."""
    root = logging.getLogger()
    console = next(h for h in root.handlers if h.get_name() == "console")
    buffer = io.StringIO()
    previous_stream = console.setStream(buffer)
    previous_handler_level = console.level
    console.setLevel(logging.DEBUG)
    names = set(NAMED_LOGGERS) | set(logging.root.manager.loggerDict)
    loggers = [logging.getLogger(name) for name in names] + [root]
    levels = {logger: logger.level for logger in loggers}
    disabled = {logger: logger.disabled for logger in loggers}
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    yield buffer
    for logger in loggers:
        logger.setLevel(levels[logger])
        logger.disabled = disabled[logger]
    console.setLevel(previous_handler_level)
    console.setStream(previous_stream)


def _json(client, method, path, token=None, **data):
    headers = {"HTTP_X_SESSION_TOKEN": token} if token else {}
    return getattr(client, method)(path, data=data, content_type="application/json", **headers)


def test_a_newcomers_day_leaves_no_personal_data_in_the_logs(jobs, mailbox, make_user, log_output):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from cms.accounts.models import User
    from cms.connections.actions import open_connection
    from cms.organisations.models import Project

    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    answer = _json(client, "post", f"{APP}/auth/signup", email=EMAIL, password=PASSWORD, role="talent",
                   first_name=FIRST, last_name=LAST, preferred_language="nl", accept_terms=True)
    assert answer.status_code == 401, answer.content
    signup_token = answer.json()["meta"]["session_token"]
    jobs.wait()
    key = unquote(re.search(r"/account/verify-email/([^\s/]+)", mailbox[0].body).group(1))
    _json(client, "post", f"{APP}/auth/email/verify", token=signup_token, key=key)

    answer = _json(client, "post", f"{APP}/auth/login", email=EMAIL, password=PASSWORD)
    assert answer.status_code == 200, answer.content
    token = answer.json()["meta"]["session_token"]
    auth = {"HTTP_X_SESSION_TOKEN": token}
    failed = _json(client, "post", f"{APP}/auth/login", email=EMAIL, password="Wrong-Guess-77")
    assert failed.status_code == 400

    person = User.objects.get(email__iexact=EMAIL)
    TOTP.activate(person, generate_totp_secret())
    second = Client()
    login = _json(second, "post", f"{APP}/auth/login", email=EMAIL, password=PASSWORD)
    assert login.status_code == 401  # the second factor is pending
    stage_token = login.json()["meta"]["session_token"]
    wrong = _json(second, "post", f"{APP}/auth/2fa/authenticate", token=stage_token, code="000000")
    assert wrong.status_code == 400

    cv = client.put(
        "/api/v1/me/cv/",
        data=encode_multipart(BOUNDARY, {"file": upload(f"{FIRST} {LAST} CV.pdf", pdf_bytes())}),
        content_type=MULTIPART_CONTENT,
        **auth,
    )
    assert cv.status_code == 201, cv.content

    mentor = make_user("mentor", first_name="Pieter")
    open_connection("talent_mentor", project=Project.default(), talent=person, mentor=mentor, activate=True)
    sent = client.post("/api/v1/threads/", {"to": str(mentor.public_id), "body": MESSAGE},
                       content_type="application/json", **auth)
    assert sent.status_code == 201, sent.content

    bad = client.patch("/api/v1/me/", {"talent_profile": {"dutch_level": "Z9"}},
                       content_type="application/json", **auth)
    assert bad.status_code == 400
    assert client.get(f"/api/v1/talents/{uuid.uuid4()}/", **auth).status_code == 404
    assert client.get(f"/api/v1/people/{EMAIL}/", **auth).status_code == 404
    # a path of Helix itself (the web app, when built, answers every other path with its page)
    assert client.get(f"/api/no-such-page/{EMAIL}/").status_code == 404
    jobs.wait()

    output = log_output.getvalue()
    assert "Not Found" in output and "Bad Request" in output  # the capture saw the requests
    for secret in (EMAIL, FIRST, LAST, MESSAGE, "Ik zoek werk", "Wrong-Guess-77", PASSWORD):
        assert secret.lower() not in output.lower(), (secret, _around(output, secret))


def _around(output: str, secret: str) -> str:
    at = output.lower().find(secret.lower())
    return output[max(0, at - 300): at + 300]


def test_the_filter_redacts_addresses_in_messages_and_tracebacks():
    import sys

    from cms.log_redaction import RedactPersonalData

    try:
        raise ValueError("duplicate key (email)=(noor.haddad@example.org)")
    except ValueError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "Signup of %s failed", ("noor@example.be",), sys.exc_info()
        )
    assert RedactPersonalData().filter(record)
    text = logging.Formatter().format(record)
    assert "noor" not in text and "[e-mail]" in text and "ValueError" in text
