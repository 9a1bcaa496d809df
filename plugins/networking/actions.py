"""Actions on a talent's networking plan: the mind map, goals, milestones, contacts, step
progress, the mentor's comments, the follow-up reminders the periodic job sends, and the
erasure of a person's networking data.

Each action checks its rules before it writes, and does its change, the audit entry and the
e-mails (outbox rows) in one transaction: a refused request leaves nothing half-written.
Views, the seed and the job call these; tests call them directly.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import Role, User
from cms.audit import record
from cms.errors import (
    DateInPast,
    DateOutOfRange,
    EmptyText,
    GoalNotInPlan,
    InvalidStatus,
    MentorOnly,
    NotATalent,
    NotYourPlan,
    TooManyEntries,
    UnknownStep,
)
from cms.outbox.mail import notify
from plugins.networking import conf, selectors
from plugins.networking.models import (
    STEP_COUNT,
    NetworkingPlan,
    PlanComment,
    PlanContact,
    PlanGoal,
    PlanMilestone,
    StepProgress,
)

GOAL_FIELDS = ("term", "description", "measurable_target", "target_date", "done")
MILESTONE_FIELDS = ("title", "due_date", "goal", "done")
CONTACT_FIELDS = ("name", "organisation", "tie", "how_met", "notes", "next_follow_up")


def local_today() -> date:
    """Today in Helix's time zone (Europe/Brussels), whatever the request's."""
    return timezone.localdate(timezone.now(), timezone.get_default_timezone())


def _require_talent(user: User) -> None:
    if user is None or not user.is_authenticated or user.role != Role.TALENT or not user.is_active:
        raise NotATalent()


def plan_of(talent: User, *, create: bool = False) -> NetworkingPlan | None:
    """The talent's plan; with ``create`` it is made on the first write."""
    _require_talent(talent)
    if create:
        return NetworkingPlan.objects.get_or_create(talent=talent)[0]
    return NetworkingPlan.objects.filter(talent=talent).first()


def _own(obj, talent: User) -> None:
    """Objects are looked up within the talent's plan; this is the guard behind that."""
    if obj.plan.talent_id != talent.pk:
        raise NotYourPlan()


# --- dates ------------------------------------------------------------------------------------


def _in_range(value: date | None, field: str) -> None:
    if value is None:
        return
    years = conf.get("max_years_from_today")
    today = local_today()
    if abs((value - today).days) > 366 * years:
        raise DateOutOfRange(
            fields={field: [_("Choose a date within %(years)s years from today.") % {"years": years}]}
        )


def _not_past(value: date | None, field: str) -> None:
    if value is not None and value < local_today():
        raise DateInPast(fields={field: [_("Choose today or a later date.")]})


def _text(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise EmptyText(fields={field: [_("This field may not be blank.")]})
    return value


# --- mind map ---------------------------------------------------------------------------------


def _entries(values, field: str) -> list[str]:
    """Short, distinct strings in the order given (case-insensitive duplicates dropped)."""
    seen, entries = set(), []
    for value in values or []:
        text = str(value).strip()
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            entries.append(text)
    limit = conf.get("mind_map_max_items")
    if len(entries) > limit:
        raise TooManyEntries(fields={field: [_("At most %(n)s entries.") % {"n": limit}]})
    return entries


def save_mind_map(talent: User, *, interests, strengths, contact_kinds) -> NetworkingPlan:
    """Replace the mind map: interests, strengths and the kinds of contacts the talent seeks."""
    values = {
        "interests": _entries(interests, "interests"),
        "strengths": _entries(strengths, "strengths"),
        "contact_kinds": _entries(contact_kinds, "contact_kinds"),
    }
    with transaction.atomic():
        plan = plan_of(talent, create=True)
        for name, value in values.items():
            setattr(plan, name, value)
        plan.save()
    return plan


# --- goals ------------------------------------------------------------------------------------


def add_goal(
    talent: User, *, term: str, description: str, measurable_target: str, target_date: date, done=False
) -> PlanGoal:
    """A new goal; its target date may not lie in the past."""
    description = _text(description, "description")
    measurable_target = _text(measurable_target, "measurable_target")
    _not_past(target_date, "target_date")
    _in_range(target_date, "target_date")
    with transaction.atomic():
        plan = plan_of(talent, create=True)
        goal = PlanGoal.objects.create(
            plan=plan,
            term=term,
            description=description,
            measurable_target=measurable_target,
            target_date=target_date,
            done=bool(done),
        )
        _touch(plan)
    return goal


def change_goal(goal: PlanGoal, *, by: User, **changes) -> PlanGoal:
    """Change some of a goal's fields; a changed target date may not lie in the past."""
    _require_talent(by)
    _own(goal, by)
    for name in ("description", "measurable_target"):
        if name in changes:
            changes[name] = _text(changes[name], name)
    if "target_date" in changes and changes["target_date"] != goal.target_date:
        _not_past(changes["target_date"], "target_date")
        _in_range(changes["target_date"], "target_date")
    with transaction.atomic():
        for name in GOAL_FIELDS:
            if name in changes:
                setattr(goal, name, changes[name])
        goal.save()
        _touch(goal.plan)
    return goal


def remove_goal(goal: PlanGoal, *, by: User) -> None:
    """Delete a goal; its milestones stay on the timeline without it."""
    _require_talent(by)
    _own(goal, by)
    with transaction.atomic():
        goal.delete()
        _touch(goal.plan)


# --- milestones -------------------------------------------------------------------------------


def _check_goal(goal: PlanGoal | None, plan: NetworkingPlan) -> None:
    if goal is not None and goal.plan_id != plan.pk:
        raise GoalNotInPlan(fields={"goal": [_("There is no such goal in your plan.")]})


def add_milestone(talent: User, *, title: str, due_date: date, goal=None, done=False) -> PlanMilestone:
    """A milestone on the action plan's timeline (optionally towards one of the goals)."""
    title = _text(title, "title")
    _in_range(due_date, "due_date")
    with transaction.atomic():
        plan = plan_of(talent, create=True)
        _check_goal(goal, plan)
        milestone = PlanMilestone.objects.create(
            plan=plan, title=title, due_date=due_date, goal=goal, done_at=timezone.now() if done else None
        )
        _touch(plan)
    return milestone


def change_milestone(milestone: PlanMilestone, *, by: User, **changes) -> PlanMilestone:
    """Change a milestone; ``done`` ticks it off (``done_at`` now) or reopens it."""
    _require_talent(by)
    _own(milestone, by)
    if "title" in changes:
        changes["title"] = _text(changes["title"], "title")
    if "due_date" in changes:
        _in_range(changes["due_date"], "due_date")
    if "goal" in changes:
        _check_goal(changes["goal"], milestone.plan)
    with transaction.atomic():
        for name in ("title", "due_date", "goal"):
            if name in changes:
                setattr(milestone, name, changes[name])
        if "done" in changes:
            if not changes["done"]:
                milestone.done_at = None
            elif milestone.done_at is None:
                milestone.done_at = timezone.now()
        milestone.save()
        _touch(milestone.plan)
    return milestone


def remove_milestone(milestone: PlanMilestone, *, by: User) -> None:
    _require_talent(by)
    _own(milestone, by)
    with transaction.atomic():
        milestone.delete()
        _touch(milestone.plan)


# --- contacts ---------------------------------------------------------------------------------


def add_contact(
    talent: User,
    *,
    name: str,
    tie: str,
    organisation: str = "",
    how_met: str = "",
    notes: str = "",
    next_follow_up: date | None = None,
) -> PlanContact:
    """A person in the talent's network; on ``next_follow_up`` the talent gets a reminder."""
    name = _text(name, "name")
    _not_past(next_follow_up, "next_follow_up")
    _in_range(next_follow_up, "next_follow_up")
    with transaction.atomic():
        plan = plan_of(talent, create=True)
        contact = PlanContact.objects.create(
            plan=plan,
            name=name,
            tie=tie,
            organisation=(organisation or "").strip(),
            how_met=(how_met or "").strip(),
            notes=(notes or "").strip(),
            next_follow_up=next_follow_up,
        )
        _touch(plan)
    return contact


def change_contact(contact: PlanContact, *, by: User, **changes) -> PlanContact:
    """Change a contact; a new follow-up date (today or later) means a new reminder."""
    _require_talent(by)
    _own(contact, by)
    if "name" in changes:
        changes["name"] = _text(changes["name"], "name")
    if "next_follow_up" in changes and changes["next_follow_up"] != contact.next_follow_up:
        _not_past(changes["next_follow_up"], "next_follow_up")
        _in_range(changes["next_follow_up"], "next_follow_up")
    with transaction.atomic():
        for name in CONTACT_FIELDS:
            if name in changes:
                value = changes[name]
                setattr(contact, name, value.strip() if isinstance(value, str) else value)
        contact.save()
        _touch(contact.plan)
    return contact


def remove_contact(contact: PlanContact, *, by: User) -> None:
    _require_talent(by)
    _own(contact, by)
    with transaction.atomic():
        contact.delete()
        _touch(contact.plan)


# --- steps ------------------------------------------------------------------------------------


def check_step(step) -> int:
    """The step number as an int, or ``unknown_step`` (404) for anything but 1–7."""
    try:
        number = int(step)
    except (TypeError, ValueError):
        raise UnknownStep() from None
    if not 1 <= number <= STEP_COUNT:
        raise UnknownStep()
    return number


def set_step_status(talent: User, step, status: str) -> StepProgress:
    """Mark how far the talent is with one step of the guide."""
    number = check_step(step)
    if status not in StepProgress.Status.values:
        raise InvalidStatus(fields={"status": [_("Choose not_started, in_progress or done.")]})
    with transaction.atomic():
        plan = plan_of(talent, create=True)
        progress, _created = StepProgress.objects.update_or_create(
            plan=plan, step=number, defaults={"status": status}
        )
        _touch(plan)
    return progress


# --- comments ---------------------------------------------------------------------------------


def comment_on_plan(talent: User, *, by: User, body: str) -> PlanComment:
    """A connected reader of the plan (the talent's mentor) comments on it; the talent is e-mailed."""
    if not selectors.is_connected_reader(by, talent):
        raise MentorOnly()
    body = _text(body, "body")
    with transaction.atomic():
        plan = plan_of(talent, create=True)
        comment = PlanComment.objects.create(plan=plan, author=by, body=body)
        record(by, "networking.plan_commented", comment, talent=str(talent.public_id))
        notify(
            "networking/mail/plan_comment",
            [talent],
            {"comment": comment, "mentor": by},
            key=f"networking:comment:{comment.pk}",
        )
    return comment


# --- follow-up reminders ----------------------------------------------------------------------


def due_follow_ups(today: date | None = None):
    """Contacts whose follow-up date has come and who have had no reminder for that date."""
    today = today or local_today()
    return (
        PlanContact.objects.filter(
            next_follow_up__lte=today, plan__talent__is_active=True, plan__talent__erased_at=None
        )
        .exclude(follow_up_sent_for=F("next_follow_up"))
        .order_by("pk")
    )


def send_follow_up_reminders(today: date | None = None) -> int:
    """E-mail each talent, in their language, about the contacts to follow up today.

    One reminder per contact and follow-up date: the outbox key names both, and the contact is
    marked in the same transaction as the e-mail is queued, so a rerun or a crashed run sends
    nothing twice and loses nothing. A new date brings a new reminder. Returns how many.
    """
    today = today or local_today()
    batch = conf.get("reminder_batch_size")
    sent = 0
    while True:
        with transaction.atomic():
            contacts = list(
                due_follow_ups(today)
                .select_related("plan__talent")
                .select_for_update(skip_locked=True, of=("self",))[:batch]
            )
            for contact in contacts:
                talent = contact.plan.talent
                notify(
                    "networking/mail/follow_up_reminder",
                    [talent],
                    {"contact": contact, "late": contact.next_follow_up < today},
                    key=f"networking:follow_up:{contact.pk}:{contact.next_follow_up.isoformat()}",
                )
                contact.follow_up_sent_for = contact.next_follow_up
                sent += 1
            PlanContact.objects.bulk_update(contacts, ["follow_up_sent_for"])
        if len(contacts) < batch:
            return sent


def _touch(plan: NetworkingPlan) -> None:
    """The plan's ``updated_at`` follows every change in it (for the mentor and the dashboard)."""
    NetworkingPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())


# --- erasure ----------------------------------------------------------------------------------


def erase_user(user: User) -> None:
    """A talent's plan goes with everything in it (its comments too); a mentor's comments on
    other people's plans are deleted: they are the mentor's own words."""
    with transaction.atomic():
        PlanComment.objects.filter(author=user).delete()
        NetworkingPlan.objects.filter(talent=user).delete()
