"""What the People screen reads: everyone with an account, with what the listing shows."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.db.models.functions import Coalesce, Greatest

from cms.accounts.models import User


def people() -> QuerySet[User]:
    """Every account not erased, annotated with ``second_factor`` (a TOTP authenticator is set
    up) and ``last_activity`` (the later of the last sign-in and the last authenticated
    request), with the projects each person is an active member of (``active_memberships``).

    A page of it costs the same queries whatever its size: the rows, and one for the projects.
    """
    from allauth.mfa.models import Authenticator

    from cms.organisations.models import ProjectMembership

    totp = Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
    memberships = (
        ProjectMembership.objects.filter(status=ProjectMembership.Status.ACTIVE)
        .select_related("project")
        .order_by("project__name")
    )
    return (
        User.objects.filter(erased_at=None)
        .annotate(
            second_factor=Exists(totp),
            # Greatest() is NULL on SQLite as soon as one side is: coalesce each side first.
            last_activity=Greatest(
                Coalesce("last_seen_at", "last_login"), Coalesce("last_login", "last_seen_at")
            ),
        )
        .prefetch_related(Prefetch("project_memberships", queryset=memberships, to_attr="active_memberships"))
    )


def person(public_id) -> User | None:
    """One account not erased, by its public id, as the listing shows it."""
    return people().filter(public_id=public_id).first()
