"""The reference web app served at / (cms/webapp.py): its addresses answer index.html, its files
come from the build with the right caching, Helix's own routes are untouched, and without a
build / stays the landing page."""

from __future__ import annotations

import pytest

INDEX = b'<!doctype html><html><head><script type="module" src="/assets/index-1.js"></script></head></html>'


@pytest.fixture
def built(settings, tmp_path):
    """A minimal build of the app in a temporary HELIX_WEBAPP_DIST."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_bytes(INDEX)
    (dist / "assets" / "index-abc123.js").write_text("console.log('app')")
    (dist / "sw.js").write_text("self.addEventListener('fetch', () => {})")
    (dist / "manifest.webmanifest").write_text('{"name": "Helix"}')
    (dist / "icon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    settings.HELIX_WEBAPP_DIST = str(dist)
    return dist


def body(answer) -> bytes:
    return b"".join(answer.streaming_content) if answer.streaming else answer.content


@pytest.mark.parametrize(
    "path",
    ["/", "/en/", "/ar/roadmap/orientation/", "/nl/roadmap", "/account/verify-email/MQ:1abc:xyz", "/preview"],
)
def test_the_apps_addresses_answer_its_index(db, client, built, path):
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/html")
    assert answer["Cache-Control"] == "no-cache"
    assert body(answer) == INDEX
    policy = answer["Content-Security-Policy"]
    script_src = policy.split("script-src")[1].split(";")[0]
    assert "'self'" in script_src and "unsafe-inline" not in script_src


def test_hashed_files_are_cached_for_a_year_and_the_worker_is_revalidated(db, client, built):
    script = client.get("/assets/index-abc123.js")
    assert script.status_code == 200
    assert "immutable" in script["Cache-Control"] and "max-age=31536000" in script["Cache-Control"]
    assert script["Content-Type"].startswith("text/javascript")
    worker = client.get("/sw.js")
    assert worker.status_code == 200 and worker["Cache-Control"] == "no-cache"
    # The worker runs under its own answer's policy: it must be allowed to fetch the app's files.
    assert "connect-src 'self'" in worker["Content-Security-Policy"]
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json" and manifest["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path", ["/assets/missing-123.js", "/favicon.ico", "/robots.txt"])
def test_missing_files_are_404_not_the_index(db, client, built, path):
    assert client.get(path).status_code == 404


def test_no_file_outside_the_build_is_served(db, client, built):
    (built.parent / "secret.txt").write_text("not for visitors")
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt"):
        answer = client.get(path)
        assert b"not for visitors" not in body(answer), path


def test_helix_routes_keep_working_with_the_app_built(db, client, built):
    assert client.get("/api/v1/no-such-route/").status_code == 404
    assert client.get("/api/v1/pages/").status_code == 200
    assert client.get("/health/").status_code in (200, 503)
    assert client.get("/accounts/login/").status_code == 200
    admin = client.get("/admin")  # the slash redirect, not the app
    assert admin.status_code == 301 and admin["Location"].endswith("/admin/")
    assert client.get("/_allauth/browser/v1/config").status_code == 200
    assert client.get("/static/no-such-file.css").status_code == 404
    assert client.get("/documents/999999/x.pdf").status_code == 404
    assert client.get("/media/no-such-file.png").status_code == 404


def test_without_a_build_slash_is_the_landing_page_and_app_addresses_are_404(db, client, settings, tmp_path):
    settings.HELIX_WEBAPP_DIST = str(tmp_path / "absent")
    home = client.get("/")
    assert home.status_code == 200 and b"/api/docs/" in home.content
    assert client.get("/en/roadmap/").status_code == 404
    assert client.get("/account/verify-email/abc").status_code == 404


def test_writes_to_app_addresses_are_refused(db, client, built):
    assert client.post("/en/").status_code == 405


def test_only_the_preview_may_be_framed_by_the_admin(db, client, built):
    """Wagtail's preview panel shows /preview in a frame of the admin (same origin); every other
    address of the app refuses to be framed."""
    preview = client.get("/preview", {"content_type": "pages.roadmapsteppage", "token": "x"})
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    page = client.get("/en/")
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
