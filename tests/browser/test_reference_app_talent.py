"""The reference app's talent screens (frontend-contract/app/src/connect) in real Chromium: a talent
logs in, finds a vacancy, saves it and sees it among her saved posts, asks for a mentor, and writes
to the mentor she is connected with. Every list is one API call (no fetching per row), axe-core
finds no serious or critical violation, and the home screen is shown in Arabic (right to left).
Screenshots go to ``var/artifacts/browser/app-talent-*.png``.

Needs the built app (``frontend-contract/app/dist``); skips without it, except in CI, where it fails.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest

from tests.browser.test_editor_translates_a_step import browser_page, shot  # noqa: F401
from tests.browser.test_reference_app_accounts import built_app, check_axe, serve_app  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-Long-test-passw0rd"  # make_user's default


class ApiCalls:
    """GET requests to /api/v1/ since the last reset, by path."""

    def __init__(self, page):
        self.calls: Counter[str] = Counter()
        page.on("request", self.seen)

    def seen(self, request):
        path = urlsplit(request.url).path
        # The header's menu (pages) is the layout's, not these screens'.
        if request.method == "GET" and path.startswith("/api/v1/") and not path.startswith("/api/v1/pages/"):
            self.calls[path] += 1

    def reset(self):
        self.calls.clear()

    def assert_no_row_fetching(self, screen: str, detail: str):
        """No detail route of the listed things was asked (one list call, no call per row)."""
        per_row = [path for path in self.calls if re.fullmatch(detail, path)]
        assert per_row == [], f"{screen} fetched per row: {per_row}"
        repeated = {path: n for path, n in self.calls.items() if n > 2}
        assert repeated == {}, f"{screen} asked the same list again and again: {repeated}"


def test_a_talent_finds_saves_asks_for_a_mentor_and_writes(browser_page, live_server, programme):  # noqa: F811
    from cms.sectors.models import Sector
    from plugins.mentoring.actions.matching import propose_match
    from plugins.posts.actions import create_post

    talent, mentor, staff = programme["talent"], programme["mentor"], programme["staff"]
    ict = Sector.source_rows().get(slug="ict")
    vacancy = create_post(
        staff,
        {
            "type": "vacancy",
            "locale": "en",
            "title": "Junior data analyst in Ghent",
            "summary": "Analyse open data for the city; Dutch B1 is enough.",
            "link": "https://example.org/jobs/data-analyst",
            "city": "Ghent",
            "dutch_level": "B1",
        },
        sectors=[ict],
    )
    create_post(
        staff,
        {"type": "event", "locale": "en", "title": "Networking breakfast", "summary": "Meet employers.",
         "link": "https://example.org/events/breakfast", "city": "Antwerp"},
        sectors=[ict],
    )
    propose_match(staff, kind="talent_mentor", talent=talent, mentor=mentor, project=programme["project"])

    page = browser_page
    serve_app(page, live_server)
    calls = ApiCalls(page)
    main = page.locator("#main")

    # Log in.
    page.goto(f"{live_server.url}/account/login")
    page.get_by_label("E-mail address").fill(talent.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/account")

    # Home: what needs her; the vacancy is among the posts in her sector.
    calls.reset()
    page.goto(f"{live_server.url}/me/home")
    page.get_by_role("heading", level=1, name="What needs you today").wait_for()
    page.get_by_role("heading", name="New posts in your sectors").wait_for()
    page.get_by_role("heading", name=vacancy.title).wait_for()
    page.get_by_role("navigation", name="My space").get_by_role("link", name="Messages").wait_for()
    calls.assert_no_row_fetching("home", r"/api/v1/(posts|threads|meetings)/[0-9a-f-]{36}/")
    check_axe(page, "talent home")
    shot(page, "app-talent-01-home")

    # Posts: search and filter, then save the vacancy.
    page.get_by_role("navigation", name="My space").get_by_role("link", name="Posts", exact=True).click()
    page.get_by_role("heading", level=1, name="Find posts").wait_for()
    calls.reset()
    main.get_by_label("Search words").fill("analyst")
    main.get_by_label("Type").select_option("vacancy")
    main.get_by_role("button", name="Search").click()
    page.get_by_role("heading", name="1 posts found").wait_for()
    card = page.locator("article", has=page.get_by_role("heading", name=vacancy.title))
    card.get_by_role("button", name=re.compile("^Save")).click()
    card.get_by_role("button", name=re.compile("^Remove from saved")).wait_for()
    assert page.get_by_role("heading", name="Networking breakfast").count() == 0
    calls.assert_no_row_fetching("posts", r"/api/v1/posts/[0-9a-f-]{36}/")
    check_axe(page, "posts")
    shot(page, "app-talent-02-posts")

    from plugins.posts.models import SavedPost

    assert SavedPost.objects.filter(user=talent, post=vacancy).exists()

    # The saved list.
    calls.reset()
    page.get_by_role("navigation", name="My space").get_by_role("link", name="Saved posts").click()
    page.get_by_role("heading", level=1, name="Saved posts").wait_for()
    page.get_by_role("heading", name=vacancy.title).wait_for()
    calls.assert_no_row_fetching("saved", r"/api/v1/posts/[0-9a-f-]{36}/")
    check_axe(page, "saved posts")
    shot(page, "app-talent-03-saved")

    # Ask for a mentor: the server's refusal first (no domain), next to the domains.
    page.get_by_role("navigation", name="My space").get_by_role("link", name="Mentor or coach").click()
    page.get_by_role("heading", level=1, name="Ask for a mentor or coach").wait_for()
    main.get_by_role("button", name="Send my request").click()
    page.locator("fieldset[aria-invalid='true']").wait_for()
    main.get_by_label("My CV").check()
    main.get_by_label("Job interviews").check()
    main.get_by_label("When are you available?").fill("Weekday evenings")
    main.get_by_role("button", name="Send my request").click()
    page.get_by_text("Your request is sent.").wait_for()
    page.get_by_text("Waiting for an answer").wait_for()
    check_axe(page, "mentor request")
    shot(page, "app-talent-04-mentor")

    # Messages: write to the connected mentor, then open the conversation.
    calls.reset()
    page.get_by_role("navigation", name="My space").get_by_role("link", name="Messages").click()
    page.get_by_role("heading", level=1, name="My messages").wait_for()
    page.get_by_role("heading", name=f"Write to {mentor.first_name}").wait_for()
    main.get_by_label("Your message").fill("Hello Pieter, I would like help with my CV.")
    main.get_by_role("button", name="Send").click()
    page.get_by_role("link", name=re.compile(mentor.first_name)).click()
    page.get_by_text("Hello Pieter, I would like help with my CV.").wait_for()
    main.get_by_label("Your message").fill("When can we meet?")
    main.get_by_role("button", name="Send").click()
    page.get_by_text("When can we meet?").wait_for()
    calls.assert_no_row_fetching("messages", r"/api/v1/threads/[0-9a-f-]{36}/messages/x")
    check_axe(page, "conversation")
    shot(page, "app-talent-05-thread")

    from plugins.messaging.models import Message

    assert Message.objects.filter(sender=talent).count() == 2

    # Home in Arabic: right to left, the talent's own words.
    page.evaluate("localStorage.setItem('helix-lang', 'ar')")
    page.goto(f"{live_server.url}/me/home")
    page.get_by_role("heading", level=1, name="ما ينتظرك اليوم").wait_for()
    page.get_by_role("heading", name=vacancy.title).wait_for()
    page.get_by_role("link", name="كل المواعيد").wait_for()
    page.get_by_text("جارٍ التحميل").first.wait_for(state="detached")
    assert page.locator("html").get_attribute("dir") == "rtl"
    check_axe(page, "talent home in Arabic")
    shot(page, "app-talent-06-home-ar")
