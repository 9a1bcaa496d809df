"""The rest of the talent's screens in the reference app (frontend-contract/app/src/connect), in real
Chromium: a talent answers her mentor's meeting invitation, reports the conversation and blocks
the other side (the server's refusal first, next to the field), accepts an employer's contact
request and sees who looked at her CV, ticks a roadmap item and records an outcome, adds a goal
to her networking plan, changes it and a contact she added, sees her map drawn around her, and
changes her notification e-mails. Every list is one API call, axe-core
finds no serious or critical violation, and the connections are shown in Arabic (right to left)
and the roadmap in Dutch. Screenshots go to ``var/artifacts/browser/app-talent-*.png``.

Needs the built app (``frontend-contract/app/dist``); skips without it, except in CI, where it fails.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.test_editor_translates_a_step import browser_page, shot  # noqa: F401
from tests.browser.test_reference_app_accounts import built_app, check_axe, serve_app  # noqa: F401
from tests.browser.test_reference_app_talent import PASSWORD, ApiCalls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
ITEM = uuid.UUID("11111111-1111-4111-8111-bbbbbbbbbbbb")
# Entries of the drawn mind map that overlap their branch's box or run off the drawing.
MISPLACED = """svg => {
  const width = svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('g.connect-mindmap-branch')].flatMap(g => {
    const box = g.querySelector('rect').getBBox();
    return [...g.querySelectorAll('text.connect-mindmap-leaf')].filter(t => {
      const b = t.getBBox();
      return (b.x < box.x + box.width && b.x + b.width > box.x) || b.x < 0 || b.x + b.width > width;
    }).map(t => t.textContent);
  });
}"""
ITEM_TEXTS = {"en": "Register with VDAB", "nl": "Schrijf je in bij VDAB", "ar": "سجّل لدى VDAB"}


def _roadmap_with_a_checklist() -> None:
    """The tests' tiny page tree, with one checklist item on step 1 in every language."""
    from cms.pages.models import HomePage, RoadmapStepPage
    from tests.pages import seed_tiny_tree

    if not HomePage.objects.exists():
        seed_tiny_tree()
    for page in RoadmapStepPage.objects.filter(step_number=1):
        text = ITEM_TEXTS[page.locale.language_code]
        page.checklist = [{"type": "item", "value": {"text": text, "details": ""}, "id": str(ITEM)}]
        page.save()


def _employer_asking_for_contact(make_user, talent):
    """An ICT employer connected with the talent (who publishes her CV), asking for contact and
    having looked at her profile."""
    from cms.accounts.actions import grant_consent
    from cms.accounts.models import EmployerProfile
    from cms.outbox.models import OutboxMessage
    from cms.sectors.models import Sector
    from plugins.employers import actions
    from plugins.employers.tasks import reconcile

    employer = make_user("employer", first_name="Wim")
    profile, _created = EmployerProfile.objects.get_or_create(user=employer)
    profile.company = "DataBridge BV"
    profile.save()
    profile.sectors.set(Sector.source_rows().filter(slug="ict"))
    grant_consent(talent, "cv_publication")
    for row in OutboxMessage.objects.filter(actor_name="employers.reconcile", done_at=None).order_by("pk"):
        reconcile.fn(str(row.pk))
    actions.request_contact(employer, talent, "We look for a data analyst. Shall we talk?")
    actions.record_view(employer, talent, "profile")
    return employer


def test_a_talent_answers_reports_blocks_accepts_and_ticks(  # noqa: PLR0915
    browser_page, live_server, programme, make_user  # noqa: F811
):
    from plugins.employers.models import EmployerRelation
    from plugins.journey.models import ChecklistTick, Outcome
    from plugins.mentoring.actions.matching import propose_match
    from plugins.mentoring.actions.meetings import plan_meeting
    from plugins.mentoring.models import MeetingParticipant
    from plugins.messaging.actions import send_message
    from plugins.messaging.models import MessageReport, ThreadParticipant
    from plugins.networking.models import PlanContact, PlanGoal

    talent, mentor, staff = programme["talent"], programme["mentor"], programme["staff"]
    match = propose_match(
        staff, kind="talent_mentor", talent=talent, mentor=mentor, project=programme["project"]
    )
    starts = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    meeting = plan_meeting(
        mentor,
        [match],
        {"title": "First session", "starts_at": starts, "ends_at": starts + timedelta(hours=1)},
    )
    thread = send_message(mentor, "Welcome, Amal! Shall we meet on Tuesday?", recipient=talent).thread
    employer = _employer_asking_for_contact(make_user, talent)
    _roadmap_with_a_checklist()

    page = browser_page
    serve_app(page, live_server)
    calls = ApiCalls(page)
    main = page.locator("#main")
    nav = page.get_by_role("navigation", name="My space")

    page.goto(f"{live_server.url}/account/login")
    page.get_by_label("E-mail address").fill(talent.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/account")

    # Meetings: she answers the mentor's invitation.
    calls.reset()
    page.goto(f"{live_server.url}/me/meetings")
    card = page.locator("li", has=page.get_by_role("heading", name="First session"))
    card.get_by_text("Your answer: not given").wait_for()
    card.get_by_role("button", name="I will attend").click()
    card.get_by_text("Your answer: attending").wait_for()
    calls.assert_no_row_fetching("meetings", r"/api/v1/meetings/[0-9a-f-]{36}/")
    assert MeetingParticipant.objects.get(meeting=meeting, user=talent).response == "yes"

    # Messages: a report refused without a reason (the message next to the field), then sent;
    # then one message reported on its own (the same form, under that message); then she blocks
    # the other side, after saying yes.
    page.goto(f"{live_server.url}/me/messages/{thread.public_id}")
    page.get_by_text("Welcome, Amal!").wait_for()
    main.get_by_role("button", name="Report this conversation").click()
    main.get_by_role("button", name="Send the report").click()
    page.locator("#connect-reason[aria-invalid='true']").wait_for()
    assert page.locator("#connect-reason-error").inner_text().strip()
    main.get_by_label("What is wrong?").fill("He asks for my passport number.")
    main.get_by_role("button", name="Send the report").click()
    page.get_by_text("Your report is sent to the administrators.").wait_for()
    theirs = main.locator("li.connect-theirs", has=page.get_by_text("Welcome, Amal!"))
    theirs.get_by_role("button", name=re.compile("^Report this message")).click()
    assert theirs.get_by_label("What is wrong?").evaluate("field => field === document.activeElement")
    page.keyboard.type("He wants my address before we ever met.")
    theirs.get_by_role("button", name="Send the report").click()
    theirs.get_by_text("Your report of this message is sent to the administrators.").wait_for()
    check_axe(page, "one message reported")
    main.get_by_role("button", name=f"Block {mentor.first_name}").click()
    main.get_by_role("group", name=re.compile(f"^Block {mentor.first_name}.*\\?")).wait_for()
    check_axe(page, "conversation with the block question")
    main.get_by_role("button", name="Yes, block").click()
    page.get_by_text(f"You blocked {mentor.first_name}").wait_for()
    main.get_by_role("button", name=f"Unblock {mentor.first_name}").wait_for()
    check_axe(page, "blocked conversation")
    shot(page, "app-talent-07-thread-safety")
    reports = MessageReport.objects.filter(thread=thread, reporter=talent)
    assert {(r.message.body if r.message else None, r.reason) for r in reports} == {
        (None, "He asks for my passport number."),
        ("Welcome, Amal! Shall we meet on Tuesday?", "He wants my address before we ever met."),
    }
    assert ThreadParticipant.objects.get(thread=thread, user=talent).blocked_at is not None

    # Connections: her mentor, her project, the employer asking for contact, who saw her CV.
    calls.reset()
    nav.get_by_role("link", name="Connections").click()
    page.get_by_role("heading", level=1, name="My connections").wait_for()
    main.get_by_role("heading", name=re.compile(mentor.first_name)).wait_for()
    main.get_by_role("heading", name="Mentoring to work").wait_for()
    main.get_by_text("Your CV is published").wait_for()
    main.get_by_text("DataBridge BV · viewed your profile").wait_for()
    company = main.locator("li", has=page.get_by_role("heading", name=re.compile("DataBridge BV")))
    company.get_by_text("We look for a data analyst.").wait_for()
    company.get_by_role("button", name=re.compile("^Accept contact")).click()
    company.get_by_text("Contact accepted").wait_for()
    calls.assert_no_row_fetching(
        "connections", r"/api/v1/(matches|employer-connections|projects|me/cv-views)/[0-9a-zA-Z_-]+/"
    )
    check_axe(page, "connections")
    shot(page, "app-talent-08-connections")
    assert EmployerRelation.objects.get(talent=talent, employer=employer).contact == "accepted"

    # Roadmap: she ticks an item of step 1, says she works on it, and records an outcome.
    calls.reset()
    nav.get_by_role("link", name="My roadmap").click()
    page.get_by_role("heading", level=1, name="My roadmap to work").wait_for()
    step = main.locator("li", has=page.get_by_role("heading", name=re.compile("^Step 1:")))
    step.get_by_label("Register with VDAB").check()
    step.get_by_text("Checklist (1 of 1)").wait_for()
    step.get_by_label("Where I stand").select_option("working_on_it")
    step.get_by_role("heading", name=re.compile("Working on it")).wait_for()
    main.get_by_label("What did you find?").select_option("internship")
    main.get_by_label("Since when?").fill(timezone.localdate().isoformat())
    main.get_by_role("button", name="Save the outcome").click()
    page.get_by_text("Outcome saved.").wait_for()
    main.get_by_role("heading", name=re.compile("^An internship")).wait_for()
    calls.assert_no_row_fetching("roadmap", r"/api/v1/journey/(roadmap/steps|outcomes)/[0-9a-f-]+/")
    check_axe(page, "roadmap")
    shot(page, "app-talent-09-roadmap")
    assert ChecklistTick.objects.filter(talent=talent, item_id=ITEM).exists()
    assert Outcome.objects.filter(talent=talent, kind="internship").exists()

    # Networking plan: a first goal.
    calls.reset()
    nav.get_by_role("link", name="Networking plan").click()
    page.get_by_role("heading", level=1, name="My networking plan").wait_for()
    main.get_by_text("No goal yet.").wait_for()
    goal_form = main.get_by_role("form", name="Add a goal")
    goal_form.get_by_label("Goal", exact=True).fill("Meet three data analysts")
    goal_form.get_by_label("How will you measure it?").fill("Three coffees")
    goal_form.get_by_label("By when?").fill((timezone.localdate() + timedelta(days=60)).isoformat())
    goal_form.get_by_role("button", name="Add a goal").click()
    main.get_by_text("Meet three data analysts").first.wait_for()
    calls.assert_no_row_fetching("networking", r"/api/v1/networking/plan/[a-z]+/[0-9a-f-]{36}/")
    check_axe(page, "networking plan")
    shot(page, "app-talent-10-networking")
    assert PlanGoal.objects.filter(description="Meet three data analysts").exists()

    # Change the goal: the same form, prefilled; the server's refusal next to its field first.
    goals = main.get_by_role("region", name="My goals")
    goals.get_by_role("button", name=re.compile("^Change.*Meet three data analysts")).click()
    edit = main.get_by_role("form", name="Change the goal “Meet three data analysts”")
    assert edit.get_by_label("How will you measure it?").input_value() == "Three coffees"
    edit.get_by_label("Goal", exact=True).fill("")
    edit.get_by_role("button", name="Save the changes").click()
    edit.locator("textarea[name=description][aria-invalid=true]").wait_for()
    edit.get_by_label("Goal", exact=True).fill("Meet four data analysts")
    edit.get_by_label("How will you measure it?").fill("Four coffees")
    edit.get_by_role("button", name="Save the changes").click()
    goals.get_by_role("checkbox", name="Meet four data analysts").wait_for()
    goals.get_by_text("target: Four coffees").wait_for()
    goal = PlanGoal.objects.get(plan__talent=talent)
    assert (goal.description, goal.measurable_target) == ("Meet four data analysts", "Four coffees")

    # A contact, then changed; the map drawn around her shows the contacts by name.
    contact_form = main.get_by_role("form", name="Add a contact")
    contact_form.get_by_label("Name").fill("Sara Peeters")
    contact_form.get_by_label("Organisation (optional)").fill("VDAB")
    contact_form.get_by_role("button", name="Add a contact").click()
    contacts = main.get_by_role("region", name="My contacts")
    contacts.get_by_role("heading", name=re.compile("^Sara Peeters")).wait_for()
    contacts.get_by_role("button", name=re.compile("^Change.*Sara Peeters")).click()
    edit = main.get_by_role("form", name="Change the contact “Sara Peeters”")
    assert edit.get_by_label("Organisation (optional)").input_value() == "VDAB"
    edit.get_by_label("Organisation (optional)").fill("DataBridge BV")
    edit.get_by_label("How close are you?").select_option("strong")
    edit.get_by_role("button", name="Save the changes").click()
    contacts.get_by_role("heading", name=re.compile("^Sara Peeters · DataBridge BV")).wait_for()
    contacts.get_by_role("button", name=re.compile("^Change.*Sara Peeters")).wait_for()
    assert PlanContact.objects.filter(
        plan__talent=talent, name="Sara Peeters", organisation="DataBridge BV", tie="strong"
    ).exists()
    map_region = main.get_by_role("region", name="My map")
    map_region.get_by_text("Sara Peeters (Strong tie)", exact=True).wait_for()
    map_region.get_by_role("button", name="A drawing").click()
    drawing = map_region.get_by_role("img", name=re.compile("^Mind map of"))
    drawing.wait_for()
    assert drawing.evaluate("node => node.tagName.toLowerCase()") == "svg"
    assert "Sara Peeters" in drawing.locator("text").all_text_contents()
    assert map_region.get_by_role("button", name="A drawing").get_attribute("aria-pressed") == "true"
    assert drawing.evaluate(MISPLACED) == []
    check_axe(page, "networking plan changed, map drawn")
    shot(page, "app-talent-11-networking-map")
    # In Arabic the drawing is mirrored and its entries still read away from the centre.
    page.evaluate("localStorage.setItem('helix-lang', 'ar')")
    page.goto(f"{live_server.url}/me/networking")
    main.get_by_role("button", name="رسم").click()
    drawing = main.get_by_role("img", name=re.compile("^الخريطة الذهنية"))
    drawing.wait_for()
    assert drawing.evaluate(MISPLACED) == []
    contacts_box = drawing.locator("g.connect-mindmap-contacts rect").bounding_box()
    sara = drawing.get_by_text("Sara Peeters").bounding_box()
    centre = drawing.locator("circle").bounding_box()
    assert (sara["x"] < contacts_box["x"]) == (contacts_box["x"] < centre["x"])  # away from the centre
    check_axe(page, "networking map in Arabic")
    shot(page, "app-talent-11-networking-map-ar")
    page.evaluate("localStorage.setItem('helix-lang', 'en')")
    page.goto(f"{live_server.url}/me/networking")
    page.get_by_role("heading", level=1, name="My networking plan").wait_for()
    # The goal reached (ticked, and still ticked after a reload), then the contact removed.
    goals = main.get_by_role("region", name="My goals")
    goals.get_by_role("checkbox", name="Meet four data analysts").check()
    page.wait_for_load_state("networkidle")
    assert PlanGoal.objects.get(plan__talent=talent).done
    page.reload()
    assert goals.get_by_role("checkbox", name="Meet four data analysts").is_checked()
    contacts = main.get_by_role("region", name="My contacts")
    contacts.get_by_role("button", name=re.compile("^Remove “Sara Peeters")).click()
    contacts.get_by_role("button", name="Yes, remove").click()
    contacts.get_by_role("heading", name=re.compile("^Sara Peeters")).wait_for(state="detached")
    assert not PlanContact.objects.filter(plan__talent=talent).exists()

    # Notification settings: the message text in the e-mails.
    nav.get_by_role("link", name="Notifications").click()
    page.get_by_role("heading", level=1, name="My notifications").wait_for()
    main.get_by_label("Put the message text in the e-mail").wait_for()
    main.get_by_role("group", name="How often?").wait_for()
    main.get_by_role("button", name="Save e-mail settings").click()
    main.get_by_text("Saved.").first.wait_for()
    check_axe(page, "notification settings")

    # Her connections in Arabic (right to left), her roadmap in Dutch.
    page.evaluate("localStorage.setItem('helix-lang', 'ar')")
    page.goto(f"{live_server.url}/me/connections")
    page.get_by_role("heading", level=1, name="علاقاتي").wait_for()
    main.get_by_text("تم قبول التواصل").wait_for()
    page.get_by_text("جارٍ التحميل").first.wait_for(state="detached")
    assert page.locator("html").get_attribute("dir") == "rtl"
    check_axe(page, "connections in Arabic")
    shot(page, "app-talent-connections-ar")
    page.evaluate("localStorage.setItem('helix-lang', 'nl')")
    page.goto(f"{live_server.url}/me/roadmap")
    page.get_by_role("heading", level=1, name="Mijn stappenplan naar werk").wait_for()
    main.get_by_label("Schrijf je in bij VDAB").wait_for()
    page.get_by_text("Laden").first.wait_for(state="detached")
    check_axe(page, "roadmap in Dutch")
    shot(page, "app-talent-roadmap-nl")
