"""Reads of the networking plugin: who may read and comment on a talent's plan, the talent's
progress in short, the dashboard figures, and the GDPR export.

Who reads a plan is the core's answer, not a plugin's: the talent themselves, admins, and the
people an active or paused connection lets see the talent's ``networking_plan`` (the connection
kinds declare that per side; the mentoring plugin's talent–mentor kind gives it to the mentor).
Those connected readers also comment. Everyone else is told the plan does not exist (404).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Min, Q

from cms.accounts.models import Role, User
from cms.connections.kinds import NETWORKING_PLAN
from cms.connections.selectors import granting_connections, sees
from plugins.networking.models import (
    STEP_COUNT,
    NetworkingPlan,
    PlanComment,
    PlanContact,
    PlanGoal,
    PlanMilestone,
    StepProgress,
)

# --- who reads and comments -------------------------------------------------------------------


def is_connected_reader(user, talent) -> bool:
    """Whether an active or paused connection lets ``user`` read ``talent``'s plan (and so
    comment on it): not the talent themselves, not an admin as such. The account must be
    approved and active."""
    if not user.is_authenticated or not user.is_approved or user.pk == talent.pk:
        return False
    return granting_connections(talent, user, NETWORKING_PLAN).exists()


def can_read(user, talent) -> bool:
    """Whether ``user`` may read ``talent``'s plan (their own, as a connected reader, or as an
    admin)."""
    if not user.is_authenticated:
        return False
    if user.pk == talent.pk or user.is_helix_admin:
        return True
    # ``sees`` answers the connection; an account waiting for approval (or disabled) reads nothing.
    return user.is_approved and sees(user, talent, NETWORKING_PLAN)


def talent_by_id(public_id) -> User | None:
    """The active talent with this public id, or ``None``."""
    return User.objects.filter(public_id=public_id, role=Role.TALENT, is_active=True, erased_at=None).first()


# --- the talent's progress and the dashboard --------------------------------------------------


def progress_summary(user, today: date) -> dict[str, Any] | None:
    """A talent's progress through the guide, in short (``None`` for anyone but a talent)."""
    if user.role != Role.TALENT:
        return None
    section: dict[str, Any] = {
        "has_plan": False,
        "step_count": STEP_COUNT,
        "steps_done": 0,
        "steps_in_progress": 0,
        "goals": 0,
        "goals_done": 0,
        "contacts": 0,
        "next_follow_up": None,
    }
    plan = NetworkingPlan.objects.filter(talent=user).first()
    if plan is None:
        return section
    steps = plan.steps.aggregate(
        done=Count("pk", filter=Q(status=StepProgress.Status.DONE)),
        in_progress=Count("pk", filter=Q(status=StepProgress.Status.IN_PROGRESS)),
    )
    goals = plan.goals.aggregate(total=Count("pk"), done=Count("pk", filter=Q(done=True)))
    contacts = plan.contacts.aggregate(
        total=Count("pk"), next=Min("next_follow_up", filter=Q(next_follow_up__gte=today))
    )
    section.update(
        has_plan=True,
        steps_done=steps["done"],
        steps_in_progress=steps["in_progress"],
        goals=goals["total"],
        goals_done=goals["done"],
        contacts=contacts["total"],
        next_follow_up=contacts["next"].isoformat() if contacts["next"] else None,
    )
    return section


def dashboard_figures(since: datetime) -> dict[str, Any]:
    """How many talents use the guide, how far they got, and what happened since ``since``."""
    plans = NetworkingPlan.objects.filter(talent__is_active=True)
    total = plans.count()
    done = StepProgress.objects.filter(status=StepProgress.Status.DONE, plan__in=plans)
    per_plan = Counter(done.values("plan").annotate(n=Count("pk")).values_list("n", flat=True))
    per_plan[0] = total - sum(per_plan.values())
    per_step = dict(done.values("step").annotate(n=Count("pk")).values_list("step", "n"))
    return {
        "networking_talents_with_plan": total,
        # How many talents have 0, 1, … 7 steps of the guide done.
        "networking_steps_done": [
            {"label": str(n), "value": per_plan.get(n, 0)} for n in range(STEP_COUNT + 1)
        ],
        # How many talents have done each step.
        "networking_step_done_counts": [
            {"label": str(step), "value": per_step.get(step, 0)} for step in range(1, STEP_COUNT + 1)
        ],
        "networking_plans_updated": plans.filter(updated_at__gte=since).count(),
        "networking_contacts_added": PlanContact.objects.filter(created_at__gte=since).count(),
        "networking_mentor_comments": PlanComment.objects.filter(created_at__gte=since).count(),
    }


# --- GDPR export ------------------------------------------------------------------------------


def export_user(user) -> dict[str, list]:
    """The person's own plan with everything in it, and the comments they wrote on others'
    plans, model by model (each key present even when empty)."""
    plans = NetworkingPlan.objects.filter(talent=user)
    received = PlanComment.objects.filter(plan__talent=user).select_related("author")
    written = PlanComment.objects.filter(author=user).exclude(plan__talent=user)
    return {
        "networking.networkingplan": list(
            plans.values("interests", "strengths", "contact_kinds", "created_at", "updated_at")
        ),
        "networking.plangoal": list(
            PlanGoal.objects.filter(plan__talent=user).values(
                "public_id", "term", "description", "measurable_target", "target_date", "done", "created_at"
            )
        ),
        "networking.planmilestone": list(
            PlanMilestone.objects.filter(plan__talent=user).values(
                "public_id", "title", "due_date", "done_at", "goal__public_id", "created_at"
            )
        ),
        "networking.plancontact": list(
            PlanContact.objects.filter(plan__talent=user).values(
                "public_id",
                "name",
                "organisation",
                "tie",
                "how_met",
                "notes",
                "next_follow_up",
                "follow_up_sent_for",
                "created_at",
            )
        ),
        "networking.stepprogress": list(
            StepProgress.objects.filter(plan__talent=user).values("step", "status", "updated_at")
        ),
        "networking.plancomment": [
            {
                "id": str(c.public_id),
                "direction": "received",
                "author": str(c.author) if c.author and not c.author.erased_at else None,
                "body": c.body,
                "created_at": c.created_at,
            }
            for c in received
        ]
        + [
            {"id": str(c.public_id), "direction": "written", "body": c.body, "created_at": c.created_at}
            for c in written
        ],
    }
