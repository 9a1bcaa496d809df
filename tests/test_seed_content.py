"""The complete information pages that `make run` loads: three languages, real content, idempotent."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from cms.pages import models as page_models
from cms.pages.seed import load_content, seed_pages
from cms.sectors.models import Sector

pytestmark = pytest.mark.django_db

ARABIC = re.compile(r"[\u0600-\u06FF]")
ROADMAP = [
    "orientation",
    "checklist-for-work",
    "trainings",
    "networking-social-media",
    "cv-motivation-letter",
    "job-search",
    "job-interviews",
    "starting-work",
    "integration-at-work",
]


@pytest.fixture
def full_site(db, django_capture_on_commit_callbacks, mailbox, background_tasks):
    for page in Page.objects.filter(depth=2):  # the tests' tiny tree makes room
        page.delete()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    background_tasks()  # the search index, as the workers build it
    return Page.objects.filter(depth__gt=1)


def texts_of(spec, language):
    """Every reader-facing string of a page spec in one language."""
    found = []

    def walk(value):
        if isinstance(value, dict) and set(value) == {"en", "nl", "ar"}:
            chosen = value[language]
            found.extend(chosen if isinstance(chosen, list) else [chosen])
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(spec)
    return found


def test_content_files_are_complete_and_real():
    specs = load_content()
    assert len(specs) >= 36
    for spec in specs:
        english, dutch, arabic = (texts_of(spec, code) for code in ("en", "nl", "ar"))
        assert len(english) == len(dutch) == len(arabic), spec["key"]
        joined = " ".join(english + dutch + arabic).lower()
        for placeholder in ("lorem", "ipsum", "todo", "tbd", "xxx", "all-in-one4her"):
            assert placeholder not in joined, (spec["key"], placeholder)
        # Arabic is Arabic (but for proper names kept in Latin letters, as in English), Dutch is
        # not a copy of the English.
        for en, ar in zip(english, arabic, strict=True):
            assert ARABIC.search(ar) or ar == en or len(ar) < 25, (spec["key"], ar)
        assert spec["intro"]["nl"] != spec["intro"]["en"], spec["key"]
        for url in re.findall(r"url': '([^']+)'", str(spec)):
            assert url.startswith("https://"), (spec["key"], url)


def test_seed_demo_loads_every_page_in_three_languages_once(
    full_site, api, django_capture_on_commit_callbacks
):
    # The core's pages; plugins add their own (the networking guide, the pages for employers).
    core = full_site.filter(content_type__app_label="pages")
    plugin_pages = full_site.exclude(content_type__app_label="pages")
    for code in ("en", "nl", "ar"):
        assert core.filter(locale__language_code=code, live=True).count() == len(load_content())
        assert plugin_pages.filter(locale__language_code=code, live=True).count() == 12
    steps = api.get("/api/v1/pages/?type=pages.RoadmapStepPage&locale=ar&fields=step_number").json()[
        "results"
    ]
    assert [s["step_number"] for s in steps] == list(range(1, 10))
    assert [s["meta"]["slug"] for s in steps] == ROADMAP
    assert all(s["meta"]["dir"] == "rtl" and s["meta"]["translation_status"] == "up_to_date" for s in steps)

    sectors = api.get("/api/v1/pages/?type=pages.SectorPathPage&locale=nl&fields=sector,related_steps").json()
    assert sorted(p["sector"]["slug"] for p in sectors["results"]) == sorted(
        Sector.source_rows().values_list("slug", flat=True)
    )
    for path in sectors["results"]:
        assert path["related_steps"], path["title"]
        assert all(step["value"]["step"]["locale"] == "nl" for step in path["related_steps"])

    mentoring = api.get("/api/v1/pages/find/?html_path=/ar/mentoring/").json()
    kinds = [block["type"] for block in mentoring["body"]]
    assert kinds.count("mentoring_domain") == 6
    steps_block = next(b for b in mentoring["body"] if b["type"] == "steps")
    assert len(steps_block["value"]["steps"]) == 5
    headings = [b["value"]["heading"] for b in mentoring["body"] if b["type"] == "practical_information"]
    assert "منظمات الإرشاد" in headings  # the mentoring organisations

    study = api.get("/api/v1/pages/find/?html_path=/en/study/").json()
    topics = api.get(f"/api/v1/pages/?child_of={study['id']}").json()["results"]
    assert len(topics) == 3
    organisations = api.get("/api/v1/pages/?type=pages.OrganisationPage&locale=ar&fields=role,website").json()
    assert organisations["count"] >= 5 and all(o["role"] for o in organisations["results"])
    for path in ("/en/about/", "/nl/privacy/", "/ar/terms/", "/ar/faq/", "/nl/"):
        assert api.get("/api/v1/pages/find/", {"html_path": path}).status_code == 200, path

    # Every page reads without error, its live blocks included.
    from django.core.cache import cache

    for n, page in enumerate(full_site.filter(live=True)):
        if n % 50 == 0:
            cache.clear()  # more pages than a visitor's rate limit allows in a minute
        assert api.get(f"/api/v1/pages/{page.pk}/").status_code == 200, page

    found = api.get("/api/v1/pages/", {"search": "NARIC", "locale": "ar"}).json()["count"]
    assert found >= 1

    # Seeding again changes nothing and keeps an editor's work (one test: seeding takes a while).
    step = page_models.RoadmapStepPage.objects.get(locale__language_code="en", slug="job-search")
    step.intro = "An editor rewrote this."
    step.save_revision().publish()
    pages, revisions = Page.objects.count(), Revision.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        result = seed_pages()
    assert result.created == [] and result.translated == []
    assert Page.objects.count() == pages and Revision.objects.count() == revisions
    step.refresh_from_db()
    assert step.intro == "An editor rewrote this."
