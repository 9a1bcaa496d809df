"""Query parameters read one way: a bad value is a 400 ``invalid_parameter``, never a 500."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from cms.errors import InvalidParameter


def _refuse(name: str, message) -> InvalidParameter:
    return InvalidParameter(fields={name: [str(message)]})


def datetime_param(name: str, raw: str, message) -> datetime:
    """An aware datetime from ISO 8601 ``raw``; a malformed or impossible one (2026-02-30) is a 400."""
    try:
        # A "+" of an offset arrives as a space when the client did not encode it.
        moment = parse_datetime(raw.replace(" ", "+"))
    except ValueError:
        moment = None
    if moment is None:
        raise _refuse(name, message)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    try:
        # In UTC: PostgreSQL refuses offsets beyond ±15:59 that Python accepts (+18:26 was a 500).
        return moment.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+10:00 lies before year 1 in UTC
        raise _refuse(name, message) from None


def date_param(name: str, raw: str, message) -> date:
    """A date from ``YYYY-MM-DD``; a malformed or impossible one is a 400."""
    try:
        day = parse_date(raw) if len(raw) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise _refuse(name, message)
    return day
