"""Each role's main journey in the reference app, end to end, on the demo data that ``make run``
loads (``seed_demo``), through the screens only, in real Chromium:

- the talent finds the site engineer vacancy, saves it, asks for a coach, answers the
  organisation's invitation to a check-in and writes to her mentor;
- the mentor comments on his mentee's networking plan and files the 5-step report of the session
  they held four days ago;
- the employer (blind listings) opens an anonymous talent in his pool and asks for contact; the
  talent accepts in her own browser and, after a reload, the employer sees her name;
- the organisation's staff publish an event post, which visitors then find among the posts.

Each logs in with the demo account of ``seed_demo``. On every screen no API call fails and no list
is fetched row by row (the demo walk's ``Traffic``). A key screen of each journey is photographed
in English, Dutch and Arabic (right to left): ``var/artifacts/browser/app-journey-<role>-<lang>.png``.

Needs the built app (``frontend-contract/app/dist``); skips without it, except in CI, where it fails.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.test_back_office import _seed_demo
from tests.browser.test_editor_translates_a_step import browser_page, shot  # noqa: F401
from tests.browser.test_reference_app_accounts import built_app, check_axe, serve_app  # noqa: F401
from tests.browser.test_reference_app_demo import ROLES, Traffic, log_in, open_in, settled

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
LANGUAGES = ("en", "nl", "ar")
VACANCY = "Site engineer for our new warehouse in Ghent at Flanders Logistics NV"
CHECK_IN = "Halfway check-in at Bridge to Work"
HELD = "Second session: your new CV"
BLIND_TALENT = ("rania@helix.example", "Rania Saleh")
EVENT = "Speed dates with construction employers in Ghent"


def _start(browser_page, live_server, role: str):  # noqa: F811
    """The demo loaded, the app served, the role's demo account logged in; its traffic counted."""
    _seed_demo()
    page = browser_page
    page.set_default_timeout(30_000)  # the demo data make some screens busy
    serve_app(page, live_server)
    traffic = Traffic(page)
    log_in(page, live_server, ROLES[role])
    return page, traffic


def _screen(page, traffic, name: str) -> None:
    """The screen has settled without an error shown, a failed call or a fetch per row."""
    settled(page)
    alerts = [text for text in page.locator("#main [role=alert]").all_inner_texts() if text.strip()]
    assert alerts == [], f"{name} shows an error: {alerts}"
    traffic.check(name)


def _in_three_languages(page, live_server, traffic, role: str, path: str) -> None:
    for language in LANGUAGES:
        traffic.reset()
        open_in(page, live_server, language, path)
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        _screen(page, traffic, f"{role} {path} in {language}")
        check_axe(page, f"{role} {path} in {language}")
        shot(page, f"app-journey-{role}-{language}")
    page.evaluate("localStorage.setItem('helix-lang', 'en')")


def test_the_demo_talent_saves_a_vacancy_asks_for_a_coach_answers_and_writes(
    browser_page,  # noqa: F811
    live_server,
):
    from cms.accounts.models import User
    from plugins.mentoring.models import MeetingParticipant, MentorshipRequest
    from plugins.messaging.models import Message
    from plugins.posts.models import SavedPost

    page, traffic = _start(browser_page, live_server, "talent")
    amal = User.objects.get(email=ROLES["talent"])
    main = page.locator("#main")
    nav = page.get_by_role("navigation", name="My space")
    open_in(page, live_server, "en", "/me/home")

    # Find the vacancy and save it.
    traffic.reset()
    nav.get_by_role("link", name="Posts", exact=True).click()
    page.get_by_role("heading", level=1, name="Find posts").wait_for()
    settled(page)
    main.get_by_label("Search words").fill("site engineer")
    main.get_by_label("Type").select_option("vacancy")
    main.get_by_role("button", name="Search").click()
    card = main.locator("article", has=page.get_by_role("heading", name=VACANCY, exact=True))
    card.get_by_role("button", name=re.compile("^Save")).click()
    card.get_by_role("button", name=re.compile("^Remove from saved")).wait_for()
    _screen(page, traffic, "talent posts")
    assert SavedPost.objects.filter(user=amal, post__title=VACANCY).exists()

    traffic.reset()
    nav.get_by_role("link", name="Saved posts").click()
    page.get_by_role("heading", level=1, name="Saved posts").wait_for()
    main.get_by_role("heading", name=VACANCY, exact=True).wait_for()
    _screen(page, traffic, "talent saved posts")

    # Ask for a coach who helps with job interviews (she has a mentor for her CV already).
    traffic.reset()
    nav.get_by_role("link", name="Mentor or coach").click()
    page.get_by_role("heading", level=1, name="Ask for a mentor or coach").wait_for()
    main.get_by_label("A professional coach").check()
    main.get_by_label("Job interviews").check()
    main.get_by_label("When are you available?").fill("Tuesday and Thursday evenings")
    main.get_by_role("button", name="Send my request").click()
    page.get_by_text("Your request is sent.").wait_for()
    page.get_by_text("Waiting for an answer").first.wait_for()
    _screen(page, traffic, "talent mentor request")
    request = MentorshipRequest.objects.get(talent=amal, status="open")
    assert (request.mentor_kind, request.domains) == ("coach", ["interview"])

    # Answer the organisation's invitation to the halfway check-in.
    traffic.reset()
    nav.get_by_role("link", name="Meetings").click()
    meeting = main.locator("li", has=page.get_by_role("heading", name=CHECK_IN))
    meeting.get_by_text("Your answer: not given").wait_for()
    meeting.get_by_role("button", name="I will attend").click()
    meeting.get_by_text("Your answer: attending").wait_for()
    _screen(page, traffic, "talent meetings")
    assert MeetingParticipant.objects.get(meeting__title=CHECK_IN, user=amal).response == "yes"

    # Write to her mentor in their conversation.
    traffic.reset()
    nav.get_by_role("link", name="Messages").click()
    page.get_by_role("heading", level=1, name="My messages").wait_for()
    main.get_by_role("link", name=re.compile("^Pieter Claes")).click()
    main.get_by_label("Your message").wait_for()
    words = "I saved the site engineer vacancy in Ghent. Can we look at my letter on Thursday?"
    main.get_by_label("Your message").fill(words)
    main.get_by_role("button", name="Send").click()
    main.get_by_text(words).wait_for()
    _screen(page, traffic, "talent conversation")
    assert Message.objects.filter(sender=amal, body=words).count() == 1

    _in_three_languages(page, live_server, traffic, "talent", "/me/meetings")


def test_the_demo_mentor_comments_on_the_plan_and_files_the_report(browser_page, live_server):  # noqa: F811
    from plugins.mentoring.models import MeetingReport
    from plugins.networking.models import PlanComment

    page, traffic = _start(browser_page, live_server, "mentor")
    main = page.locator("#main")
    nav = page.get_by_role("navigation", name="My space")

    # Home: the held session waits for its report.
    traffic.reset()
    open_in(page, live_server, "en", "/me/home")
    reports = main.locator("section", has=page.get_by_role("heading", name="Reports to write"))
    reports.get_by_text(HELD).wait_for()
    _screen(page, traffic, "mentor home")

    # His mentee's file, from his mentees.
    traffic.reset()
    nav.get_by_role("link", name="My mentees").click()
    page.get_by_role("heading", level=1, name="My mentees").wait_for()
    main.get_by_role("link", name=re.compile("^Open Amal")).click()
    page.get_by_role("heading", name="Networking plan").wait_for()
    _screen(page, traffic, "mentor mentee file")
    file_path = page.url.removeprefix(live_server.url)

    # Comment on her networking plan.
    traffic.reset()
    comment = "Good progress. Add the site engineer vacancy in Ghent as a goal, with its deadline."
    main.get_by_label("Your comment on the plan").fill(comment)
    main.get_by_role("button", name="Post the comment").click()
    page.get_by_text("Comment posted").wait_for()
    main.get_by_text(comment).wait_for()
    assert PlanComment.objects.filter(author__email=ROLES["mentor"], body=comment).exists()

    # File the 5-step report of the session held four days ago.
    main.get_by_role("button", name=re.compile("^Write the report")).click()
    steps = {
        "1. Rapport": "Amal came well prepared; we switched to Dutch for the last half hour.",
        "2. Goal": "Send the two-page CV to the site engineer vacancy in Ghent this week.",
        "3. Plan": "Put the bridge projects first, with their budgets, and add the NARIC request.",
        "4. Next steps": "Amal sends the CV on Wednesday; I read her motivation letter by Friday.",
        "5. Evaluation": "The CV is nearly ready; her Dutch summary was clear.",
    }
    for label, text in steps.items():
        main.get_by_label(label).fill(text)
    main.get_by_role("button", name="File the report").click()
    page.get_by_text("Report filed.").wait_for()
    main.get_by_text(steps["3. Plan"]).wait_for()
    _screen(page, traffic, "mentor report")
    report = MeetingReport.objects.get(meeting__title=HELD)
    assert (report.rapport, report.evaluation, report.author.email) == (
        steps["1. Rapport"],
        steps["5. Evaluation"],
        ROLES["mentor"],
    )

    _in_three_languages(page, live_server, traffic, "mentor", file_path)


def test_the_demo_employer_asks_a_blind_listing_and_learns_the_name(browser_page, live_server):  # noqa: F811
    from plugins.employers.models import EmployerRelation

    page, traffic = _start(browser_page, live_server, "employer")
    email, name = BLIND_TALENT
    main = page.locator("#main")
    nav = page.get_by_role("navigation", name="My space")
    open_in(page, live_server, "en", "/me/home")

    # The pool: the talent who accepted earlier is named, the new one is an anonymous listing.
    traffic.reset()
    nav.get_by_role("link", name="Talent pool").click()
    page.get_by_role("heading", level=1, name="Talent pool").wait_for()
    listing = main.get_by_role("link", name="Anonymous talent")
    listing.wait_for()
    assert listing.count() == 1
    main.get_by_role("link", name=re.compile("Amal Haddad")).wait_for()
    _screen(page, traffic, "employer pool")
    assert name not in page.content()

    # The blind listing: ask for contact.
    traffic.reset()
    listing.click()
    page.get_by_role("heading", level=2, name="Anonymous talent").wait_for()
    main.get_by_text("Industrial engineering").first.wait_for()  # what she studied, not who she is
    main.get_by_label("Your message to the talent").fill(
        "Hello, we are Flanders Logistics in Ghent and look for a warehouse planner. Could we talk?"
    )
    main.get_by_role("button", name="Send the request").click()
    page.get_by_text("Your request is sent.").wait_for()
    page.get_by_text("Asked, waiting for the talent").first.wait_for()
    _screen(page, traffic, "employer blind listing")
    assert name not in page.content()
    listing_path = page.url.removeprefix(live_server.url)
    relation = EmployerRelation.objects.get(employer__email=ROLES["employer"], talent__email=email)
    assert relation.contact == "requested"

    # The talent, in her own browser, accepts on her connections screen.
    other = page.context.browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
    try:
        talent_page = other.new_page()
        talent_page.set_default_timeout(30_000)
        serve_app(talent_page, live_server)
        talent_traffic = Traffic(talent_page)
        log_in(talent_page, live_server, email)
        talent_traffic.reset()
        talent_page.goto(f"{live_server.url}/me/connections")
        company = talent_page.locator(
            "#main li", has=talent_page.get_by_role("heading", name=re.compile("Flanders Logistics NV"))
        )
        company.get_by_text("look for a warehouse planner").wait_for()
        company.get_by_role("button", name=re.compile("^Accept contact")).click()
        company.get_by_text("Contact accepted").wait_for()
        _screen(talent_page, talent_traffic, "talent connections (accepting)")
    finally:
        other.close()
    relation.refresh_from_db()
    assert relation.contact == "accepted"

    # Back in the employer's browser: after a reload the talent is named.
    traffic.reset()
    page.reload()
    page.get_by_role("heading", level=2, name=re.compile(name)).wait_for()
    page.get_by_text("The talent accepted your contact.").wait_for()
    _screen(page, traffic, "employer named talent")

    _in_three_languages(page, live_server, traffic, "employer", listing_path)


def test_the_demo_organisation_publishes_an_event(browser_page, live_server):  # noqa: F811
    from plugins.posts.models import Post

    page, traffic = _start(browser_page, live_server, "organisation")
    main = page.locator("#main")
    nav = page.get_by_role("navigation", name="My space")
    open_in(page, live_server, "en", "/me/home")

    traffic.reset()
    nav.get_by_role("link", name="Our posts").click()
    page.get_by_role("heading", level=2, name="Write a post").wait_for()
    settled(page)
    main.get_by_label("Type").select_option("event")
    main.get_by_label("Title").fill(EVENT)
    main.get_by_label("Summary").fill(
        "Ten minutes with each of six construction companies: bring your CV and practise your pitch."
    )
    main.get_by_label(re.compile("^Link to the original")).fill("https://bridge-to-work.example/speed-dates")
    main.get_by_label("City").fill("Ghent")
    starts = (timezone.localdate() + timedelta(days=30)).isoformat()
    main.get_by_label("Starts").fill(f"{starts}T18:00")
    main.get_by_label("Construction and industry", exact=True).check()
    main.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text(f"Published: “{EVENT}”").wait_for()
    card = main.locator("article", has=page.get_by_role("heading", name=EVENT))
    card.get_by_text("Published", exact=True).wait_for()
    _screen(page, traffic, "organisation posts")

    post = Post.objects.get(title=EVENT)
    assert post.type == "event" and post.organisation.slug == "bridge-to-work"
    assert [sector.slug for sector in post.sectors.all()] == ["construction-industry"]
    # Visitors find it among the events.
    events = page.request.get(f"{live_server.url}/api/v1/posts/?type=event&page_size=100")
    assert EVENT in [row["title"] for row in events.json()["results"]]

    _in_three_languages(page, live_server, traffic, "organisation", "/me/organisation-posts")
