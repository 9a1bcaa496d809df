"""Editors preview a draft in the frontend: Wagtail's Preview hands the app a signed, short-lived token,
and ``GET /api/v1/pages/preview/`` answers the draft for it, never without it."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from wagtail_headless_preview.models import PagePreview

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_user, client):
    """The Wagtail admin as an admin-role editor with a second factor."""
    client.force_login(make_user("admin", mfa=True, first_name="Eda"))
    return client


def draft_of(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    return page.save_revision()  # a draft: the live page keeps its published text


def press_preview(editor, page, revision) -> dict[str, str]:
    """What the editor's Preview of a revision opens: the app's address with its query."""
    answer = editor.get(reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]))
    assert answer.status_code == 302, answer.content[:300]
    address = urlsplit(answer["Location"])
    assert address.path == "/preview"
    return {name: values[0] for name, values in parse_qs(address.query).items()}


def test_the_editors_preview_opens_the_app_and_the_token_reads_the_draft(editor, api, page_tree, settings):
    page = page_tree["roadmap/orientation"]["ar"]
    revision = draft_of(page, title="مسودة: التوجّه", intro="نص لم يُنشر بعد.")
    query = press_preview(editor, page, revision)
    assert query["content_type"] == "pages.roadmapsteppage" and query["token"]
    assert settings.WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"]["default"].endswith("/preview")

    answer = api.get("/api/v1/pages/preview/", query)
    assert answer.status_code == 200, answer.content
    data = answer.json()
    assert data["id"] == page.pk and data["title"] == "مسودة: التوجّه"
    assert data["intro"] == "نص لم يُنشر بعد."
    assert data["meta"]["locale"] == "ar" and data["meta"]["dir"] == "rtl"
    assert data["meta"]["html_path"] == "/ar/roadmap/orientation/"
    assert data["step_number"] == 1 and isinstance(data["body"], list)
    assert answer["Cache-Control"] == "private, no-store"
    # The published page still answers its published text.
    assert api.get(f"/api/v1/pages/{page.pk}/").json()["title"] == "التوجّه"


def test_no_token_no_draft(api, page_tree):
    draft_of(page_tree["roadmap/orientation"]["en"], title="Secret draft")
    for query in ({}, {"token": ""}, {"content_type": "pages.roadmapsteppage"}):
        answer = api.get("/api/v1/pages/preview/", query)
        assert answer.status_code == 400
        assert answer.json()["error"]["code"] == "token_required"
        assert "Secret draft" not in answer.content.decode()


def test_a_forged_or_damaged_token_is_refused(editor, api, page_tree):
    page = page_tree["roadmap/orientation"]["en"]
    query = press_preview(editor, page, draft_of(page, title="Secret draft"))
    value, _sep, signature = query["token"].rpartition(":")
    forged = [
        f"id={page_tree['sectors/ict']['en'].pk}:{value.split(':')[-1]}:{signature}",  # another page
        query["token"][:-2] + ("AA" if not query["token"].endswith("AA") else "BB"),  # damaged
        "id=1",
        "nonsense",
    ]
    for token in forged:
        answer = api.get("/api/v1/pages/preview/", {"token": token})
        assert answer.status_code == 400, token
        assert answer.json()["error"]["code"] == "invalid_token"
        assert "Secret draft" not in answer.content.decode()
    # The right token for another page type.
    answer = api.get("/api/v1/pages/preview/", {**query, "content_type": "pages.sectorpathpage"})
    assert answer.json()["error"]["code"] == "invalid_token"


def test_an_expired_token_is_refused(editor, api, page_tree, settings, monkeypatch):
    page = page_tree["roadmap/orientation"]["en"]
    revision = draft_of(page, title="Secret draft")
    pressed_at = time.time() - settings.HELIX_PREVIEW_TOKEN_SECONDS - 5
    monkeypatch.setattr("django.core.signing.time.time", lambda: pressed_at)
    query = press_preview(editor, page, revision)  # pressed just over the lifetime ago
    monkeypatch.undo()
    answer = api.get("/api/v1/pages/preview/", query)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "expired_token"
    assert "Secret draft" not in answer.content.decode()

    # A token whose stored draft was cleared (wagtail-headless-preview's daily clean-up) too.
    fresh = press_preview(editor, page, revision)
    PagePreview.objects.filter(token=fresh["token"]).delete()
    assert api.get("/api/v1/pages/preview/", fresh).json()["error"]["code"] == "expired_token"


def test_an_error_is_in_the_requests_language(api, page_tree):
    answer = api.get("/api/v1/pages/preview/", {"token": "nonsense"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert answer.json()["error"]["code"] == "invalid_token"
    assert answer.json()["error"]["message"]


def test_a_new_page_not_saved_yet_is_previewed_with_a_null_id(api, page_tree):
    from cms.pages.models import RoadmapStepPage

    parent = page_tree["roadmap"]["en"]
    page = RoadmapStepPage(title="A new step", slug="a-new-step", intro="Not saved yet.", step_number=9,
                           locale_id=parent.locale_id)
    page.depth = parent.depth + 1
    page.path = RoadmapStepPage._get_children_path_interval(parent.path)[1]
    page.url_path = parent.url_path + "a-new-step/"
    preview = page.create_page_preview()
    answer = api.get("/api/v1/pages/preview/", {"token": preview.token})
    assert answer.status_code == 200, answer.content
    assert answer.json()["id"] is None and answer.json()["title"] == "A new step"
    assert answer.json()["meta"]["parent_id"] == parent.pk
