"""The reference app's employer screens (frontend-contract/app/src/employer) in real Chromium: an
employer with blind listings opens an unnamed talent in her pool, asks for contact; the talent, in
a second browser, accepts on her connections screen; after a reload the employer sees the talent's
name. The pool is one API call (no fetching per row), axe-core finds no serious or critical
violation, and the screens are shown in English, Dutch and Arabic (right to left). Screenshots go
to ``var/artifacts/browser/app-employer-*.png``.

Needs the built app (``frontend-contract/app/dist``); skips without it, except in CI, where it fails.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.test_editor_translates_a_step import browser_page, shot  # noqa: F401
from tests.browser.test_reference_app_accounts import built_app, check_axe, serve_app  # noqa: F401
from tests.browser.test_reference_app_talent import ApiCalls
from tests.files import pdf_bytes, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-Long-test-passw0rd"  # make_user's default
POOL_ROW = r"/api/v1/talent-pool/[0-9a-f-]{36}/"


def log_in(page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/account/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/account")


def settle(page) -> None:
    page.get_by_text(re.compile("Loading|Laden|جارٍ التحميل")).first.wait_for(state="detached")


def test_an_employer_asks_a_blind_listing_for_contact_and_learns_the_name(
    browser_page, live_server, programme, make_user  # noqa: F811
):
    from rest_framework.test import APIClient

    from cms.accounts.actions import grant_consent
    from cms.accounts.models import EmployerProfile
    from cms.sectors.models import Sector
    from plugins.employers import actions, matching
    from plugins.employers.models import EmployerRelation

    talent = programme["talent"]
    employer = make_user("employer", first_name="Wim")
    EmployerProfile.objects.filter(user=employer).update(company="DataBridge BV")
    EmployerProfile.objects.get(user=employer).sectors.set([Sector.source_rows().get(slug="ict")])
    actions.update_details(employer, places=["Ghent"], offers=["jobs"], blind_listings=True)
    # The talent uploads her CV and publishes it to employers (consent); the job connects them, blind.
    client = APIClient()
    client.force_authenticate(talent)
    uploaded = client.put("/api/v1/me/cv/", {"file": upload("cv.pdf", pdf_bytes())}, format="multipart")
    assert uploaded.status_code in (200, 201)
    grant_consent(talent, "cv_publication")
    matching.reconcile_talent(talent)
    name = str(talent)

    page = browser_page
    serve_app(page, live_server)
    calls = ApiCalls(page)
    main = page.locator("#main")
    nav = page.get_by_role("navigation", name="My space")
    log_in(page, live_server, employer.email)

    # Home: nobody asked yet, one new talent in the pool (unnamed).
    calls.reset()
    page.goto(f"{live_server.url}/me/home")
    page.get_by_role("heading", name="Contact requests").wait_for()
    page.get_by_text("1 new in the last two weeks").wait_for()
    settle(page)
    assert name not in page.content()
    calls.assert_no_row_fetching("employer home", POOL_ROW)
    check_axe(page, "employer home")
    shot(page, "app-employer-01-home")

    # The pool: one list call, a blind listing without a name.
    calls.reset()
    nav.get_by_role("link", name="Talent pool").click()
    page.get_by_role("heading", level=1, name="Talent pool").wait_for()
    page.get_by_role("heading", name="1 talents found").wait_for()
    main.get_by_label("Sector").select_option("ict")
    main.get_by_label("Words in competences and experience").fill("analyst")
    with page.expect_response(lambda answer: "/talent-pool/?" in answer.url and "q=analyst" in answer.url):
        main.get_by_role("button", name="Search").click()
    page.get_by_role("heading", name="1 talents found").wait_for()
    listing = main.get_by_role("link", name="Anonymous talent")
    listing.wait_for()
    assert name not in page.content()
    calls.assert_no_row_fetching("talent pool", POOL_ROW)
    assert calls.calls["/api/v1/talent-pool/"] == 2  # the first page, then the search
    check_axe(page, "talent pool")
    shot(page, "app-employer-02-pool")

    # The blind listing: competences, no CV yet, ask for contact (the server's refusal first).
    listing.click()
    page.get_by_role("heading", level=2, name="Anonymous talent").wait_for()
    page.get_by_text("A job as a data analyst.").wait_for()
    page.get_by_text("The CV can be downloaded once the talent accepts your contact.").wait_for()
    main.get_by_role("button", name="Send the request").click()
    error = page.locator("#employer-contact-error")
    error.wait_for()
    assert page.locator("#employer-contact-message").get_attribute("aria-invalid") == "true"
    main.get_by_label("Your message to the talent").fill(
        "Hello, we are DataBridge in Ghent and look for a data analyst. Could we talk?"
    )
    main.get_by_role("button", name="Send the request").click()
    page.get_by_text("Your request is sent.").wait_for()
    page.get_by_text("Asked, waiting for the talent").first.wait_for()
    assert EmployerRelation.objects.get(employer=employer, talent=talent).contact == "requested"
    check_axe(page, "blind talent")
    shot(page, "app-employer-03-asked")

    # The talent, in her own browser, accepts on her connections screen.
    other = page.context.browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
    try:
        talent_page = other.new_page()
        talent_page.set_default_timeout(20_000)
        serve_app(talent_page, live_server)
        log_in(talent_page, live_server, talent.email)
        talent_page.goto(f"{live_server.url}/me/connections")
        accept = talent_page.get_by_role("button", name=re.compile("^Accept contact"))
        accept.click()
        accept.wait_for(state="detached")
    finally:
        other.close()
    assert EmployerRelation.objects.get(employer=employer, talent=talent).contact == "accepted"

    # Back in the employer's page: after a reload the talent is named, and the CV can be downloaded.
    page.reload()
    page.get_by_role("heading", level=2, name=re.compile(name)).wait_for()
    page.get_by_text("The talent accepted your contact.").wait_for()
    with page.expect_download() as download:
        main.get_by_role("button", name="Download the CV").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    check_axe(page, "named talent")
    shot(page, "app-employer-04-named")

    # The home shows the accepted contact.
    page.goto(f"{live_server.url}/me/home")
    page.get_by_role("link", name=name).first.wait_for()
    page.get_by_text("Accepted: you can write to them").wait_for()
    settle(page)

    # Company profile and a vacancy.
    nav.get_by_role("link", name="Company profile").click()
    page.get_by_role("heading", level=2, name="What you offer in the talent pool").wait_for()
    assert main.get_by_label("Company name").input_value() == "DataBridge BV"
    assert main.get_by_label(re.compile("^Blind listings")).is_checked()
    check_axe(page, "company profile")
    shot(page, "app-employer-05-company")

    nav.get_by_role("link", name="Our vacancies").click()
    page.get_by_role("heading", level=2, name="Write a post").wait_for()
    main.get_by_label("Title").fill("Junior data analyst")
    main.get_by_label("Summary").fill("Analyse open data with us in Ghent.")
    main.get_by_label(re.compile("^Link to the original")).fill("https://example.org/jobs/analyst")
    main.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Published: “Junior data analyst”").wait_for()
    page.get_by_role("heading", level=3, name="Junior data analyst").wait_for()
    check_axe(page, "vacancies")
    shot(page, "app-employer-06-vacancies")

    # Dutch and Arabic (right to left).
    page.evaluate("localStorage.setItem('helix-lang', 'nl')")
    page.goto(f"{live_server.url}/me/talent-pool")
    page.get_by_role("heading", level=1, name="Talentenpool").wait_for()
    page.get_by_role("heading", name="1 talenten gevonden").wait_for()
    page.get_by_role("link", name=re.compile(name)).wait_for()
    check_axe(page, "talent pool in Dutch")
    shot(page, "app-employer-07-pool-nl")

    page.evaluate("localStorage.setItem('helix-lang', 'ar')")
    page.goto(f"{live_server.url}/me/home")
    page.get_by_role("heading", name="طلبات التواصل").wait_for()
    page.get_by_text("مقبول: يمكنك مراسلته").wait_for()
    settle(page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    check_axe(page, "employer home in Arabic")
    shot(page, "app-employer-08-home-ar")
