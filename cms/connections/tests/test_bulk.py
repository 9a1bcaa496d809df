"""Bulk opening and closing (``open_connections``, ``close_connections``): the same result as the
one-connection actions, row for row, in a number of statements that does not grow with the rows.

The kinds are those of ``test_connections``: alpha's ``alpha_pair`` (talent–mentor, the mentor
sees the profile) and the extra ones declared there.
"""

from __future__ import annotations

import pytest
from django.db import connection as db
from django.test.utils import CaptureQueriesContext

from cms.audit.models import AuditEntry
from cms.connections import actions, kinds, selectors
from cms.connections.models import Connection, ConnectionEvent, TalentProfileUserObjectPermission
from cms.connections.tests.test_connections import EXTRA_KINDS
from cms.errors import WrongRole
from cms.organisations.actions import create_project
from cms.organisations.models import Organisation
from tests.plugins.alpha import state


@pytest.fixture(autouse=True)
def declared_kinds(monkeypatch):
    """alpha's kinds plus test_connections' extra ones, as the registry would collect them."""
    monkeypatch.setattr(kinds, "_registry", None)
    monkeypatch.setattr(kinds, "_registry", {**kinds.all_kinds(), **{k.id: k for k in EXTRA_KINDS}})
    yield
    kinds.reset()


@pytest.fixture
def staff(make_user):
    return make_user("organisation")


@pytest.fixture
def organisation(staff):
    return Organisation.objects.get(staff=staff)


@pytest.fixture
def project(organisation, staff):
    return create_project(organisation, by=staff, name="Mentoring track")


@pytest.fixture(autouse=True)
def _calls():
    state.CALLS.clear()
    yield
    state.CALLS.clear()


def talents_and_mentor(make_user, n):
    return [make_user("talent") for _ in range(n)], make_user("mentor")


def outcome(connections, mentor, closer=None) -> list[tuple]:
    """What a person would notice of each connection, in the order given: its state and
    reason, who closed it, whether the mentor still sees the talent, its timeline, its audit
    entries and what the plugin alpha was told about it."""
    rows = []
    for c in Connection.objects.filter(pk__in=[c.pk for c in connections]).order_by("pk"):
        rows.append(
            (
                c.kind,
                c.state,
                c.close_reason,
                c.closed_by_id == getattr(closer, "pk", None),
                c.activated_at is not None,
                c.closed_at is not None,
                c.can_contact,
                selectors.sees(mentor, c.talent, "profile"),
                TalentProfileUserObjectPermission.objects.filter(
                    user=mentor, content_object__user=c.talent
                ).count(),
                [
                    (e.kind, e.actor_id == getattr(closer, "pk", None), e.data)
                    for e in c.events.order_by("pk")
                ],
                sorted(
                    (a.action, a.actor_id == getattr(closer, "pk", None), sorted(a.data.items()))
                    for a in AuditEntry.objects.filter(
                        target_type="connections.connection", target_id=str(c.pk)
                    )
                ),
                sorted(name for name, call in state.CALLS if call["connection"].pk == c.pk),
            )
        )
    return rows


def test_bulk_open_and_close_do_what_the_one_connection_actions_do(project, make_user):
    singles, mentor_a = talents_and_mentor(make_user, 3)
    bulk, mentor_b = talents_and_mentor(make_user, 3)

    one_by_one = [
        actions.open_connection("alpha_pair", project=project, talent=t, mentor=mentor_a, activate=True)
        for t in singles
    ]
    together = actions.open_connections(
        "alpha_pair", [{"talent": t, "mentor": mentor_b} for t in bulk], project=project, activate=True
    )
    opened_one_by_one = outcome(one_by_one, mentor_a)
    assert opened_one_by_one == outcome(together, mentor_b)
    assert all(row[1] == "active" and row[7] for row in opened_one_by_one)  # active, and seen
    assert opened_one_by_one[0][-1] == ["on_connection_activated"]

    closer_a, closer_b = singles[0], bulk[0]
    for c in one_by_one:
        actions.close_connection(c, by=closer_a, reason="Found a job")
    closed = actions.close_connections(together, by=closer_b, reason="Found a job")
    assert [c.pk for c in closed] == [c.pk for c in together]
    closed_one_by_one = outcome(one_by_one, mentor_a, closer_a)
    assert closed_one_by_one == outcome(together, mentor_b, closer_b)
    assert all(row[1] == "closed" and not row[7] and row[8] == 0 for row in closed_one_by_one)
    assert closed_one_by_one[0][-1] == ["on_connection_activated", "on_connection_closed"]
    assert [kind for kind, *_ in closed_one_by_one[0][9]] == ["proposed", "activated", "closed"]


def test_bulk_proposing_and_closing_a_proposal(project, make_user):
    talents, mentor = talents_and_mentor(make_user, 2)
    proposed = actions.open_connections(
        "alpha_pair", [{"talent": t.pk, "mentor": mentor.pk} for t in talents], project=project, by=mentor
    )
    assert {c.state for c in proposed} == {"proposed"}
    assert not selectors.sees(mentor, talents[0], "profile")
    assert state.CALLS == []  # nothing activated: nobody told
    actions.close_connections(Connection.objects.filter(mentor=mentor), by=None, reason="Declined")
    assert set(Connection.objects.filter(mentor=mentor).values_list("state", "close_reason")) == {
        ("closed", "Declined")
    }


def test_closing_again_closes_nothing(project, make_user):
    talents, mentor = talents_and_mentor(make_user, 2)
    made = actions.open_connections(
        "alpha_pair", [{"talent": t, "mentor": mentor} for t in talents], project=project, activate=True
    )
    assert len(actions.close_connections(made, by=None, reason="Done")) == 2
    events, entries = ConnectionEvent.objects.count(), AuditEntry.objects.count()
    assert actions.close_connections(made, by=None, reason="Done") == []
    assert (ConnectionEvent.objects.count(), AuditEntry.objects.count()) == (events, entries)


def test_a_grant_stays_while_another_open_connection_still_entitles_the_viewer(project, make_user):
    talents, mentor = talents_and_mentor(make_user, 3)
    pairs = [{"talent": t, "mentor": mentor} for t in talents]
    first = actions.open_connections("alpha_pair", pairs, project=project, activate=True)
    # a second kind through which the mentor also sees the first talent
    actions.open_connections("test_coaching", pairs[:1], project=project, activate=True)
    actions.close_connections(first, by=None, reason="Done")
    assert [selectors.sees(mentor, t, "profile") for t in talents] == [True, False, False]
    assert TalentProfileUserObjectPermission.objects.filter(user=mentor).count() == 1


def test_organisation_staff_lose_access_in_bulk_unless_still_entitled(
    project, make_user, staff, organisation
):
    talents = [make_user("talent") for _ in range(2)]
    colleague = make_user("organisation")
    organisation.staff.add(colleague)
    made = actions.open_connections(
        "test_guidance",
        [{"talent": t, "organisation": organisation} for t in talents],
        project=project,
        activate=True,
    )
    assert all(selectors.sees(person, t, "profile") for person in (staff, colleague) for t in talents)
    actions.close_connections(made[:1], by=staff, reason="Done")
    assert not selectors.sees(staff, talents[0], "profile")
    assert not TalentProfileUserObjectPermission.objects.filter(content_object__user=talents[0]).exists()
    assert selectors.sees(staff, talents[1], "profile") and selectors.sees(colleague, talents[1], "profile")


def test_sides_must_match_the_kind_for_every_connection(project, make_user):
    talent, mentor, employer = make_user("talent"), make_user("mentor"), make_user("employer")
    with pytest.raises(WrongRole):
        actions.open_connections(
            "alpha_pair",
            [{"talent": talent, "mentor": mentor}, {"talent": talent, "employer": employer}],
            project=project,
        )
    assert not Connection.objects.exists()


def _statements(project, make_user, n) -> tuple[int, int]:
    talents, mentor = talents_and_mentor(make_user, n)
    pairs = [{"talent": t.pk, "mentor": mentor.pk} for t in talents]
    with CaptureQueriesContext(db) as opening:
        made = actions.open_connections("alpha_pair", pairs, project=project, activate=True)
    with CaptureQueriesContext(db) as closing:
        actions.close_connections([c.pk for c in made], by=None, reason="Done")
    assert Connection.objects.filter(mentor=mentor, state="closed").count() == n
    return len(opening), len(closing)


def test_bulk_statements_do_not_grow_with_the_connections(project, make_user):
    # alpha implements only the per-connection hooks and reads nothing: its calls cost no statement
    _statements(project, make_user, 1)  # the project's plugin switches, loaded once per instance
    five = _statements(project, make_user, 5)
    assert five == _statements(project, make_user, 50)
    assert five[0] <= 12 and five[1] <= 16, five
