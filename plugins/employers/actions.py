"""Business actions of the employers plugin: the employer's offer, contact between an employer and
a talent, a talent declining or blocking an employer, and the CV-view log."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import EmployerProfile, Role, User
from cms.audit import record
from cms.connections.actions import close_connection, set_contact, set_contact_many
from cms.connections.models import Connection
from cms.errors import InvalidTransition, NotApproved, NotConnected, RoleNotAllowed
from cms.outbox.mail import notify
from plugins.employers.models import BlindConnection, CvView, EmployerDetails, EmployerRelation

# The kind of connection this plugin declares (``connection_kinds`` hook).
TALENT_EMPLOYER = "talent_employer"
OPEN = Connection.OPEN_STATES


def require_employer(user: User) -> None:
    """The user's role holds "see the talent pool" (employers, by default) and is approved."""
    if not user.has_perm("employers.see_talent_pool"):
        raise RoleNotAllowed(_("Only employers use the talent pool."))
    if not user.is_approved:
        raise NotApproved()


def connection(*, talent: User, employer: User) -> Connection:
    """The open connection between the two, or ``not_connected``."""
    match = (
        Connection.objects.filter(kind=TALENT_EMPLOYER, state__in=OPEN, talent=talent, employer=employer)
        .order_by("-pk")
        .first()
    )
    if match is None:
        raise NotConnected()
    return match


def relation(talent: User, employer: User) -> EmployerRelation:
    return EmployerRelation.objects.get_or_create(talent=talent, employer=employer)[0]


def identity_visible(employer: User, talent: User, rel: EmployerRelation | None = None) -> bool:
    """Whether ``employer`` may see the talent's name, photo and CV file: not while their open
    connection is blind (``BlindConnection``) and the talent has not accepted contact. The
    employer's current setting does not decide it: a connection made blind stays blind."""
    rel = rel or EmployerRelation.objects.filter(talent=talent, employer=employer).first()
    if rel is not None and rel.contact == EmployerRelation.Contact.ACCEPTED:
        return True
    return not BlindConnection.objects.filter(
        connection__kind=TALENT_EMPLOYER,
        connection__state__in=OPEN,
        connection__talent=talent,
        connection__employer=employer,
    ).exists()


def mark_blind(connection: Connection) -> None:
    """Make a talent–employer connection blind (idempotent): the talent's identity waits for
    their acceptance of contact, and contact is withheld until then."""
    with transaction.atomic():
        BlindConnection.objects.get_or_create(connection=connection)
        set_contact(connection, False, by=None)


def mark_blind_many(connections: list[Connection]) -> None:
    """``mark_blind`` for many talent–employer connections at once (the matching opens them
    with contact already withheld): the blind rows in one insert, contact withheld on those
    that still allowed it."""
    with transaction.atomic():
        BlindConnection.objects.bulk_create(
            [BlindConnection(connection=c) for c in connections], ignore_conflicts=True, batch_size=5000
        )
        set_contact_many([c for c in connections if c.can_contact], False, by=None)


def update_details(employer: User, *, places=None, offers=None, blind_listings=None) -> EmployerDetails:
    """Change what the employer offers, and where, and whether their listings are blind.

    Turning blind listings on makes every open connection whose talent has not accepted contact
    blind at once (names hidden, contact withheld). Turning them off applies to connections made
    from then on: a connection made blind stays blind until its talent accepts contact, so the
    switch never reveals anyone (docs/employers.md).
    """
    require_employer(employer)
    with transaction.atomic():
        details, _created = EmployerDetails.objects.select_for_update().get_or_create(user=employer)
        if places is not None:
            details.places = sorted({p.strip() for p in places if p.strip()})
        if offers is not None:
            details.offers = sorted(set(offers))
        if blind_listings is not None and blind_listings != details.blind_listings:
            details.blind_listings = blind_listings
            if blind_listings:
                accepted = EmployerRelation.objects.filter(
                    employer=employer, contact=EmployerRelation.Contact.ACCEPTED
                ).values("talent")
                mark_blind_many(
                    list(
                        Connection.objects.filter(kind=TALENT_EMPLOYER, employer=employer, state__in=OPEN)
                        .exclude(talent__in=accepted)
                        .order_by("pk")
                    )
                )
            record(employer, "employers.blind_listings_" + ("on" if blind_listings else "off"), details)
        details.save()
    return details


def request_contact(employer: User, talent: User, message: str) -> EmployerRelation:
    """An employer asks a connected talent for contact; the talent is e-mailed and decides."""
    require_employer(employer)
    connection(talent=talent, employer=employer)
    with transaction.atomic():
        rel = EmployerRelation.objects.select_for_update().get_or_create(talent=talent, employer=employer)[0]
        if rel.contact == EmployerRelation.Contact.ACCEPTED:
            raise InvalidTransition(
                _("This talent has already accepted your contact."), code="contact_accepted"
            )
        rel.contact, rel.contact_message, rel.contact_requested_at = (
            EmployerRelation.Contact.REQUESTED,
            message,
            timezone.now(),
        )
        rel.save()
        company = EmployerProfile.objects.filter(user=employer).values_list("company", flat=True).first()
        notify(
            "employers/mail/contact_requested",
            [talent],
            {"company": company or str(employer), "message": message},
            key=f"employers:contact:{rel.pk}:{rel.contact_requested_at.isoformat()}",
        )
    return rel


def accept_contact(talent: User, employer: User) -> EmployerRelation:
    """The talent accepts an employer's contact: their name shows and the employer may write."""
    match = connection(talent=talent, employer=employer)
    with transaction.atomic():
        rel = EmployerRelation.objects.select_for_update().get_or_create(talent=talent, employer=employer)[0]
        if rel.contact == EmployerRelation.Contact.ACCEPTED:
            return rel
        rel.contact, rel.contact_accepted_at = EmployerRelation.Contact.ACCEPTED, timezone.now()
        rel.save()
        set_contact(match, True, by=talent)
        record(talent, "employers.contact_accepted", rel)
        notify(
            "employers/mail/contact_accepted",
            [employer],
            {"talent": talent},
            key=f"employers:accepted:{rel.pk}",
        )
    return rel


def decide(talent: User, employer: User, decision: str) -> EmployerRelation:
    """The talent declines (no more connection) or blocks (no connection and no messages, ever) an
    employer. The employer loses access at once and the matching job will not connect them again."""
    if talent.role != Role.TALENT:
        raise RoleNotAllowed()
    with transaction.atomic():
        rel = EmployerRelation.objects.select_for_update().get_or_create(talent=talent, employer=employer)[0]
        if (
            rel.decision == EmployerRelation.Decision.BLOCKED
            and decision != EmployerRelation.Decision.BLOCKED
        ):
            raise InvalidTransition(_("You blocked this employer."), code="blocked")
        rel.decision, rel.decided_at = decision, timezone.now()
        rel.save(update_fields=["decision", "decided_at"])
        # Closing ends access and turns any conversation read-only, through the core's hooks.
        for match in Connection.objects.filter(
            kind=TALENT_EMPLOYER, state__in=OPEN, talent=talent, employer=employer
        ):
            close_connection(match, by=None, reason=f"talent_{decision}")
        record(talent, f"employers.employer_{decision}", rel)
    return rel


def undo_decline(talent: User, employer: User) -> EmployerRelation:
    """A declined employer may be connected again (a block cannot be undone here)."""
    from plugins.employers import matching

    with transaction.atomic():
        rel = EmployerRelation.objects.select_for_update().filter(talent=talent, employer=employer).first()
        if rel is None or rel.decision != EmployerRelation.Decision.DECLINED:
            raise InvalidTransition(_("You have not declined this employer."), code="not_declined")
        rel.decision, rel.decided_at = "", timezone.now()
        rel.save(update_fields=["decision", "decided_at"])
        matching.schedule("talent", talent)
    return rel


def record_view(employer: User, talent: User, kind: str) -> CvView:
    """Log a look at a talent's profile or CV (the talent sees it)."""
    company = EmployerProfile.objects.filter(user=employer).values_list("company", flat=True).first() or ""
    return CvView.objects.create(talent=talent, employer=employer, company=company, kind=kind)


def count_close_as_declined(match: Connection) -> None:
    """A talent or employer who closes a sector connection themselves (through the matches API)
    is not connected again by the job: it counts as declining."""
    if (
        match.kind != TALENT_EMPLOYER
        or not match.closed_by_id
        or not match.talent_id
        or not match.employer_id
    ):
        return
    if match.closed_by_id not in (match.talent_id, match.employer_id):
        return
    relation, _created = EmployerRelation.objects.get_or_create(
        talent_id=match.talent_id, employer_id=match.employer_id
    )
    if not relation.decision:
        relation.decision, relation.decided_at = EmployerRelation.Decision.DECLINED, timezone.now()
        relation.save(update_fields=["decision", "decided_at"])


def erase_user(user: User) -> None:
    """An erased talent's CV-view log goes; an erased employer's views stay for the talent, with
    the company name only. Relations go with either side."""
    from django.db.models import Q

    CvView.objects.filter(talent=user).delete()
    CvView.objects.filter(employer=user).update(employer=None)
    EmployerRelation.objects.filter(Q(talent=user) | Q(employer=user)).delete()
    EmployerDetails.objects.filter(user=user).delete()
