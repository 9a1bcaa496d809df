"""Fixtures of the messaging plugin's tests: two people of a programme, connected through the core."""

from __future__ import annotations

import pytest


@pytest.fixture
def active_match(programme):
    """The programme's talent and mentor, connected (a talent–mentor connection, active)."""
    from cms.connections.actions import open_connection

    return open_connection(
        "talent_mentor",
        project=programme["project"],
        talent=programme["talent"],
        mentor=programme["mentor"],
        by=programme["staff"],
        activate=True,
    )
