"""Security properties that cut across the API: an admin's powers need the second factor."""

from __future__ import annotations

import pytest


@pytest.fixture
def matched(programme):
    """The programme's talent and mentor in an active match, the talent with a CV."""
    from django.core.files.base import ContentFile

    from cms.accounts.models import TalentProfile
    from plugins.mentoring.actions import matching
    from tests.files import pdf_bytes

    profile = TalentProfile.objects.get(user=programme["talent"])
    profile.cv.save("cv.pdf", ContentFile(pdf_bytes()))
    profile.cv_content_type = "application/pdf"
    profile.save()
    match = matching.propose_match(
        programme["staff"], kind="talent_mentor", talent=programme["talent"], mentor=programme["mentor"]
    )
    return {**programme, "match": match}


LISTS = ("/api/v1/talents/", "/api/v1/matches/", "/api/v1/meetings/", "/api/v1/match-requests/")


def test_an_admin_without_second_factor_sees_nobody(matched, make_user, client_for):
    """The probe's finding: a password-only admin read every talent profile and CV."""
    talent = matched["talent"]
    with_totp, password_only = make_user("admin", mfa=True), make_user("admin")
    powerful, powerless = client_for(with_totp), client_for(password_only)
    assert powerful.get("/api/v1/talents/").json()["results"]  # the rule is about the factor
    for url in LISTS:
        answer = powerless.get(url)
        assert answer.status_code == 200 and answer.json()["results"] == [], url
    for url in (f"/api/v1/talents/{talent.public_id}/", f"/api/v1/talents/{talent.public_id}/cv/",
                f"/api/v1/matches/{matched['match'].public_id}/"):
        assert powerful.get(url).status_code == 200, url
        assert powerless.get(url).status_code == 404, url
    project = matched["project"]
    for method, url, body in (
        ("get", f"/api/v1/projects/{project.slug}/memberships/", None),
        ("patch", f"/api/v1/projects/{project.slug}/", {"description": "Mine now"}),
        ("put", f"/api/v1/projects/{project.slug}/plugins/mentoring/", {"enabled": False}),
        ("get", "/api/v1/admin/approvals/", None),
    ):
        answer = getattr(powerless, method)(url, body, format="json")
        assert answer.status_code == 403, (method, url, answer.content[:200])


def test_a_superuser_without_second_factor_has_no_permissions(make_user):
    from cms.accounts.models import User

    superuser = User.objects.create_superuser("root@example.org", "a-Long-test-passw0rd")
    assert not superuser.is_helix_admin
    assert not superuser.has_perm("organisations.change_project")
    assert not superuser.has_perm("wagtailadmin.access_admin")
    assert not superuser.has_module_perms("organisations")
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(superuser, generate_totp_secret())
    superuser.forget_second_factor()
    assert superuser.is_helix_admin and superuser.has_perm("organisations.change_project")


def test_the_second_factor_is_asked_once_per_user_object(make_user, django_assert_num_queries):
    admin = make_user("admin", mfa=True)
    with django_assert_num_queries(1):
        assert admin.is_helix_admin and admin.is_helix_admin and admin.has_second_factor


# --- the Wagtail admin, sessions and headers -------------------------------------------------


@pytest.mark.parametrize("role", ["talent", "mentor", "employer"])
def test_a_non_admin_opening_the_admin_gets_a_clear_403(make_user, role):
    """Not the loop /admin/ → /accounts/login/ → /admin/ of before."""
    from django.test import Client

    client = Client()
    client.force_login(make_user(role, mfa=True))
    answer = client.get("/admin/")
    assert answer.status_code == 403
    assert b"administrators" in answer.content


def test_organisation_staff_enter_the_admin_with_a_second_factor_only(make_user):
    """Staff of an approved organisation run their organisation in the back office, after a
    second factor; staff still waiting for approval do not get in."""
    from django.test import Client

    with_totp, without_totp, pending = Client(), Client(), Client()
    with_totp.force_login(make_user("organisation", mfa=True))
    without_totp.force_login(make_user("organisation"))
    pending.force_login(make_user("organisation", mfa=True, approved=False))

    assert with_totp.get("/admin/").status_code == 200
    answer = without_totp.get("/admin/")
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/2fa/totp/activate/")
    assert pending.get("/admin/").status_code == 403


@pytest.mark.parametrize(
    "path",
    ["/admin/pages/", "/admin/users/", "/admin/groups/", "/admin/roles/", "/admin/people/",
     "/admin/approvals/", "/admin/audit/", "/admin/images/", "/admin/documents/", "/admin/snippets/",
     "/admin/settings/", "/admin/locales/", "/admin/reports/site-history/",
     "/admin/localize/reports/translations/"],
)
def test_organisation_staff_in_the_admin_reach_no_platform_screen(make_user, path):
    """Inside the admin, staff reach their organisation's screens only: nothing of the
    platform (pages, users, roles, people, approvals, the audit log, media, settings)."""
    from django.test import Client

    client = Client()
    client.force_login(make_user("organisation", mfa=True))
    answer = client.get(path)
    assert answer.status_code in (302, 403, 404), (path, answer.status_code)
    if answer.status_code == 302:  # Wagtail's "no permission" sends to the dashboard
        assert answer["Location"] == "/admin/", answer["Location"]
    menu = client.get("/admin/").content.decode()  # the sidebar's items, as JSON
    assert f'"url": "{path}"' not in menu


def test_an_admin_without_second_factor_is_still_sent_to_set_it_up(make_user):
    from django.test import Client

    client = Client()
    client.force_login(make_user("admin"))
    answer = client.get("/admin/pages/")
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/2fa/totp/activate/")


def test_sessions_end_after_idle_time_sooner_for_admins(make_user, settings):
    from django.test import Client

    talent, admin = Client(), Client()
    talent.force_login(make_user("talent"))
    admin.force_login(make_user("admin", mfa=True))
    talent.get("/api/v1/me/")
    admin.get("/api/v1/me/")
    assert talent.session.get_expiry_age() == settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert admin.session.get_expiry_age() == settings.HELIX_ADMIN_SESSION_IDLE_SECONDS <= 3600


def test_concurrent_requests_of_one_session_keep_each_others_changes(make_user, settings):
    """Two requests of one browser at once: one renews the session, the other stores the key of an
    authenticator being set up. The renewal, loaded before that key was stored and saved after,
    kept it (a whole-session save lost it, and the code from the app was refused)."""
    from django.test import Client

    from cms.accounts.sessions import SessionStore

    browser = Client()
    browser.force_login(make_user("talent"))
    key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    session = SessionStore(key)
    session["next_step"] = "/me/security"
    session.save()
    renewal, setup = SessionStore(key), SessionStore(key)
    renewal["_helix_renewed_at"] = 1  # both loaded the session before either saved
    setup["mfa.totp.secret"] = "3RGS5G6455RF56Y3AIVE6OH7I7IU7QJH"
    setup.pop("next_step")
    setup.save()
    renewal.save()

    stored = SessionStore(key)
    assert stored["mfa.totp.secret"] == "3RGS5G6455RF56Y3AIVE6OH7I7IU7QJH"
    assert stored["_helix_renewed_at"] == 1
    assert "next_step" not in stored  # a key one request removed stays removed
    assert browser.get("/api/v1/me/").status_code == 200  # still signed in


def test_a_session_ended_elsewhere_is_not_brought_back_by_a_late_save(make_user, settings):
    from django.contrib.sessions.backends.base import UpdateError
    from django.test import Client

    from cms.accounts.sessions import SessionStore

    browser = Client()
    browser.force_login(make_user("talent"))
    key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    late = SessionStore(key)
    late["_helix_renewed_at"] = 1
    SessionStore(key).delete()  # logged out in another tab
    with pytest.raises(UpdateError):
        late.save()
    assert not SessionStore(key).exists(key)


def test_security_headers(db, client):
    answer = client.get("/api/v1/sectors/")
    assert answer["X-Frame-Options"] == "DENY"
    assert answer["Referrer-Policy"] == "same-origin"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in answer["Permissions-Policy"] and "geolocation=()" in answer["Permissions-Policy"]


def test_a_pending_account_neither_asks_nor_saves(make_user, client_for):
    from plugins.posts.actions import create_post

    post = create_post(make_user("mentor"), {"type": "study", "locale": "en", "title": "A course",
                                             "summary": "A course in Ghent.", "link": "https://www.vdab.be"})
    pending = client_for(make_user("employer", approved=False))
    for answer in (
        pending.post("/api/v1/faq/", {"question": "Can I study and work at the same time?"}, format="json"),
        pending.post(f"/api/v1/posts/{post.public_id}/save/"),
    ):
        assert answer.status_code == 403 and answer.json()["error"]["code"] == "account_not_approved"


def test_allauth_names_users_by_their_public_id(make_user):
    from django.test import Client

    talent = make_user("talent", password="Olive-Tree-2026!")
    credentials = {"email": talent.email, "password": "Olive-Tree-2026!"}
    answer = Client().post("/_allauth/app/v1/auth/login", credentials, content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["data"]["user"]["id"] == str(talent.public_id)
    session = Client().get("/_allauth/app/v1/auth/session",
                           HTTP_X_SESSION_TOKEN=answer.json()["meta"]["session_token"])
    assert session.json()["data"]["user"]["id"] == str(talent.public_id)


def test_failed_logins_back_off_per_address_and_source_with_429(make_user):
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    talent = make_user("talent", password="Olive-Tree-2026!")
    url = "/_allauth/app/v1/auth/login"

    def login(password, source):
        return Client(REMOTE_ADDR=source).post(
            url, {"email": talent.email, "password": password}, content_type="application/json"
        )

    answers = [login("wrong-Password-1", "203.0.113.7") for _attempt in range(6)]
    assert [a.status_code for a in answers[:5]] == [400] * 5
    assert answers[5].status_code == 429 and answers[5]["Retry-After"] == "300"
    assert login("Olive-Tree-2026!", "203.0.113.7").status_code == 429  # this source waits
    assert login("Olive-Tree-2026!", "198.51.100.4").status_code == 200  # the owner elsewhere does not
    cache.clear()


def test_wrong_second_factor_codes_back_off_with_429(make_user):
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    admin = make_user("admin", mfa=True, password="Admin-Passw0rd-2026")
    client = Client()
    credentials = {"email": admin.email, "password": "Admin-Passw0rd-2026"}
    answer = client.post("/_allauth/browser/v1/auth/login", credentials, content_type="application/json")
    assert answer.status_code == 401  # the second factor is pending
    codes = [
        client.post("/_allauth/browser/v1/auth/2fa/authenticate", {"code": "000000"},
                    content_type="application/json").status_code
        for _attempt in range(6)
    ]
    assert codes[:5] == [400] * 5 and codes[5] == 429
    cache.clear()
