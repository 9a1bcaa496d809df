"""Connection actions: open, activate, pause, resume, close, allow contact, add to the timeline.

Each does its change, the object-permission grants or revocations, the timeline entry and the
audit entry in one transaction, and tells the plugins enabled in the connection's project
(``on_connection_activated``, ``on_connection_changed``, ``on_connection_closed``) inside it.
Who may do it is the calling plugin's rule: these actions check states, not people.

Opening, closing and allowing contact also come in bulk (``open_connections``,
``close_connections``, ``set_contact_many``): the same changes for many connections in a fixed
number of statements (one insert or update of the connections, one of the permission rows, one
of the timeline, one of the audit log), and the batch hooks ``on_connections_activated`` /
``on_connections_changed`` / ``on_connections_closed`` once per project; a plugin that
implements only the per-connection hook is called once per connection. The one-connection
actions are the bulk ones with one connection.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.contrib.auth.models import Permission
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from cms.accounts.models import ApprovalStatus, Role, TalentProfile, User
from cms.audit import record, record_many
from cms.connections.kinds import GRANTED, PROJECT_ORGANISATION, SIDES, get_kind, kinds_where
from cms.connections.models import Connection, ConnectionEvent, TalentProfileUserObjectPermission
from cms.errors import InvalidTransition, WrongRole
from cms.organisations.models import Organisation, Project
from cms.plugins import hooks_for

PERSON_SIDES = ("talent", "mentor", "employer")
# Ids per IN list and rows per insert: SQLite binds at most 32,766 values in one statement.
CHUNK = 5_000


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
    given = {"talent": talent, "mentor": mentor, "employer": employer, "organisation": organisation}
    [connection] = open_connections(
        kind,
        [{side: value for side, value in given.items() if value is not None}],
        project=project,
        by=by,
        note=note,
        can_contact=can_contact,
        activate=activate,
    )
    return connection


def open_connections(
    kind: str,
    sides: Iterable[Mapping],
    *,
    project: Project,
    by: User | None = None,
    note: str = "",
    can_contact: bool = True,
    activate: bool = False,
) -> list[Connection]:
    """Make many connections of ``kind`` in ``project`` at once, as ``open_connection`` makes one.

    ``sides`` holds one mapping per connection from the kind's two sides to a user (or an
    organisation), or its id; an optional ``"can_contact"`` key overrides ``can_contact`` for
    that connection. With ``activate`` they are active at once: the grants are given, and the
    plugins enabled in ``project`` told (``on_connections_activated``). One transaction, and a
    fixed number of statements whatever the number of connections. ``WrongRole`` when the sides
    of one are not the kind's (nothing is written then).
    """
    declared = get_kind(kind)
    now = timezone.now()
    proposer = by if getattr(by, "pk", None) else None
    rows = []
    for item in sides:
        item = dict(item)
        contact = item.pop("can_contact", can_contact)
        given = {side: value for side, value in item.items() if value is not None}
        if set(given) != set(declared.sides) or not set(item) <= set(SIDES):
            raise WrongRole()
        fields = {
            (side if isinstance(value, models.Model) else f"{side}_id"): value
            for side, value in given.items()
        }
        rows.append(
            Connection(
                kind=kind,
                project=project,
                proposed_by=proposer,
                note=note,
                can_contact=contact,
                state=Connection.State.ACTIVE if activate else Connection.State.PROPOSED,
                activated_at=now if activate else None,
                **fields,
            )
        )
    if not rows:
        return []
    with transaction.atomic():
        made = Connection.objects.bulk_create(rows, batch_size=CHUNK)
        events = [ConnectionEvent(connection=c, kind="proposed", actor=by, data={}) for c in made]
        if activate:
            events += [ConnectionEvent(connection=c, kind="activated", actor=by, data={}) for c in made]
        ConnectionEvent.objects.bulk_create(events, batch_size=CHUNK)
        record_many(by, "connections.proposed", made, kind=kind)
        if activate:
            record_many(by, "connections.activated", made)
            _grant_many(made)
            _tell(made, "on_connections_activated", "on_connection_activated")
    return made


def activate_connection(connection: Connection, *, by: User | None) -> Connection:
    """Accept a proposed connection: grants are given and the plugins are told."""
    with transaction.atomic():
        connection = Connection.objects.select_for_update().get(pk=connection.pk)
        if connection.state != Connection.State.PROPOSED:
            raise InvalidTransition()
        connection.state, connection.activated_at = Connection.State.ACTIVE, timezone.now()
        connection.save(update_fields=["state", "activated_at"])
        _grant_many([connection])
        add_event(connection, "activated", by)
        record(by, "connections.activated", connection)
        _tell([connection], "on_connections_activated", "on_connection_activated")
    return connection


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
    closed = close_connections([connection.pk], by=by, reason=reason)
    if not closed:
        raise InvalidTransition()
    return closed[0]


def close_connections(connections, *, by: User | None, reason: str) -> list[Connection]:
    """Close many connections at once, as ``close_connection`` closes one.

    ``connections`` is a queryset of connections, or connections or their ids. Those still open
    are locked, closed with ``reason`` in one update, their grants revoked (unless another
    active or paused connection still entitles the viewer), their timeline and audit entries
    written in bulk, and the plugins of each project told (``on_connections_closed``). Those
    already closed are left as they are (so a rerun closes nothing). Returns the connections it
    closed; the number of statements does not grow with them.
    """
    with transaction.atomic():
        closing = _lock(connections, Connection.OPEN_STATES)
        if not closing:
            return []
        now, reason = timezone.now(), reason or ""
        closer = by if getattr(by, "pk", None) else None
        for chunk in _chunks([c.pk for c in closing]):
            Connection.objects.filter(pk__in=chunk).update(
                state=Connection.State.CLOSED, closed_at=now, closed_by=closer, close_reason=reason[:300]
            )
        for c in closing:
            c.state, c.closed_at, c.closed_by, c.close_reason = (
                Connection.State.CLOSED,
                now,
                closer,
                reason[:300],
            )
        _revoke_many(closing)
        ConnectionEvent.objects.bulk_create(
            [
                ConnectionEvent(connection=c, kind="closed", actor=by, data={"reason": reason})
                for c in closing
            ],
            batch_size=CHUNK,
        )
        record_many(by, "connections.closed", closing, reason=reason)
        _tell(closing, "on_connections_closed", "on_connection_closed")
    return closing


def set_contact(connection: Connection, allowed: bool, *, by: User | None = None) -> Connection:
    """Allow (or withhold) contact between the two persons of a connection."""
    changed = set_contact_many([connection.pk], allowed, by=by)
    return changed[0] if changed else Connection.objects.get(pk=connection.pk)


def set_contact_many(connections, allowed: bool, *, by: User | None = None) -> list[Connection]:
    """Allow (or withhold) contact on many connections at once, as ``set_contact`` does on one:
    those whose setting differs are locked and changed in one update, their timeline entries
    written in one insert, and the plugins of each project told once
    (``on_connections_changed``). Returns the connections it changed (an unchanged one is left
    out and tells nothing); the number of statements does not grow with them."""
    with transaction.atomic():
        changing = [c for c in _lock(connections, Connection.State.values) if c.can_contact != allowed]
        if not changing:
            return []
        for chunk in _chunks([c.pk for c in changing]):
            Connection.objects.filter(pk__in=chunk).update(can_contact=allowed)
        change = "contact_allowed" if allowed else "contact_withheld"
        for c in changing:
            c.can_contact = allowed
        ConnectionEvent.objects.bulk_create(
            [ConnectionEvent(connection=c, kind=change, actor=by, data={}) for c in changing],
            batch_size=CHUNK,
        )
        _tell(changing, "on_connections_changed", "on_connection_changed", change=change)
    return changing


# --- bulk helpers ------------------------------------------------------------------------------


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _lock(connections, states) -> list[Connection]:
    """Lock, in id order, those of ``connections`` in ``states``, their projects loaded once."""
    locking = Connection.objects.select_for_update().filter(state__in=states).order_by("pk")
    if isinstance(connections, QuerySet):
        found = list(locking.filter(pk__in=connections.order_by().values("pk")))
    else:
        ids = sorted({c.pk if isinstance(c, Connection) else int(c) for c in connections})
        found = [c for chunk in _chunks(ids) for c in locking.filter(pk__in=chunk)]
    projects = Project.objects.in_bulk({c.project_id for c in found})
    for c in found:
        c.project = projects[c.project_id]
    return found


def _tell(connections: list[Connection], batch: str, single: str, **extra) -> None:
    """Call the batch hook once per project with its connections; a plugin that implements only
    the per-connection hook is called once per connection (``extra`` goes to both)."""
    by_project: dict[int, list[Connection]] = defaultdict(list)
    for c in connections:
        by_project[c.project_id].append(c)
    for group in by_project.values():
        call_batch, call_each = hooks_for(group[0].project).with_fallback(batch, single)
        call_batch(connections=group, **extra)
        for c in group:
            call_each(connection=c, **extra)


# --- grants -----------------------------------------------------------------------------------


def _staff_by_organisation(org_ids: set[int]) -> dict[int, list[int]]:
    """The organisation accounts working for each of ``org_ids`` (one query)."""
    staff: dict[int, list[int]] = defaultdict(list)
    if org_ids:
        rows = Organisation.staff.through.objects.filter(
            organisation_id__in=org_ids, user__role=Role.ORGANISATION
        ).values_list("organisation_id", "user_id")
        for org_id, user_id in rows:
            staff[org_id].append(user_id)
    return staff


def _entitlements(connections: list[Connection]) -> set[tuple[str, int, int]]:
    """(permission, viewer id, talent id) the connections' kinds give while they are active."""
    wanted = [(c, get_kind(c.kind)) for c in connections if c.talent_id]
    org_ids = set()
    for c, kind in wanted:
        for what in GRANTED:
            if kind.side_sees("organisation", what) and c.organisation_id:
                org_ids.add(c.organisation_id)
            if kind.side_sees(PROJECT_ORGANISATION, what) and c.project.organisation_id:
                org_ids.add(c.project.organisation_id)
    staff = _staff_by_organisation(org_ids)
    result = set()
    for c, kind in wanted:
        for what, permission in GRANTED.items():
            viewers = [getattr(c, f"{side}_id") for side in PERSON_SIDES if kind.side_sees(side, what)]
            if kind.side_sees("organisation", what) and c.organisation_id:
                viewers += staff[c.organisation_id]
            if kind.side_sees(PROJECT_ORGANISATION, what) and c.project.organisation_id:
                viewers += staff[c.project.organisation_id]
            result.update((permission, viewer, c.talent_id) for viewer in viewers if viewer)
    return result


def _profiles(talent_ids: set[int], *, create: bool) -> dict[int, int]:
    """Talent user id -> profile id (made where missing when ``create``)."""
    found = {}
    for chunk in _chunks(sorted(talent_ids)):
        found.update(TalentProfile.objects.filter(user_id__in=chunk).values_list("user_id", "pk"))
    if create:
        for talent_id in talent_ids - set(found):  # rare: a profile is made with the account
            found[talent_id] = TalentProfile.objects.get_or_create(user_id=talent_id)[0].pk
    return found


def _permission_ids(names: set[str]) -> dict[str, int]:
    condition = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".")
        condition |= Q(content_type__app_label=app_label, codename=codename)
    rows = Permission.objects.filter(condition).values_list("content_type__app_label", "codename", "pk")
    return {f"{app_label}.{codename}": pk for app_label, codename, pk in rows}


def _grant_many(connections: list[Connection]) -> None:
    """Give the connections' viewers their object permissions on the talents' profiles (rows
    already there stay)."""
    wanted = _entitlements(connections)
    if not wanted:
        return
    profiles = _profiles({talent for _p, _v, talent in wanted}, create=True)
    permissions = _permission_ids({permission for permission, _v, _t in wanted})
    TalentProfileUserObjectPermission.objects.bulk_create(
        [
            TalentProfileUserObjectPermission(
                permission_id=permissions[permission], user_id=viewer, content_object_id=profiles[talent]
            )
            for permission, viewer, talent in sorted(wanted)
        ],
        ignore_conflicts=True,
        batch_size=CHUNK,
    )


def _still_entitled(candidates: set[tuple[str, int, int]]) -> set[tuple[str, int, int]]:
    """Those of ``candidates`` that an active or paused connection still gives (one query for the
    viewers' approved organisations, one for the connections), as ``selectors.sees`` answers."""
    talents = sorted({talent for _p, _v, talent in candidates})
    viewers = {viewer for _p, viewer, _t in candidates}
    permissions = {permission for permission, _v, _t in candidates}
    whats = [what for what, permission in GRANTED.items() if permission in permissions]
    condition = Q(pk__in=[])
    for side in PERSON_SIDES:
        kinds = sorted({k for what in whats for k in kinds_where(side, what)})
        if kinds:
            condition |= Q(kind__in=kinds, **{f"{side}_id__in": viewers})
    org_kinds = sorted({k for what in whats for k in kinds_where("organisation", what)})
    project_kinds = sorted({k for what in whats for k in kinds_where(PROJECT_ORGANISATION, what)})
    orgs_of: dict[int, set[int]] = defaultdict(set)
    if org_kinds or project_kinds:
        # staff_organisation_ids(): approved, active organisation accounts of approved organisations
        rows = Organisation.staff.through.objects.filter(
            user_id__in=viewers,
            user__role=Role.ORGANISATION,
            user__approval_status=ApprovalStatus.APPROVED,
            user__is_active=True,
            organisation__status=Organisation.Status.APPROVED,
        ).values_list("user_id", "organisation_id")
        for user_id, org_id in rows:
            orgs_of[user_id].add(org_id)
    orgs = set().union(*orgs_of.values())
    if orgs and org_kinds:
        condition |= Q(kind__in=org_kinds, organisation_id__in=orgs)
    if orgs and project_kinds:
        condition |= Q(kind__in=project_kinds, project__organisation_id__in=orgs)
    still = set()
    for chunk in _chunks(talents):
        rows = (
            Connection.objects.filter(talent_id__in=chunk, state__in=Connection.CONNECTING_STATES)
            .filter(condition)
            .values_list(
                "kind", "talent_id", "mentor_id", "employer_id", "organisation_id", "project__organisation_id"
            )
        )
        for kind_id, talent, mentor, employer, org_id, project_org_id in rows:
            kind = get_kind(kind_id)
            for what in whats:
                permission = GRANTED[what]
                for side, viewer in (("talent", talent), ("mentor", mentor), ("employer", employer)):
                    if viewer and kind.side_sees(side, what):
                        still.add((permission, viewer, talent))
                for viewer, theirs in orgs_of.items():
                    if (kind.side_sees("organisation", what) and org_id in theirs) or (
                        kind.side_sees(PROJECT_ORGANISATION, what) and project_org_id in theirs
                    ):
                        still.add((permission, viewer, talent))
    return still & candidates


def _revoke_many(connections: list[Connection]) -> None:
    """Take permissions back from viewers that no other active connection still entitles: one
    DELETE of the rows nothing entitles any more."""
    candidates = _entitlements(connections)
    gone = candidates - _still_entitled(candidates) if candidates else set()
    if not gone:
        return
    profiles = _profiles({talent for _p, _v, talent in gone}, create=False)
    permissions = _permission_ids({permission for permission, _v, _t in gone})
    rows = {(permissions[p], viewer, profiles[talent]) for p, viewer, talent in gone if talent in profiles}
    # One condition per viewer (or per profile, whichever are fewer), listing the other side.
    per_viewer = len({viewer for _p, viewer, _pr in rows}) <= len({profile for _p, _v, profile in rows})
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for permission, viewer, profile in rows:
        key, other = (viewer, profile) if per_viewer else (profile, viewer)
        groups[(permission, key)].append(other)
    condition = Q(pk__in=[])
    for (permission, key), others in groups.items():
        if per_viewer:
            condition |= Q(permission_id=permission, user_id=key, content_object_id__in=sorted(others))
        else:
            condition |= Q(permission_id=permission, content_object_id=key, user_id__in=sorted(others))
    TalentProfileUserObjectPermission.objects.filter(condition).delete()


def grant(connection: Connection) -> None:
    """Give the connection's viewers their object permissions on the talent's profile."""
    _grant_many([connection])


def revoke(connection: Connection) -> None:
    """Take permissions back from viewers that no other active connection still entitles."""
    _revoke_many([connection])


# --- GDPR erasure -----------------------------------------------------------------------------


def erase_user(user: User) -> list[str]:
    """Close ``user``'s open connections (access is revoked, the plugins are told), then take the
    person out of every connection and timeline; the other side keeps the history."""
    from django.db.models import Q

    from cms.accounts.traces import PersonTraces
    from cms.connections.models import TalentProfileUserObjectPermission

    sides = Q(talent=user) | Q(mentor=user) | Q(employer=user)
    close_connections(
        Connection.objects.filter(sides, state__in=Connection.OPEN_STATES), by=None, reason="account_erased"
    )
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
