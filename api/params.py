"""Query parameters read one way: a bad value is a 400 ``invalid_parameter``, never a 500."""

from __future__ import annotations

from datetime import date, datetime

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
        moment = timezone.make_aware(moment, timezone.utc)
    return moment


def date_param(name: str, raw: str, message) -> date:
    """A date from ``YYYY-MM-DD``; a malformed or impossible one is a 400."""
    try:
        day = parse_date(raw) if len(raw) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise _refuse(name, message)
    return day
