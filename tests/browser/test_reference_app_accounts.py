"""The reference app's account screens in real Chromium: a newcomer signs up as a talent, opens the
verification link from the e-mail, logs in, fills the Career Passport, uploads a PDF CV and is refused
a renamed executable with the server's message next to the field; an editor previews a draft in the
app. axe-core checks every screen (no serious or critical violation); screenshots go to
``var/artifacts/browser/app-account-*.png``.

The built app (``frontend-contract/app/dist``, ``npm ci && npm run build``) is served on the live
server's origin by the browser itself (Playwright answers every path that is not Helix's from the
build, ``index.html`` for the app's routes), so cookies and CSRF work as on one site.
"""

from __future__ import annotations

import mimetypes
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings

from tests.browser.test_editor_translates_a_step import browser_page, current_totp, shot  # noqa: F401
from tests.files import pdf_bytes

APP = Path(settings.BASE_DIR) / "frontend-contract" / "app"
DIST = APP / "dist"
AXE = APP / "node_modules" / "axe-core" / "axe.min.js"
HELIX_PATHS = ("/api/", "/_allauth/", "/admin", "/static/", "/media/", "/documents/", "/accounts/")
PASSWORD = "Olive-Tree-2026!"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def built_app():
    if not (DIST / "index.html").exists():
        if os.environ.get("CI"):
            pytest.fail("frontend-contract/app/dist is missing: run `npm ci && npm run build` there first")
        pytest.skip("frontend-contract/app/dist is absent (npm ci && npm run build in frontend-contract/app)")
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: run `npm ci` in frontend-contract/app")
        pytest.skip("axe-core is absent (cd frontend-contract/app && npm ci)")


def serve_app(page, live_server) -> None:
    """Answer the app's files from dist/ on the live server's origin; Helix's paths go through."""

    def handle(route):
        path = urlsplit(route.request.url).path
        if path.startswith(HELIX_PATHS):
            return route.continue_()
        if path.endswith(("/sw.js", "/registerSW.js")):  # no service worker in the test
            return route.fulfill(status=404, body="")
        file = (DIST / unquote(path).lstrip("/")).resolve()
        if not file.is_file() or DIST.resolve() not in file.parents:
            file = DIST / "index.html"  # the app's own routes
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return route.fulfill(status=200, body=file.read_bytes(), content_type=content_type)

    page.route(f"{live_server.url}/**", handle)


def check_axe(page, screen: str) -> None:
    """No serious or critical accessibility violation on the screen as it is now."""
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"""
    )
    assert found == [], f"axe on {screen}: {found}"


def test_a_newcomer_signs_up_verifies_logs_in_and_fills_the_career_passport(
    browser_page, live_server, mailbox, sent  # noqa: F811
):
    from cms.accounts.models import TalentProfile, User

    page = browser_page
    serve_app(page, live_server)
    email = "amal.app@example.org"

    # 1. Sign up as a talent.
    page.goto(f"{live_server.url}/account/signup")
    page.get_by_role("heading", level=1).wait_for()
    page.get_by_role("radio", name=re.compile(r"^Talent")).check()
    page.get_by_label("First name").fill("Amal")
    page.get_by_label("Last name").fill("Haddad")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("I accept the terms", exact=False).check()
    check_axe(page, "signup")
    shot(page, "app-account-01-signup")
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("heading", name="Check your mailbox").wait_for()
    check_axe(page, "signup done")
    shot(page, "app-account-02-check-mailbox")
    assert User.objects.get(email=email).role == "talent"

    # 2. The link from the e-mail opens the app, which confirms the address.
    mail = next(message for message in sent() if email in message.to)
    link = re.search(r"https?://\S+/account/verify-email/[^\s/]+", mail.body).group(0)
    page.goto(live_server.url + urlsplit(link).path)
    page.get_by_text("Your e-mail address is confirmed.").wait_for()
    check_axe(page, "verified")
    shot(page, "app-account-03-verified")

    # 3. Log in.
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    check_axe(page, "login")
    shot(page, "app-account-04-login")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/account")
    page.get_by_role("heading", name="Career Passport").wait_for()

    # 4. Fill the Career Passport.
    page.get_by_label("Level of Dutch").select_option("B1")
    page.get_by_label("Career objective").fill("A job as a civil engineer in Ghent.")
    page.get_by_label("Core strengths").fill("Structural design, site management.")
    passport = page.locator("form", has=page.get_by_role("heading", name="Career Passport"))
    passport.get_by_role("button", name="Save").click()
    passport.get_by_role("status").filter(has_text="Saved.").wait_for()
    profile = TalentProfile.objects.get(user__email=email)
    assert profile.career_objective == "A job as a civil engineer in Ghent."
    assert profile.dutch_level == "B1"
    check_axe(page, "my account")
    shot(page, "app-account-05-career-passport")

    # 5. Upload a PDF CV; then a renamed executable is refused with the server's message.
    cv = page.locator("#upload-cv")
    cv_form = page.locator("form", has=cv)
    cv.set_input_files({"name": "cv.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()})
    cv_form.get_by_role("button", name="Upload").click()
    cv_form.get_by_role("status").filter(has_text="Uploaded.").wait_for()
    profile.refresh_from_db()
    assert profile.cv

    executable = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
    cv.set_input_files({"name": "cv.pdf", "mimeType": "application/pdf", "buffer": executable})
    cv_form.get_by_role("button", name="Upload").click()
    error = page.locator("#upload-cv-error")
    error.wait_for()
    message = error.inner_text()
    assert message and "Uploaded" not in message
    assert cv.get_attribute("aria-invalid") == "true"
    assert "upload-cv-error" in cv.get_attribute("aria-describedby")
    check_axe(page, "upload refused")
    shot(page, "app-account-06-cv-refused")


def test_an_editor_previews_a_draft_in_the_app(browser_page, live_server, page_tree, make_user, settings):  # noqa: F811
    page = browser_page
    serve_app(page, live_server)
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": f"{live_server.url}/preview"},
        "REDIRECT_ON_PREVIEW": True,
        "ENFORCE_TRAILING_SLASH": False,
    }
    editor = make_user("admin", mfa=True, email="editor.preview@helix.example", password=PASSWORD)
    arabic = page_tree["roadmap/orientation"]["ar"]
    draft_title = "مسودة: التوجّه نحو العمل"
    arabic.title = draft_title
    revision = arabic.save_revision(user=editor)  # the editor's draft: not published

    page.goto(f"{live_server.url}/admin/")
    page.fill("input[name=login]", editor.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_selector("input[name=code]")
    page.fill("input[name=code]", current_totp(editor))
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/admin/**")

    # Preview of the draft (the page's history → Preview): Wagtail sends the editor to the app.
    page.goto(f"{live_server.url}/admin/pages/{arabic.pk}/revisions/{revision.pk}/view/")
    page.wait_for_url(re.compile(r"/preview\?"))
    page.get_by_text(draft_title).first.wait_for()
    banner = page.locator(".preview-banner")
    assert banner.inner_text() == "معاينة لمسودة: هذه الصفحة غير منشورة."
    assert page.locator(".preview").get_attribute("dir") == "rtl"
    check_axe(page, "preview")
    shot(page, "app-account-07-preview")

    # The same address without its token shows the API's refusal, not the draft.
    page.goto(f"{live_server.url}/preview")
    page.get_by_role("alert").wait_for()
    assert draft_title not in page.content()
    shot(page, "app-account-08-preview-without-token")


def test_a_talent_sets_up_two_step_login_and_logs_in_with_a_recovery_code(
    browser_page, live_server, make_user  # noqa: F811
):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    page = browser_page
    serve_app(page, live_server)
    talent = make_user("talent", email="two.steps@example.org", password=PASSWORD)

    page.goto(f"{live_server.url}/account/login")
    page.get_by_label("E-mail address").fill(talent.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/account")

    # The QR code is drawn in the page; the key under it gives the code an authenticator app would.
    page.get_by_role("link", name="Security").click()
    page.get_by_role("img", name="QR code to add Helix to your authenticator app").wait_for()
    check_axe(page, "security")
    shot(page, "app-account-09-totp-setup")
    secret = page.locator(".account-secret").inner_text().strip()
    # The current period's code: with one period of tolerance it is accepted for 30 s at least.
    counters = list(yield_hotp_counters_from_time())
    page.get_by_label("Code from your authenticator app", exact=False).fill(
        format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
    )
    answers = []
    page.on("response", lambda answer: answers.append(answer) if "/_allauth/" in answer.url else None)
    page.get_by_role("button", name="Turn on").click()
    password = page.get_by_label("Password")
    try:
        page.locator(".account-codes, input[type=password]").first.wait_for(timeout=60_000)
    except Exception:
        shot(page, "app-totp-failed")
        said = [f"{a.request.method} {urlsplit(a.url).path} {a.status}" for a in answers]
        screen = page.inner_text("#main")
        raise AssertionError(f"after 'Turn on' the server said {said}; the screen: {screen!r}")
    if password.count():  # allauth asked to confirm the password first
        password.fill(PASSWORD)
        page.get_by_role("button", name="Turn on").click()
    codes = page.locator(".account-codes code")
    codes.first.wait_for()
    recovery = codes.first.inner_text().strip()
    check_axe(page, "recovery codes")
    shot(page, "app-account-10-recovery-codes")

    # Log out; the next login asks for the second step, and a recovery code passes it.
    page.goto(f"{live_server.url}/account")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{live_server.url}/account/login")
    page.get_by_label("E-mail address").fill(talent.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Second step").wait_for()
    check_axe(page, "second step")
    shot(page, "app-account-11-second-step")
    page.get_by_label("Code from your authenticator app", exact=False).fill(recovery)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{live_server.url}/account")
    page.get_by_role("heading", name="Career Passport").wait_for()
