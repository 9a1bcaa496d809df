"""Storage limitation (GDPR art. 5(1)(e)): inactive accounts are warned, then erased.

An account is inactive when neither a sign-in (``last_login``) nor an authenticated request
(``last_seen_at``, stamped at most once a day by ``LastSeenMiddleware``) happened for
``HELIX_INACTIVE_ACCOUNT_MONTHS`` months (default 24); an account never used counts from
``date_joined``. It gets one e-mail in its own language, and is erased through the core's
erasure (``erase_account``) ``HELIX_INACTIVE_ACCOUNT_GRACE_DAYS`` days later (default 30)
unless its owner signs in or uses the app meanwhile, which cancels the erasure.

Admins and staff accounts (the admin role, superusers, ``is_staff``) are warned like anyone
but never erased automatically: removing the last administrator would lock everyone out of the
back office, so an administrator decides (the warning is in the audit log).

The daily job ``accounts.retention`` runs :func:`enforce` on the periodic queue.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import DateTimeField, F, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from cms.accounts import actions
from cms.accounts.models import Role, User

logger = logging.getLogger(__name__)


@dataclass
class RetentionRun:
    """What one run did, by user id."""

    warned: list[int] = field(default_factory=list)
    erased: list[int] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)  # warned staff and admins past the grace period


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (the month's last day when it is
    shorter: 31 March minus one month is 28 or 29 February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def inactive_since(now: datetime) -> datetime:
    """Accounts last active before this moment are inactive."""
    return months_before(now, settings.HELIX_INACTIVE_ACCOUNT_MONTHS)


def grace_period() -> timedelta:
    return timedelta(days=settings.HELIX_INACTIVE_ACCOUNT_GRACE_DAYS)


def with_last_activity(users: QuerySet[User]) -> QuerySet[User]:
    """``users`` annotated with ``last_activity``: the latest sign-in, request or joining."""
    return users.annotate(
        last_activity=Greatest(
            Coalesce("last_login", "date_joined"),
            Coalesce("last_seen_at", "date_joined"),
            output_field=DateTimeField(),
        )
    )


def is_exempt(user: User) -> bool:
    """Administrators and staff are warned but never erased automatically."""
    return user.role == Role.ADMIN or user.is_superuser or user.is_staff


def enforce(now: datetime | None = None) -> RetentionRun:
    """Warn the accounts that became inactive, and erase those warned long enough ago whose
    owner did not come back. Each account is its own transaction: one failure stops no other."""
    now = now or timezone.now()
    run = RetentionRun()
    living = with_last_activity(User.objects.filter(erased_at=None, is_active=True))

    # Used again since the warning (a request the middleware stamped before clearing, or a sign-in
    # recorded another way): the pending erasure is cancelled.
    returned = living.filter(inactivity_warned_at__isnull=False, last_activity__gt=F("inactivity_warned_at"))
    for user in returned:
        actions.cancel_inactivity_erasure(user)

    erase_on = (now + grace_period()).date()
    newly_inactive = living.filter(inactivity_warned_at=None, last_activity__lt=inactive_since(now))
    for user in newly_inactive.order_by("pk"):
        try:
            if actions.warn_inactive_account(user, now=now, erase_on=erase_on):
                run.warned.append(user.pk)
        except Exception:
            logger.exception("Could not warn inactive account %s", user.pk)

    due = living.filter(
        Q(inactivity_warned_at__lte=now - grace_period()),
        last_activity__lte=F("inactivity_warned_at"),
    ).order_by("pk")
    for user in due:
        if is_exempt(user):
            run.kept.append(user.pk)
            continue
        try:
            actions.erase_inactive_account(user)
            run.erased.append(user.pk)
        except Exception:
            logger.exception("Could not erase inactive account %s", user.pk)
    return run
