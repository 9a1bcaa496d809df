"""The Wagtail admin and the API docs work under Helix's Content-Security-Policy: real Chromium
opens the admin's main screens and the docs, and the browser reports no violation."""

from __future__ import annotations

import pytest

from tests.browser.test_editor_translates_a_step import browser_page, current_totp, shot  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADMIN_SCREENS = (
    "/admin/",
    "/admin/pages/",
    "/admin/pages/{page}/edit/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/users/",
    "/admin/reports/site-history/",
)


def test_the_admin_and_the_docs_run_without_policy_violations(
    browser_page, live_server, page_tree, make_user  # noqa: F811
):
    page = browser_page
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: violations.append(str(error)))
    editor = make_user("admin", mfa=True, email="csp@helix.example", password="a-Long-test-passw0rd")

    page.goto(f"{live_server.url}/admin/")
    page.fill("input[name=login]", editor.email)
    page.fill("input[name=password]", "a-Long-test-passw0rd")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_selector("input[name=code]")
    page.fill("input[name=code]", current_totp(editor))
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/admin/**")

    step = page_tree["roadmap/job-search"]["en"]
    for path in ADMIN_SCREENS:
        answer = page.goto(f"{live_server.url}{path.format(page=step.pk)}")
        assert answer.status < 400, (path, answer.status)
        assert "default-src 'self'" in answer.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    # The page editor's scripts really ran: its side panels open (the admin's own JavaScript).
    page.goto(f"{live_server.url}/admin/pages/{step.pk}/edit/")
    page.locator("[data-side-panel-toggle]").first.click()
    page.wait_for_selector("[data-side-panel]:not([hidden])")
    shot(page, "csp-editor-side-panel")

    for path, ready in (("/api/docs/", ".swagger-ui .info"), ("/api/redoc/", "redoc, [class*=api-info]")):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_selector(ready, timeout=30_000)
        shot(page, f"csp-docs-{path.strip('/').replace('/', '-')}")
    assert violations == [], "\n".join(violations)
