"""The journey plugin's answers to the core's hooks."""

from __future__ import annotations

from typing import Any

from cms.jobs.periodic import PeriodicJob
from cms.plugins import hookimpl

# Every model holding personal data: exported and erased for the GDPR.
MODELS = (
    "journey.stepstatus",
    "journey.checklisttick",
    "journey.stepnote",
    "journey.outcome",
    "journey.outcomereminder",
    "journey.assessment",
)
# Models that belong to no person: frameworks are content, an assessment's scores belong to the
# organisation (who filled it in is on ``journey.assessment``, covered above).
NOT_PERSONAL = ("journey.framework", "journey.assessmentscore")


@hookimpl
def api_routes(router):
    from plugins.journey.api.outcomes import JourneyOutcomeViewSet
    from plugins.journey.api.roadmap import JourneyRoadmapViewSet, JourneyTalentViewSet

    router.register("journey/outcomes", JourneyOutcomeViewSet, basename="journey-outcome")
    router.register("journey/talents", JourneyTalentViewSet, basename="journey-talent")
    router.register("journey", JourneyRoadmapViewSet, basename="journey-roadmap")
    from plugins.journey.api.impact import JourneyImpactViewSet

    router.register("impact", JourneyImpactViewSet, basename="journey-impact")


@hookimpl
def capabilities():
    from django.utils.translation import gettext_lazy as _

    from cms.capabilities import Capability

    return [
        Capability(
            "journey.track_progress",
            "journey.stepstatus",
            _("Track one's own roadmap and outcomes"),
            _(
                "Mark where one stands on each roadmap step, tick off the steps' checklists and "
                "record one's own outcomes (a job, an internship, a study…)."
            ),
            default_roles=("talent",),
        ),
        Capability(
            "journey.record_outcome_for_others",
            "journey.outcome",
            _("Record outcomes for talents"),
            _(
                "Read and record the outcomes of the talents one follows (as their organisation's "
                "staff or their mentor), for talents who agreed to it."
            ),
            default_roles=("organisation", "mentor"),
        ),
        Capability(
            "journey.self_assess",
            "journey.assessment",
            _("Self-assess the organisation's mentoring"),
            _(
                "Fill in the mentoring-quality self-assessment for one's organisation (every "
                "organisation with \"Manage every organisation\"), see earlier assessments and "
                "export them."
            ),
            default_roles=("organisation", "admin"),
        ),
        Capability(
            "journey.view_impact",
            "journey.outcome",
            _("See programme figures"),
            _(
                "See a project's figures (reach, roadmap progress, outcomes, time to outcome) as "
                "aggregates with small cells suppressed, in the API and on the dashboard."
            ),
            default_roles=("organisation", "admin"),
        ),
    ]


@hookimpl
def dashboard_figures(projects, since, until) -> list[dict]:
    """Roadmap progress, outcomes, time to the first outcome and the other parts' impact figures,
    small cells suppressed."""
    from cms.plugins.calls import impact_figures
    from plugins.journey import impact

    k = impact.min_cell()
    found = [
        impact.progress(projects),
        impact.outcomes(projects, since, until),
        impact.time_to_outcome(projects, since, until),
        # Who is reached (the core), meetings and feedback, posts: the other parts' figures for
        # the impact report, suppressed the same way.
        *impact_figures(projects, since, until),
    ]
    return [impact.for_dashboard(impact.suppress(figure, k)) for figure in found]


@hookimpl
def profile_sections(user) -> dict[str, Any] | None:
    """A talent's roadmap progress in short, on ``/api/v1/me/``."""
    from cms.accounts.models import Role
    from plugins.journey.models import Outcome, StepStatus

    if user.role != Role.TALENT:
        return None
    done = StepStatus.objects.filter(talent=user, status=StepStatus.Status.DONE).count()
    return {"journey": {"steps_done": done, "outcomes": Outcome.objects.filter(talent=user).count()}}


@hookimpl
def periodic_jobs():
    return [
        PeriodicJob(
            "journey.send_outcome_reminders",
            "15 10 * * *",
            "Ask talents who agreed to it, once a quarter, whether anything changed",
        ),
    ]


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from plugins.journey import self_assessment
    from plugins.journey.selectors import export_user

    return {**export_user(user), "journey.assessment": self_assessment.export_user(user)}


@hookimpl
def erase_user_data(user) -> list[str]:
    from plugins.journey.actions import erase_user

    erase_user(user)
    return list(MODELS)


@hookimpl(trylast=True)
def seed_demo(locales):
    """After the other plugins' demos (``trylast``), so that the demo mentor's note finds the
    connection the mentoring demo made between the demo talent and mentor."""
    from plugins.journey.seed import seed
    from plugins.journey.seed_framework import seed_framework

    seed_framework()
    seed()
