"""An editor edits a roadmap step in English, syncs the Arabic translation, edits an Arabic segment
right-to-left and publishes; the API then answers the new Arabic text. Real Chromium, real admin.

Screenshots of every stage are saved in ``var/artifacts/browser/``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("HELIX_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(settings.BASE_DIR) / "var" / "artifacts" / "browser"
NEW_ENGLISH = "Look for vacancies that match your degree and your Dutch level."
NEW_ARABIC = "ابحث عن وظائف شاغرة تناسب شهادتك ومستواك في اللغة الهولندية."

# serialized_rollback: the database (with the migrations' data) is restored for the tests after it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def browser_page(monkeypatch):
    playwright = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are
    # ordinary synchronous code (the server runs in its own thread).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt install chromium)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        context = browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(20_000)
        yield page
        context.close()
        browser.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def current_totp(user) -> str:
    """The current code, taken early enough in its 30-second window to still be valid when the
    form is sent (allauth accepts only the current window)."""
    import time

    remaining = 30 - time.time() % 30
    if remaining < 10:
        time.sleep(remaining + 0.5)
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
    from allauth.mfa.utils import decrypt

    secret = decrypt(Authenticator.objects.get(user=user, type="totp").data["secret"])
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def test_editor_translates_a_roadmap_step_into_arabic(browser_page, live_server, page_tree, make_user, api):
    from wagtail_localize.models import TranslationSource

    page = browser_page
    editor = make_user("admin", mfa=True, email="editor@helix.example", password="a-Long-test-passw0rd")
    english = page_tree["roadmap/job-search"]["en"]
    arabic = page_tree["roadmap/job-search"]["ar"]

    # 1. Log in with the second factor.
    page.goto(f"{live_server.url}/admin/")
    page.fill("input[name=login]", editor.email)
    page.fill("input[name=password]", "a-Long-test-passw0rd")
    shot(page, "01-login")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_selector("input[name=code]")
    page.fill("input[name=code]", current_totp(editor))
    shot(page, "02-second-factor")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/admin/**")

    # 2. Edit the English step and publish it.
    page.goto(f"{live_server.url}/admin/pages/{english.pk}/edit/")
    page.fill("textarea[name=intro]", NEW_ENGLISH)
    shot(page, "03-english-edit")
    page.locator("footer [data-w-dropdown-target=toggle], footer .w-dropdown__toggle").first.click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/**")
    english.refresh_from_db()
    assert english.intro == NEW_ENGLISH
    status = api.get(f"/api/v1/pages/{english.pk}/").json()["meta"]["translations"]
    assert {t["locale"]: t["status"] for t in status}["ar"] == "outdated"

    # 3. Sync the translations (publishing them; the new sentence stays English until translated).
    source = TranslationSource.objects.get(object_id=english.translation_key)
    page.goto(f"{live_server.url}/admin/localize/update/{source.pk}/")
    page.check("input[name=publish_translations]")
    shot(page, "04-sync")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/**")

    # 4. Translate the new segment in the Arabic translation editor: the field is right-to-left.
    page.goto(f"{live_server.url}/admin/pages/{arabic.pk}/edit/")
    page.wait_for_selector(".js-translation-editor")
    segment = page.locator("li", has_text=NEW_ENGLISH).last
    segment.get_by_role("button", name="Translate").click()
    field = page.locator(".js-translation-editor textarea").first
    field.wait_for()
    assert field.get_attribute("dir") == "rtl"
    assert field.evaluate("el => getComputedStyle(el).direction") == "rtl"
    field.fill(NEW_ARABIC)
    shot(page, "05-arabic-segment-rtl")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_selector(f"text={NEW_ARABIC}")
    page.get_by_role("button", name="Publish in Arabic").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/**")
    shot(page, "06-published")

    # 5. The API answers the Arabic text, right-to-left, up to date.
    data = api.get(f"/api/v1/pages/{arabic.pk}/").json()
    assert data["intro"] == NEW_ARABIC
    assert data["meta"]["dir"] == "rtl"
    assert data["meta"]["translation_status"] == "up_to_date"
