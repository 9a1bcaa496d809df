"""Information pages stay current: "latest posts" blocks are filled by the posts plugin."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.organisations.actions import set_plugin_activation
from cms.organisations.models import Project
from plugins.posts.actions import create_post, link_translation, withdraw_post


@pytest.fixture
def soon():
    return lambda days: timezone.now() + timedelta(days=days)


@pytest.fixture
def make_post():
    def make(author, **fields):
        data = {
            "type": "event",
            "locale": "en",
            "summary": "A summary of the post.",
            "link": "https://www.vdab.be",
        }
        return create_post(author, {**data, **fields})

    return make


def _block(api, page, language="en"):
    body = api.get(f"/api/v1/pages/{page.pk}/", HTTP_ACCEPT_LANGUAGE=language).json()["body"]
    return next(b for b in body if b["type"] == "latest_posts")["value"]


def test_latest_posts_blocks_show_the_newest_posts_of_their_types_in_the_pages_language(
    api, make_user, make_post, page_tree, soon
):
    set_plugin_activation(Project.default(), "alpha", enabled=False)
    mentor = make_user("mentor")
    english = make_post(mentor, type="event", title="Job fair", starts_at=soon(5), ends_at=soon(5.2))
    arabic = make_post(
        mentor, type="event", title="معرض الوظائف", locale="ar", starts_at=soon(5), ends_at=soon(5.2)
    )
    link_translation(arabic, english)
    only_english = make_post(mentor, type="event", title="Networking evening", starts_at=soon(9))
    make_post(mentor, type="study", title="Not an event")
    make_post(mentor, type="event", title="Over", starts_at=soon(-3), ends_at=soon(-2))

    # The tiny tree's orientation step asks for 2 events.
    page = page_tree["roadmap/orientation"]
    block = _block(api, page["ar"])
    assert block["filled"] is True
    assert [item["title"] for item in block["items"]] == ["معرض الوظائف", "Networking evening"]
    assert block["items"][0]["dir"] == "rtl" and block["items"][0]["link"] == "https://www.vdab.be"
    assert [item["title"] for item in _block(api, page["en"])["items"]] == [only_english.title, "Job fair"]
    # Withdrawn posts leave the page at once; nothing is edited by hand.
    withdraw_post(only_english, by=mentor)
    assert [item["title"] for item in _block(api, page["en"])["items"]] == ["Job fair"]
    # Switched off for the instance: the block is empty again.
    set_plugin_activation(Project.default(), "posts", enabled=False)
    assert _block(api, page["en"])["filled"] is False
