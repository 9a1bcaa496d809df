"""Approvals, the second factor, uploads, consents and errors in the user's language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from cms.accounts.models import User
from cms.organisations.models import Organisation
from tests.files import docx_bytes, pdf_bytes, png_bytes, upload


def _multipart(client, url, name, content):
    data = encode_multipart(BOUNDARY, {"file": upload(name, content)})
    return client.put(url, data=data, content_type=MULTIPART_CONTENT)


# --- approvals ----------------------------------------------------------------------
def test_pending_organisation_cannot_act_until_approved(jobs, make_user, client_for, mailbox):
    staff = make_user("organisation", approved=False)
    User.objects.filter(pk=staff.pk).update(preferred_language="nl")
    client = client_for(staff, "nl")
    answer = client.post("/api/v1/projects/", {"name": "Track"}, format="json")
    assert answer.status_code == 403
    error = answer.json()["error"]
    assert error["code"] == "account_not_approved"
    assert "goedkeuring" in error["message"]  # in Dutch
    assert client.get("/api/v1/me/").json()["approval_status"] == "pending"
    slug = Organisation.objects.get(staff=staff).slug
    assert slug not in [o["slug"] for o in client_for(None).get("/api/v1/organisations/").json()["results"]]

    admin = make_user("admin", mfa=True)
    pending = client_for(admin).get("/api/v1/admin/approvals/").json()["results"]
    assert [p["email"] for p in pending] == [staff.email]
    answer = client_for(admin).post(
        f"/api/v1/admin/approvals/{staff.public_id}/approve/", {"note": "Welkom!"}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["approval_status"] == "approved"
    jobs.wait()
    assert len(mailbox) == 1
    assert mailbox[0].to == [staff.email]
    assert "goedgekeurd" in mailbox[0].subject  # Dutch subject
    assert "Welkom!" in mailbox[0].body

    staff.refresh_from_db()
    client = client_for(staff)
    assert client.post("/api/v1/projects/", {"name": "Track"}, format="json").status_code == 201
    name = Organisation.objects.get(slug=slug).name
    directory = client_for(None).get(f"/api/v1/organisations/?search={name}").json()["results"]
    assert slug in [o["slug"] for o in directory]
    again = client_for(admin).post(f"/api/v1/admin/approvals/{staff.public_id}/approve/", {}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "invalid_state"


def test_rejection_mail_is_arabic_and_right_to_left(jobs, make_user, client_for, mailbox):
    employer = make_user("employer", approved=False)
    User.objects.filter(pk=employer.pk).update(preferred_language="ar")
    admin = make_user("admin", mfa=True)
    answer = client_for(admin).post(
        f"/api/v1/admin/approvals/{employer.public_id}/reject/", {"note": "Unknown company"}, format="json"
    )
    assert answer.status_code == 200
    jobs.wait()
    mail = mailbox[0]
    html = mail.alternatives[0][0]
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert mail.extra_headers["Content-Language"] == "ar"
    assert any("\u0600" <= ch <= "\u06ff" for ch in mail.subject)


def test_admin_api_requires_a_second_factor(make_user, client_for):
    admin = make_user("admin", mfa=False)
    answer = client_for(admin).get("/api/v1/admin/approvals/")
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "mfa_required"


def test_wagtail_admin_needs_totp_set_up(make_user):
    admin = make_user("admin", mfa=False)
    client = Client()
    client.force_login(admin)
    answer = client.get("/admin/")
    assert answer.status_code == 302 and "/accounts/2fa/totp/activate/" in answer["Location"]
    with_totp = make_user("admin", mfa=True)
    client.force_login(with_totp)
    assert client.get("/admin/").status_code == 200


def test_admin_login_asks_for_the_second_factor(make_user):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
    from allauth.mfa.utils import decrypt

    admin = make_user("admin", mfa=True, password="Admin-Passw0rd-2026")
    client = Client()
    answer = client.post(
        "/_allauth/browser/v1/auth/login",
        {"email": admin.email, "password": "Admin-Passw0rd-2026"},
        content_type="application/json",
    )
    assert answer.status_code == 401
    flows = {f["id"]: f for f in answer.json()["data"]["flows"]}
    assert flows["mfa_authenticate"]["is_pending"]
    assert client.get("/admin/").status_code == 302  # not logged in yet

    secret = decrypt(Authenticator.objects.get(user=admin).data["secret"])
    counters = list(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
    answer = client.post(
        "/_allauth/browser/v1/auth/2fa/authenticate", {"code": code}, content_type="application/json"
    )
    assert answer.status_code == 200, answer.content
    assert client.get("/admin/").status_code == 200


def test_wagtail_login_page_goes_through_allauth(db):
    answer = Client().get("/admin/login/")
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")


# --- uploads --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("cv.pdf", b"MZ\x90\x00 this is a windows program", "unsupported_file_type"),
        ("cv.pdf", png_bytes(), "unsupported_file_type"),
        ("cv.pdf", pdf_bytes()[:-40], "damaged_file"),
        ("cv.pdf", pdf_bytes() + b"0" * (5 * 1024 * 1024), "file_too_large"),
    ],
)
def test_bad_cv_uploads_are_refused_by_content(name, content, code, make_user, client_for):
    talent = make_user("talent")
    answer = _multipart(client_for(talent), "/api/v1/me/cv/", name, content)
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == code and error["fields"]["file"]
    assert client_for(talent).get("/api/v1/me/").json()["talent_profile"]["cv"] is None


def test_docx_cv_and_png_photo_are_accepted(make_user, client_for):
    talent = make_user("talent")
    client = client_for(talent)
    answer = _multipart(client, "/api/v1/me/cv/", "cv.docx", docx_bytes())
    assert answer.status_code == 201, answer.content
    assert answer.json()["talent_profile"]["cv"]["content_type"].endswith("wordprocessingml.document")
    answer = _multipart(client, "/api/v1/me/photo/", "me.png", png_bytes())
    assert answer.status_code == 201
    assert client.get("/api/v1/me/photo/").status_code == 200
    answer = _multipart(client, "/api/v1/me/photo/", "me.png", b"GIF89a not really")
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "damaged_file"


# --- profile validation -----------------------------------------------------------------
def test_profile_validation_errors_are_per_field_and_translated(make_user, client_for):
    talent = make_user("talent")
    answer = client_for(talent, "ar").patch(
        "/api/v1/me/",
        {"talent_profile": {"sectors": ["astronomy"], "languages": [{"language": "Arabic!", "level": "Z9"}]}},
        format="json",
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "validation_error"
    assert any("\u0600" <= ch <= "\u06ff" for ch in error["message"])
    assert set(error["fields"]["talent_profile"]) == {"sectors", "languages"}
    answer = client_for(talent).patch("/api/v1/me/", {"mentor_profile": {"max_mentees": 3}}, format="json")
    assert answer.status_code == 400 and "mentor_profile" in answer.json()["error"]["fields"]


# --- consents -----------------------------------------------------------------------------
def test_consents_are_versioned_and_withdrawn_at_once(make_user, client_for):
    talent = make_user("talent")
    client = client_for(talent)
    states = {c["purpose"]: c for c in client.get("/api/v1/me/consents/").json()["consents"]}
    assert states["terms"]["granted"] and not states["cv_publication"]["granted"]
    answer = client.post("/api/v1/me/consents/", {"purpose": "cv_publication"}, format="json")
    assert answer.status_code == 201
    assert {c["purpose"]: c["granted"] for c in answer.json()}["cv_publication"] is True
    answer = client.delete("/api/v1/me/consents/cv_publication/")
    assert {c["purpose"]: c["granted"] for c in answer.json()}["cv_publication"] is False
    history = client.get("/api/v1/me/consents/").json()["history"]
    publication = [h for h in history if h["purpose"] == "cv_publication"]
    assert len(publication) == 1 and publication[0]["withdrawn_at"] is not None
    assert client.delete("/api/v1/me/consents/terms/").status_code == 400
    assert client.delete("/api/v1/me/consents/marketing/").status_code == 404
    bad = client.post("/api/v1/me/consents/", {"purpose": "marketing"}, format="json")
    assert bad.status_code == 400 and "purpose" in bad.json()["error"]["fields"]


# --- projects -------------------------------------------------------------------------------
def test_join_request_is_decided_by_the_owning_organisation(jobs, make_user, client_for, mailbox):
    staff = make_user("organisation")
    talent = make_user("talent")
    created = client_for(staff).post("/api/v1/projects/", {"name": "Mentoring 2027"}, format="json")
    slug = created.json()["slug"]
    answer = client_for(talent).post(
        f"/api/v1/projects/{slug}/join/", {"motivation": "Pharmacy"}, format="json"
    )
    assert answer.status_code == 201 and answer.json()["status"] == "requested"
    again = client_for(talent).post(f"/api/v1/projects/{slug}/join/", {}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_member"
    requests = client_for(staff).get(f"/api/v1/projects/{slug}/memberships/?status=requested").json()
    membership_id = requests["results"][0]["id"]
    answer = client_for(staff).post(
        f"/api/v1/projects/{slug}/memberships/{membership_id}/approve/", {}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["status"] == "active"
    jobs.wait()
    assert [m.to for m in mailbox] == [[talent.email]]
    mine = client_for(talent).get(f"/api/v1/projects/{slug}/").json()
    assert mine["my_membership"] == "active"


def test_staff_change_their_project_and_organisation_through_actions(make_user, client_for):
    from cms.audit.models import AuditEntry

    staff = make_user("organisation")
    organisation = Organisation.objects.get(staff=staff)
    client = client_for(staff)
    slug = client.post("/api/v1/projects/", {"name": "Track"}, format="json").json()["slug"]
    changed = client.patch(f"/api/v1/projects/{slug}/", {"description": "Fast track"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["description"] == "Fast track" and changed.json()["name"] == "Track"
    # PUT changes only the fields sent, too.
    put = client.put(f"/api/v1/projects/{slug}/", {"join_policy": "open"}, format="json")
    assert put.json()["join_policy"] == "open" and put.json()["description"] == "Fast track"
    other = client_for(make_user("organisation"))
    assert other.patch(f"/api/v1/projects/{slug}/", {"name": "Mine"}, format="json").status_code == 403

    url = f"/api/v1/organisations/{organisation.slug}/"
    answer = client.patch(url, {"city": "Ghent", "sectors": ["ict", "healthcare"]}, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["city"] == "Ghent" and sorted(answer.json()["sectors"]) == ["healthcare", "ict"]
    assert client.patch(url, {"sectors": []}, format="json").json()["sectors"] == []
    assert client.patch(url, {"status": "rejected"}, format="json").json()["status"] == "approved"
    assert list(
        AuditEntry.objects.filter(actor=staff).order_by("pk").values_list("action", flat=True)
    ) == ["project.created", "project.updated", "project.updated", *["organisation.updated"] * 3]


def test_organisation_actions_check_who_acts(make_user):
    from cms.errors import RoleNotAllowed
    from cms.organisations import actions

    staff = make_user("organisation")
    organisation = Organisation.objects.get(staff=staff)
    project = actions.create_project(organisation, by=staff, name="Track")
    stranger = make_user("organisation")
    with pytest.raises(RoleNotAllowed):
        actions.update_project(project, by=stranger, changes={"name": "Mine"})
    with pytest.raises(RoleNotAllowed):
        actions.update_organisation_profile(organisation, by=stranger, changes={"city": "Mons"})
    with pytest.raises(ValueError):
        actions.update_organisation_profile(organisation, by=staff, changes={"status": "approved"})
    with pytest.raises(RoleNotAllowed):  # an admin's powers need the second factor
        actions.update_project(project, by=make_user("admin"), changes={"is_active": False})
    admin = make_user("admin", mfa=True)
    assert actions.update_project(project, by=admin, changes={"is_active": False}).is_active is False


def test_api_404_has_the_error_shape(db):
    answer = Client(HTTP_ACCEPT_LANGUAGE="nl").get("/api/v1/nothing-here/")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_list_endpoints_cost_constant_queries(make_user, client_for, django_assert_max_num_queries):
    from cms.organisations.actions import create_project

    staff = make_user("organisation")
    organisation = Organisation.objects.get(staff=staff)
    client = client_for(staff)
    for n in range(3):
        create_project(organisation, by=staff, name=f"Track {n}")
    with django_assert_max_num_queries(12) as few:
        client.get("/api/v1/projects/")
    for n in range(30):
        create_project(organisation, by=staff, name=f"More {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/api/v1/projects/?page_size=50")
    for n in range(10):
        Organisation.objects.create(name=f"Directory {n}", slug=f"directory-{n}", status="approved")
    with django_assert_max_num_queries(6):
        client_for(None).get("/api/v1/organisations/?page_size=50")


# --- production settings --------------------------------------------------------------------
def _manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=Path(settings.BASE_DIR),
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings", **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_real_secret_key(tmp_path):
    env = {"HELIX_ENV": "production", "SECRET_KEY": "", "HELIX_VAR_DIR": str(tmp_path),
           "DRAMATIQ_BROKER_URL": "redis://127.0.0.1:6379/9", "ALLOWED_HOSTS": "helix.example"}
    result = _manage("check", **env)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


PRODUCTION_ENV = {
    "HELIX_ENV": "production", "SECRET_KEY": "k3J!9vQz#2mW7pL0xR5tB8nC4yH6dF1gA-sE_uI+oP@qT%aZ&wV^cX*",
    "DRAMATIQ_BROKER_URL": "redis://127.0.0.1:6379/9", "ALLOWED_HOSTS": "helix.example",
    "HELIX_SITE_URL": "https://helix.example", "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example:587",
    "CACHE_URL": "redis://127.0.0.1:6379/8",
}


def test_production_passes_the_deploy_check(tmp_path):
    """With a complete environment and nothing silenced (W019 included)."""
    result = _manage("check", "--deploy", "--fail-level", "WARNING",
                     **PRODUCTION_ENV, HELIX_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("variable", "value"), [
    ("HELIX_SITE_URL", ""),  # would fall back to a development address, trusted for CSRF
    ("HELIX_SITE_URL", "http://helix.example"),
    ("EMAIL_URL", ""),  # would write verification and reset mails to disk
    ("CACHE_URL", ""),  # per-process cache: per-process rate limits
    ("CACHE_URL", "locmemcache://helix"),
])
def test_production_refuses_to_start_without_a_complete_environment(tmp_path, variable, value):
    result = _manage("check", **{**PRODUCTION_ENV, variable: value, "HELIX_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0 and variable in result.stderr, result.stderr[-500:]
    assert "ImproperlyConfigured" in result.stderr


def test_me_lists_the_capabilities_an_interface_may_show(make_user, client_for):
    """The app shows a screen only to people who may use it: /me/ says what they hold, follows
    the roles screen when an admin takes a capability away, and gives an admin nothing before
    the second factor."""
    from cms.capabilities import actions
    from cms.capabilities.declared import declared_capabilities

    ordinary = next(c for c in declared_capabilities() if not c.admin_only and "talent" in c.default_roles)
    talent = make_user("talent")
    held = client_for(talent).get("/api/v1/me/").json()["capabilities"]
    assert ordinary.perm in held
    assert not any(c.perm in held for c in declared_capabilities() if c.admin_only)

    admin = make_user("admin", mfa=True)
    actions.set_capability(admin, "talent", ordinary.perm, False)
    assert ordinary.perm not in client_for(make_user("talent")).get("/api/v1/me/").json()["capabilities"]

    no_second_factor = make_user("admin", mfa=False)
    answer = client_for(no_second_factor).get("/api/v1/me/")
    assert answer.status_code in (200, 403)
    if answer.status_code == 200:
        assert answer.json()["capabilities"] == []
