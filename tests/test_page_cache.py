"""The page API's answer cache (cms/pages/cache.py): a repeated read costs no page queries, and
no change is ever hidden by it: publish, unpublish, move, private pages, translation edits and
syncs, sectors; drafts and readers' personal blocks are never stored."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def read(api, url, **headers):
    answer = api.get(url, **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()})
    return answer


def page_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "wagtailcore_page" in q["sql"]]


def test_a_repeated_read_is_answered_without_building_the_page(api, page_tree):
    page = page_tree["roadmap/job-search"]["nl"]
    first = read(api, f"/api/v1/pages/{page.pk}/")
    with CaptureQueriesContext(connection) as again:
        second = read(api, f"/api/v1/pages/{page.pk}/")
    assert second.status_code == 200 and second.json() == first.json()
    assert second["ETag"] == first["ETag"]
    assert page_queries(again) == []
    with CaptureQueriesContext(connection) as conditional:
        not_modified = read(api, f"/api/v1/pages/{page.pk}/", If_None_Match=first["ETag"])
    assert not_modified.status_code == 304 and page_queries(conditional) == []


def test_each_language_and_query_has_its_own_answer(api, page_tree):
    english = read(api, "/api/v1/pages/?type=pages.RoadmapStepPage&locale=en").json()
    arabic = read(api, "/api/v1/pages/?type=pages.RoadmapStepPage&locale=ar").json()
    assert english != arabic
    step = page_tree["roadmap/job-search"]["en"]
    dutch = read(api, f"/api/v1/pages/{step.pk}/?locale=nl", Accept_Language="nl").json()
    assert dutch["title"] == "Werk zoeken"
    assert read(api, f"/api/v1/pages/{step.pk}/").json()["title"] == "Job search"


def test_publishing_changes_the_next_answer(api, page_tree):
    page = page_tree["roadmap/job-search"]["en"]
    before = read(api, f"/api/v1/pages/{page.pk}/")
    read(api, "/api/v1/pages/?type=pages.RoadmapStepPage&locale=en")
    page.title = "Job search, revised"
    page.save_revision().publish()
    after = read(api, f"/api/v1/pages/{page.pk}/")
    assert after.json()["title"] == "Job search, revised" and after["ETag"] != before["ETag"]
    assert read(api, f"/api/v1/pages/{page.pk}/", If_None_Match=before["ETag"]).status_code == 200
    listed = read(api, "/api/v1/pages/?type=pages.RoadmapStepPage&locale=en").json()["results"]
    assert "Job search, revised" in [item["title"] for item in listed]


def test_a_draft_is_never_answered(api, page_tree):
    page = page_tree["roadmap/job-search"]["en"]
    read(api, f"/api/v1/pages/{page.pk}/")
    page.title = "A draft nobody may read"
    page.save_revision()  # saved, not published
    assert read(api, f"/api/v1/pages/{page.pk}/").json()["title"] != "A draft nobody may read"


def test_unpublishing_and_making_private_remove_the_page_at_once(api, page_tree):
    page = page_tree["roadmap/job-search"]["nl"]
    other = page_tree["roadmap/job-search"]["ar"]
    assert read(api, f"/api/v1/pages/{page.pk}/").status_code == 200
    assert read(api, f"/api/v1/pages/{other.pk}/").status_code == 200
    page.unpublish()
    assert read(api, f"/api/v1/pages/{page.pk}/").status_code == 404
    PageViewRestriction.objects.create(page=other, restriction_type=PageViewRestriction.LOGIN)
    assert read(api, f"/api/v1/pages/{other.pk}/").status_code == 404


def test_a_move_changes_the_path(api, page_tree):
    step = page_tree["roadmap/job-search"]["en"]
    before = read(api, f"/api/v1/pages/{step.pk}/").json()["meta"]["html_path"]
    step.move(page_tree["sectors/ict"]["en"].get_parent(), pos="last-child")
    after = read(api, f"/api/v1/pages/{step.pk}/").json()["meta"]["html_path"]
    assert before != after


def test_a_translation_edit_changes_the_translation_status(api, page_tree):
    """Publishing the source makes its translations outdated: their cached answers go."""
    arabic = page_tree["roadmap/job-search"]["ar"]
    assert read(api, f"/api/v1/pages/{arabic.pk}/").json()["meta"]["translation_status"] == "up_to_date"
    source = page_tree["roadmap/job-search"]["en"]
    source.intro = "Find vacancies that fit your degree."
    source.save_revision().publish()
    from wagtail_localize.models import TranslationSource

    TranslationSource.update_or_create_from_instance(source)  # the editor's "Sync translated pages"
    status = read(api, f"/api/v1/pages/{arabic.pk}/").json()["meta"]["translation_status"]
    assert status != "up_to_date"


def test_a_sector_rename_reaches_the_sector_path(api, page_tree):
    from cms.sectors.models import Sector

    page = page_tree["sectors/ict"]["en"]
    read(api, f"/api/v1/pages/{page.pk}/")
    sector = Sector.source_rows().get(slug="ict")
    sector.name = "Information technology"
    sector.save()
    assert read(api, f"/api/v1/pages/{page.pk}/").json()["sector"]["name"] == "Information technology"


def test_a_page_with_latest_posts_is_built_for_every_reader_when_a_plugin_reads_the_reader(api, page_tree):
    """The test plugin alpha's ``page_dynamic_content`` takes ``user``: its items may be personal."""
    page = page_tree["roadmap/orientation"]["en"]
    read(api, f"/api/v1/pages/{page.pk}/")
    with CaptureQueriesContext(connection) as again:
        assert read(api, f"/api/v1/pages/{page.pk}/").status_code == 200
    assert page_queries(again) != []


def _titles(answer) -> list[str]:
    block = next(b for b in answer.json()["body"] if b["type"] == "latest_posts")["value"]
    return [item["title"] for item in block["items"]]


def test_latest_posts_read_alike_by_everyone_are_kept_until_the_posts_change(api, page_tree, make_user):
    """With only the posts plugin filling the block (it does not take the reader), the answer is
    kept; a new post, an unpublished one, or the project's posts switched off show at once."""
    from datetime import timedelta

    from django.utils import timezone

    from cms.organisations.actions import set_plugin_activation
    from cms.organisations.models import Project
    from plugins.posts.actions import create_post, expire_posts, withdraw_post
    from plugins.posts.models import Post

    set_plugin_activation(Project.default(), "alpha", enabled=False)
    page = page_tree["roadmap/orientation"]["en"]
    url = f"/api/v1/pages/{page.pk}/"
    assert _titles(read(api, url)) == []
    with CaptureQueriesContext(connection) as again:
        assert _titles(read(api, url)) == []
    assert page_queries(again) == []

    soon = timezone.now() + timedelta(days=5)
    fair = create_post(
        make_user("mentor"),
        {
            "type": "event",
            "locale": "en",
            "title": "Job fair",
            "summary": "Forty employers.",
            "link": "https://www.vdab.be",
            "starts_at": soon,
            "ends_at": soon + timedelta(hours=4),
        },
    )
    assert _titles(read(api, url)) == ["Job fair"]
    with CaptureQueriesContext(connection) as kept:
        assert _titles(read(api, url)) == ["Job fair"]
    assert page_queries(kept) == []

    other = Project.objects.create(name="Bridge", slug="bridge", organisation=None)
    set_plugin_activation(other, "alpha", enabled=False)
    set_plugin_activation(other, "posts", enabled=False)
    assert _titles(read(api, url, X_Helix_Project="bridge")) == []  # its own answer
    assert _titles(read(api, url)) == ["Job fair"]

    later = soon + timedelta(days=10)
    create_post(
        fair.author,
        {
            "type": "event",
            "locale": "en",
            "title": "Open day",
            "summary": "Visit the training centre.",
            "link": "https://www.vdab.be",
            "starts_at": later,
            "ends_at": later + timedelta(hours=4),
        },
    )
    assert _titles(read(api, url)) == ["Open day", "Job fair"]  # newest first
    expire_posts(now=soon + timedelta(days=1))  # a job, not a save
    assert _titles(read(api, url)) == ["Open day"]
    withdraw_post(Post.objects.get(title="Open day"), by=fair.author)
    assert _titles(read(api, url)) == []


# --- Each process's own copies (cms.pages.cache._near) ----------------------------------------------


def test_a_change_made_by_another_process_is_answered_at_once(api, page_tree):
    """Another process's change reaches this one only through the shared generation: a copy this
    process holds is not read after it moved, although nothing here saw the change."""
    from wagtail.models import Page

    from cms import generations
    from cms.pages import cache as page_cache

    page = page_tree["roadmap/job-search"]["en"]
    url = f"/api/v1/pages/{page.pk}/"
    assert read(api, url).json()["title"] == "Job search"
    with CaptureQueriesContext(connection) as again:
        assert read(api, url).json()["title"] == "Job search"
    assert page_queries(again) == []  # from this process's copy
    # What an editor's request in another process does: rows written, the generation moved.
    Page.objects.filter(pk=page.pk).update(title="Job search, elsewhere")
    type(page).objects.filter(pk=page.pk).update(title="Job search, elsewhere")
    generations.bump(page_cache.GENERATION_KEY)
    assert read(api, url).json()["title"] == "Job search, elsewhere"


def test_a_copy_is_not_read_after_its_shared_entry_expired(api, page_tree, monkeypatch):
    """A "latest posts" answer is kept 60 s: this process's copy is not read a second longer
    (posts expire by the clock, not by a change)."""
    import time

    from cms.organisations.actions import set_plugin_activation
    from cms.organisations.models import Project
    from cms.pages import cache as page_cache

    page = page_tree["roadmap/orientation"]["en"]
    url = f"/api/v1/pages/{page.pk}/"
    set_plugin_activation(Project.default(), "alpha", enabled=False)  # the block alike for all readers
    read(api, url)
    with CaptureQueriesContext(connection) as kept:
        read(api, url)
    assert page_queries(kept) == []
    now = time.time()
    monkeypatch.setattr(page_cache.time, "time", lambda: now + 61)

    class Expired:
        """The shared cache 61 s later: the answer gone (its clock is not the one patched)."""

        def __getattr__(self, name):
            return getattr(page_cache.__dict__["_shared"], name)

        def get(self, key, default=None):
            return default if key.startswith("helix:pages:answer:") else page_cache._shared.get(key, default)

    monkeypatch.setattr(page_cache, "_shared", page_cache.cache, raising=False)
    monkeypatch.setattr(page_cache, "cache", Expired())
    with CaptureQueriesContext(connection) as later:
        assert read(api, url).status_code == 200
    assert page_queries(later) != []


def test_the_copies_stay_within_their_budget(api, page_tree, settings):
    from cms.pages import cache as page_cache

    settings.HELIX_PAGE_CACHE_PROCESS_BYTES = 20_000
    for language in ("en", "nl", "ar"):
        for name in ("roadmap/job-search", "roadmap/orientation", "sectors/ict"):
            assert read(api, f"/api/v1/pages/{page_tree[name][language].pk}/").status_code == 200
    assert 0 < page_cache._near_bytes <= 20_000
    assert page_cache._near_bytes == sum(len(entry["body"]) for entry in page_cache._near.values())


# --- A stored answer goes out before DRF's request cycle, checked as DRF checks it ----------------

HEADERS = ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary", "Allow", "Content-Language")


def test_a_stored_answer_is_the_built_answer_byte_for_byte_with_the_same_headers(api, page_tree):
    page = page_tree["roadmap/job-search"]["ar"]
    html_path = read(api, f"/api/v1/pages/{page.pk}/").json()["meta"]["html_path"]
    find = f"/api/v1/pages/find/?html_path={html_path}"
    for url in (f"/api/v1/pages/{page.pk}/?locale=ar", "/api/v1/pages/?locale=ar&page_size=5", find):
        built = read(api, url, Accept_Language="ar")
        with CaptureQueriesContext(connection) as again:
            stored = read(api, url, Accept_Language="ar")
        assert again.captured_queries == []  # an anonymous hit reads nothing from the database
        assert (
            (stored.status_code, stored.content) == (built.status_code, built.content) == (200, built.content)
        )
        assert {h: stored.get(h) for h in HEADERS} == {h: built.get(h) for h in HEADERS}, url


def test_a_stored_answer_counts_against_the_rate_like_any_other(api, page_tree, monkeypatch):
    from api.throttling import RequesterRateThrottle

    monkeypatch.setattr(RequesterRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "5/minute"})
    monkeypatch.setattr(RequesterRateThrottle, "timer", staticmethod(lambda: 1_800_000_015.0))
    page = page_tree["roadmap/job-search"]["en"]
    answers = [api.get(f"/api/v1/pages/{page.pk}/", REMOTE_ADDR="203.0.113.5") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert answers[-1].json()["error"]["code"] == "throttled" and answers[-1]["Retry-After"]


def test_a_signed_in_reader_gets_a_private_copy_from_the_store(api, page_tree, make_user):
    page = page_tree["roadmap/job-search"]["en"]
    url = f"/api/v1/pages/{page.pk}/"
    public = read(api, url)
    api.force_login(make_user("talent"))
    mine = read(api, url)
    assert mine.content == public.content
    assert (public["Cache-Control"], mine["Cache-Control"]) == ("public, no-cache", "private, no-cache")
    assert read(api, url, If_None_Match=public["ETag"]).status_code == 304


def test_other_credentials_and_formats_still_take_drfs_path(api, page_tree):
    page = page_tree["roadmap/job-search"]["en"]
    url = f"/api/v1/pages/{page.pk}/"
    stored = read(api, url)
    # An app session token is DRF's to check: an unknown one reads as a visitor.
    unknown = read(api, url, X_Session_Token="not-a-token")
    assert (unknown.status_code, unknown.content, unknown["Cache-Control"]) == (
        200,
        stored.content,
        "public, no-cache",
    )
    # A format asked for is DRF's to render; a format suffix is no route (it was a 500).
    assert read(api, f"/api/v1/pages/{page.pk}/?format=json").json() == stored.json()
    assert read(api, f"/api/v1/pages/{page.pk}.json").status_code == 404
