"""Security headers per kind of answer: JSON loads nothing and is never framed; HTML pages (the
Wagtail admin, allauth's pages, the API docs) load only Helix's own files; production adds HSTS
and secure cookies."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from django.conf import settings


def policy(answer) -> dict[str, list[str]]:
    header = answer["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


STRICT = {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}


def assert_strict(answer):
    directives = policy(answer)
    for name, value in STRICT.items():
        assert directives[name] == value, (name, directives)
    assert answer["X-Frame-Options"] == "DENY"


def assert_html_policy(answer, framing: str = "'none'", admin: bool = False):
    directives = policy(answer)
    assert directives["default-src"] == ["'self'"]
    # No eval, no other site; inline scripts only in the Wagtail admin (its widgets need them).
    assert directives["script-src"] == (["'self'", "'unsafe-inline'"] if admin else ["'self'"])
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == [framing]
    assert not any("http" in source for values in directives.values() for source in values)


@pytest.mark.parametrize(
    "url,status",
    [
        ("/api/v1/sectors/", 200),
        ("/api/v1/me/", 401),
        ("/api/v1/no-such-thing/", 404),
        ("/api/v1/schema/", 200),
        ("/_allauth/browser/v1/config", 200),
    ],
)
def test_json_answers_carry_the_strict_policy(db, client, url, status):
    answer = client.get(url)
    assert answer.status_code == status
    assert_strict(answer)
    assert answer["X-Content-Type-Options"] == "nosniff"


def test_a_signed_in_answer_and_a_bad_request_are_strict_too(make_user, client_for):
    talent = client_for(make_user("talent"))
    assert_strict(talent.get("/api/v1/me/"))
    assert_strict(talent.post("/api/v1/faq/", {"question": ""}, format="json"))


def test_the_admin_login_and_admin_pages_carry_the_html_policy(make_user, client):
    login = client.get("/accounts/login/")
    assert login.status_code == 200
    assert_html_policy(login)
    client.force_login(make_user("admin", mfa=True))
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert_html_policy(dashboard, admin=True)
    assert dashboard["X-Frame-Options"] == "DENY"


def test_framing_follows_x_frame_options(rf):
    """Wagtail's previews answer SAMEORIGIN (they are framed by the editor): frame-ancestors agrees."""
    from django.http import HttpResponse

    from cms.csp import html_directives

    framed = HttpResponse("<p>preview</p>", headers={"X-Frame-Options": "SAMEORIGIN"})
    assert html_directives(rf.get("/admin/pages/3/edit/preview/"), framed)["frame-ancestors"] == ["'self'"]
    assert html_directives(rf.get("/accounts/login/"), HttpResponse("<p>x</p>"))["frame-ancestors"] == [
        "'none'"
    ]


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_the_api_docs_load_their_files_from_helix_only(db, client, url):
    answer = client.get(url)
    assert answer.status_code == 200
    assert_html_policy(answer)
    html = answer.content.decode()
    sources = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert not re.search(r"<script>\s*\S", html), "an inline script would be blocked"


def test_the_swagger_script_is_served_by_helix(db, client):
    answer = client.get("/api/docs/?script=")
    assert answer.status_code == 200 and "javascript" in answer["Content-Type"]
    assert b"validatorUrl" in answer.content  # no badge fetched from elsewhere


PRODUCTION_ENV = {
    "HELIX_ENV": "production",
    "SECRET_KEY": "x" * 64,
    "HELIX_SITE_URL": "https://helix.example",
    "ALLOWED_HOSTS": "helix.example",
    "EMAIL_URL": "smtp+tls://mail.example:587",
    "CACHE_URL": "redis://127.0.0.1:6379/9",
    "DRAMATIQ_BROKER_URL": "redis://127.0.0.1:6379/9",
}


def test_production_settings_force_https_hsts_and_secure_cookies(tmp_path):
    """Read in a fresh interpreter: settings are read once per process."""
    import os

    code = (
        "import django; from django.conf import settings as s; django.setup();"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SAMESITE, s.SECURE_PROXY_SSL_HEADER[0],"
        " s.DEBUG, s.CONTENT_SECURITY_POLICY['DIRECTIVES']['default-src'])"
    )
    env = {**os.environ, **PRODUCTION_ENV, "HELIX_VAR_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "cms.settings"}
    env.pop("DEBUG", None)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True,
        check=True,
    ).stdout.split()
    assert out == [
        "True", "31536000", "True", "True", "True", "True", "True", "Lax", "Lax", "HTTP_X_FORWARDED_PROTO",
        "False", "[\"'none'\"]",
    ]


def test_https_answers_carry_hsts_in_production(db, client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    answer = client.get("/api/v1/sectors/", secure=True)
    assert answer["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")
