"""The back office in real Chromium: an admin approves a Dutch-speaking organisation (who is
told in Dutch), takes "Publish posts" from mentors and gives it back (the API follows at once),
reads the dashboard's charts drawn from the demo data, in English and in Arabic right to left,
and organisation staff propose a match from a suggestion on the matching board.

Screenshots of every screen are saved in ``var/artifacts/browser/backoffice-*.png``.
"""

from __future__ import annotations

import pytest

from tests.browser.test_editor_translates_a_step import browser_page, current_totp, shot  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-Long-test-passw0rd"
POST = {"type": "tool", "title": "A CV template", "summary": "A template in Dutch.",
        "body": "<p>Use it.</p>", "language": "en", "link": "https://example.org/cv"}


def sign_in(page, live_server, user, password: str = PASSWORD, then: str = "/admin/") -> None:
    """Through the real login form and the second factor, as a person does."""
    page.goto(f"{live_server.url}{then}")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_selector("input[name=code]")
    page.fill("input[name=code]", current_totp(user))
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/admin/**")


def success_message(page) -> str:
    page.wait_for_selector(".messages .success")
    return page.locator(".messages .success").first.inner_text().strip()


def test_an_admin_approves_an_organisation_which_is_told_in_dutch(
    browser_page, live_server, make_user, sent  # noqa: F811
):
    from cms.accounts.models import ApprovalStatus, User
    from cms.organisations.models import Organisation
    from cms.outbox.models import OutboxMessage

    page = browser_page
    admin = make_user("admin", mfa=True, email="approver@helix.example")
    applicant = make_user("organisation", approved=False, email="aanvraag@helix.example",
                          first_name="Ine")
    User.objects.filter(pk=applicant.pk).update(preferred_language="nl")
    Organisation.objects.filter(staff=applicant).update(name="Werkbrug Gent", city="Gent")
    sign_in(page, live_server, admin)

    page.goto(f"{live_server.url}/admin/approvals/")
    row = page.locator(f'tr[data-account="{applicant.public_id}"]')
    assert "Werkbrug Gent" in row.inner_text()
    row.locator("input[name=accounts]").check()
    page.fill("#approval-note", "Welkom bij Helix!")
    shot(page, "backoffice-approvals")
    page.get_by_role("button", name="Approve the chosen accounts").click()
    assert success_message(page) == "1 account approved."
    page.wait_for_selector("[data-helix-approvals-empty]")

    applicant.refresh_from_db()
    assert applicant.approval_status == ApprovalStatus.APPROVED
    assert Organisation.objects.get(staff=applicant).status == ApprovalStatus.APPROVED
    # The outbox holds the e-mail, written in the applicant's language; the worker sends it.
    row = OutboxMessage.objects.get(
        actor_name="mail.send", key__startswith=f"account-decision:{applicant.pk}:"
    )
    assert row.done_at is None
    mails = [m for m in sent() if m.to == [applicant.email]]
    assert len(mails) == 1
    assert "goedgekeurd" in mails[0].subject
    assert "Welkom bij Helix!" in mails[0].body


def test_taking_publish_posts_from_mentors_refuses_their_posts_until_it_is_given_back(
    browser_page, live_server, make_user, client_for  # noqa: F811
):
    from cms.accounts.models import User

    page = browser_page
    admin = make_user("admin", mfa=True, email="roles@helix.example")
    mentor = make_user("mentor", email="mentor-posts@helix.example")

    def post_as_mentor():  # a fresh account each time, as a new request loads it
        return client_for(User.objects.get(pk=mentor.pk)).post("/api/v1/posts/", POST, format="json")

    sign_in(page, live_server, admin)
    page.goto(f"{live_server.url}/admin/roles/")
    box = page.locator('input[name="mentor:posts.publish_post"]')
    assert box.is_checked()
    box.uncheck()
    page.locator('tr[data-capability="posts.publish_post"]').scroll_into_view_if_needed()
    shot(page, "backoffice-roles")
    page.locator("form[data-helix-roles] button[type=submit]").click()
    assert success_message(page) == "Saved: 1 changes."
    assert not page.locator('input[name="mentor:posts.publish_post"]').is_checked()

    refused = post_as_mentor()
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "capability_missing"

    page.locator('input[name="mentor:posts.publish_post"]').check()
    page.locator("form[data-helix-roles] button[type=submit]").click()
    assert success_message(page) == "Saved: 1 changes."
    assert post_as_mentor().status_code == 201


def _seed_demo():
    """The demo content, as ``make run`` loads it (the tests' tiny page tree makes room)."""
    from django.core.management import call_command
    from wagtail.models import Page

    for root in Page.objects.filter(depth=2):
        root.delete()
    call_command("seed_demo", verbosity=0)


def _charts_drawn(page) -> dict[str, int]:
    """Each dashboard chart's number of painted pixels (Chart.js drew into its canvas)."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('canvas[data-chart]')].map(c => {
            const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let painted = 0;
            for (let i = 3; i < pixels.length; i += 4) { if (pixels[i]) painted++; }
            return [c.dataset.chart, window.Chart.getChart(c) ? painted : -1];
        }))"""
    )


def _open_dashboard(page, live_server) -> dict[str, int]:
    page.emulate_media(reduced_motion="reduce")  # Chart.js draws at once, without animation
    page.goto(f"{live_server.url}/admin/dashboard/")
    page.wait_for_function(
        "() => [...document.querySelectorAll('canvas[data-chart]')].every(c => window.Chart.getChart(c))"
    )
    return _charts_drawn(page)


def test_the_dashboard_draws_the_demo_data_with_a_table_for_each_chart(
    browser_page, live_server  # noqa: F811
):
    from cms.accounts.models import User

    _seed_demo()
    page = browser_page
    admin = User.objects.get(email="admin@helix.example")
    sign_in(page, live_server, admin, password="helix-demo-2026")

    drawn = _open_dashboard(page, live_server)
    figures = page.locator("section[data-figure]")
    keys = [figures.nth(i).get_attribute("data-figure") for i in range(figures.count())]
    assert {"core.signups", "core.approvals", "core.connections", "core.time_to_match"} <= set(keys)
    assert sorted(drawn) == sorted(keys)
    assert all(painted > 0 for painted in drawn.values()), drawn
    shot(page, "backoffice-dashboard")
    shot(page, "dashboard")
    for key in keys:  # each chart has its table, opened from its summary
        section = page.locator(f'section[data-figure="{key}"]')
        section.locator("summary").click()
        table = section.locator(f'table[data-figure-table="{key}"]')
        assert table.is_visible()
        if key.startswith("core."):  # the demo has accounts, a waiting organisation, a match
            assert table.locator("tbody tr").count() > 0, key
    signups = page.locator('table[data-figure-table="core.signups"] td').all_inner_texts()
    assert sum(int(value) for value in signups) > 0
    page.locator('section[data-figure="core.signups"]').scroll_into_view_if_needed()
    shot(page, "backoffice-dashboard-table")


def test_the_admin_in_arabic_is_right_to_left(browser_page, live_server, make_user):  # noqa: F811
    from wagtail.users.models import UserProfile

    from cms.accounts.models import User

    page = browser_page
    admin = make_user("admin", mfa=True, email="arabic-admin@helix.example", first_name="Layla")
    User.objects.filter(pk=admin.pk).update(preferred_language="ar")
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "ar"
    profile.save()
    sign_in(page, live_server, admin)

    page.goto(f"{live_server.url}/admin/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    shot(page, "backoffice-home-ar")

    drawn = _open_dashboard(page, live_server)
    assert page.locator("html[dir=rtl]").count() == 1
    assert page.locator("h1").first.inner_text().strip() == "لوحة المعلومات"
    assert page.get_by_role("button", name="اعرض", exact=True).is_visible()
    assert page.locator("summary", has_text="اعرض الأرقام في جدول").count() == len(drawn)
    assert all(painted > 0 for painted in drawn.values()), drawn
    shot(page, "backoffice-dashboard-ar")


def test_organisation_staff_propose_a_match_from_a_suggestion(
    browser_page, live_server, programme, sent  # noqa: F811
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from cms.connections.models import Connection
    from plugins.mentoring.actions.matching import create_request
    from plugins.mentoring.models import MentorshipRequest

    page = browser_page
    staff, talent, mentor = programme["staff"], programme["talent"], programme["mentor"]
    TOTP.activate(staff, generate_totp_secret())  # staff enter the back office with a second factor
    request = create_request(
        talent, domains=["cv", "interview"], languages=["nl"], project=programme["project"]
    )
    sign_in(page, live_server, staff)

    page.goto(f"{live_server.url}/admin/matching/")
    page.wait_for_selector(f'[data-request="{request.public_id}"]')
    shot(page, "backoffice-matching")
    page.goto(f"{live_server.url}/admin/matching/requests/{request.public_id}/")
    suggestion = page.locator(f'tr[data-suggestion="{mentor.public_id}"]')
    assert "Shared sectors" in suggestion.inner_text()
    suggestion.locator("input[name=note]").fill("Pieter kent de ICT-sector in Gent.")
    shot(page, "backoffice-matching-suggestions")
    suggestion.get_by_role("button", name="Propose this match").click()
    page.wait_for_url(f"{live_server.url}/admin/matching/connections/**")
    match = Connection.objects.get(talent=talent, mentor=mentor)
    assert page.url.endswith(f"/admin/matching/connections/{match.public_id}/")
    assert "matched; both receive an e-mail" in success_message(page)
    page.wait_for_selector('[data-event="activated"]')
    shot(page, "backoffice-matching-timeline")

    assert match.state == Connection.State.ACTIVE
    assert MentorshipRequest.objects.get(pk=request.pk).status == MentorshipRequest.Status.MATCHED
    mails = {m.to[0]: m for m in sent()}
    assert mails[talent.email].subject == "تطابقك على Helix نشط"
    assert mails[mentor.email].subject == "Je match op Helix is actief"


def test_organisation_staff_switch_a_plugin_off_for_their_project(
    browser_page, live_server, programme, client_for  # noqa: F811
):
    """Staff switch posts off for their project in the back office: the plugin's routes answer
    404 for that project at once (and the switch is in the audit log); on again, they answer."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from cms.audit.models import AuditEntry

    page = browser_page
    staff, project = programme["staff"], programme["project"]
    TOTP.activate(staff, generate_totp_secret())
    app = client_for(programme["talent"])

    def posts_in_project():
        return app.get("/api/v1/posts/", HTTP_X_HELIX_PROJECT=project.slug).status_code

    assert posts_in_project() == 200
    sign_in(page, live_server, staff)
    page.goto(f"{live_server.url}/admin/organisations/projects/{project.pk}/")
    row = page.locator('tr[data-plugin="posts"]')
    assert row.get_attribute("data-enabled") == "true"
    shot(page, "backoffice-project-plugins")
    row.get_by_role("button", name="Switch off").click()
    page.wait_for_selector('tr[data-plugin="posts"][data-enabled="false"]')

    assert posts_in_project() == 404
    assert AuditEntry.objects.filter(actor=staff, action="plugin.disabled").exists()
    page.locator('tr[data-plugin="posts"]').get_by_role("button", name="Switch on").click()
    page.wait_for_selector('tr[data-plugin="posts"][data-enabled="true"]')
    assert posts_in_project() == 200
