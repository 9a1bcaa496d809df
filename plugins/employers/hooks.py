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
def capabilities() -> list:
    from django.utils.translation import gettext_lazy as _

    from cms.capabilities import Capability

    return [
        Capability(
            "employers.see_talent_pool",
            "employers.employerrelation",
            _("See the talent pool"),
            _("Search the talents who publish their CV to employers in the company's sectors."),
            default_roles=("employer",),
        ),
        Capability(
            "employers.download_cv",
            "employers.employerrelation",
            _("Download CVs of connected talents"),
            _("Download the CV of a talent in the pool (logged for the talent; for blind listings "
              "only once the talent accepted contact)."),
            default_roles=("employer",),
        ),
    ]


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
def connection_kinds():
    """Talent–employer: the employer sees the talent's profile and CV (names and the CV file wait
    for the talent's consent when the employer uses blind listings)."""
    from django.utils.translation import gettext_lazy as _

    from cms.connections.kinds import CV, PROFILE, ConnectionKind
    from plugins.employers.actions import TALENT_EMPLOYER

    return [
        ConnectionKind(
            TALENT_EMPLOYER, _("Talent and employer"), ("talent", "employer"), {"employer": (PROFILE, CV)}
        )
    ]


@hookimpl
def on_connection_closed(connection) -> None:
    """A talent or employer who closes a sector connection themselves is not connected again."""
    from plugins.employers.actions import count_close_as_declined

    count_close_as_declined(connection)


@hookimpl
def on_connections_activated(connections) -> None:
    """New talents in employers' pools (the matching opens them in bulk): kept pages are out of date."""
    from plugins.employers import pool

    pool.changed()


@hookimpl
def on_connections_changed(connections, change) -> None:
    """Contact allowed or withheld (blind listings) in bulk: kept pages are out of date."""
    from plugins.employers import pool

    pool.changed()


@hookimpl
def profile_sections(user) -> dict[str, Any] | None:
    from cms.connections.models import Connection
    from plugins.employers.actions import TALENT_EMPLOYER

    if user.role == "talent":
        from plugins.employers.matching import publishes_cv
        from plugins.employers.models import CvView

        return {
            "employers": {
                "publishes_cv": publishes_cv(user),
                "connected_employers": Connection.objects.filter(
                    kind=TALENT_EMPLOYER, talent=user, state=Connection.State.ACTIVE
                ).count(),
                "cv_views": CvView.objects.filter(talent=user).count(),
            }
        }
    if user.role == "employer":
        return {
            "employers": {
                "connected_talents": Connection.objects.filter(
                    kind=TALENT_EMPLOYER, employer=user, state=Connection.State.ACTIVE
                ).count()
            }
        }
    return None


@hookimpl
def dashboard_stats(since) -> dict[str, Any]:
    from cms.accounts.models import Consent
    from cms.connections.models import Connection
    from plugins.employers.actions import TALENT_EMPLOYER
    from plugins.employers.models import CvView

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
        "employers_active_connections": Connection.objects.filter(
            kind=TALENT_EMPLOYER, state=Connection.State.ACTIVE
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
    from plugins.employers.actions import erase_user

    erase_user(user)
    return list(MODELS)


@hookimpl
def seed_demo(locales):
    from plugins.employers.seed import seed

    seed()
