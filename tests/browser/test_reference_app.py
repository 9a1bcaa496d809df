"""The reference web app (frontend-contract/app) as Helix serves it at / (cms/webapp.py), in real
Chromium: a visitor reads the roadmap in Arabic (right to left), switches to Dutch on the same
step, loses the network and still reads the steps already visited, with the offline line shown.
axe-core checks every screen (no serious or critical violation); screenshots go to
``var/artifacts/browser/app-*.png``.

The suite builds nothing: it needs ``frontend-contract/app/dist`` (``make app``, or
``npm ci && npm run build`` there) and skips without it, except in CI, where it fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.test_editor_translates_a_step import browser_page, shot  # noqa: F401

APP = Path(settings.BASE_DIR) / "frontend-contract" / "app"
AXE = APP / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _missing(what: str, how: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI: {how}")
    pytest.skip(f"{what} is absent ({how})")


@pytest.fixture(autouse=True)
def built_app():
    if not (Path(settings.HELIX_WEBAPP_DIST) / "index.html").is_file():
        _missing("frontend-contract/app/dist", "make app (npm ci && npm run build in frontend-contract/app)")
    if not AXE.is_file():
        _missing("axe-core", "cd frontend-contract/app && npm ci")


def check_axe(page, screen: str) -> None:
    """No serious or critical accessibility violation on the screen as it is now.

    axe is evaluated through the DevTools protocol rather than added as a <script>: the app runs
    under Helix's Content-Security-Policy, which rightly refuses inline scripts."""
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"""
    )
    assert found == [], f"axe on {screen}: {found}"


def heading(page, text: str):
    locator = page.get_by_role("heading", level=1, name=text)
    locator.wait_for()
    return locator


def test_a_visitor_reads_the_roadmap_offline_in_two_languages(browser_page, live_server, page_tree):  # noqa: F811
    page = browser_page
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    # / sends the visitor to the home page in the browser's language (en-GB here).
    page.goto(f"{live_server.url}/")
    page.wait_for_url(f"{live_server.url}/en/")
    heading(page, "Your way to work")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Roadmap to a job").wait_for()
    check_axe(page, "home")
    shot(page, "app-01-home-en")

    # The roadmap in Arabic: right to left, the steps listed, the service worker installed.
    page.goto(f"{live_server.url}/ar/roadmap/")
    heading(page, "خارطة الطريق إلى العمل")
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    assert page.locator("article").get_attribute("dir") == "rtl"
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    check_axe(page, "roadmap (ar)")
    shot(page, "app-02-roadmap-ar")

    page.get_by_role("link", name="التوجّه").click()
    heading(page, "التوجّه")
    page.get_by_role("heading", name="من أين تبدأ").wait_for()  # practical information
    page.get_by_text("احتفظ بنسخ.").wait_for()  # tips
    assert page.locator("html").get_attribute("dir") == "rtl"
    check_axe(page, "step (ar)")
    shot(page, "app-03-step-ar")

    # The language switch goes to the same step in Dutch.
    page.get_by_role("navigation", name="اللغة").get_by_role("link", name="Nederlands").click()
    heading(page, "Oriëntatie")
    assert page.url.startswith(f"{live_server.url}/nl/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("heading", name="Waar begin je").wait_for()
    check_axe(page, "step (nl)")
    shot(page, "app-04-step-nl")
    dutch_step = page.url

    # Let the first sync of the copy finish (it stores every page of the language).
    page.get_by_test_id("updated-line").wait_for()

    # Offline: the steps already read are still there, with the offline line.
    page.context.set_offline(True)
    page.get_by_role("navigation", name="Taal").get_by_role("link", name="العربية").click()
    heading(page, "التوجّه")
    offline_line = page.get_by_test_id("offline-line")
    offline_line.wait_for()
    assert "غير متصل" in offline_line.inner_text()
    assert page.locator("html").get_attribute("dir") == "rtl"
    check_axe(page, "step offline (ar)")
    shot(page, "app-05-step-ar-offline")

    # A reload with the network off: the service worker opens the app, the store the step.
    page.goto(dutch_step)
    heading(page, "Oriëntatie")
    page.get_by_test_id("offline-line").wait_for()
    assert "Offline" in page.get_by_test_id("offline-line").inner_text()
    check_axe(page, "step offline (nl)")
    shot(page, "app-06-step-nl-offline")

    page.context.set_offline(False)
    assert not [error for error in errors if "Content Security Policy" in error], errors
