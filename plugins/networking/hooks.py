"""The networking plugin's answers to the core's hooks."""

from __future__ import annotations

from typing import Any

from cms.jobs.periodic import PeriodicJob
from cms.plugins import hookimpl

PLAN_PARTS = ("plangoal", "planmilestone", "plancontact", "stepprogress")
# Every model holding personal data: exported and erased for the GDPR (pages hold none).
MODELS = (
    "networking.networkingplan",
    "networking.plangoal",
    "networking.planmilestone",
    "networking.plancontact",
    "networking.stepprogress",
    "networking.plancomment",
)


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
    plans is decided per object by the core's connections, in ``plugins.networking.selectors``)."""
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
    from plugins.networking.actions import local_today
    from plugins.networking.selectors import progress_summary

    section = progress_summary(user, local_today())
    return None if section is None else {"networking": section}


@hookimpl
def dashboard_stats(since) -> dict[str, Any]:
    """How many talents use the guide, how far they got, and what happened since ``since``."""
    from plugins.networking.selectors import dashboard_figures

    return dashboard_figures(since)


@hookimpl
def periodic_jobs():
    return [
        PeriodicJob(
            "networking.send_follow_up_reminders", "30 * * * *", "Follow-up reminders of networking contacts"
        ),
    ]


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from plugins.networking.selectors import export_user

    return export_user(user)


@hookimpl
def erase_user_data(user) -> list[str]:
    from plugins.networking.actions import erase_user

    erase_user(user)
    return list(MODELS)


@hookimpl(trylast=True)
def seed_demo(locales):
    """After the other plugins' demos (``trylast``), so that the demo mentor's comment finds the
    connection the mentoring demo made between the demo talent and mentor."""
    from plugins.networking.seed import seed

    seed(locales)
