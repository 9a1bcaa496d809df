"""The People screen of the Wagtail admin: the listing with its filters and search, a constant
number of queries per page, deactivation, the data download, the erasure on request, and who
may do any of it."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.accounts.models import User
from cms.audit.models import AuditEntry
from cms.organisations.models import Project, ProjectMembership

URL = "/admin/people/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin(make_user):
    return make_user("admin", mfa=True, first_name="Ada", last_name="Admin")


@pytest.fixture
def admin_client(admin):
    return signed_in(admin)


@pytest.fixture
def amal(make_user):
    """A talent with a second factor, active in a project, seen yesterday."""
    talent = make_user("talent", mfa=True, first_name="Amal", email="amal.haddad@example.org")
    User.objects.filter(pk=talent.pk).update(
        first_name="Amal", last_name="Haddad", last_seen_at=timezone.now() - timezone.timedelta(days=1)
    )
    ProjectMembership.objects.create(
        project=Project.default(), user=talent, status=ProjectMembership.Status.ACTIVE
    )
    talent.refresh_from_db()
    return talent


def rows(client, query: str = "") -> str:
    answer = client.get(URL + query)
    assert answer.status_code == 200
    return answer.content.decode()


# --- the listing ------------------------------------------------------------------------------


def test_the_listing_shows_role_approval_second_factor_activity_and_projects(admin_client, amal):
    page = rows(admin_client)
    assert "Amal Haddad" in page and "amal.haddad@example.org" in page
    assert "Talent" in page and "Approved" in page
    assert Project.default().name in page
    assert f"/admin/people/{amal.public_id}/" in page


def test_filters_and_search(admin_client, amal, make_user):
    waiting = make_user("employer", approved=False, email="bouw.peeters@example.org")
    plain = make_user("mentor", email="pieter.mentor@example.org")
    User.objects.filter(pk=plain.pk).update(is_active=False)

    page = rows(admin_client, "?role=employer")
    assert waiting.email in page and amal.email not in page
    page = rows(admin_client, "?approval_status=pending")
    assert waiting.email in page and amal.email not in page and plain.email not in page
    page = rows(admin_client, "?second_factor=true")
    assert amal.email in page and waiting.email not in page
    page = rows(admin_client, "?second_factor=false")
    assert amal.email not in page and waiting.email in page
    page = rows(admin_client, "?is_active=false")
    assert plain.email in page and amal.email not in page
    page = rows(admin_client, "?q=haddad")
    assert amal.email in page and waiting.email not in page
    page = rows(admin_client, "?q=bouw.peeters")
    assert waiting.email in page and amal.email not in page
    # The results fragment that Wagtail's filters fetch answers the same.
    fragment = admin_client.get(URL + "results/?q=haddad").content.decode()
    assert amal.email in fragment and waiting.email not in fragment


def test_the_listing_is_no_spreadsheet_of_everyone(admin_client, amal):
    answer = admin_client.get(URL + "?export=csv")
    assert answer["Content-Type"].startswith("text/html") and not answer.get("Content-Disposition")


def test_erased_accounts_are_not_listed(admin_client, admin, amal):
    from cms.accounts.actions import erase_account

    erase_account(amal)
    assert f"/admin/people/{amal.public_id}/" not in rows(admin_client)
    assert admin_client.get(f"/admin/people/{amal.public_id}/").status_code == 404


def test_a_page_costs_the_same_queries_for_5_and_40_people(admin_client, make_user):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(URL).status_code == 200
        return len(captured)

    def add(count: int) -> None:
        for n in range(count):
            person = make_user(("talent", "mentor", "employer")[n % 3], mfa=n % 2 == 0)
            ProjectMembership.objects.create(
                project=Project.default(), user=person, status=ProjectMembership.Status.ACTIVE
            )

    add(5)
    queries()  # the first request of a session warms caches (site, menu, locale)
    few = queries()
    add(35)
    assert queries() == few


# --- deactivation ---------------------------------------------------------------------------


def test_a_deactivated_person_cannot_sign_in_until_reactivated(admin_client, admin, amal):
    app = Client()
    app.force_login(amal)
    assert app.get("/api/v1/me/").status_code == 200

    answer = admin_client.post(f"/admin/people/{amal.public_id}/deactivate/")
    assert answer.status_code == 302
    amal.refresh_from_db()
    assert amal.is_active is False
    assert app.get("/api/v1/me/").status_code in (401, 403)  # the open session stops working
    assert Client().login(email=amal.email, password="a-Long-test-passw0rd") is False
    entry = AuditEntry.objects.get(action="account.deactivated")
    assert entry.actor == admin and entry.target_id == str(amal.pk)

    admin_client.post(f"/admin/people/{amal.public_id}/reactivate/")
    amal.refresh_from_db()
    assert amal.is_active is True
    assert Client().login(email=amal.email, password="a-Long-test-passw0rd") is True
    assert AuditEntry.objects.filter(action="account.reactivated", actor=admin).count() == 1


def test_deactivating_is_a_post(admin_client, amal):
    assert admin_client.get(f"/admin/people/{amal.public_id}/deactivate/").status_code == 405
    amal.refresh_from_db()
    assert amal.is_active is True


def test_admins_cannot_deactivate_or_erase_themselves(admin_client, admin):
    admin_client.post(f"/admin/people/{admin.public_id}/deactivate/")
    admin.refresh_from_db()
    assert admin.is_active is True
    page = admin_client.get(f"/admin/people/{admin.public_id}/").content.decode()
    assert "/deactivate/" not in page and "/erase/" not in page
    admin_client.post(f"/admin/people/{admin.public_id}/erase/", {"confirmation": admin.email})
    admin.refresh_from_db()
    assert admin.erased_at is None
    assert not AuditEntry.objects.filter(action__in=["account.deactivated", "account.erased"]).exists()


# --- the data download ------------------------------------------------------------------------


def test_the_download_is_the_persons_gdpr_export(admin_client, admin, amal):
    assert admin_client.get(f"/admin/people/{amal.public_id}/export/").status_code == 405
    answer = admin_client.post(f"/admin/people/{amal.public_id}/export/")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/json")
    assert answer["Content-Disposition"] == f'attachment; filename="helix-export-{amal.public_id}.json"'
    data = json.loads(answer.content)
    assert data["format"] == "helix-export/1" and data["user"] == str(amal.public_id)
    assert "amal.haddad@example.org" in answer.content.decode()
    own = signed_in(amal).get("/api/v1/me/export/").json()
    assert sorted(data["data"]) == sorted(own["data"])  # the same document as the person's own
    assert AuditEntry.objects.filter(action="account.exported", actor=admin, target_id=str(amal.pk)).exists()


# --- the erasure ------------------------------------------------------------------------------


def test_an_erasure_needs_the_persons_email_typed(admin_client, admin, amal):
    url = f"/admin/people/{amal.public_id}/erase/"
    assert "data-helix-erase" in admin_client.get(url).content.decode()
    answer = admin_client.post(url, {"confirmation": "someone.else@example.org"})
    assert answer.status_code == 200
    amal.refresh_from_db()
    assert amal.erased_at is None and amal.email == "amal.haddad@example.org"
    assert not AuditEntry.objects.filter(action="account.erased_on_request").exists()

    answer = admin_client.post(url, {"confirmation": " Amal.Haddad@example.org "})
    assert answer.status_code == 302 and answer["Location"] == URL
    amal.refresh_from_db()
    assert amal.erased_at is not None and amal.is_active is False
    assert "amal" not in amal.email and amal.first_name == ""
    entry = AuditEntry.objects.get(action="account.erased_on_request")
    assert entry.actor == admin and entry.target_id == str(amal.pk)
    assert AuditEntry.objects.filter(action="account.erased", target_id=str(amal.pk)).exists()


def test_erasing_is_a_separate_capability(admin_client, admin, amal):
    from django.contrib.auth.models import Group

    from cms.capabilities.actions import ensure_permissions

    Group.objects.get(name="admin").permissions.remove(ensure_permissions()["accounts.erase_users"])
    page = admin_client.get(f"/admin/people/{amal.public_id}/").content.decode()
    assert "/erase/" not in page
    answer = admin_client.post(f"/admin/people/{amal.public_id}/erase/", {"confirmation": amal.email})
    assert answer.status_code == 302 and answer["Location"] == "/admin/"
    amal.refresh_from_db()
    assert amal.erased_at is None


# --- who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["talent", "mentor", "organisation", "employer", "admin_without_totp"])
def test_only_admins_with_a_second_factor_get_in(who, make_user, amal):
    user = make_user("admin", mfa=False) if who == "admin_without_totp" else make_user(who)
    client = signed_in(user)
    for url in (URL, f"{URL}{amal.public_id}/", f"{URL}{amal.public_id}/erase/"):
        answer = client.get(url)
        assert answer.status_code in (302, 403), (url, answer.status_code)
        if answer.status_code == 302:
            where = answer["Location"]
            assert where == "/admin/" or where.startswith(("/admin/login", "/accounts/")), where
    for action in ("deactivate", "export", "erase"):
        answer = client.post(f"{URL}{amal.public_id}/{action}/", {"confirmation": amal.email})
        assert answer.status_code in (302, 403)
        assert not answer.get("Content-Disposition")
    amal.refresh_from_db()
    assert amal.is_active is True and amal.erased_at is None
    done = AuditEntry.objects.filter(action__startswith="account.").exclude(action="account.approved")
    assert not done.exists()


def test_anonymous_visitors_are_sent_to_sign_in(amal):
    answer = Client().get(URL)
    assert answer.status_code == 302 and "login" in answer["Location"]


def test_the_menu_shows_people_to_those_who_manage_people(admin_client):
    from django.contrib.auth.models import Group

    from cms.capabilities.actions import ensure_permissions

    assert "/admin/people/" in admin_client.get("/admin/").content.decode()  # the sidebar's JSON
    Group.objects.get(name="admin").permissions.remove(ensure_permissions()["accounts.manage_people"])
    assert "/admin/people/" not in admin_client.get("/admin/").content.decode()


# --- languages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "word", "direction"), [("nl", "Tweede factor", "ltr"), ("ar", "العامل الثاني", "rtl")]
)
def test_the_screen_speaks_the_admins_language(admin, admin_client, amal, language, word, direction):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = language
    profile.save()
    page = rows(admin_client)
    assert f'dir="{direction}"' in page and word in page
    person = admin_client.get(f"{URL}{amal.public_id}/").content.decode()
    assert f'dir="{direction}"' in person
