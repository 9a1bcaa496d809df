"""Reads of the journey plugin: the roadmap as a talent (or their mentor) sees it, who may see
and write what, the talents due for a reminder, and the GDPR export.

Who reads a talent's roadmap is the core's answer: the talent, admins, and the people an active
or paused connection lets see the talent's ``progress`` (the connection kinds declare it per
side: the mentor of a talent–mentor connection, the organisation of a talent–organisation one).
Everyone else is told the roadmap does not exist (404).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from cms.accounts.models import Consent, Role, User
from cms.connections.kinds import PROGRESS
from cms.connections.selectors import granting_connections, sees
from cms.organisations.models import ProjectMembership
from cms.organisations.staff import staff_organisation_ids
from cms.pages.models import RoadmapStepPage
from plugins.journey.models import ChecklistTick, Outcome, OutcomeReminder, StepNote, StepStatus

RECORD_FOR_OTHERS = "journey.record_outcome_for_others"
TRACK_PROGRESS = "journey.track_progress"

# --- who sees and writes what ---------------------------------------------------------------


def talent_by_id(public_id) -> User | None:
    """The active talent with this public id, or ``None``."""
    return User.objects.filter(public_id=public_id, role=Role.TALENT, is_active=True, erased_at=None).first()


def can_read_roadmap(user, talent) -> bool:
    """The talent themselves, admins, and whoever a connection lets see the talent's progress
    (an account waiting for approval sees nothing)."""
    if not user.is_authenticated:
        return False
    if user.pk == talent.pk or user.is_helix_admin:
        return True
    return user.is_approved and sees(user, talent, PROGRESS)


def is_connected_viewer(user, talent) -> bool:
    """Whether an active or paused connection lets ``user`` see ``talent``'s progress (and so add
    notes): not the talent, not an admin as such."""
    if not user.is_authenticated or not user.is_approved or user.pk == talent.pk:
        return False
    return granting_connections(talent, user, PROGRESS).exists()


def follows_talent(user, talent) -> bool:
    """Whether ``user`` follows ``talent``'s journey: connected with a view of their progress, or
    staff of an organisation running a project the talent is an active member of, or an admin."""
    if not user.is_authenticated or user.pk == talent.pk:
        return False
    if user.is_helix_admin:
        return True
    if not user.is_approved:
        return False
    if granting_connections(talent, user, PROGRESS).exists():
        return True
    orgs = staff_organisation_ids(user)
    return (
        bool(orgs)
        and ProjectMembership.objects.filter(
            user=talent, status=ProjectMembership.Status.ACTIVE, project__organisation_id__in=orgs
        ).exists()
    )


def has_consent(user, purpose: str) -> bool:
    """Whether ``user`` holds a current, not withdrawn consent for ``purpose``."""
    version = settings.HELIX_CONSENT_VERSIONS[purpose]
    return Consent.objects.filter(user=user, purpose=purpose, version=version, withdrawn_at=None).exists()


# --- the roadmap --------------------------------------------------------------------------------


def roadmap_pages(language: str) -> list[RoadmapStepPage]:
    """The live roadmap steps, one per step, in ``language`` where translated (else the source
    language), by step number: one query whatever the number of languages."""
    pages = RoadmapStepPage.objects.live().select_related("locale").order_by("step_number", "pk")
    versions: dict[uuid.UUID, dict[str, RoadmapStepPage]] = {}
    for page in pages:
        versions.setdefault(page.translation_key, {})[page.locale.language_code] = page
    chosen = []
    for found in versions.values():
        page = found.get(language) or found.get(settings.LANGUAGE_CODE) or next(iter(found.values()))
        page.journey_item_ids = {str(b.id) for version in found.values() for b in version.checklist}
        chosen.append(page)
    return sorted(chosen, key=lambda p: (p.step_number, p.pk))


def step_by_number(number) -> RoadmapStepPage | None:
    """The live roadmap step with this number (any language: they share the key), or ``None``."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return None
    return RoadmapStepPage.objects.live().filter(step_number=number).order_by("pk").first()


def step_of_item(item_id) -> RoadmapStepPage | None:
    """The live roadmap step whose checklist holds the item ``item_id``, or ``None``."""
    item = str(item_id)
    for page in roadmap_pages(settings.LANGUAGE_CODE):
        if item in page.journey_item_ids:
            return page
    return None


def _person(user) -> dict[str, Any]:
    if user is None or user.erased_at is not None:
        return {"id": None, "name": None, "role": None}
    return {"id": str(user.public_id), "name": str(user), "role": user.role}


def roadmap_of(talent, language: str) -> dict[str, Any]:
    """The talent's roadmap as the API answers it: every step in ``language`` with the talent's
    status, its checklist with the ticks and the notes, and the counts. A fixed number of
    queries; nothing is written by reading."""
    pages = roadmap_pages(language)
    statuses = {row.step_key: row for row in StepStatus.objects.filter(talent=talent)}
    ticked = {str(i) for i in ChecklistTick.objects.filter(talent=talent).values_list("item_id", flat=True)}
    notes: dict[uuid.UUID, list] = {}
    for note in StepNote.objects.filter(talent=talent).select_related("author"):
        notes.setdefault(note.step_key, []).append(
            {
                "id": note.public_id,
                "author": _person(note.author),
                "body": note.body,
                "created_at": note.created_at,
            }
        )
    steps = []
    for page in pages:
        row = statuses.get(page.translation_key)
        items = [
            {
                "id": block.id,
                "text": block.value["text"],
                "details": block.value.get("details") or "",
                "ticked": str(block.id) in ticked,
            }
            for block in page.checklist
        ]
        steps.append(
            {
                "step": page.step_number,
                "key": page.translation_key,
                "page_id": page.pk,
                "locale": page.locale.language_code,
                "title": page.title,
                "status": row.status if row else StepStatus.Status.NOT_STARTED,
                "updated_at": row.updated_at if row else None,
                "items_total": len(items),
                "items_ticked": sum(1 for item in items if item["ticked"]),
                "items": items,
                "notes": notes.get(page.translation_key, []),
            }
        )
    progress = {status: sum(1 for s in steps if s["status"] == status) for status in StepStatus.Status.values}
    progress.update(
        step_count=len(steps),
        items_total=sum(s["items_total"] for s in steps),
        items_ticked=sum(s["items_ticked"] for s in steps),
    )
    return {"talent": _person(talent), "progress": progress, "steps": steps}


# --- reminders ----------------------------------------------------------------------------------


def talents_due_for_reminder(since: datetime, projects):
    """Active talents with a current ``outcome_reminders`` consent granted before ``since`` who
    were not reminded since then, and who are active members of one of ``projects`` (every talent
    when the default project is among them)."""
    from cms.organisations.models import Project

    version = settings.HELIX_CONSENT_VERSIONS[Consent.Purpose.OUTCOME_REMINDERS]
    consent = Consent.objects.filter(
        user=OuterRef("pk"),
        purpose=Consent.Purpose.OUTCOME_REMINDERS,
        version=version,
        withdrawn_at=None,
        granted_at__lt=since,
    )
    talents = (
        User.objects.filter(role=Role.TALENT, is_active=True, erased_at=None)
        .filter(Exists(consent))
        .filter(Q(journey_reminder__isnull=True) | Q(journey_reminder__sent_at__lt=since))
    )
    project_ids = list(projects.values_list("pk", flat=True))
    if Project.default().pk not in project_ids:
        talents = talents.filter(
            Exists(
                ProjectMembership.objects.filter(
                    user=OuterRef("pk"), status=ProjectMembership.Status.ACTIVE, project_id__in=project_ids
                )
            )
        )
    return talents.order_by("pk")


# --- GDPR export ----------------------------------------------------------------------------------


def export_user(user) -> dict[str, list]:
    """The person's roadmap, notes and outcomes, model by model (each key present even when
    empty). Notes and outcomes they wrote about others are listed without naming the talent."""
    received = StepNote.objects.filter(talent=user).select_related("author")
    written = StepNote.objects.filter(author=user).exclude(talent=user)
    return {
        "journey.stepstatus": list(
            StepStatus.objects.filter(talent=user).values("step_key", "status", "updated_at")
        ),
        "journey.checklisttick": list(
            ChecklistTick.objects.filter(talent=user).values("step_key", "item_id", "ticked_at")
        ),
        "journey.stepnote": [
            {
                "id": str(n.public_id),
                "direction": "received",
                "step_key": str(n.step_key),
                "author": str(n.author) if n.author.erased_at is None else None,
                "body": n.body,
                "created_at": n.created_at,
            }
            for n in received
        ]
        + [
            {"id": str(n.public_id), "direction": "written", "body": n.body, "created_at": n.created_at}
            for n in written
        ],
        "journey.outcome": [
            {
                "id": str(o.public_id),
                "direction": "own",
                "kind": o.kind,
                "date": o.date,
                "sector": o.sector,
                "contract": o.contract,
                "level": o.level,
                "recorded_by_someone_else": o.recorded_by_id not in (None, user.pk),
                "created_at": o.created_at,
            }
            for o in Outcome.objects.filter(talent=user)
        ]
        + [
            {"id": str(o.public_id), "direction": "recorded_for_someone", "kind": o.kind, "date": o.date}
            for o in Outcome.objects.filter(recorded_by=user).exclude(talent=user)
        ],
        "journey.outcomereminder": list(OutcomeReminder.objects.filter(talent=user).values("sent_at")),
    }
