"""The networking plugin's answers to the core's hooks."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Min, Q

from cms.jobs.periodic import PeriodicJob
from cms.plugins import hookimpl

PLAN_PARTS = ("plangoal", "planmilestone", "plancontact", "stepprogress")


@hookimpl
def api_routes(router):
    from plugins.networking.api.mentor import NetworkingMenteePlanViewSet
    from plugins.networking.api.plan import (
        NetworkingPlanViewSet,
        PlanContactViewSet,
        PlanGoalViewSet,
        PlanMilestoneViewSet,
    )

    router.register("networking/plan/goals", PlanGoalViewSet, basename="networking-goal")
    router.register("networking/plan/milestones", PlanMilestoneViewSet, basename="networking-milestone")
    router.register("networking/plan/contacts", PlanContactViewSet, basename="networking-contact")
    router.register("networking/plans", NetworkingMenteePlanViewSet, basename="networking-mentee-plan")
    router.register("networking", NetworkingPlanViewSet, basename="networking-plan")


@hookimpl
def role_permissions() -> dict[str, list[str]]:
    """Talents keep their own plan; mentors read their mentees' plans and comment on them (which
    plans is decided per object by the match, in ``plugins.networking.access``)."""
    talent = [
        "networking.view_networkingplan",
        "networking.change_networkingplan",
        "networking.view_plancomment",
        *(f"networking.{action}_{model}" for model in PLAN_PARTS for action in ("add", "change", "delete")),
        *(f"networking.view_{model}" for model in PLAN_PARTS),
    ]
    return {
        "talent": talent,
        "mentor": [
            "networking.view_networkingplan",
            "networking.view_plancomment",
            "networking.add_plancomment",
        ],
        "admin": [
            f"networking.{action}_{model}"
            for model in ("networkingplan", *PLAN_PARTS, "plancomment")
            for action in ("add", "change", "delete", "view")
        ],
    }


@hookimpl
def profile_sections(user) -> dict[str, Any] | None:
    """A talent's progress through the guide, in short, on ``/api/v1/me/``."""
    from cms.accounts.models import Role
    from plugins.networking.actions import local_today
    from plugins.networking.models import STEP_COUNT, NetworkingPlan, StepProgress

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
    if plan is not None:
        steps = plan.steps.aggregate(
            done=Count("pk", filter=Q(status=StepProgress.Status.DONE)),
            in_progress=Count("pk", filter=Q(status=StepProgress.Status.IN_PROGRESS)),
        )
        goals = plan.goals.aggregate(total=Count("pk"), done=Count("pk", filter=Q(done=True)))
        contacts = plan.contacts.aggregate(
            total=Count("pk"), next=Min("next_follow_up", filter=Q(next_follow_up__gte=local_today()))
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
    return {"networking": section}


@hookimpl
def dashboard_stats(since) -> dict[str, Any]:
    """How many talents use the guide, how far they got, and what happened since ``since``."""
    from plugins.networking.models import STEP_COUNT, NetworkingPlan, PlanComment, PlanContact, StepProgress

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


@hookimpl
def periodic_jobs():
    return [
        PeriodicJob(
            "networking.send_follow_up_reminders", "30 * * * *", "Follow-up reminders of networking contacts"
        ),
    ]


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from plugins.networking.privacy import export

    return export(user)


@hookimpl
def erase_user_data(user) -> list[str]:
    from plugins.networking.privacy import MODELS, erase

    erase(user)
    return list(MODELS)


@hookimpl(trylast=True)
def seed_demo(locales):
    """After the mentoring demo (``trylast``), so that the demo mentor's comment has its match."""
    from plugins.networking.seed import seed

    seed(locales)
