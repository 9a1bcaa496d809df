"""Fixtures of the posts plugin's tests."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def make_post(db):
    """``make_post(author, **fields)`` → a published post written through the action."""
    from cms.sectors.models import Sector
    from plugins.posts.actions import create_post

    def make(author, *, sectors=(), **fields):
        data = {
            "type": "study",
            "locale": "en",
            "title": "Dutch for engineers",
            "summary": "An intensive Dutch course for engineers in Ghent.",
            "link": "https://www.vdab.be",
            "city": "Ghent",
        }
        data.update(fields)
        rows = [Sector.source_rows().get(slug=slug) for slug in sectors]
        return create_post(author, data, sectors=rows)

    return make


@pytest.fixture
def soon():
    def at(days: float):
        return timezone.now() + timedelta(days=days)

    return at
