"""The employers plugin's answers to the core's hooks."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from cms.plugins import hookimpl

MODELS = ("employers.employerdetails", "employers.employerrelation", "employers.cvview")


@hookimpl
def api_routes(router):
    from plugins.employers.api import CvViewViewSet, EmployerConnectionViewSet, TalentPoolViewSet

    router.register("talent-pool", TalentPoolViewSet, basename="employers-talent-pool")
    router.register("employer-connections", EmployerConnectionViewSet, basename="employers-connection")
    router.register("me/cv-views", CvViewViewSet, basename="employers-cv-view")


@hookimpl
def role_permissions() -> dict[str, list[str]]:
    return {
        "talent": ["employers.view_cvview", "employers.change_employerrelation"],
        "employer": ["employers.change_employerdetails", "employers.add_cvview"],
        "admin": [
            f"employers.{action}_{model.split('.')[1]}"
            for model in MODELS
            for action in ("add", "change", "delete", "view")
        ],
    }


@hookimpl
def on_consent_changed(user, purpose, granted) -> None:
    """Publishing the CV to employers: connections are made by the job; withdrawn, they end at once."""
    if purpose != "cv_publication" or user.role != "talent":
        return
    from plugins.employers import matching

    if granted:
        matching.schedule("talent", user)
    else:
        matching.close_stale_for_talent(user, reason="consent_withdrawn")


@hookimpl
def on_match_closed(match) -> None:
    """A talent or employer who closes a sector connection themselves (through the matches API) is
    not connected again by the job: it counts as declining."""
    from django.utils import timezone

    from plugins.employers.models import EmployerRelation
    from plugins.mentoring.models import Match

    if getattr(match, "kind", None) != Match.Kind.TALENT_EMPLOYER:
        return
    if not match.closed_by_id or not match.talent_id:
        return
    if match.closed_by_id not in (match.talent_id, match.employer_id) or not match.employer_id:
        return
    relation, _created = EmployerRelation.objects.get_or_create(
        talent_id=match.talent_id, employer_id=match.employer_id
    )
    if not relation.decision:
        relation.decision, relation.decided_at = EmployerRelation.Decision.DECLINED, timezone.now()
        relation.save(update_fields=["decision", "decided_at"])


@hookimpl
def profile_sections(user) -> dict[str, Any] | None:
    from plugins.mentoring.models import Match

    if user.role == "talent":
        from plugins.employers.matching import publishes_cv
        from plugins.employers.models import CvView

        return {
            "employers": {
                "publishes_cv": publishes_cv(user),
                "connected_employers": Match.objects.filter(
                    kind=Match.Kind.TALENT_EMPLOYER, talent=user, state=Match.State.ACTIVE
                ).count(),
                "cv_views": CvView.objects.filter(talent=user).count(),
            }
        }
    if user.role == "employer":
        return {
            "employers": {
                "connected_talents": Match.objects.filter(
                    kind=Match.Kind.TALENT_EMPLOYER, employer=user, state=Match.State.ACTIVE
                ).count()
            }
        }
    return None


@hookimpl
def dashboard_stats(since) -> dict[str, Any]:
    from cms.accounts.models import Consent
    from plugins.employers.models import CvView
    from plugins.mentoring.models import Match

    views = CvView.objects.filter(at__gte=since).aggregate(
        profiles=Count("pk", filter=Q(kind=CvView.Kind.PROFILE)),
        downloads=Count("pk", filter=Q(kind=CvView.Kind.DOWNLOAD)),
    )
    return {
        "employers_talents_publishing_cv": Consent.objects.filter(
            purpose=Consent.Purpose.CV_PUBLICATION, withdrawn_at=None
        )
        .values("user")
        .distinct()
        .count(),
        "employers_active_connections": Match.objects.filter(
            kind=Match.Kind.TALENT_EMPLOYER, state=Match.State.ACTIVE
        ).count(),
        "employers_profile_views": views["profiles"],
        "employers_cv_downloads": views["downloads"],
    }


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from plugins.employers.models import CvView, EmployerDetails, EmployerRelation

    return {
        "employers.employerdetails": list(
            EmployerDetails.objects.filter(user=user).values("places", "offers", "blind_listings")
        ),
        "employers.employerrelation": list(
            EmployerRelation.objects.filter(Q(talent=user) | Q(employer=user)).values(
                "talent__public_id",
                "employer__public_id",
                "decision",
                "decided_at",
                "contact",
                "contact_message",
                "contact_requested_at",
                "contact_accepted_at",
            )
        ),
        "employers.cvview": list(
            CvView.objects.filter(Q(talent=user) | Q(employer=user)).values(
                "talent__public_id", "company", "kind", "at"
            )
        ),
    }


@hookimpl
def erase_user_data(user) -> list[str]:
    """An erased talent's CV-view log goes; an erased employer's views stay for the talent, with
    the company name only. Relations go with either side."""
    from plugins.employers.models import CvView, EmployerDetails, EmployerRelation

    CvView.objects.filter(talent=user).delete()
    CvView.objects.filter(employer=user).update(employer=None)
    EmployerRelation.objects.filter(Q(talent=user) | Q(employer=user)).delete()
    EmployerDetails.objects.filter(user=user).delete()
    return list(MODELS)


@hookimpl
def seed_demo(locales):
    from plugins.employers.seed import seed

    seed()
