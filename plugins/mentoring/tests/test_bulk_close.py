"""Closing many matches at once (``close_connections``, the batch hook ``on_connections_closed``):
their upcoming meetings are cancelled as closing them one by one would."""

from __future__ import annotations

from cms.connections.actions import close_connection, close_connections, open_connections
from plugins.mentoring.actions import meetings
from plugins.mentoring.models import Meeting


def _mentees(programme, make_user, n):
    talents = [make_user("talent") for _ in range(n)]
    return talents, open_connections(
        "talent_mentor",
        [{"talent": t, "mentor": programme["mentor"]} for t in talents],
        project=programme["project"],
        by=programme["staff"],
        activate=True,
    )


def _plan(programme, matches, later, days):
    return meetings.plan_meeting(
        programme["mentor"],
        matches,
        {"title": "Session", "starts_at": later(days=days), "ends_at": later(days=days, hours=1)},
    )


def _status(*planned):
    return [Meeting.objects.get(pk=m.pk).status for m in planned]


def test_closing_matches_in_bulk_cancels_their_meetings_like_one_by_one(programme, make_user, later):
    _talents, (a, b, c, d) = _mentees(programme, make_user, 4)
    group = _plan(programme, [a, b], later, 2)  # a group session of two mentees
    alone_a, alone_c = _plan(programme, [a], later, 3), _plan(programme, [c], later, 4)
    kept = _plan(programme, [d], later, 5)

    # closing a alone keeps the group session (b's match still joins it), as one by one would
    close_connections([a], by=None, reason="The programme ended.")
    assert _status(group, alone_a, alone_c, kept) == ["scheduled", "cancelled", "scheduled", "scheduled"]

    close_connections([b, c], by=None, reason="The programme ended.")
    assert _status(group, alone_a, alone_c, kept) == ["cancelled", "cancelled", "cancelled", "scheduled"]

    close_connection(d, by=None, reason="The programme ended.")  # one: through the same batch hook
    assert _status(kept) == ["cancelled"]
