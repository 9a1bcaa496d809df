"""Who works for which organisation: the one lookup every part of Helix uses."""

from __future__ import annotations

from django.db.models import QuerySet

from cms.accounts.models import Role


def staff_organisation_ids(user) -> set[int]:
    """The approved organisations ``user`` works for as an approved organisation account.

    Empty for anyone else (and for staff of an organisation still waiting for approval), so a
    pending organisation sees and manages nothing. Cached on the user object for the request.
    """
    from cms.organisations.models import Organisation

    if not getattr(user, "is_authenticated", False) or user.role != Role.ORGANISATION or not user.is_approved:
        return set()
    cached = getattr(user, "_helix_staff_orgs", None)
    if cached is None:
        cached = set(
            Organisation.objects.filter(staff=user, status=Organisation.Status.APPROVED).values_list(
                "pk", flat=True
            )
        )
        user._helix_staff_orgs = cached
    return cached


def organisation_staff(organisation_ids, *, active_only: bool = True) -> QuerySet:
    """The organisation accounts working for any of ``organisation_ids``."""
    from cms.accounts.models import User

    if isinstance(organisation_ids, int):
        organisation_ids = [organisation_ids]
    staff = User.objects.filter(organisations__in=list(organisation_ids), role=Role.ORGANISATION)
    return (staff.filter(is_active=True) if active_only else staff).distinct()
