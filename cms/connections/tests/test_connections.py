"""Connections in the core: grants and revocations, who is connected, who sees a connection, one
open connection per kind and pair, the timeline and the audit log.

The kinds are the test plugin alpha's ``alpha_pair`` (talent–mentor, the mentor sees the profile)
and three declared here, as if by other plugins, for the sides alpha does not join.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction

from cms.accounts.models import TalentProfile
from cms.audit.models import AuditEntry
from cms.connections import actions, kinds, selectors
from cms.connections.kinds import PROJECT_ORGANISATION, ConnectionKind
from cms.connections.models import Connection, ConnectionEvent, TalentProfileUserObjectPermission
from cms.organisations.actions import create_project
from cms.organisations.models import Organisation, ProjectMembership

VIEW_PROFILE = "accounts.view_talentprofile"
EXTRA_KINDS = (
    # a second talent–mentor kind: the same mentor may see the talent through two connections
    ConnectionKind("test_coaching", "Coaching", ("talent", "mentor"), {"mentor": ("profile",)}),
    # an organisation follows a talent; the organisation owning the project sees the progress
    ConnectionKind(
        "test_guidance",
        "Guidance",
        ("talent", "organisation"),
        {"organisation": ("profile",), PROJECT_ORGANISATION: ("progress",)},
    ),
    ConnectionKind("test_hiring", "Hiring", ("talent", "employer"), {"employer": ("cv",)}),
)


@pytest.fixture(autouse=True)
def declared_kinds(monkeypatch):
    """alpha's kinds plus the extra ones, as the registry would collect them from plugins."""
    monkeypatch.setattr(kinds, "_registry", None)
    registry = {**kinds.all_kinds(), **{kind.id: kind for kind in EXTRA_KINDS}}
    monkeypatch.setattr(kinds, "_registry", registry)
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


@pytest.fixture
def people(make_user):
    return {"talent": make_user("talent"), "mentor": make_user("mentor"), "employer": make_user("employer")}


def pair(project, people, *, kind="alpha_pair", by=None, activate=True, **extra) -> Connection:
    return actions.open_connection(
        kind,
        project=project,
        talent=people["talent"],
        mentor=people["mentor"],
        by=by,
        activate=activate,
        **extra,
    )


def profile_of(talent) -> TalentProfile:
    return TalentProfile.objects.get_or_create(user=talent)[0]


def granted(viewer, talent) -> bool:
    """Whether the direct table holds the viewer's grant (what list endpoints filter on)."""
    return TalentProfileUserObjectPermission.objects.filter(
        user=viewer, content_object__user=talent, permission__codename="view_talentprofile"
    ).exists()


def test_kinds_collect_every_plugins_declaration():
    declared = kinds.get_kind("alpha_pair")
    assert declared.plugin == "alpha"
    assert declared.sides == ("talent", "mentor")
    assert {"alpha_pair", "test_coaching"} <= set(kinds.kinds_where("mentor", "profile"))
    assert "alpha_pair" not in kinds.kinds_where("mentor", "cv")
    with pytest.raises(ImproperlyConfigured, match="must be two different"):
        ConnectionKind("bad", "Bad", ("talent", "talent"))
    with pytest.raises(ImproperlyConfigured, match="cannot see"):
        ConnectionKind("bad", "Bad", ("talent", "mentor"), {"employer": ("cv",)})


# --- grants -------------------------------------------------------------------------------------
def test_activation_grants_and_closing_revokes_through_the_direct_table(project, people, staff):
    talent, mentor = people["talent"], people["mentor"]
    connection = pair(project, people, by=staff, activate=False)
    assert not granted(mentor, talent)
    assert not mentor.has_perm(VIEW_PROFILE, profile_of(talent))

    actions.activate_connection(connection, by=mentor)
    assert granted(mentor, talent)
    assert mentor.has_perm(VIEW_PROFILE, profile_of(talent))
    assert list(selectors.talents_visible_to(mentor)) == [profile_of(talent)]
    assert selectors.sees(mentor, talent, "profile")
    assert not selectors.sees(mentor, talent, "cv")  # the kind lets the mentor see the profile only

    actions.pause_connection(connection, by=staff)  # paused keeps its grants
    assert granted(mentor, talent) and selectors.sees(mentor, talent, "profile")
    actions.resume_connection(connection, by=staff)

    actions.close_connection(connection, by=talent, reason="Found a job")
    assert not granted(mentor, talent)
    assert not selectors.sees(mentor, talent, "profile")
    assert list(selectors.talents_visible_to(mentor)) == []


def test_a_viewer_keeps_access_while_another_connection_still_grants_it(project, people):
    talent, mentor = people["talent"], people["mentor"]
    first = pair(project, people)
    second = pair(project, people, kind="test_coaching")
    actions.close_connection(first, by=talent, reason="Done")
    assert granted(mentor, talent)
    assert selectors.sees(mentor, talent, "profile")
    actions.close_connection(second, by=talent, reason="Done")
    assert not granted(mentor, talent)


def test_organisation_staff_see_through_their_organisation_side(project, people, staff, organisation):
    talent = people["talent"]
    colleague_of_nobody = people["mentor"]
    guidance = actions.open_connection(
        "test_guidance", project=project, talent=talent, organisation=organisation, activate=True
    )
    assert granted(staff, talent)
    assert selectors.sees(staff, talent, "profile") and selectors.sees(staff, talent, "progress")
    assert not selectors.sees(colleague_of_nobody, talent, "profile")
    actions.close_connection(guidance, by=staff, reason="Programme ended")
    assert not granted(staff, talent)


def test_an_employer_kind_grants_the_cv(project, people):
    talent, employer = people["talent"], people["employer"]
    hiring = actions.open_connection(
        "test_hiring", project=project, talent=talent, employer=employer, activate=True
    )
    assert granted(employer, talent)  # profile and CV are one object permission
    assert selectors.sees(employer, talent, "cv") and not selectors.sees(employer, talent, "progress")
    actions.close_connection(hiring, by=talent, reason="Not interested")
    assert not granted(employer, talent)


def test_sides_must_match_the_kind(project, people):
    from cms.errors import WrongRole

    with pytest.raises(WrongRole):
        actions.open_connection(
            "alpha_pair", project=project, talent=people["talent"], employer=people["employer"]
        )
    assert not Connection.objects.exists()


def test_state_changes_follow_the_life_cycle(project, people):
    from cms.errors import InvalidTransition

    connection = pair(project, people, activate=False)
    with pytest.raises(InvalidTransition):
        actions.pause_connection(connection, by=None)
    actions.close_connection(connection, by=people["mentor"], reason="Declined")
    with pytest.raises(InvalidTransition):
        actions.activate_connection(connection, by=people["mentor"])
    with pytest.raises(InvalidTransition):
        actions.close_connection(connection, by=people["mentor"], reason="Twice")


# --- are_connected ------------------------------------------------------------------------------
def test_are_connected_for_persons(project, people, make_user):
    talent, mentor, stranger = people["talent"], people["mentor"], make_user("mentor")
    connection = pair(project, people, activate=False)
    assert not selectors.are_connected(talent, mentor)  # proposed is not connected yet
    actions.activate_connection(connection, by=mentor)
    assert selectors.are_connected(talent, mentor) and selectors.are_connected(mentor, talent)
    assert not selectors.are_connected(talent, stranger)
    assert not selectors.are_connected(talent, talent)
    assert not selectors.are_connected(talent, None)
    actions.pause_connection(connection, by=None)
    assert selectors.are_connected(talent, mentor)  # paused keeps the contact
    actions.resume_connection(connection, by=None)
    actions.close_connection(connection, by=talent, reason="Done")
    assert not selectors.are_connected(talent, mentor)


def test_are_connected_for_organisation_staff(project, people, staff, organisation, make_user):
    talent, mentor = people["talent"], people["mentor"]
    pending_staff = make_user("organisation", approved=False)
    other_staff = make_user("organisation")
    assert not selectors.are_connected(staff, talent)

    # staff of an organisation side are connected with its other side
    guidance = actions.open_connection(
        "test_guidance", project=project, talent=talent, organisation=organisation, activate=True
    )
    assert selectors.are_connected(staff, talent) and selectors.are_connected(talent, staff)
    assert not selectors.are_connected(other_staff, talent)
    actions.close_connection(guidance, by=staff, reason="Done")
    assert not selectors.are_connected(staff, talent)

    # staff of an approved organisation are connected with the active members of its projects
    ProjectMembership.objects.create(project=project, user=mentor, status="active")
    assert selectors.are_connected(staff, mentor)
    pending_org = Organisation.objects.get(staff=pending_staff)
    ProjectMembership.objects.create(
        project=create_project(pending_org, by=pending_staff, name="Pending track"),
        user=talent,
        status="active",
    )
    assert not selectors.are_connected(pending_staff, talent)


# --- can_contact ----------------------------------------------------------------------------------
def test_withheld_contact_hides_the_connection_from_the_non_talent_side(project, people, staff):
    talent, mentor = people["talent"], people["mentor"]
    connection = pair(project, people, can_contact=False)
    assert list(selectors.visible_connections(talent)) == [connection]
    assert list(selectors.visible_connections(mentor)) == []
    assert list(selectors.visible_connections(staff)) == [connection]  # the project's organisation
    assert not selectors.are_connected(talent, mentor)

    actions.set_contact(connection, True, by=talent)
    assert list(selectors.visible_connections(mentor)) == [connection]
    assert selectors.are_connected(talent, mentor)


def test_visible_connections_belong_to_sides_managers_and_admins(project, people, staff, make_user):
    connection = pair(project, people)
    assert selectors.can_manage(staff, connection) and not selectors.is_side(staff, connection)
    assert selectors.is_side(people["mentor"], connection)
    assert list(selectors.visible_connections(make_user("admin", mfa=True))) == [connection]
    assert list(selectors.visible_connections(make_user("admin"))) == []  # no second factor: no powers
    assert list(selectors.visible_connections(make_user("organisation"))) == []
    assert list(selectors.visible_connections(make_user("mentor"))) == []
    assert list(selectors.visible_connections(people["talent"], kinds=["test_coaching"])) == []


def test_visible_connections_is_one_query_whatever_the_number_of_rows(
    project, staff, make_user, django_assert_num_queries
):
    mentor = make_user("mentor")
    for count in (2, 12):
        while Connection.objects.filter(mentor=mentor).count() < count:
            actions.open_connection(
                "alpha_pair", project=project, talent=make_user("talent"), mentor=mentor, activate=True
            )
        with django_assert_num_queries(1):
            assert len(list(selectors.visible_connections(mentor))) == count
        selectors.staff_organisation_ids(staff)  # cached on the user for the request
        with django_assert_num_queries(1):
            assert len(list(selectors.visible_connections(staff))) == count


# --- one open connection per kind and pair --------------------------------------------------------
def test_one_open_connection_per_kind_and_pair(project, people):
    first = pair(project, people, activate=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        pair(project, people, activate=False)
    pair(project, people, kind="test_coaching")  # another kind is another connection
    actions.close_connection(first, by=people["talent"], reason="Declined")
    again = pair(project, people)  # closed ones do not count
    assert again.state == Connection.State.ACTIVE


def test_one_open_connection_per_kind_with_an_empty_side(project, people, organisation):
    actions.open_connection(
        "test_guidance", project=project, talent=people["talent"], organisation=organisation
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        actions.open_connection(
            "test_guidance", project=project, talent=people["talent"], organisation=organisation
        )


# --- timeline and audit ---------------------------------------------------------------------------
def test_every_change_is_on_the_timeline(project, people, staff):
    talent, mentor = people["talent"], people["mentor"]
    connection = pair(project, people, by=staff, activate=False)
    actions.activate_connection(connection, by=mentor)
    actions.pause_connection(connection, by=staff, reason="Summer break")
    actions.resume_connection(connection, by=staff)
    actions.set_contact(connection, False, by=talent)
    actions.set_contact(connection, False, by=talent)  # no change, no entry
    actions.add_event(connection, "alpha_met", mentor, place="Ghent")
    actions.close_connection(connection, by=talent, reason="Found a job")

    timeline = [(e.kind, e.actor, e.data) for e in ConnectionEvent.objects.filter(connection=connection)]
    assert timeline == [
        ("proposed", staff, {}),
        ("activated", mentor, {}),
        ("paused", staff, {"reason": "Summer break"}),
        ("resumed", staff, {"reason": ""}),
        ("contact_withheld", talent, {}),
        ("alpha_met", mentor, {"place": "Ghent"}),
        ("closed", talent, {"reason": "Found a job"}),
    ]
    connection.refresh_from_db()
    assert connection.closed_by == talent and connection.close_reason == "Found a job"
    assert connection.activated_at and connection.closed_at


def test_decisions_are_in_the_audit_log(project, people, staff):
    connection = pair(project, people, by=staff, activate=False)
    actions.activate_connection(connection, by=people["mentor"])
    actions.pause_connection(connection, by=staff)
    actions.resume_connection(connection, by=staff)
    actions.close_connection(connection, by=people["talent"], reason="Moved abroad")

    entries = AuditEntry.objects.filter(
        target_type="connections.connection", target_id=str(connection.pk)
    ).order_by("pk")
    assert [(e.action, e.actor) for e in entries] == [
        ("connections.proposed", staff),
        ("connections.activated", people["mentor"]),
        ("connections.paused", staff),
        ("connections.resumed", staff),
        ("connections.closed", people["talent"]),
    ]
    assert entries.first().data == {"kind": "alpha_pair"}
    assert entries.last().data == {"reason": "Moved abroad"}


def test_a_failing_plugin_rolls_the_change_back(project, people, monkeypatch):
    """The hooks run inside the action's transaction: an error undoes the state and the grants."""
    from tests.plugins.alpha import state

    class Failing(list):
        def append(self, call):
            raise RuntimeError(f"alpha failed in {call[0]}")

    connection = pair(project, people, activate=False)
    monkeypatch.setattr(state, "CALLS", Failing())
    with pytest.raises(RuntimeError, match="on_connection_activated"):
        actions.activate_connection(connection, by=people["mentor"])
    connection.refresh_from_db()
    assert connection.state == Connection.State.PROPOSED
    assert not granted(people["mentor"], people["talent"])
    assert not ConnectionEvent.objects.filter(connection=connection, kind="activated").exists()
