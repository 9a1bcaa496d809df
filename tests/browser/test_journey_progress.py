"""A talent works on her roadmap in Arabic through the API, and her organisation's staff member
sees the project's roadmap progress change on the back office's dashboard (real Chromium).

The project has six more talents who finished step 1, so the "Done" cell of step 1 counts at
least *k* = 5 people and is published (the default ``HELIX_IMPACT_MIN_CELL``; no override).
Ticking a checklist item alone does not move the figure: "Roadmap progress" counts the status
each talent gives a step (done, working on it), not ticks. The test checks both.

Screenshots are saved in ``var/artifacts/browser/journey-*.png``.
"""

from __future__ import annotations

import uuid

import pytest

from tests.browser.test_back_office import sign_in
from tests.browser.test_editor_translates_a_step import browser_page, shot  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ITEM = uuid.UUID("11111111-1111-4111-8111-aaaaaaaaaaaa")
ITEM_TEXTS = {"en": "Register with VDAB", "nl": "Schrijf je in bij VDAB", "ar": "سجّل لدى VDAB"}
OTHERS = 6


def _roadmap_with_a_checklist() -> None:
    """The tests' tiny page tree, with one checklist item on step 1 in every language (the same
    block id, as wagtail-localize keeps it)."""
    from cms.pages.models import HomePage, RoadmapStepPage
    from tests.pages import seed_tiny_tree

    if not HomePage.objects.exists():
        seed_tiny_tree()
    for page in RoadmapStepPage.objects.filter(step_number=1):
        text = ITEM_TEXTS[page.locale.language_code]
        page.checklist = [{"type": "item", "value": {"text": text, "details": ""}, "id": str(ITEM)}]
        page.save()


def _progress(page) -> dict[str, list[str]]:
    """The "Roadmap progress" table: each step's row, its cells as shown ("Done", "Working on it")."""
    section = page.locator('section[data-figure="journey.progress"]')
    section.scroll_into_view_if_needed()
    if section.locator("details").get_attribute("open") is None:
        section.locator("summary").click()
    table = section.locator('table[data-figure-table="journey.progress"]')
    rows = {}
    for index in range(table.locator("tbody tr").count()):
        row = table.locator("tbody tr").nth(index)
        cells = row.locator("td").all_inner_texts()
        rows[row.locator("th").inner_text().strip()] = [cell.strip() for cell in cells]
    return rows


def _open_dashboard(page, live_server, project) -> dict[str, list[str]]:
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{live_server.url}/admin/dashboard/")
    page.select_option("select[name=project]", label=project.name)
    page.get_by_role("button", name="Show", exact=True).click()
    page.wait_for_url(f"**/admin/dashboard/?*project={project.pk}*")
    page.wait_for_function(
        "() => [...document.querySelectorAll('canvas[data-chart]')].every(c => window.Chart.getChart(c))"
    )
    return _progress(page)


def test_staff_see_the_progress_a_talent_makes_in_arabic(
    browser_page, live_server, make_user, client_for  # noqa: F811
):
    from cms.organisations.actions import create_project
    from cms.organisations.models import Organisation, ProjectMembership
    from cms.pages.models import RoadmapStepPage
    from plugins.journey.models import ChecklistTick, StepStatus

    _roadmap_with_a_checklist()
    step = RoadmapStepPage.objects.get(step_number=1, locale__language_code="en")
    staff = make_user("organisation", mfa=True, email="coordinator@helix.example", first_name="Sara")
    organisation = Organisation.objects.get(staff=staff)
    project = create_project(organisation, by=staff, name="Werkbrug Gent", slug="werkbrug-gent")
    amal = make_user("talent", email="amal@helix.example", first_name="Amal")
    amal.__class__.objects.filter(pk=amal.pk).update(preferred_language="ar")
    others = [make_user("talent") for _ in range(OTHERS)]
    for talent in [amal, *others]:
        ProjectMembership.objects.create(project=project, user=talent, status=ProjectMembership.Status.ACTIVE)
    for talent in others:
        StepStatus.objects.create(talent=talent, step_key=step.translation_key, status=StepStatus.Status.DONE)

    page = browser_page
    sign_in(page, live_server, staff)
    before = _open_dashboard(page, live_server, project)
    label = f"1. {step.title}"
    assert before[label] == [str(OTHERS), "0"], before  # six done: published, not "< 5"
    shot(page, "journey-progress-before")

    # Amal ticks the checklist item in Arabic: the answer is in Arabic, and the figure is the same.
    api = client_for(amal, language="ar")
    roadmap = api.get("/api/v1/journey/roadmap/")
    assert roadmap.status_code == 200
    assert ITEM_TEXTS["ar"] in roadmap.content.decode()
    ticked = api.put(f"/api/v1/journey/roadmap/items/{ITEM}/")
    assert ticked.status_code == 200, ticked.content
    assert ChecklistTick.objects.filter(talent=amal, item_id=ITEM).exists()
    assert _open_dashboard(page, live_server, project)[label] == [str(OTHERS), "0"]

    # She marks step 1 done: one more talent in the "Done" cell.
    done = api.put("/api/v1/journey/roadmap/steps/1/", {"status": "done"}, format="json")
    assert done.status_code == 200, done.content
    after = _open_dashboard(page, live_server, project)
    assert after[label] == [str(OTHERS + 1), "0"], after
    shot(page, "journey-progress-after")
