"""Reads about connections: who is connected to whom, who sees what, who manages a connection.

Every function answers with one query (or a fixed few) whatever the number of connections, so
list endpoints can filter with them.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cms.accounts.models import Role, TalentProfile
from cms.connections.kinds import GRANTED, PROJECT_ORGANISATION, kinds_where
from cms.connections.models import Connection
from cms.organisations.models import ProjectMembership
from cms.organisations.staff import organisation_staff, staff_organisation_ids

PERSON_SIDES = ("talent", "mentor", "employer")


def managing_organisation_id(connection: Connection) -> int | None:
    """The organisation that follows a connection: its own side, or the owner of its project."""
    return connection.organisation_id or connection.project.organisation_id


def can_manage(user, connection: Connection) -> bool:
    """Admins, and staff of the organisation that follows the connection, manage it."""
    if user.is_helix_admin:
        return True
    org_id = managing_organisation_id(connection)
    return org_id is not None and org_id in staff_organisation_ids(user)


def is_side(user, connection: Connection) -> bool:
    """Whether ``user`` is one side (in person, or as staff of its organisation side)."""
    if user.pk in connection.person_ids():
        return True
    return connection.organisation_id is not None and connection.organisation_id in staff_organisation_ids(
        user
    )


def can_see(user, connection: Connection) -> bool:
    return is_side(user, connection) or can_manage(user, connection)


def visible_connections(user, kinds=None) -> QuerySet[Connection]:
    """The connections ``user`` may see, as one query.

    Sides and managers see a connection; while contact is withheld (an employer with blind
    listings waiting for the talent's consent) only the talent and the managers see it.
    """
    connections = Connection.objects.all()
    if kinds is not None:
        connections = connections.filter(kind__in=list(kinds))
    if user.is_helix_admin:
        return connections
    orgs = staff_organisation_ids(user)
    return connections.filter(
        Q(talent=user)
        | Q(mentor=user)
        | Q(employer=user)
        | Q(organisation_id__in=orgs)
        | Q(project__organisation_id__in=orgs)
    ).exclude(Q(can_contact=False) & ~Q(talent=user) & ~Q(project__organisation_id__in=orgs))


def connection_people(connection: Connection, *, active_only: bool = True) -> list:
    """Everyone on the connection's sides: its persons and, for an organisation side, the staff."""
    from cms.accounts.models import User

    persons = User.objects.filter(pk__in=connection.person_ids())
    people = list(persons.filter(is_active=True) if active_only else persons)
    if connection.organisation_id:
        people.extend(organisation_staff(connection.organisation_id, active_only=active_only))
    return people


def are_connected(user_a, user_b) -> bool:
    """Whether the two may contact each other: an active or paused connection joins them (in
    person, or as staff of its organisation side) and allows contact, or one is staff of an
    approved organisation and the other an active member of one of its projects."""
    if user_a is None or user_b is None or user_a.pk == user_b.pk:
        return False
    a, b = user_a.pk, user_b.pk
    pairs = Q()
    for first in PERSON_SIDES:
        for second in PERSON_SIDES:
            if first != second:
                pairs |= Q(**{f"{first}_id": a, f"{second}_id": b})
    connecting = Connection.objects.filter(state__in=Connection.CONNECTING_STATES)
    if connecting.filter(pairs, can_contact=True).exists():
        return True
    for staff, person in ((user_a, user_b), (user_b, user_a)):
        orgs = staff_organisation_ids(staff)
        if (
            orgs
            and connecting.filter(organisation_id__in=orgs)
            .filter(Q(talent=person) | Q(mentor=person) | Q(employer=person))
            .exists()
        ):
            return True
        if (
            orgs
            and person.role in (Role.TALENT, Role.MENTOR)
            and ProjectMembership.objects.filter(
                user=person, status=ProjectMembership.Status.ACTIVE, project__organisation_id__in=orgs
            ).exists()
        ):
            return True
    return False


def _seeing(viewer, what: str) -> Q:
    """Connections in which ``viewer`` sees ``what`` of the talent (by kind and side)."""
    condition = Q(pk__in=[])
    for side in PERSON_SIDES:
        kinds = kinds_where(side, what)
        if kinds:
            condition |= Q(kind__in=kinds, **{side: viewer})
    orgs = staff_organisation_ids(viewer)
    if orgs:
        kinds = kinds_where("organisation", what)
        if kinds:
            condition |= Q(kind__in=kinds, organisation_id__in=orgs)
        kinds = kinds_where(PROJECT_ORGANISATION, what)
        if kinds:
            condition |= Q(kind__in=kinds, project__organisation_id__in=orgs)
    return condition


def granting_connections(talent, viewer, what: str) -> QuerySet[Connection]:
    """Active or paused connections that let ``viewer`` see ``what`` of ``talent``."""
    return Connection.objects.filter(talent=talent, state__in=Connection.CONNECTING_STATES).filter(
        _seeing(viewer, what)
    )


def sees(viewer, talent, what: str) -> bool:
    """Whether ``viewer`` may see ``what`` (``profile``, ``cv``, ``networking_plan``, ``progress``)
    of ``talent`` through a connection (admins see everything)."""
    if viewer is None or not viewer.is_authenticated or talent is None:
        return False
    if viewer.is_helix_admin:
        return True
    if viewer.pk == talent.pk:
        return True
    return granting_connections(talent, viewer, what).exists()


def viewers(connection: Connection, what: str) -> list:
    """Who sees ``what`` of the connection's talent through this connection."""
    from cms.accounts.models import User
    from cms.connections.kinds import get_kind

    kind = get_kind(connection.kind)
    found = []
    for side in PERSON_SIDES:
        if kind.side_sees(side, what) and getattr(connection, f"{side}_id"):
            found.append(getattr(connection, side))
    org_ids = set()
    if kind.side_sees("organisation", what) and connection.organisation_id:
        org_ids.add(connection.organisation_id)
    if kind.side_sees(PROJECT_ORGANISATION, what) and connection.project.organisation_id:
        org_ids.add(connection.project.organisation_id)
    if org_ids:
        found.extend(User.objects.filter(organisations__in=org_ids, role=Role.ORGANISATION).distinct())
    return found


def talents_visible_to(user, what: str = "profile") -> QuerySet[TalentProfile]:
    """Talent profiles ``user`` holds the object permission for (one query through the direct table)."""
    if user.is_helix_admin:
        return TalentProfile.objects.all()
    codename = GRANTED[what].split(".")[1]
    return TalentProfile.objects.filter(
        talentprofileuserobjectpermission__user=user,
        talentprofileuserobjectpermission__permission__codename=codename,
    )


# --- GDPR export ------------------------------------------------------------------------------


def _person(user, of_user, connection: Connection):
    """Another person on a connection, as the exporting user may know them: the user id, and the
    name only where contact is allowed (a blind listing never leaks a name through an export)."""
    if user is None:
        return None
    if user.pk == of_user.pk or connection.can_contact:
        return {"id": str(user.public_id), "name": str(user)}
    return {"id": None, "name": None}


def export_user(user) -> dict:
    """Every connection and timeline entry of ``user`` (keys present even when empty)."""
    from cms.connections.models import ConnectionEvent, TalentProfileUserObjectPermission

    mine = Q(talent=user) | Q(mentor=user) | Q(employer=user) | Q(proposed_by=user) | Q(closed_by=user)
    connections = Connection.objects.filter(mine).select_related(
        "project", "talent", "mentor", "employer", "organisation"
    )
    return {
        "connections.connection": [
            {
                "id": str(c.public_id),
                "kind": c.kind,
                "state": c.state,
                "project": c.project.slug,
                **{side: _person(getattr(c, side), user, c) for side in PERSON_SIDES},
                "organisation": c.organisation.name if c.organisation else None,
                "note": c.note,
                "close_reason": c.close_reason,
                "created_at": c.created_at,
                "activated_at": c.activated_at,
                "closed_at": c.closed_at,
            }
            for c in connections
        ],
        "connections.connectionevent": list(
            ConnectionEvent.objects.filter(actor=user).values("connection__public_id", "kind", "at", "data")
        ),
        "connections.talentprofileuserobjectpermission": list(
            TalentProfileUserObjectPermission.objects.filter(
                Q(user=user) | Q(content_object__user=user)
            ).values("permission__codename", "content_object__user__public_id", "user__public_id")
        ),
    }
