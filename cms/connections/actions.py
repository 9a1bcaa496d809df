"""Connection actions: open, activate, pause, resume, close, allow contact, add to the timeline.

Each does its change, the object-permission grants or revocations, the timeline entry and the
audit entry in one transaction, and tells the plugins enabled in the connection's project
(``on_connection_activated``, ``on_connection_changed``, ``on_connection_closed``) inside it.
Who may do it is the calling plugin's rule: these actions check states, not people.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from cms.accounts.models import TalentProfile, User
from cms.audit import record
from cms.connections import selectors
from cms.connections.kinds import GRANTED, get_kind
from cms.connections.models import Connection, ConnectionEvent
from cms.errors import InvalidTransition, WrongRole
from cms.organisations.models import Organisation, Project
from cms.plugins import hooks_for


def add_event(connection: Connection, kind: str, actor=None, **data) -> ConnectionEvent:
    """Add an entry to the connection's timeline (plugins name their own kinds)."""
    return ConnectionEvent.objects.create(connection=connection, kind=kind, actor=actor, data=data)


def open_connection(
    kind: str,
    *,
    project: Project,
    talent: User | None = None,
    mentor: User | None = None,
    employer: User | None = None,
    organisation: Organisation | None = None,
    by: User | None = None,
    note: str = "",
    can_contact: bool = True,
    activate: bool = False,
) -> Connection:
    """Make a connection of ``kind`` between its two sides (proposed, or active at once)."""
    declared = get_kind(kind)
    given = {"talent": talent, "mentor": mentor, "employer": employer, "organisation": organisation}
    if {side for side, value in given.items() if value is not None} != set(declared.sides):
        raise WrongRole()
    with transaction.atomic():
        connection = Connection.objects.create(
            kind=kind,
            project=project,
            proposed_by=by if getattr(by, "pk", None) else None,
            note=note,
            can_contact=can_contact,
            **given,
        )
        add_event(connection, "proposed", by)
        record(by, "connections.proposed", connection, kind=kind)
        if activate:
            _activate(connection, by)
    return connection


def activate_connection(connection: Connection, *, by: User | None) -> Connection:
    """Accept a proposed connection: grants are given and the plugins are told."""
    with transaction.atomic():
        connection = Connection.objects.select_for_update().get(pk=connection.pk)
        if connection.state != Connection.State.PROPOSED:
            raise InvalidTransition()
        _activate(connection, by)
    return connection


def _activate(connection: Connection, by) -> None:
    connection.state, connection.activated_at = Connection.State.ACTIVE, timezone.now()
    connection.save(update_fields=["state", "activated_at"])
    grant(connection)
    add_event(connection, "activated", by)
    record(by, "connections.activated", connection)
    hooks_for(connection.project).on_connection_activated(connection=connection)


def pause_connection(connection: Connection, *, by: User | None, reason: str = "") -> Connection:
    """Put an active connection on hold: it keeps its grants."""
    return _move(connection, by, Connection.State.ACTIVE, Connection.State.PAUSED, "paused", reason)


def resume_connection(connection: Connection, *, by: User | None) -> Connection:
    return _move(connection, by, Connection.State.PAUSED, Connection.State.ACTIVE, "resumed", "")


def _move(connection, by, from_state, to_state, event, reason) -> Connection:
    with transaction.atomic():
        connection = Connection.objects.select_for_update().get(pk=connection.pk)
        if connection.state != from_state:
            raise InvalidTransition()
        connection.state = to_state
        connection.save(update_fields=["state"])
        add_event(connection, event, by, reason=reason)
        record(by, f"connections.{event}", connection)
        hooks_for(connection.project).on_connection_changed(connection=connection, change=event)
    return connection


def close_connection(connection: Connection, *, by: User | None, reason: str) -> Connection:
    """Close (or decline) a connection: grants are revoked at once, and the plugins are told."""
    with transaction.atomic():
        connection = Connection.objects.select_for_update().get(pk=connection.pk)
        if connection.state == Connection.State.CLOSED:
            raise InvalidTransition()
        connection.state, connection.closed_at = Connection.State.CLOSED, timezone.now()
        connection.closed_by = by if getattr(by, "pk", None) else None
        connection.close_reason = reason[:300]
        connection.save(update_fields=["state", "closed_at", "closed_by", "close_reason"])
        revoke(connection)
        add_event(connection, "closed", by, reason=reason)
        record(by, "connections.closed", connection, reason=reason)
        hooks_for(connection.project).on_connection_closed(connection=connection)
    return connection


def set_contact(connection: Connection, allowed: bool, *, by: User | None = None) -> Connection:
    """Allow (or withhold) contact between the two persons of an open connection."""
    with transaction.atomic():
        connection = Connection.objects.select_for_update().get(pk=connection.pk)
        if connection.can_contact == allowed:
            return connection
        connection.can_contact = allowed
        connection.save(update_fields=["can_contact"])
        change = "contact_allowed" if allowed else "contact_withheld"
        add_event(connection, change, by)
        hooks_for(connection.project).on_connection_changed(connection=connection, change=change)
    return connection


# --- grants -----------------------------------------------------------------------------------


def _granted(connection: Connection) -> dict[str, list]:
    """Permission -> viewers this connection entitles to it."""
    kind = get_kind(connection.kind)
    result: dict[str, list] = {}
    for what, permission in GRANTED.items():
        if any(what in seen for seen in kind.sees.values()):
            result.setdefault(permission, [])
            for viewer in selectors.viewers(connection, what):
                if viewer not in result[permission]:
                    result[permission].append(viewer)
    return result


def grant(connection: Connection) -> None:
    """Give the connection's viewers their object permissions on the talent's profile."""
    if not connection.talent_id:
        return
    profile, _created = TalentProfile.objects.get_or_create(user_id=connection.talent_id)
    for permission, people in _granted(connection).items():
        for viewer in people:
            assign_perm(permission, viewer, profile)


def revoke(connection: Connection) -> None:
    """Take permissions back from viewers that no other active connection still entitles."""
    if not connection.talent_id:
        return
    profile = TalentProfile.objects.filter(user_id=connection.talent_id).first()
    if profile is None:
        return
    talent = profile.user
    for permission, people in _granted(connection).items():
        whats = [what for what, perm in GRANTED.items() if perm == permission]
        for viewer in people:
            still = any(
                selectors.granting_connections(talent, viewer, what).exclude(pk=connection.pk).exists()
                for what in whats
            )
            if not still:
                remove_perm(permission, viewer, profile)


# --- GDPR erasure -----------------------------------------------------------------------------


def erase_user(user: User) -> list[str]:
    """Close ``user``'s open connections (access is revoked, the plugins are told), then take the
    person out of every connection and timeline; the other side keeps the history."""
    from django.db.models import Q

    from cms.accounts.traces import PersonTraces
    from cms.connections.models import TalentProfileUserObjectPermission

    sides = Q(talent=user) | Q(mentor=user) | Q(employer=user)
    for connection in Connection.objects.filter(sides, state__in=Connection.OPEN_STATES):
        close_connection(connection, by=None, reason="account_erased")
    # What others wrote about the person on their connections (a match note, a reason, the
    # timeline's details) stays, with the person's names and address taken out.
    traces = PersonTraces.of(user)
    for connection in Connection.objects.filter(sides | Q(proposed_by=user) | Q(closed_by=user)):
        Connection.objects.filter(pk=connection.pk).update(
            note=traces.scrub(connection.note), close_reason=traces.scrub(connection.close_reason)
        )
    theirs = Connection.objects.filter(sides)
    events = ConnectionEvent.objects.filter(Q(connection__in=theirs) | Q(actor=user))
    for event in events.exclude(data={}):
        ConnectionEvent.objects.filter(pk=event.pk).update(data=traces.scrub_value(event.data))
    TalentProfileUserObjectPermission.objects.filter(Q(user=user) | Q(content_object__user=user)).delete()
    for field in ("talent", "mentor", "employer", "proposed_by", "closed_by"):
        Connection.objects.filter(**{field: user}).update(**{field: None})
    ConnectionEvent.objects.filter(actor=user).update(actor=None)
    return [
        "connections.connection",
        "connections.connectionevent",
        "connections.talentprofileuserobjectpermission",
    ]
