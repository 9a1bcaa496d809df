"""A newcomer registers as a talent through the app API, verifies the e-mail,
logs in, edits the profile, uploads a CV, exports and deletes the account."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from tests.files import pdf_bytes, upload

APP = "/_allauth/app/v1"


def _json(client, method, path, token=None, **data):
    headers = {"HTTP_X_SESSION_TOKEN": token} if token else {}
    return getattr(client, method)(path, data=data, content_type="application/json", **headers)


def _key_from(mail) -> str:
    match = re.search(r"/account/verify-email/([^\s/]+)", mail.body)
    assert match, mail.body
    return unquote(match.group(1))


@pytest.fixture
def client():
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def test_newcomer_journey(jobs, mailbox, client):
    email, password = "amal@example.org", "Olive-Tree-2026!"
    answer = _json(
        client, "post", f"{APP}/auth/signup",
        email=email, password=password, role="talent", first_name="Amal", last_name="Haddad",
        preferred_language="ar", accept_terms=True,
    )
    assert answer.status_code == 401, answer.content  # pending e-mail verification
    flows = {flow["id"]: flow for flow in answer.json()["data"]["flows"]}
    assert flows["verify_email"]["is_pending"]
    token = answer.json()["meta"]["session_token"]

    jobs.wait()
    assert len(mailbox) == 1
    mail = mailbox[0]
    assert mail.to == [email]
    html = mail.alternatives[0][0]
    assert 'dir="rtl"' in html and 'lang="ar"' in html  # Arabic mail, right to left

    answer = _json(client, "post", f"{APP}/auth/email/verify", token=token, key=_key_from(mail))
    assert answer.status_code in (200, 401), answer.content

    answer = _json(client, "post", f"{APP}/auth/login", email=email, password=password)
    assert answer.status_code == 200, answer.content
    token = answer.json()["meta"]["session_token"]
    auth = {"HTTP_X_SESSION_TOKEN": token}

    me = client.get("/api/v1/me/", **auth).json()
    assert me["role"] == "talent" and me["email_verified"] is True
    assert me["talent_profile"] is not None and me["mentor_profile"] is None
    assert me["preferred_language"] == "ar"

    answer = _json(
        client, "patch", "/api/v1/me/", token=token,
        talent_profile={
            "education_level": "master",
            "education_field": "Pharmacy",
            "dutch_level": "B1",
            "languages": [{"language": "ar", "level": "native"}, {"language": "nl", "level": "B1"}],
            "sectors": ["healthcare"],
            "career_objective": "Work as a pharmacist in a Flemish hospital.",
        },
    )
    assert answer.status_code == 200, answer.content
    profile = answer.json()["talent_profile"]
    assert profile["sectors"] == ["healthcare"] and profile["education_field"] == "Pharmacy"

    answer = client.put(
        "/api/v1/me/cv/",
        data=encode_multipart(BOUNDARY, {"file": upload("my cv.pdf", pdf_bytes())}),
        content_type=MULTIPART_CONTENT,
        **auth,
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["talent_profile"]["cv"]["content_type"] == "application/pdf"
    download = client.get("/api/v1/me/cv/", **auth)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    export = client.get("/api/v1/me/export/", **auth)
    assert export.status_code == 200
    data = export.json()["data"]
    assert data["accounts.user"]["email"] == email
    assert data["accounts.talentprofile"]["education_field"] == "Pharmacy"
    assert [c["purpose"] for c in data["accounts.consent"]] == ["terms"]

    assert client.delete("/api/v1/me/", **auth).status_code == 204
    assert client.get("/api/v1/me/", **auth).status_code == 401
    answer = _json(client, "post", f"{APP}/auth/login", email=email, password=password)
    assert answer.status_code == 400

    from cms.accounts.models import TalentProfile, User

    erased = User.objects.get(erased_at__isnull=False)
    assert erased.email.endswith("@erased.invalid") and not erased.is_active
    assert not TalentProfile.objects.filter(user=erased).exists()


def test_signup_rejects_admin_role_and_missing_terms(db, client):
    answer = _json(
        client, "post", f"{APP}/auth/signup",
        email="x@example.org", password="Olive-Tree-2026!", role="admin", accept_terms=True,
    )
    assert answer.status_code == 400
    assert any(e.get("param") == "role" for e in answer.json()["errors"])
    answer = _json(
        client, "post", f"{APP}/auth/signup",
        email="y@example.org", password="Olive-Tree-2026!", role="mentor",
    )
    assert answer.status_code == 400
    assert any(e.get("param") == "accept_terms" for e in answer.json()["errors"])


def test_organisation_signup_starts_pending(db, client, mailbox):
    answer = _json(
        client, "post", f"{APP}/auth/signup",
        email="staff@ngo.example", password="Olive-Tree-2026!", role="organisation",
        organisation_name="Welcome Desk Leuven", accept_terms=True,
    )
    assert answer.status_code == 401, answer.content
    from cms.accounts.models import User
    from cms.organisations.models import Organisation

    user = User.objects.get(email="staff@ngo.example")
    assert user.approval_status == "pending"
    organisation = Organisation.objects.get(staff=user)
    assert organisation.name == "Welcome Desk Leuven" and organisation.status == "pending"
