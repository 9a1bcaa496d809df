"""Business actions of the employers plugin: the employer's offer, contact between an employer and
a talent, a talent declining or blocking an employer, and the CV-view log."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import EmployerProfile, Role, User
from cms.audit import record
from cms.errors import InvalidTransition, NotApproved, NotConnected, RoleNotAllowed
from plugins.employers.models import CvView, EmployerDetails, EmployerRelation
from plugins.mentoring.actions.matching import close_match
from plugins.mentoring.actions.messaging import refresh_thread_for_match, set_blocked, thread_between
from plugins.mentoring.models import Match
from plugins.mentoring.notify import notify

OPEN = (Match.State.PROPOSED, Match.State.ACTIVE, Match.State.PAUSED)






def require_employer(user: User) -> None:
    if user.role != Role.EMPLOYER:
        raise RoleNotAllowed(_("Only employers use the talent pool."))
    if not user.is_approved:
        raise NotApproved()


def connection(*, talent: User, employer: User) -> Match:
    """The open connection between the two, or ``not_connected``."""
    match = (
        Match.objects.filter(
            kind=Match.Kind.TALENT_EMPLOYER, state__in=OPEN, talent=talent, employer=employer
        )
        .order_by("-pk")
        .first()
    )
    if match is None:
        raise NotConnected()
    return match


def relation(talent: User, employer: User) -> EmployerRelation:
    return EmployerRelation.objects.get_or_create(talent=talent, employer=employer)[0]


def is_blind(employer: User) -> bool:
    return EmployerDetails.objects.filter(user=employer, blind_listings=True).exists()


def identity_visible(employer: User, talent: User, rel: EmployerRelation | None = None) -> bool:
    """Names, photos and the CV file are shown to a blind employer only after the talent accepted contact."""
    if not is_blind(employer):
        return True
    rel = rel or EmployerRelation.objects.filter(talent=talent, employer=employer).first()
    return rel is not None and rel.contact == EmployerRelation.Contact.ACCEPTED


def update_details(employer: User, *, places=None, offers=None, blind_listings=None) -> EmployerDetails:
    """Change what the employer offers, and where. Turning blind listings on or off changes, at once,
    whether the employer may write to talents who have not accepted contact."""
    require_employer(employer)
    with transaction.atomic():
        details, _created = EmployerDetails.objects.select_for_update().get_or_create(user=employer)
        if places is not None:
            details.places = sorted({p.strip() for p in places if p.strip()})
        if offers is not None:
            details.offers = sorted(set(offers))
        if blind_listings is not None and blind_listings != details.blind_listings:
            details.blind_listings = blind_listings
            accepted = EmployerRelation.objects.filter(
                employer=employer, contact=EmployerRelation.Contact.ACCEPTED
            ).values("talent")
            matches = Match.objects.filter(kind=Match.Kind.TALENT_EMPLOYER, employer=employer, state__in=OPEN)
            if blind_listings:
                matches.exclude(talent__in=accepted).update(messaging=False)
            else:
                matches.update(messaging=True)
            for match in matches:
                refresh_thread_for_match(match)
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
            key=f"contact:{rel.pk}:{rel.contact_requested_at.isoformat()}",
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
        Match.objects.filter(pk=match.pk).update(messaging=True)
        refresh_thread_for_match(match)
        record(talent, "employers.contact_accepted", rel)
        notify("employers/mail/contact_accepted", [employer], {"talent": talent}, key=f"accepted:{rel.pk}")
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
        for match in Match.objects.filter(
            kind=Match.Kind.TALENT_EMPLOYER, state__in=OPEN, talent=talent, employer=employer
        ):
            close_match(match, by=None, reason=f"talent_{decision}")
        if decision == EmployerRelation.Decision.BLOCKED:
            thread = thread_between(talent, employer)
            if thread is not None:
                set_blocked(thread, talent, True)
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
