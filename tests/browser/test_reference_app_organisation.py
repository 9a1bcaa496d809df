"""The reference app's organisation screens (frontend-contract/app/src/organisation) in real
Chromium: a staff member logs in, sees her organisation's home (public profile, projects with the
join requests waiting, the back office), writes and publishes an event post, which appears in the
public posts list, then unpublishes it; she joins another organisation's open project from the
Projects screen and is a member. axe-core finds no serious or critical violation; the
screens are shown in English, Dutch and Arabic (right to left). Screenshots go to
``var/artifacts/browser/app-organisation-*.png``.

Needs the built app (``frontend-contract/app/dist``); skips without it, except in CI, where it fails.
"""

from __future__ import annotations

import json
import re
from urllib.request import urlopen

import pytest

from tests.browser.test_editor_translates_a_step import browser_page, shot  # noqa: F401
from tests.browser.test_reference_app_accounts import built_app, check_axe, serve_app  # noqa: F401
from tests.browser.test_reference_app_employer import log_in, settle
from tests.browser.test_reference_app_talent import ApiCalls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
TITLE = "Networking breakfast with Ghent employers"


def test_staff_publish_an_event_that_appears_in_the_public_posts(
    browser_page, live_server, programme, make_user  # noqa: F811
):
    from cms.organisations.actions import create_project, request_to_join
    from cms.organisations.models import Organisation, ProjectMembership
    from plugins.posts.models import Post

    staff, project = programme["staff"], programme["project"]
    Organisation.objects.filter(pk=programme["organisation"].pk).update(
        description="We guide newcomers to work in East Flanders.", city="Ghent"
    )
    request_to_join(project, make_user("talent", first_name="Noor"), motivation="I would like a mentor.")
    other_staff = make_user("organisation")
    network = create_project(
        Organisation.objects.get(staff=other_staff), by=other_staff, name="Open network", join_policy="open"
    )

    page = browser_page
    serve_app(page, live_server)
    calls = ApiCalls(page)
    main = page.locator("#main")
    nav = page.get_by_role("navigation", name="My space")
    log_in(page, live_server, staff.email)

    # Home: the public profile, the project with its waiting request, the back office.
    calls.reset()
    page.goto(f"{live_server.url}/me/home")
    page.get_by_role("heading", name="Our public profile").wait_for()
    page.get_by_text("We guide newcomers to work in East Flanders.").wait_for()
    page.get_by_text("1 join requests waiting").first.wait_for()
    assert main.get_by_role("link", name="Open the back office").get_attribute("href") == "/admin/"
    settle(page)
    calls.assert_no_row_fetching("organisation home", r"/api/v1/projects/[a-z0-9-]+/memberships/")
    check_axe(page, "organisation home")
    shot(page, "app-organisation-01-home")

    # Write an event: the server's refusal first (no start), next to the field.
    nav.get_by_role("link", name="Our posts").click()
    page.get_by_role("heading", level=2, name="Write a post").wait_for()
    main.get_by_label("Type").select_option("event")
    main.get_by_label("Title").fill(TITLE)
    main.get_by_label("Summary").fill("Meet employers over breakfast and practise your pitch.")
    main.get_by_label(re.compile("^Link to the original")).fill("https://example.org/events/breakfast")
    main.get_by_label("City").fill("Ghent")
    main.get_by_role("button", name="Publish", exact=True).click()
    starts = main.get_by_label("Starts")
    page.locator("input[name=starts_at][aria-invalid=true]").wait_for()
    error_id = starts.get_attribute("aria-describedby").split()[-1]
    assert "start" in page.locator(f"#{error_id}").inner_text().lower()
    check_axe(page, "post refused")
    starts.fill("2031-03-01T08:30")
    main.get_by_label("ICT", exact=True).check()
    main.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text(f"Published: “{TITLE}”").wait_for()
    card = page.locator("article", has=page.get_by_role("heading", name=TITLE))
    card.get_by_text("Published", exact=True).wait_for()
    check_axe(page, "posts")
    shot(page, "app-organisation-02-posts")

    post = Post.objects.get(title=TITLE)
    assert post.type == "event" and post.organisation_id == programme["organisation"].pk

    # It is in the public posts list (what visitors see).
    with urlopen(f"{live_server.url}/api/v1/posts/") as answer:  # no session: a visitor
        assert TITLE in [row["title"] for row in json.load(answer)["results"]]
    events = page.request.get(f"{live_server.url}/api/v1/posts/?type=event")
    assert TITLE in [row["title"] for row in events.json()["results"]]

    # Change it: the form starts from the post; a cleared level is saved cleared.
    card.get_by_role("button", name=re.compile("^Change")).click()
    form = page.locator("form", has=page.get_by_role("heading", name=f"Change “{TITLE}”"))
    assert form.get_by_label("City").input_value() == "Ghent"
    assert form.get_by_label("Starts").input_value() == "2031-03-01T08:30"
    form.get_by_label("City").fill("Antwerp")
    form.get_by_role("button", name="Save the changes").click()
    page.get_by_text(f"“{TITLE}” is saved.").wait_for()
    card.get_by_text("Antwerp").first.wait_for()
    post.refresh_from_db()
    assert post.city == "Antwerp" and post.starts_at.year == 2031
    assert [sector.slug for sector in post.sectors.all()] == ["ict"]
    check_axe(page, "post changed")

    # Projects: the organisation's own, with the request waiting.
    nav.get_by_role("link", name="Projects").click()
    page.get_by_role("heading", level=1, name="Projects").wait_for()
    page.get_by_role("heading", name=project.name).wait_for()
    page.get_by_text("1 join requests waiting").wait_for()
    check_axe(page, "projects")
    shot(page, "app-organisation-03-projects")
    ours = main.locator("li", has=page.get_by_role("heading", name=project.name))
    assert ours.get_by_role("button", name=re.compile("join", re.I)).count() == 0  # she runs it

    # Another organisation's open project: she joins it from its card and is a member.
    theirs = main.locator("li", has=page.get_by_role("heading", name="Open network"))
    theirs.get_by_role("button", name=re.compile("^Join.*Open network")).click()
    theirs.get_by_text("You are a member of “Open network”.").wait_for()
    theirs.get_by_text("Your membership: member").wait_for()
    assert theirs.get_by_role("button", name=re.compile("^Join")).count() == 0
    check_axe(page, "project joined")
    membership = ProjectMembership.objects.get(project=network, user=staff)
    assert membership.status == ProjectMembership.Status.ACTIVE

    # Dutch and Arabic (right to left).
    page.evaluate("localStorage.setItem('helix-lang', 'nl')")
    page.goto(f"{live_server.url}/me/organisation-posts")
    page.get_by_role("heading", level=2, name="Een bericht schrijven").wait_for()
    page.get_by_role("heading", name=TITLE).wait_for()
    check_axe(page, "posts in Dutch")
    shot(page, "app-organisation-04-posts-nl")

    page.evaluate("localStorage.setItem('helix-lang', 'ar')")
    page.goto(f"{live_server.url}/me/home")
    page.get_by_role("heading", name="ملفنا العام").wait_for()
    page.get_by_text("طلبات انضمام في الانتظار: 1").first.wait_for()
    settle(page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    check_axe(page, "organisation home in Arabic")
    shot(page, "app-organisation-05-home-ar")

    # Unpublish: the post leaves the public list.
    page.evaluate("localStorage.setItem('helix-lang', 'en')")
    page.goto(f"{live_server.url}/me/organisation-posts")
    card = page.locator("article", has=page.get_by_role("heading", name=TITLE))
    card.get_by_role("button", name=re.compile("^Unpublish")).click()
    card.get_by_role("button", name=re.compile("^Publish again")).wait_for()
    card.get_by_text("Withdrawn", exact=True).wait_for()
    events = page.request.get(f"{live_server.url}/api/v1/posts/?type=event")
    assert TITLE not in [row["title"] for row in events.json()["results"]]
