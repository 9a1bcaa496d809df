"""Fixtures of the mentoring plugin's tests (the programme, ``later`` and ``sent`` are shared ones from
``cms.plugins.testing``)."""

from __future__ import annotations

import pytest


@pytest.fixture
def active_match(programme):
    """The programme's talent and mentor, matched by the organisation."""
    from plugins.mentoring.actions.matching import propose_match

    return propose_match(
        programme["staff"],
        kind="talent_mentor",
        talent=programme["talent"],
        mentor=programme["mentor"],
        project=programme["project"],
    )
