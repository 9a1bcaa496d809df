"""The audit log in the Wagtail admin: newest first, filters by actor, action, object type and
date, a fixed number of queries per page, and only for those who may see it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.audit import record
from cms.audit.models import AuditEntry

URL = "/admin/audit/"
RESULTS = "/admin/audit/results/"


@pytest.fixture
def admin(make_user):
    return make_user("admin", mfa=True)


@pytest.fixture
def admin_client(admin):
    client = Client()
    client.force_login(admin)
    AuditEntry.objects.all().delete()  # the admin's own sign-in, recorded by force_login
    return client


@pytest.fixture
def entries(admin, make_user):
    employer = make_user("employer")
    old = record(admin, "accounts.approved", employer, note="Welcome.")
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    record(admin, "capabilities.changed", None, role="mentor")
    record(None, "security.login_failed", address="abc")
    return employer


def rows(response) -> list[str]:
    body = response.content.decode()
    tbody = body[body.index("<tbody>") : body.index("</tbody>")] if "<tbody>" in body else ""
    return tbody.split("<tr>")[1:]


def test_newest_first_with_who_what_which_object_and_when(admin_client, admin, entries):
    response = admin_client.get(URL)
    assert response.status_code == 200
    found = rows(admin_client.get(RESULTS))
    assert ["security.login_failed" in found[0], "capabilities.changed" in found[1]] == [True, True]
    assert "accounts.approved" in found[2]
    assert (
        admin.email in found[2]
        and f"accounts.user #{entries.pk}" in found[2]
        and "note: Welcome." in found[2]
    )
    assert "Nobody signed in" in found[0]


@pytest.mark.parametrize(
    "query, actions",
    [
        ("action=security.login_failed", ["security.login_failed"]),
        ("target_type=accounts.user", ["accounts.approved"]),
        ("nobody=true", ["security.login_failed"]),
    ],
)
def test_filters(admin_client, entries, query, actions):
    found = rows(admin_client.get(f"{RESULTS}?{query}"))
    assert [
        next(a for a in ("security.login_failed", "accounts.approved", "capabilities.changed") if a in row)
        for row in found
    ] == actions


def test_filter_by_actor_and_date(admin_client, admin, entries):
    assert len(rows(admin_client.get(f"{RESULTS}?actor={admin.email}"))) == 2
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    recent = rows(admin_client.get(f"{RESULTS}?created_at_after={since}"))
    assert len(recent) == 2 and not any("accounts.approved" in row for row in recent)
    until = (timezone.localdate() - timedelta(days=30)).isoformat()
    old = rows(admin_client.get(f"{RESULTS}?created_at_before={until}"))
    assert len(old) == 1 and "accounts.approved" in old[0]


def test_a_bad_date_is_a_form_error_not_a_crash(admin_client, entries):
    response = admin_client.get(f"{URL}?created_at_after=2026-02-30")
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()


def test_the_same_number_of_queries_for_a_short_and_a_full_page(admin_client, admin):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(URL).status_code == 200
        return len(queries)

    record(admin, "accounts.approved", admin)
    count()  # the first request of a session fills caches
    few = count()
    for n in range(60):
        record(admin if n % 2 else None, f"test.action_{n % 5}", admin, n=n)
    assert count() == few


def test_pages_of_fifty(admin_client, admin):
    AuditEntry.objects.bulk_create(AuditEntry(actor=admin, action="test.bulk") for _n in range(55))
    assert len(rows(admin_client.get(RESULTS))) == 50
    assert len(rows(admin_client.get(f"{RESULTS}?p=2"))) == 5


def test_only_for_those_who_may_see_it(make_user):
    client = Client()
    client.force_login(make_user("admin", mfa=False))  # no second factor: sent to set it up
    assert client.get(URL).status_code == 302
    client.force_login(make_user("organisation", mfa=True))  # in the admin, but not the log
    answer = client.get(URL)  # Wagtail sends them back to the dashboard with a message
    assert answer.status_code == 302 and answer["Location"] == "/admin/"


def test_in_the_reports_menu_and_in_arabic(admin_client):
    admin_client.cookies["django_language"] = "ar"
    page = admin_client.get(URL, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in page
    assert '"/admin/audit/"' in admin_client.get("/admin/").content.decode()  # the sidebar's menu


def test_each_action_and_object_type_is_offered_once(admin_client, admin):
    """The filter's choices are the distinct values, not one per entry (the entries' order by
    time once made every entry its own choice: megabytes of options with a large log)."""
    AuditEntry.objects.bulk_create(
        AuditEntry(actor=admin, action="test.repeated", target_type="accounts.user") for _n in range(30)
    )
    page = admin_client.get(URL).content.decode()
    assert page.count('value="test.repeated"') == 1
    assert page.count('value="accounts.user"') == 1
