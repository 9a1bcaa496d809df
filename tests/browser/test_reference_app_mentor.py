"""The reference app's mentor screens (frontend-contract/app/src/mentor) in real Chromium: a mentor
logs in, sees his mentee on his home and in his mentees list (one API call, no fetching per
row), opens her file, comments on her networking plan and files the 5-step report of a meeting
they held; both are stored and shown. He plans the next meeting, saves his mentoring profile,
and sees the posts and messages screens. He publishes a post of his own with the shared post
writer and changes its title. axe-core finds no serious or critical violation on any
screen, and the mentee's file is shown in English, Dutch and Arabic (right to left).
Screenshots go to ``var/artifacts/browser/app-mentor-*.png``.

Needs the built app (``frontend-contract/app/dist``); skips without it, except in CI, where it fails.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.test_editor_translates_a_step import browser_page, shot  # noqa: F401
from tests.browser.test_reference_app_accounts import built_app, check_axe, serve_app  # noqa: F401
from tests.browser.test_reference_app_talent import ApiCalls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-Long-test-passw0rd"  # make_user's default
DETAIL = r"/api/v1/(talents|matches|meetings|networking/plans|journey/talents)/[0-9a-f-]{36}/.*"


def test_a_mentor_sees_his_mentee_comments_on_her_plan_and_files_a_report(
    browser_page,  # noqa: F811
    live_server,
    programme,
):
    from plugins.mentoring.actions.matching import propose_match
    from plugins.mentoring.actions.meetings import plan_meeting
    from plugins.mentoring.models import Meeting, MeetingReport
    from plugins.networking.models import PlanComment
    from plugins.posts.actions import create_post
    from plugins.posts.models import Suggestion

    talent, mentor, staff = programme["talent"], programme["mentor"], programme["staff"]
    match = propose_match(
        staff, kind="talent_mentor", talent=talent, mentor=mentor, project=programme["project"]
    )
    soon = timezone.now() + timedelta(days=1)
    held = plan_meeting(
        mentor,
        [match],
        {
            "title": "First session",
            "kind": "session",
            "starts_at": soon,
            "ends_at": soon + timedelta(hours=1),
        },
    )
    # The meeting took place yesterday (plan_meeting refuses a start in the past).
    yesterday = timezone.now() - timedelta(days=1)
    Meeting.objects.filter(pk=held.pk).update(starts_at=yesterday, ends_at=yesterday + timedelta(hours=1))
    # The organisation invites both to a matching meeting: an invitation waiting for his answer.
    later = timezone.now() + timedelta(days=2)
    invitation = plan_meeting(
        staff,
        [match],
        {
            "title": "Matching meeting",
            "kind": "matching",
            "starts_at": later,
            "ends_at": later + timedelta(hours=1),
        },
    )

    vacancy = create_post(
        staff,
        {
            "type": "vacancy",
            "locale": "en",
            "title": "Junior data analyst in Ghent",
            "summary": "Analyse open data for the city; Dutch B1 is enough.",
            "link": "https://example.org/jobs/data-analyst",
            "city": "Ghent",
        },
    )

    page = browser_page
    serve_app(page, live_server)
    calls = ApiCalls(page)
    main = page.locator("#main")
    menu = page.get_by_role("navigation", name="My space")

    # Log in.
    page.goto(f"{live_server.url}/account/login")
    page.get_by_label("E-mail address").fill(mentor.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/account")

    # Home: the invitation to answer, the active mentee and the report waiting to be written.
    page.goto(f"{live_server.url}/me/home")
    page.get_by_role("heading", name="Waiting for an answer").wait_for()
    main.get_by_text(f"Invitation from {staff}").wait_for()
    page.get_by_role("heading", name="Active mentees").wait_for()
    main.get_by_role("link", name=talent.get_full_name()).wait_for()
    page.get_by_role("heading", name="Reports to write").wait_for()
    main.get_by_role("link", name=re.compile("^Write the report")).wait_for()
    page.get_by_text("Loading…").first.wait_for(state="detached")
    check_axe(page, "mentor home")
    shot(page, "app-mentor-01-home")
    main.get_by_role("button", name=re.compile("^I will attend")).click()
    main.get_by_text("Nothing is waiting.").wait_for()
    from plugins.mentoring.models import MeetingParticipant

    assert MeetingParticipant.objects.get(meeting=invitation, user=mentor).response == "yes"

    # My mentees: one list call, no call per mentee.
    calls.reset()
    menu.get_by_role("link", name="My mentees").click()
    page.get_by_role("heading", level=1, name="My mentees").wait_for()
    page.get_by_role("heading", level=2, name=talent.get_full_name()).wait_for()
    calls.assert_no_row_fetching("mentees", DETAIL)
    assert calls.calls["/api/v1/matches/"] == 1
    check_axe(page, "my mentees")
    shot(page, "app-mentor-02-mentees")

    # Her file: profile, plan, meetings.
    main.get_by_role("link", name=re.compile(f"^Open {talent.first_name}")).click()
    page.get_by_role("heading", name="Profile").wait_for()
    page.get_by_text("A job as a data analyst.").wait_for()
    page.get_by_role("heading", name="Networking plan").wait_for()

    # Comment on her networking plan.
    main.get_by_label("Your comment on the plan").fill("Start with three informational interviews.")
    main.get_by_role("button", name="Post the comment").click()
    page.get_by_text("Comment posted").wait_for()
    main.get_by_text("Start with three informational interviews.").wait_for()
    assert PlanComment.objects.filter(
        plan__talent=talent, author=mentor, body__startswith="Start with three"
    ).exists()

    # A note on the first step of her roadmap: she reads it on hers.
    from plugins.journey.models import StepNote

    main.get_by_text(re.compile("^Add a note to step 1")).click()
    main.get_by_label("Your note on step 1").fill("Book the orientation talk this month.")
    main.get_by_role("button", name="Save the note").click()
    page.get_by_text("Note saved").wait_for()
    main.get_by_text("Book the orientation talk this month.").wait_for()
    assert StepNote.objects.filter(author=mentor, body__startswith="Book the orientation").exists()

    # File the 5-step report of the held meeting.
    main.get_by_role("button", name=re.compile("^Write the report")).click()
    main.get_by_label("1. Rapport").fill("We got on well; she is motivated.")
    main.get_by_label("2. Goal").fill("A CV for data analyst vacancies.")
    main.get_by_label("3. Plan").fill("Rewrite the CV around three projects.")
    main.get_by_label("4. Next steps").fill("She sends the new CV by Friday.")
    main.get_by_label("5. Evaluation").fill("A good first session.")
    main.get_by_role("button", name="File the report").click()
    page.get_by_text("Report filed.").wait_for()
    main.get_by_text("Rewrite the CV around three projects.").wait_for()
    report = MeetingReport.objects.get(meeting=held)
    assert (report.rapport, report.plan, report.evaluation, report.author) == (
        "We got on well; she is motivated.",
        "Rewrite the CV around three projects.",
        "A good first session.",
        mentor,
    )
    page.get_by_text("Loading…").first.wait_for(state="detached")
    check_axe(page, "mentee file")
    shot(page, "app-mentor-en")

    # Plan the next meeting.
    menu.get_by_role("link", name="Meetings and reports").click()
    page.get_by_role("heading", name="Plan a meeting").wait_for()
    # Sent empty: the server's refusals appear next to the title and the times.
    main.get_by_role("button", name="Plan and send the invitations").click()
    page.locator("#mentor-plan-title-field[aria-invalid='true']").wait_for()
    page.locator("#mentor-plan-title-field-error").wait_for()
    page.locator("#mentor-plan-starts[aria-invalid='true']").wait_for()
    main.get_by_label(talent.get_full_name()).check()
    main.get_by_label("Title", exact=True).fill("Second session")
    starts = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT10:00")
    main.get_by_label("Starts").fill(starts)
    main.get_by_role("button", name="Plan and send the invitations").click()
    page.get_by_text("Planned; the invitations are sent by e-mail.").wait_for()
    page.get_by_role("heading", name="Second session").wait_for()
    assert Meeting.objects.filter(planner=mentor, title="Second session").exists()
    check_axe(page, "meetings")
    shot(page, "app-mentor-03-meetings")

    # The mentoring profile: what he helps with.
    menu.get_by_role("link", name="Mentoring profile").click()
    page.get_by_role("heading", name="What I help with").wait_for()
    main.get_by_label("The CV").check()
    main.get_by_role("button", name="Save what I help with").click()
    page.get_by_text("Saved.").wait_for()
    from plugins.mentoring.models import MentoringProfile

    assert "cv" in MentoringProfile.objects.get(user=mentor).domains
    check_axe(page, "mentoring profile")
    shot(page, "app-mentor-04-profile")

    # Suggest a post to her, then the shared messages screen.
    menu.get_by_role("link", name="Share posts").click()
    page.get_by_role("heading", name="Suggest a post to a mentee").wait_for()
    page.get_by_role("heading", name=vacancy.title).wait_for()
    page.get_by_text("Loading…").first.wait_for(state="detached")
    main.get_by_label("Mentee", exact=True).select_option(label=talent.get_full_name())
    main.get_by_label("Note for your mentee").fill("This fits your CV.")
    card = main.locator("article", has=page.get_by_role("heading", name=vacancy.title))
    card.get_by_role("button", name=re.compile("^Suggest")).click()
    main.get_by_text(f"Suggested to {talent.get_full_name()}.").wait_for()
    assert Suggestion.objects.filter(
        post=vacancy, talent=talent, suggested_by=mentor, note="This fits your CV."
    ).exists()
    check_axe(page, "posts")
    shot(page, "app-mentor-05-posts")

    # Publish a post of his own with the shared post writer, then change its title.
    from plugins.posts.models import Post

    page.get_by_role("heading", level=2, name="Publish a post").wait_for()
    main.get_by_label("Type").select_option("study")
    main.get_by_label("Title").fill("Evening course in SQL")
    main.get_by_label("Summary").fill("Twelve evenings in Ghent; free for jobseekers.")
    main.get_by_label(re.compile("^Link to the original")).fill("https://example.org/courses/sql")
    main.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Published: “Evening course in SQL”").wait_for()
    mine = main.get_by_role("region", name="My posts")
    card = mine.locator("article", has=page.get_by_role("heading", name="Evening course in SQL"))
    card.get_by_text("Published", exact=True).wait_for()
    card.get_by_role("button", name=re.compile("^Change")).click()
    form = page.locator("form", has=page.get_by_role("heading", name="Change “Evening course in SQL”"))
    assert form.get_by_label("Summary").input_value() == "Twelve evenings in Ghent; free for jobseekers."
    form.get_by_label("Title").fill("Evening course in SQL and Python")
    form.get_by_role("button", name="Save the changes").click()
    page.get_by_text("“Evening course in SQL and Python” is saved.").wait_for()
    mine.get_by_role("heading", name="Evening course in SQL and Python").wait_for()
    post = Post.objects.get(author=mentor, title="Evening course in SQL and Python")
    assert post.type == "study" and post.status == "published"
    check_axe(page, "post changed")
    menu.get_by_role("link", name="Messages").click()
    page.get_by_role("heading", level=1, name="My messages").wait_for()
    check_axe(page, "messages")

    # The mentee's file in Dutch and in Arabic (right to left).
    for lang, plan_heading, filed, loading in (
        ("nl", "Netwerkplan", "Verslag ingediend", "Bezig met laden…"),
        ("ar", "خطة بناء العلاقات", "قُدّم التقرير", "جارٍ التحميل…"),
    ):
        page.evaluate(f"localStorage.setItem('helix-lang', '{lang}')")
        page.goto(f"{live_server.url}/me/mentees/{match.public_id}")
        page.get_by_role("heading", name=plan_heading).wait_for()
        main.get_by_text("Start with three informational interviews.").wait_for()
        main.get_by_text(filed).first.wait_for()
        page.get_by_text(loading).first.wait_for(state="detached")
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        check_axe(page, f"mentee file ({lang})")
        shot(page, f"app-mentor-{lang}")
