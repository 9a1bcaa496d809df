"""The page API as a web or app frontend uses it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from cms.organisations.actions import set_plugin_activation
from cms.organisations.models import Project

pytestmark = pytest.mark.django_db


def get(api, url, **headers):
    return api.get(url, **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()})


def test_list_by_type_and_locale(api, page_tree):
    answer = api.get("/api/v1/pages/?type=pages.RoadmapStepPage&locale=ar")
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert [p["title"] for p in results] == ["التوجّه", "البحث عن عمل"]
    first = results[0]
    assert first["meta"]["type"] == "pages.RoadmapStepPage"
    assert first["meta"]["locale"] == "ar" and first["meta"]["dir"] == "rtl"
    assert first["meta"]["html_path"] == "/ar/roadmap/orientation/"
    assert first["intro"] == "سجّل لدى مكتب التشغيل."
    assert "body" not in first  # lists carry only what was asked for
    statuses = {t["locale"]: t["status"] for t in first["meta"]["translations"]}
    assert statuses == {"en": "source", "nl": "up_to_date"}


def test_detail_has_typed_blocks_and_translations(api, page_tree):
    page = page_tree["roadmap/orientation"]["nl"]
    data = api.get(f"/api/v1/pages/{page.pk}/").json()
    assert data["title"] == "Oriëntatie"
    assert data["step_number"] == 1
    assert data["meta"]["dir"] == "ltr" and data["meta"]["translation_status"] == "up_to_date"
    assert data["meta"]["last_published_at"]
    blocks = {block["type"]: block["value"] for block in data["body"]}
    assert blocks["practical_information"]["text"] == (
        "<p>Ga vroeg langs bij het bureau voor diplomaerkenning.</p><p>Neem je documenten mee.</p>"
    )
    assert blocks["tips"]["tips"] == ["Bewaar kopieën."]
    assert {t["locale"]: t["id"] for t in data["meta"]["translations"]} == {
        "en": page_tree["roadmap/orientation"]["en"].pk,
        "ar": page_tree["roadmap/orientation"]["ar"].pk,
    }


def test_sector_path_refers_to_steps_in_its_own_language(api, page_tree):
    page = page_tree["sectors/ict"]["ar"]
    data = api.get(f"/api/v1/pages/{page.pk}/").json()
    assert data["sector"]["slug"] == "ict"
    assert data["sector"]["name"] != "ICT"  # the Arabic sector name
    steps = [block["value"] for block in data["related_steps"]]
    assert [s["step"]["title"] for s in steps] == ["التوجّه", "البحث عن عمل"]
    assert steps[0]["step"]["html_path"] == "/ar/roadmap/orientation/"
    assert steps[0]["note"] == "ابدأ هنا."


def test_children_in_editor_order_for_menus(api, page_tree):
    roadmap = page_tree["roadmap"]["en"]
    answer = api.get(f"/api/v1/pages/?child_of={roadmap.pk}")
    assert [p["meta"]["slug"] for p in answer.json()["results"]] == ["orientation", "job-search"]
    assert all(p["meta"]["parent_id"] == roadmap.pk for p in answer.json()["results"])


def test_find_by_path_with_and_without_language_prefix(api, page_tree):
    answer = api.get("/api/v1/pages/find/?html_path=/ar/roadmap/orientation/")
    assert answer.status_code == 200
    assert answer.json()["id"] == page_tree["roadmap/orientation"]["ar"].pk
    answer = api.get("/api/v1/pages/find/?html_path=/roadmap/job-search/&locale=nl")
    assert answer.json()["title"] == "Werk zoeken"
    assert api.get("/api/v1/pages/find/?html_path=/en/").json()["meta"]["type"] == "pages.HomePage"
    missing = api.get("/api/v1/pages/find/?html_path=/en/nowhere/")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    bad = api.get("/api/v1/pages/find/?html_path=roadmap")
    assert bad.status_code == 400 and "html_path" in bad.json()["error"]["fields"]


def test_translation_of(api, page_tree):
    source = page_tree["sectors"]["en"]
    answer = api.get(f"/api/v1/pages/?translation_of={source.pk}")
    assert sorted(p["meta"]["locale"] for p in answer.json()["results"]) == ["ar", "nl"]


@pytest.mark.parametrize(
    ("locale", "words", "expected"),
    [
        ("ar", "مكتب التشغيل", "التوجّه"),
        ("nl", "arbeidsbemiddeling", "Oriëntatie"),
        ("nl", "diplomaerkenning", "Oriëntatie"),
        ("en", "recognition", "Orientation"),
    ],
)
def test_search_finds_words_in_one_language(api, page_tree, locale, words, expected):
    answer = api.get("/api/v1/pages/", {"search": words, "locale": locale})
    titles = [p["title"] for p in answer.json()["results"]]
    assert titles == [expected]


def test_search_defaults_to_the_request_language(api, page_tree):
    answer = api.get("/api/v1/pages/", {"search": "vacatures"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert [p["title"] for p in answer.json()["results"]] == ["Werk zoeken"]


def test_missing_translation_is_explicit(api, page_tree):
    source = page_tree["roadmap/job-search"]["en"]
    page_tree["roadmap/job-search"]["ar"].delete()
    answer = api.get(f"/api/v1/pages/{source.pk}/?locale=ar")
    assert answer.status_code == 404
    error = answer.json()["error"]
    assert error["code"] == "translation_missing"
    assert error["available_locales"] == ["en", "nl"]
    fallback = api.get(f"/api/v1/pages/{source.pk}/?locale=ar&fallback=true").json()
    assert fallback["meta"]["fallback"] is True and fallback["meta"]["locale"] == "en"
    assert fallback["title"] == "Job search"
    by_path = api.get("/api/v1/pages/find/?html_path=/ar/roadmap/job-search/&fallback=1").json()
    assert by_path["meta"]["fallback"] is True and by_path["id"] == source.pk
    statuses = {
        t["locale"]: t["status"]
        for t in api.get(f"/api/v1/pages/{source.pk}/").json()["meta"]["translations"]
    }
    assert statuses == {"nl": "up_to_date", "ar": "missing"}


def test_detail_in_another_locale_answers_the_translation(api, page_tree):
    source = page_tree["sectors"]["en"]
    data = api.get(f"/api/v1/pages/{source.pk}/?locale=nl").json()
    assert data["id"] == page_tree["sectors"]["nl"].pk and data["meta"]["fallback"] is False


def test_drafts_and_private_pages_never_leak(api, page_tree):
    page = page_tree["roadmap/orientation"]["en"]
    page.title = "Draft title"
    page.save_revision()  # a draft: the live page keeps its title
    data = api.get(f"/api/v1/pages/{page.pk}/").json()
    assert data["title"] == "Orientation"
    assert "Draft title" not in str(api.get("/api/v1/pages/?fields=*").json())

    hidden = page_tree["roadmap/job-search"]["en"]
    hidden.unpublish()
    assert api.get(f"/api/v1/pages/{hidden.pk}/").status_code == 404
    assert hidden.pk not in [p["id"] for p in api.get("/api/v1/pages/?page_size=100").json()["results"]]

    private = page_tree["sectors/ict"]["en"]
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert api.get(f"/api/v1/pages/{private.pk}/").status_code == 404
    assert api.get("/api/v1/pages/find/?html_path=/en/sectors/ict/").status_code == 404


def test_etag_and_conditional_requests(api, page_tree):
    page = page_tree["sectors"]["ar"]
    url = f"/api/v1/pages/{page.pk}/"
    first = api.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag and last_modified
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    earlier = http_date((page.last_published_at - timedelta(hours=1)).timestamp())
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200

    page.title = "قطاعات جديدة"
    page.save_revision().publish()
    changed = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["title"] == "قطاعات جديدة"


def test_pages_with_live_blocks_rely_on_etag_only(api, page_tree):
    # A "latest posts" block changes without the page changing: no Last-Modified.
    answer = api.get(f"/api/v1/pages/{page_tree['roadmap/orientation']['en'].pk}/")
    assert "Last-Modified" not in answer and answer["ETag"]


def test_changes_feed_for_an_offline_copy(api, page_tree):
    everything = api.get("/api/v1/pages/changes/?locale=ar").json()
    assert everything["since"] is None
    assert {e["change"] for e in everything["results"]} == {"added"}
    assert len(everything["results"]) == 6
    until = everything["until"]

    edited = page_tree["roadmap/orientation"]["ar"]
    edited.title = "التوجّه المهني"
    edited.save_revision().publish()
    page_tree["roadmap/job-search"]["ar"].unpublish()
    page_tree["sectors/ict"]["nl"].unpublish()  # another language: not in this feed

    changes = api.get("/api/v1/pages/changes/", {"locale": "ar", "since": until}).json()
    summary = sorted((e["change"], e["id"]) for e in changes["results"])
    assert summary == sorted([("changed", edited.pk), ("removed", page_tree["roadmap/job-search"]["ar"].pk)])
    changed = next(e for e in changes["results"] if e["change"] == "changed")
    assert changed["title"] == "التوجّه المهني" and changed["html_path"] == "/ar/roadmap/orientation/"

    # Nothing new after the new "until"; republishing clears the removal.
    again = api.get("/api/v1/pages/changes/", {"locale": "ar", "since": changes["until"]}).json()
    assert again["results"] == []
    page_tree["roadmap/job-search"]["ar"].save_revision().publish()
    after = api.get("/api/v1/pages/changes/", {"locale": "ar", "since": changes["until"]}).json()
    assert [(e["change"], e["id"]) for e in after["results"]] == [
        ("changed", page_tree["roadmap/job-search"]["ar"].pk)
    ]
    deleted = page_tree["sectors/ict"]["ar"]
    deleted_pk = deleted.pk
    deleted.delete()
    gone = api.get("/api/v1/pages/changes/", {"locale": "ar", "since": after["until"]}).json()
    assert [(e["change"], e["id"]) for e in gone["results"]] == [("removed", deleted_pk)]


def test_changes_rejects_a_bad_time(api, page_tree):
    answer = api.get("/api/v1/pages/changes/?since=yesterday")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_parameter"
    assert "since" in answer.json()["error"]["fields"]


@pytest.mark.parametrize(
    "query",
    [
        "type=pages.Nope",
        "type=accounts.User",
        "locale=fr",
        "child_of=abc",
        "child_of=999999",
        "order=random",
        "fields=secret",
    ],
)
def test_bad_parameters_are_400_with_the_field(api, page_tree, query):
    answer = api.get(f"/api/v1/pages/?{query}")
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert query.split("=")[0] in error["fields"]


def test_error_messages_in_the_users_language(api, page_tree):
    answer = api.get("/api/v1/pages/?locale=fr", HTTP_ACCEPT_LANGUAGE="nl")
    assert answer.json()["error"]["message"] != "A query parameter is not valid."


def test_latest_posts_block_is_empty_with_a_marker_without_plugins(api, page_tree):
    project = Project.default()
    set_plugin_activation(project, "alpha", enabled=False)
    set_plugin_activation(project, "posts", enabled=False)
    page = page_tree["roadmap/orientation"]["en"]
    block = next(
        b for b in api.get(f"/api/v1/pages/{page.pk}/").json()["body"] if b["type"] == "latest_posts"
    )
    assert block["value"]["items"] == [] and block["value"]["filled"] is False
    assert block["value"]["post_types"] == ["event"] and block["value"]["limit"] == 2


def test_latest_posts_block_is_filled_by_enabled_plugins(api, page_tree):
    # The test plugin "alpha" answers page_dynamic_content with three items; the block asks for 2.
    page = page_tree["roadmap/orientation"]["ar"]
    block = next(
        b for b in api.get(f"/api/v1/pages/{page.pk}/").json()["body"] if b["type"] == "latest_posts"
    )
    assert block["value"]["filled"] is True
    assert [item["title"] for item in block["value"]["items"]] == [
        "Alpha item 1 for التوجّه in ar (event)",
        "Alpha item 2 for التوجّه in ar (event)",
    ]


def test_detail_costs_the_same_queries_whatever_the_content(api, page_tree):
    small = page_tree["roadmap/orientation"]["en"]
    big = page_tree["roadmap/orientation"]["nl"]
    big.body = list(big.body.raw_data) * 30
    big.save_revision().publish()
    # Only the page API's own queries: the posts plugin answers each block with one query.
    set_plugin_activation(Project.default(), "posts", enabled=False)
    api.get(f"/api/v1/pages/{small.pk}/")  # creates the default project once
    with CaptureQueriesContext(connection) as small_queries:
        api.get(f"/api/v1/pages/{small.pk}/")
    with CaptureQueriesContext(connection) as big_queries:
        assert len(api.get(f"/api/v1/pages/{big.pk}/").json()["body"]) == 90
    # The big page's 30 "latest posts" blocks ask the plugins 30 times; the plugin (alpha) makes
    # no queries, so any difference would be the page API's own.
    assert len(big_queries) == len(small_queries)


def test_list_costs_the_same_queries_for_any_page_size(api, page_tree, settings):
    settings.HELIX_PAGE_CACHE_SECONDS = 0  # what building the answer costs (tests/test_page_cache.py)
    api.get("/api/v1/pages/?page_size=18&fields=*")  # creates the default project, fills caches
    with CaptureQueriesContext(connection) as six:
        assert len(api.get("/api/v1/pages/?page_size=6&fields=*").json()["results"]) == 6
    with CaptureQueriesContext(connection) as eighteen:
        answer = api.get("/api/v1/pages/?page_size=18&fields=*")
    assert len(answer.json()["results"]) == 18
    # Both windows hold the same six page types (Wagtail's specific() costs one query per type).
    assert len(eighteen) == len(six)


def test_anonymous_and_signed_in_readers_get_the_same_pages(api, make_user, client_for, page_tree):
    talent = client_for(make_user("talent"))
    url = f"/api/v1/pages/{page_tree['sectors']['nl'].pk}/"
    assert api.get(url).json() == talent.get(url).json()
    assert api.get(url)["Cache-Control"] == "public, no-cache"
    assert talent.get(url)["Cache-Control"] == "private, no-cache"


def test_links_inside_rich_text_point_at_the_frontend_path_in_the_readers_language(api, page_tree):
    step = page_tree["roadmap/job-search"]["en"]
    page = page_tree["roadmap/orientation"]["nl"]
    body = list(page.body.raw_data)
    body[0]["value"]["text"] = f'<p>Zie ook <a linktype="page" id="{step.pk}">werk zoeken</a>.</p>'
    page.body = body
    page.save_revision().publish()
    text = api.get(f"/api/v1/pages/{page.pk}/").json()["body"][0]["value"]["text"]
    dutch_step = page_tree["roadmap/job-search"]["nl"]
    assert f'<a href="/nl/roadmap/job-search/" data-page-id="{dutch_step.pk}">werk zoeken</a>' in text


def test_a_page_made_private_is_removed_in_the_changes_feed(api, page_tree):
    until = api.get("/api/v1/pages/changes/?locale=en").json()["until"]
    PageViewRestriction.objects.create(page=page_tree["sectors"]["en"], restriction_type="login")
    changes = api.get("/api/v1/pages/changes/", {"locale": "en", "since": until}).json()["results"]
    assert sorted(e["id"] for e in changes if e["change"] == "removed") == sorted(
        [page_tree["sectors"]["en"].pk, page_tree["sectors/ict"]["en"].pk]
    )


def test_scheduled_publishing_runs_as_a_periodic_job(api, page_tree):
    from cms.pages.tasks import publish_scheduled
    from cms.plugins import hooks

    jobs = {job.actor_name for result in hooks().periodic_jobs() for job in result}
    assert "pages.publish_scheduled" in jobs
    page = page_tree["roadmap/job-search"]["nl"]
    page.expire_at = timezone.now() - timedelta(minutes=1)
    page.save()
    publish_scheduled.fn()
    assert api.get(f"/api/v1/pages/{page.pk}/").status_code == 404
    publish_scheduled.fn()  # twice is harmless


def test_the_landing_page_links_to_the_roadmap_in_the_visitors_language(
    client, page_tree, settings, tmp_path
):
    settings.HELIX_WEBAPP_DIST = str(tmp_path / "dist")  # the web app not built: / is the landing page
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in html
    assert f"/api/v1/pages/?child_of={page_tree['roadmap']['ar'].pk}&amp;locale=ar" in html
