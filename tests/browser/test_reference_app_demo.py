"""Every screen of "my space" in the reference app, for each role, on the demo data that
``make run`` loads (``seed_demo``): the talent, the mentor, the organisation's staff and the
employer log in with their demo accounts and open every link of their menu. No screen shows an
error, no API call fails, no list is fetched row by row, axe-core finds no serious or critical
violation, and each role's home is photographed in English, Dutch and Arabic (right to left):
``var/artifacts/browser/app-demo-<role>-<lang>.png``.

The journeys themselves (saving a vacancy, filing a report, asking contact, publishing an event)
are walked in the per-role tests beside this one; this one proves that what a newcomer sees
after ``make run`` works everywhere, with realistic data, in three languages.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest

from tests.browser.test_back_office import _seed_demo
from tests.browser.test_editor_translates_a_step import browser_page, shot  # noqa: F401
from tests.browser.test_reference_app_accounts import built_app, check_axe, serve_app  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
DEMO_PASSWORD = "helix-demo-2026"
ROLES = {
    "talent": "talent@helix.example",
    "mentor": "mentor@helix.example",
    "organisation": "organisation@helix.example",
    "employer": "employer@helix.example",
}
#: What "my space" is called in each language (the navigation's accessible name).
NAV_NAME = {"en": "My space", "nl": "Mijn ruimte", "ar": "مساحتي"}
ID = re.compile(r"/(?:[0-9a-f]{8}-[0-9a-f-]{27}|\d+)(?=/)")


class Traffic:
    """The API calls of the current screen: GETs by the shape of their path, and every failure."""

    def __init__(self, page):
        self.shapes: Counter[str] = Counter()
        self.failed: list[str] = []
        page.on("request", self.request)
        page.on("response", self.response)

    def request(self, request):
        path = urlsplit(request.url).path
        if request.method == "GET" and path.startswith("/api/v1/") and not path.startswith("/api/v1/pages/"):
            self.shapes[ID.sub("/{id}", path)] += 1

    def response(self, response):
        path = urlsplit(response.url).path
        if path.startswith(("/api/", "/_allauth/")) and response.status >= 400:
            # Asking for the session before logging in answers 401: that is how allauth says "nobody".
            if not (path.endswith("/auth/session") and response.status == 401):
                self.failed.append(f"{response.request.method} {path} → {response.status}")

    def reset(self):
        self.shapes.clear()
        self.failed.clear()

    def check(self, screen: str):
        assert self.failed == [], f"{screen}: API calls failed: {self.failed}"
        # One call for a list; a detail route asked again and again is a fetch per row.
        per_row = {shape: n for shape, n in self.shapes.items() if "{id}" in shape and n > 3}
        assert per_row == {}, f"{screen} fetched per row: {per_row}"
        repeated = {shape: n for shape, n in self.shapes.items() if n > 4}
        assert repeated == {}, f"{screen} asked the same list again and again: {repeated}"


def settled(page):
    """The screen has loaded: no "Loading…" left, in any language."""
    page.locator("#main [role=status]").filter(has_text=re.compile("…|\\.\\.\\.")).first.wait_for(
        state="detached"
    )
    page.wait_for_load_state("networkidle")


#: How long a log-in may take. The app's first screen also fills its offline copy (every page of the
#: language, cache misses on fresh demo data) and CI runs two suites side by side on two cores.
LOGIN_TIMEOUT_MS = 90_000


def log_in(page, live_server, email: str):
    """Log in through the app's form; a refused or failed log-in says what the server answered."""
    page.goto(f"{live_server.url}/account/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_response(
        lambda answer: answer.request.method == "POST" and urlsplit(answer.url).path.endswith("/auth/login"),
        timeout=LOGIN_TIMEOUT_MS,
    ) as login:
        page.get_by_role("button", name="Log in").click()
    answer = login.value
    assert answer.status == 200, f"log-in of {email}: {answer.status} {answer.text()[:500]}"
    try:
        page.wait_for_url(f"{live_server.url}/account", timeout=LOGIN_TIMEOUT_MS)
    except Exception:
        shot(page, "app-login-failed")
        screen = page.inner_text("#main")
        raise AssertionError(f"{email} logged in, but the app stayed on {page.url}: {screen!r}") from None


def open_in(page, live_server, language: str, path: str):
    page.evaluate(f"localStorage.setItem('helix-lang', '{language}')")
    page.goto(f"{live_server.url}{path}")
    try:
        page.get_by_role("navigation", name=NAV_NAME[language]).wait_for()
    except Exception:
        shot(page, "app-demo-failed")
        raise AssertionError(f"{path} in {language}: no menu; the screen shows {page.inner_text('#main')!r}")
    settled(page)


def test_every_role_opens_every_screen_of_its_space_on_the_demo_data(browser_page, live_server):  # noqa: F811
    _seed_demo()
    browser = browser_page.context.browser
    seen: dict[str, list[str]] = {}
    for role, email in ROLES.items():
        context = browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(30_000)  # the demo data make some screens busy
        serve_app(page, live_server)
        traffic = Traffic(page)
        log_in(page, live_server, email)

        open_in(page, live_server, "en", "/me/home")
        nav = page.get_by_role("navigation", name="My space")
        anchors = nav.get_by_role("link")
        links = []
        for index in range(anchors.count()):
            links.append((anchors.nth(index).inner_text(), anchors.nth(index).get_attribute("href")))
        seen[role] = [href for _name, href in links]
        assert len(links) >= 3, f"{role}: the menu offers only {links}"
        for name, href in links:
            traffic.reset()
            nav.get_by_role("link", name=name, exact=True).click()
            page.wait_for_url(f"{live_server.url}{href}")
            page.get_by_role("heading", level=1).wait_for()
            settled(page)
            screen = f"{role} {href}"
            alerts = [text for text in page.locator("#main [role=alert]").all_inner_texts() if text.strip()]
            assert alerts == [], f"{screen} shows an error: {alerts}"
            traffic.check(screen)
            check_axe(page, screen)

        for language in ("en", "nl", "ar"):
            traffic.reset()
            open_in(page, live_server, language, "/me/home")
            assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
            traffic.check(f"{role} home in {language}")
            check_axe(page, f"{role} home in {language}")
            shot(page, f"app-demo-{role}-{language}")
        context.close()

    # Each role has its own space: the talent's screens are not offered to the others.
    assert "/me/posts/saved" in seen["talent"]
    assert all("/me/posts/saved" not in seen[role] for role in ("mentor", "organisation", "employer"))
    assert len({tuple(links) for links in seen.values()}) == len(ROLES)
