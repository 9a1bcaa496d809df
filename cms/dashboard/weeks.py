"""Weeks for the dashboard's charts: the Mondays of a period and counts per week.

The core and the plugins count per week with :func:`weekly_series`: one aggregate query whatever
the number of rows, weeks starting on Monday in the installation's time zone, a zero for a week
without rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone


def mondays(since: datetime, until: datetime) -> list[date]:
    """The Monday of every week that overlaps ``since`` (included) to ``until`` (excluded)."""
    first = timezone.localtime(since).date()
    first -= timedelta(days=first.weekday())
    last = timezone.localtime(until - timedelta(microseconds=1)).date()
    weeks = []
    while first <= last:
        weeks.append(first)
        first += timedelta(days=7)
    return weeks


def count_per_week(
    queryset: QuerySet, field: str, since: datetime, until: datetime, by: str | None = None
) -> dict[tuple[object, date], int]:
    """``{(value of by or None, Monday): rows}`` for the rows whose ``field`` lies in the period."""
    rows = (
        queryset.filter(**{f"{field}__gte": since, f"{field}__lt": until})
        .annotate(helix_week=TruncWeek(field))
        .values("helix_week", *([by] if by else []))
        .annotate(helix_n=Count("pk", distinct=True))
        .order_by()
    )
    counts: dict[tuple[object, date], int] = {}
    for row in rows:
        week = row["helix_week"]
        week = timezone.localtime(week).date() if isinstance(week, datetime) else week
        key = (row[by] if by else None, week)
        counts[key] = counts.get(key, 0) + row["helix_n"]
    return counts


def weekly_series(
    queryset: QuerySet,
    field: str,
    since: datetime,
    until: datetime,
    by: str | None = None,
    series: Iterable[tuple[object, object]] = (),
) -> tuple[list[str], list[dict]]:
    """The labels (each week's Monday, ISO) and series of a per-week chart.

    With ``by``, one series per ``(value, label)`` in ``series``; without, one series labelled by
    the single ``series`` item's label.
    """
    weeks = mondays(since, until)
    counts = count_per_week(queryset, field, since, until, by)
    return [week.isoformat() for week in weeks], [
        {"label": label, "data": [counts.get((value if by else None, week), 0) for week in weeks]}
        for value, label in series
    ]
