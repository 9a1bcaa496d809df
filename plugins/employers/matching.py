"""Consent-based sector matching: a talent who publishes their CV is connected with every approved
employer whose sectors overlap theirs ("matched by sector"), and with nobody else.

The work is incremental: a change to one talent (consent, sectors) reconciles that talent's
connections against the employers of their sectors; a change to one employer (sectors, approval)
reconciles that employer against the talents of its sectors. Nothing ever looks at all talents ×
all employers. Reconciling is idempotent: run twice, the second run changes nothing.

Connections that no longer hold are closed at once, inside the change's own transaction (an
employer loses access the moment consent is withdrawn); new connections are made by the
background job (``employers.reconcile``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef

from cms.accounts.models import ApprovalStatus, Consent, EmployerProfile, Role, TalentProfile, User
from cms.connections.actions import close_connections, open_connections
from cms.connections.models import Connection
from cms.organisations.models import Project
from cms.outbox.api import enqueue_once
from plugins.employers.actions import TALENT_EMPLOYER, mark_blind_many
from plugins.employers.models import EmployerDetails, EmployerRelation

OPEN = Connection.OPEN_STATES
ACTOR = "employers.reconcile"


@dataclass
class Reconciled:
    """What one reconciliation did: rows touched is created + closed."""

    considered: int = 0
    created: int = 0
    closed: int = 0

    @property
    def touched(self) -> int:
        return self.created + self.closed


def _current_consents():
    """Active consents to publish the CV, in the current version of the consent text."""
    return Consent.objects.filter(
        purpose=Consent.Purpose.CV_PUBLICATION,
        withdrawn_at=None,
        version=settings.HELIX_CONSENT_VERSIONS[Consent.Purpose.CV_PUBLICATION],
    )


def publishes_cv(talent: User) -> bool:
    return _current_consents().filter(user=talent).exists()


def _talent_sectors(talent: User) -> set[int]:
    return set(
        TalentProfile.sectors.through.objects.filter(talentprofile__user=talent).values_list(
            "sector_id", flat=True
        )
    )


def _employer_sectors(employer: User) -> set[int]:
    return set(
        EmployerProfile.sectors.through.objects.filter(employerprofile__user=employer).values_list(
            "sector_id", flat=True
        )
    )


def _open_connections(**filters):
    return Connection.objects.filter(kind=TALENT_EMPLOYER, state__in=OPEN, **filters).select_related(
        "talent", "employer", "project"
    )


def eligible_employers(talent: User):
    """The approved employers whose sectors overlap the talent's, minus those the talent refused."""
    if talent.role != Role.TALENT or not talent.is_active or not publishes_cv(talent):
        return User.objects.none()
    sectors = _talent_sectors(talent)
    if not sectors:
        return User.objects.none()
    overlap = EmployerProfile.sectors.through.objects.filter(
        employerprofile__user=OuterRef("pk"), sector_id__in=sectors
    )
    refused = EmployerRelation.objects.filter(talent=talent, employer=OuterRef("pk")).exclude(decision="")
    return (
        User.objects.filter(
            role=Role.EMPLOYER, approval_status=ApprovalStatus.APPROVED, is_active=True, erased_at=None
        )
        .filter(Exists(overlap))
        .exclude(Exists(refused))
    )


def eligible_talents(employer: User):
    """The consenting talents whose sectors overlap the employer's, minus those who refused it."""
    if employer.role != Role.EMPLOYER or not employer.is_approved:
        return User.objects.none()
    sectors = _employer_sectors(employer)
    if not sectors:
        return User.objects.none()
    overlap = TalentProfile.sectors.through.objects.filter(
        talentprofile__user=OuterRef("pk"), sector_id__in=sectors
    )
    consent = Consent.objects.filter(
        user=OuterRef("pk"), purpose=Consent.Purpose.CV_PUBLICATION, withdrawn_at=None
    )
    refused = EmployerRelation.objects.filter(talent=OuterRef("pk"), employer=employer).exclude(decision="")
    return (
        User.objects.filter(role=Role.TALENT, is_active=True, erased_at=None)
        .filter(Exists(overlap), Exists(consent))
        .exclude(Exists(refused))
    )


def _messaging_for(talent_ids: set[int], employer_ids: set[int]) -> dict[tuple[int, int], bool]:
    """Employers with blind listings may write only once the talent has accepted their contact."""
    blind = set(
        EmployerDetails.objects.filter(user_id__in=employer_ids, blind_listings=True).values_list(
            "user_id", flat=True
        )
    )
    accepted = set(
        EmployerRelation.objects.filter(
            talent_id__in=talent_ids, employer_id__in=employer_ids, contact=EmployerRelation.Contact.ACCEPTED
        ).values_list("talent_id", "employer_id")
    )
    return {(t, e): e not in blind or (t, e) in accepted for t in talent_ids for e in employer_ids}


def close_stale_for_talent(talent: User, reason: str) -> int:
    """Close, now, the talent's connections that no longer hold (consent gone, sectors changed):
    in bulk, a fixed number of statements however many employers they were."""
    keep = set(eligible_employers(talent).values_list("pk", flat=True))
    stale = _open_connections(talent=talent).exclude(employer_id__in=keep)
    return len(close_connections(stale, by=None, reason=reason))


def close_stale_for_employer(employer: User, reason: str) -> int:
    keep = eligible_talents(employer).values("pk")
    stale = _open_connections(employer=employer).exclude(talent_id__in=keep)
    return len(close_connections(stale, by=None, reason=reason))


def _open_missing(pairs: list[tuple[int, int]], messaging: dict[tuple[int, int], bool]) -> int:
    """Open the missing talent–employer connections in bulk (active at once); those of blind
    listings are made blind."""
    made = open_connections(
        TALENT_EMPLOYER,
        [{"talent": t, "employer": e, "can_contact": messaging[(t, e)]} for t, e in sorted(pairs)],
        project=Project.default(),
        activate=True,
    )
    blind = [match for match in made if not match.can_contact]
    if blind:
        mark_blind_many(blind)
    return len(made)


def reconcile_talent(talent: User) -> Reconciled:
    """Make the talent's connections exactly the eligible employers (idempotent)."""
    result = Reconciled()
    with transaction.atomic():
        User.objects.select_for_update().filter(
            pk=talent.pk
        ).first()  # one reconciliation per talent at a time
        wanted = set(eligible_employers(talent).values_list("pk", flat=True))
        have = dict(_open_connections(talent=talent).values_list("employer_id", "pk"))
        result.considered = len(wanted | set(have))
        result.closed = close_stale_for_talent(talent, "no_longer_matching") if set(have) - wanted else 0
        missing = wanted - set(have)
        if missing:
            messaging = _messaging_for({talent.pk}, missing)
            result.created = _open_missing([(talent.pk, e) for e in missing], messaging)
    return result


def reconcile_employer(employer: User) -> Reconciled:
    """Make the employer's connections exactly the eligible talents (idempotent)."""
    result = Reconciled()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=employer.pk).first()
        wanted = set(eligible_talents(employer).values_list("pk", flat=True))
        have = dict(_open_connections(employer=employer).values_list("talent_id", "pk"))
        result.considered = len(wanted | set(have))
        result.closed = close_stale_for_employer(employer, "no_longer_matching") if set(have) - wanted else 0
        missing = wanted - set(have)
        if missing:
            messaging = _messaging_for(missing, {employer.pk})
            result.created = _open_missing([(t, employer.pk) for t in missing], messaging)
    return result


def schedule(kind: str, user: User) -> None:
    """Queue a reconciliation for after the current transaction commits (through the outbox, so a
    crash between the change and the job loses nothing). One that waits unstarted for the same
    person already covers this change (a talent's ``sectors.set()`` removes, then adds)."""
    enqueue_once(ACTOR, payload={"kind": kind, "user": user.pk}, user=user)
