"""The mentoring plugin's figures for the programme's impact report (the core's ``impact_figures``
hook): meetings held and reports filed, time from a match to its first meeting, and what people
said of their match. Aggregates only, a fixed number of queries; the report suppresses small cells.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, DateTimeField, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.connections.models import Connection
from plugins.mentoring.models import MatchFeedback, Meeting, MeetingReport

FIRST_MEETING_BUCKETS = (
    (_("Within a week"), timedelta(weeks=1)),
    (_("Within four weeks"), timedelta(weeks=4)),
)
USEFULNESS = (
    (1, _("1: not useful")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5: very useful")),
)


def _held(projects, since, until):
    """Meetings that took place in the period (scheduled, not cancelled, started before now)."""
    found = Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED,
        starts_at__gte=since,
        starts_at__lt=min(until, timezone.now()),
    )
    return found if projects is None else found.filter(project__in=list(projects))


def meetings(projects, since, until) -> dict:
    """How many meetings took place and how many got a report (two queries)."""
    held = _held(projects, since, until)
    reports = MeetingReport.objects.filter(meeting__in=held).count()
    return {
        "key": "mentoring.meetings_held",
        "title": _("Meetings held and reports filed"),
        "description": _("Meetings that took place in the period, and how many of them have a report."),
        "kind": "bar",
        "labels": [_("Meetings held"), _("Reports filed")],
        "series": [{"label": _("Meetings"), "data": [held.count(), reports]}],
    }


def time_to_first_meeting(projects, since, until) -> dict:
    """Talents whose match had its first meeting in the period, by how long after the match
    began (one query)."""
    first = (
        Meeting.objects.filter(
            matches=OuterRef("pk"), status=Meeting.Status.SCHEDULED, starts_at__lt=timezone.now()
        )
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    matches = Connection.objects.filter(activated_at__isnull=False, talent__isnull=False)
    if projects is not None:
        matches = matches.filter(project__in=list(projects))
    matches = matches.annotate(first=Subquery(first)).filter(first__gte=since, first__lt=until)
    counts, previous = {}, None
    for index, (_label, limit) in enumerate(FIRST_MEETING_BUCKETS):
        within = Q(first__lte=ExpressionWrapper(F("activated_at") + limit, output_field=DateTimeField()))
        only = within if previous is None else within & ~previous
        counts[f"b{index}"] = Count("talent", distinct=True, filter=only)
        previous = within
    counts["longer"] = Count("talent", distinct=True, filter=~previous)
    found = matches.aggregate(**counts)
    return {
        "key": "mentoring.time_to_first_meeting",
        "title": _("Time from match to the first meeting"),
        "description": _(
            "Talents whose match had its first meeting in the period, by how long after the match began."
        ),
        "kind": "bar",
        "labels": [label for label, _limit in FIRST_MEETING_BUCKETS] + [_("Longer")],
        "series": [
            {
                "label": _("Talents"),
                "data": [found[f"b{i}"] for i in range(len(FIRST_MEETING_BUCKETS))] + [found["longer"]],
            }
        ],
    }


def feedback(projects, since, until) -> list[dict]:
    """What people said of their match when it closed: usefulness and whether they would
    recommend it (one query)."""
    given = MatchFeedback.objects.filter(created_at__gte=since, created_at__lt=until)
    if projects is not None:
        given = given.filter(match__project__in=list(projects))
    found = given.aggregate(
        **{
            f"u{value}": Count("author", distinct=True, filter=Q(usefulness=value))
            for value, _l in USEFULNESS
        },
        yes=Count("author", distinct=True, filter=Q(would_recommend=True)),
        no=Count("author", distinct=True, filter=Q(would_recommend=False)),
    )
    return [
        {
            "key": "mentoring.feedback_usefulness",
            "title": _("How useful people found their match"),
            "description": _("People who gave feedback on a match in the period, by the score they gave."),
            "kind": "bar",
            "labels": [label for _value, label in USEFULNESS],
            "series": [{"label": _("People"), "data": [found[f"u{value}"] for value, _l in USEFULNESS]}],
        },
        {
            "key": "mentoring.feedback_recommend",
            "title": _("Would recommend mentoring"),
            "description": _("People who gave feedback on a match in the period, by their answer."),
            "kind": "bar",
            "labels": [_("Yes"), _("No")],
            "series": [{"label": _("People"), "data": [found["yes"], found["no"]]}],
        },
    ]


def figures(projects, since, until) -> list[dict]:
    return [
        meetings(projects, since, until),
        time_to_first_meeting(projects, since, until),
        *feedback(projects, since, until),
    ]
