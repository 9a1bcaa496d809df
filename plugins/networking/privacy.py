"""GDPR export and erasure of everything the networking plugin stores about a person."""

from __future__ import annotations

from plugins.networking.models import (
    NetworkingPlan,
    PlanComment,
    PlanContact,
    PlanGoal,
    PlanMilestone,
    StepProgress,
)

MODELS = (
    "networking.networkingplan",
    "networking.plangoal",
    "networking.planmilestone",
    "networking.plancontact",
    "networking.stepprogress",
    "networking.plancomment",
)


def export(user) -> dict:
    """The person's own plan with everything in it, and the comments they wrote on others'
    plans (each key present even when empty)."""
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


def erase(user) -> None:
    """A talent's plan goes with everything in it (its comments too); a mentor's comments on
    other people's plans are deleted: they are the mentor's own words."""
    PlanComment.objects.filter(author=user).delete()
    NetworkingPlan.objects.filter(talent=user).delete()
