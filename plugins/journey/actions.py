"""Actions of the journey plugin: a talent's step statuses and ticks, notes from their mentor
or coach, outcomes (recorded by the talent, or with their consent by their organisation's staff
or mentor), the quarterly reminders, and the erasure of a person's journey data.

Each action checks its rules before it writes and does its change, the audit entry and the
e-mails (outbox rows) in one transaction. Views, the job and the seed call these; tests call
them directly.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import Consent, Role, User
from cms.audit import record
from cms.errors import (
    ConsentRequired,
    DateOutOfRange,
    EmptyText,
    InvalidParameter,
    MentorOnly,
    NotATalent,
    PageNotFound,
    UnknownStep,
    require_capability,
)
from cms.outbox.mail import notify
from cms.sectors.models import Sector
from plugins.journey import conf, selectors
from plugins.journey.models import (
    Assessment,
    AssessmentScore,
    ChecklistTick,
    Outcome,
    OutcomeReminder,
    StepNote,
    StepStatus,
)

OUTCOME_FIELDS = ("kind", "date", "sector", "contract", "level")


class OutcomeConsentMissing(ConsentRequired):
    """The talent did not agree that others record their outcomes: the same stable code as every
    missing consent, but 403, since reading the outcomes (a GET) is refused too."""

    status = 403
    message = _("The talent has not agreed that their organisation or mentor records their outcomes.")


JOB_FIELDS = ("sector", "contract", "level")


def local_today() -> date:
    """Today in Helix's time zone (Europe/Brussels), whatever the request's."""
    return timezone.localdate(timezone.now(), timezone.get_default_timezone())


def _require_talent(user: User) -> None:
    if user is None or not user.is_authenticated or user.role != Role.TALENT or not user.is_active:
        raise NotATalent()


def _step(number):
    page = selectors.step_by_number(number)
    if page is None:
        raise UnknownStep(_("There is no roadmap step %(step)s.") % {"step": number})
    return page


# --- the talent's roadmap ---------------------------------------------------------------------


def set_step_status(talent: User, step, status: str) -> StepStatus:
    """Mark where the talent stands on one roadmap step (by its number)."""
    _require_talent(talent)
    require_capability(talent, selectors.TRACK_PROGRESS)
    if status not in StepStatus.Status.values:
        raise InvalidParameter(
            _("Choose one of the statuses offered."),
            fields={"status": [_("Choose one of the statuses offered.")]},
        )
    page = _step(step)
    with transaction.atomic():
        row, _created = StepStatus.objects.update_or_create(
            talent=talent,
            step_key=page.translation_key,
            defaults={"status": status, "updated_at": timezone.now()},
        )
        record(talent, "journey.step_status", row, step=page.step_number, status=status)
    row.step_number = page.step_number
    return row


def tick_item(talent: User, item_id) -> ChecklistTick:
    """Tick one checklist item off (ticking twice keeps the first tick)."""
    _require_talent(talent)
    require_capability(talent, selectors.TRACK_PROGRESS)
    page = selectors.step_of_item(item_id)
    if page is None:
        raise PageNotFound(_("There is no such checklist item."))
    with transaction.atomic():
        tick, _created = ChecklistTick.objects.get_or_create(
            talent=talent, item_id=item_id, defaults={"step_key": page.translation_key}
        )
    return tick


def untick_item(talent: User, item_id) -> None:
    """Take the tick off one checklist item (nothing happens when it was not ticked)."""
    _require_talent(talent)
    require_capability(talent, selectors.TRACK_PROGRESS)
    with transaction.atomic():
        ChecklistTick.objects.filter(talent=talent, item_id=item_id).delete()


def add_note(talent: User, step, *, by: User, body: str) -> StepNote:
    """A connected mentor or coach leaves a note on one step of the talent's roadmap; the talent
    is e-mailed in their language."""
    if not selectors.is_connected_viewer(by, talent):
        raise MentorOnly(_("Only the talent's connected mentor or coach can add a note."))
    body = (body or "").strip()
    if not body:
        raise EmptyText(fields={"body": [_("This field may not be blank.")]})
    page = _step(step)
    with transaction.atomic():
        note = StepNote.objects.create(talent=talent, step_key=page.translation_key, author=by, body=body)
        record(by, "journey.note_added", note, talent=str(talent.public_id), step=page.step_number)
        notify(
            "journey/mail/step_note",
            [talent],
            {"author": by, "step_number": page.step_number},
            key=f"journey:note:{note.pk}",
        )
    return note


# --- outcomes -----------------------------------------------------------------------------------


def _clean_outcome(values: dict) -> dict:
    """Check the date and, for a job, the sector; other kinds keep no job details."""
    cleaned = {name: values[name] for name in OUTCOME_FIELDS if name in values}
    day = cleaned.get("date")
    if day is not None:
        today = local_today()
        if day > today or (today - day).days > 366 * conf.get("max_years_back"):
            raise DateOutOfRange(fields={"date": [_("Choose today or an earlier date.")]})
    if cleaned.get("sector") and not Sector.source_rows().filter(slug=cleaned["sector"]).exists():
        raise InvalidParameter(
            _("There is no such sector."), fields={"sector": [_("There is no such sector.")]}
        )
    return cleaned


def _save_outcome(outcome: Outcome, values: dict) -> Outcome:
    for name, value in values.items():
        setattr(outcome, name, "" if value is None and name in JOB_FIELDS else value)
    if outcome.kind != Outcome.Kind.JOB:
        for name in JOB_FIELDS:
            setattr(outcome, name, "")
    outcome.save()
    return outcome


def check_may_record_for(user: User, talent: User) -> None:
    """Whether ``user`` may read and record ``talent``'s outcomes: the talent follows through
    ``selectors.follows_talent`` (else the caller answers 404); this checks the capability and
    the talent's consent."""
    require_capability(user, selectors.RECORD_FOR_OTHERS)
    if not selectors.has_consent(talent, Consent.Purpose.OUTCOME_RECORDING):
        raise OutcomeConsentMissing()


def record_outcome(talent: User, *, by: User, **values) -> Outcome:
    """Record what happened for the talent, by the talent or (with their consent) by their
    organisation's staff or mentor."""
    _require_talent(talent)
    if by.pk == talent.pk:
        require_capability(by, selectors.TRACK_PROGRESS)
    else:
        check_may_record_for(by, talent)
    cleaned = _clean_outcome(values)
    with transaction.atomic():
        outcome = _save_outcome(Outcome(talent=talent, recorded_by=by), cleaned)
        record(by, "journey.outcome_recorded", outcome, talent=str(talent.public_id), kind=outcome.kind)
    return outcome


def change_outcome(outcome: Outcome, *, by: User, **values) -> Outcome:
    """Change an outcome the talent recorded or that was recorded for them."""
    if by.pk == outcome.talent_id:
        require_capability(by, selectors.TRACK_PROGRESS)
    else:
        check_may_record_for(by, outcome.talent)
    cleaned = _clean_outcome(values)
    with transaction.atomic():
        _save_outcome(outcome, cleaned)
        record(by, "journey.outcome_changed", outcome, kind=outcome.kind)
    return outcome


def remove_outcome(outcome: Outcome, *, by: User) -> None:
    """The talent removes one of their outcomes."""
    require_capability(by, selectors.TRACK_PROGRESS)
    with transaction.atomic():
        record(by, "journey.outcome_removed", outcome, kind=outcome.kind)
        outcome.delete()


# --- reminders ----------------------------------------------------------------------------------


def send_outcome_reminders(projects) -> int:
    """Ask each talent who agreed to it, at most once per interval, whether anything changed:
    one e-mail in their language through the outbox. Returns how many were asked."""
    now = timezone.now()
    since = now - timedelta(days=conf.get("reminder_interval_days"))
    batch = conf.get("reminder_batch_size")
    asked = 0
    while True:
        talents = list(selectors.talents_due_for_reminder(since, projects)[:batch])
        if not talents:
            return asked
        with transaction.atomic():
            for talent in talents:
                OutcomeReminder.objects.update_or_create(talent=talent, defaults={"sent_at": now})
                notify("journey/mail/outcome_reminder", [talent], {}, key=f"journey:reminder:{now:%Y-%m-%d}")
                asked += 1


# --- erasure ------------------------------------------------------------------------------------


def erase_user(user: User) -> None:
    """Delete the person's roadmap, the notes they received or wrote, their outcomes and
    reminders; outcomes they recorded for others stay with those talents, without them."""
    with transaction.atomic():
        StepStatus.objects.filter(talent=user).delete()
        ChecklistTick.objects.filter(talent=user).delete()
        StepNote.objects.filter(talent=user).delete()
        StepNote.objects.filter(author=user).delete()
        Outcome.objects.filter(talent=user).delete()
        Outcome.objects.filter(recorded_by=user).update(recorded_by=None)
        OutcomeReminder.objects.filter(talent=user).delete()
        # Assessments belong to their organisation; who filled one in is forgotten.
        Assessment.objects.filter(created_by=user).update(created_by=None)


def save_assessment(organisation, framework, *, by: User, answers: dict) -> Assessment:
    """Record a self-assessment of ``organisation`` against ``framework`` (its default-locale
    row). ``answers`` maps a dimension id to ``{"score", "notes", "actions_planned"}``; ids that
    are not the framework's dimensions are refused. ``by`` must hold ``journey.self_assess`` and
    may assess the organisation."""
    from plugins.journey import self_assessment

    require_capability(by, self_assessment.SELF_ASSESS)
    if self_assessment.organisation(by, organisation.pk) is None:
        raise PermissionDenied
    known = {str(block.id) for block in framework.dimensions}
    unknown = {str(key) for key in answers} - known
    if unknown:
        raise InvalidParameter("dimension")
    with transaction.atomic():
        assessment = Assessment.objects.create(organisation=organisation, framework=framework, created_by=by)
        AssessmentScore.objects.bulk_create(
            AssessmentScore(
                assessment=assessment,
                dimension_id=key,
                score=answer.get("score") or None,
                notes=(answer.get("notes") or "").strip(),
                actions_planned=(answer.get("actions_planned") or "").strip(),
            )
            for key, answer in answers.items()
        )
        record(
            by,
            "journey.self_assessment_saved",
            assessment,
            organisation=organisation.pk,
            framework=str(framework.translation_key),
            dimensions=len(answers),
        )
    return assessment
