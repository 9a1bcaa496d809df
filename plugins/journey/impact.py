"""Programme figures for funders and partners: reach, roadmap progress, outcomes and time to
outcome, with small cells suppressed so that no figure reveals one person.

Every figure is counted with aggregate queries (a fixed number whatever the number of people)
and then passed through :func:`suppress`:

* **Primary suppression**: a cell counting 1 to *k* − 1 people (``HELIX_IMPACT_MIN_CELL``,
  default 5) is not published; it is shown as "< k" (``null`` with ``"suppressed": true`` in the
  API). Zero is published: it says nobody, about nobody.
* **Complementary suppression**: a *group* is one series across its labels, and (in a table of
  several series) one label across its series. Whenever a group holds a suppressed cell, more of
  its cells are suppressed, smallest non-zero first, until the group holds at least two
  suppressed cells that together count at least *k* people (or every cell of the group is
  suppressed). Subtracting the published cells from a total known elsewhere (the number of
  talents in the project, say) then gives a sum of at least two cells of at least *k* people,
  never one small count. Groups are re-checked until nothing changes, because a cell suppressed
  in a row changes its column.
* **Totals** are the sum of the *published* cells only (``published_total``), never the true
  total, so a total cannot be used to recompute a suppressed cell.

Rounding was the other option; it was not chosen because programme figures are small (a project
has tens of people) and rounding to a base of 5 would blur every figure, while suppression leaves
the cells of five or more exact.

The figures of the core (nationalities, first languages and gender, with their own consent) and of
the other plugins enabled in the projects (the mentoring plugin's meetings, reports, time to the
first meeting and match feedback; the posts plugin's posts and saves) come through the core's
``impact_figures`` hook (this plugin imports no other plugin) and are suppressed the same way.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, DateTimeField, ExpressionWrapper, F, Min, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import Role
from cms.connections.models import Connection
from cms.dashboard.figures import impact_min_cell
from cms.organisations.models import ProjectMembership
from cms.pages.models import RoadmapStepPage
from cms.plugins.calls import impact_figures
from plugins.journey.models import Outcome, StepStatus

ROLES = (Role.TALENT, Role.MENTOR)
FIGURE_KEYS = (
    "journey.reach",
    "journey.new_members",
    "journey.progress",
    "journey.outcomes",
    "journey.time_to_outcome",
    "journey.time_to_match",
)


def min_cell() -> int:
    """*k*: the smallest number of people a published cell may count."""
    return impact_min_cell()


# --- suppression ----------------------------------------------------------------------------


def _protect(values: list[int], hidden: set[int], k: int) -> set[int]:
    """The cells of one group to suppress, given those already suppressed (``hidden``)."""
    hidden = set(hidden) | {index for index, value in enumerate(values) if 0 < value < k}
    if not hidden:
        return hidden
    while len(hidden) < 2 or sum(values[index] for index in hidden) < k:
        shown = sorted(
            (value, index) for index, value in enumerate(values) if index not in hidden and value > 0
        )
        if not shown:  # nothing left that adds people: suppress the whole group
            return set(range(len(values)))
        hidden.add(shown[0][1])
    return hidden


def suppressed_cells(table: list[list[int]], k: int) -> set[tuple[int, int]]:
    """The ``(series, label)`` cells of ``table`` (one list of counts per series) to suppress."""
    hidden: set[tuple[int, int]] = set()
    changed = True
    while changed:
        changed = False
        groups = [[(s, i) for i in range(len(row))] for s, row in enumerate(table)]
        if len(table) > 1:
            groups += [[(s, i) for s in range(len(table))] for i in range(len(table[0]) if table else 0)]
        for group in groups:
            values = [table[s][i] for s, i in group]
            before = {n for n, cell in enumerate(group) if cell in hidden}
            after = _protect(values, before, k)
            if after != before:
                hidden |= {group[n] for n in after}
                changed = True
    return hidden


def suppress(figure: dict, k: int | None = None) -> dict:
    """``figure`` with every series' ``data`` replaced by ``cells`` (``{"value": int | None,
    "suppressed": bool}``) and a ``published_total``: the sum of the published cells only."""
    k = k or min_cell()
    table = [list(item["data"]) for item in figure["series"]]
    hidden = suppressed_cells(table, k)
    series = []
    for s, item in enumerate(figure["series"]):
        cells = [
            {"value": None, "suppressed": True} if (s, i) in hidden else {"value": value, "suppressed": False}
            for i, value in enumerate(item["data"])
        ]
        total = sum(cell["value"] for cell in cells if not cell["suppressed"])
        series.append({"label": item["label"], "cells": cells, "published_total": total})
    return {**{key: value for key, value in figure.items() if key != "series"}, "series": series, "k": k}


def for_dashboard(figure: dict) -> dict:
    """A suppressed figure in the dashboard's shape: a suppressed cell is the text "< k" (the
    table and the CSV show it; the chart cannot draw it and leaves the bar at zero)."""
    hidden = f"< {figure['k']}"
    description = _(
        "Cells of fewer than %(k)s people, and the cells that would let someone work them out, "
        "are shown as “< %(k)s” and drawn as zero."
    ) % {"k": figure["k"]}
    return {
        "key": figure["key"],
        "title": figure["title"],
        "description": f"{figure.get('description', '')} {description}".strip(),
        "kind": figure["kind"],
        "labels": figure["labels"],
        "series": [
            {
                "label": item["label"],
                "data": [hidden if cell["suppressed"] else cell["value"] for cell in item["cells"]],
            }
            for item in figure["series"]
        ],
    }


# --- who counts -----------------------------------------------------------------------------


def _memberships(projects):
    found = ProjectMembership.objects.filter(
        status=ProjectMembership.Status.ACTIVE, user__erased_at=None, user__is_active=True
    )
    return found if projects is None else found.filter(project__in=list(projects))


def _talents(projects):
    """The talents who are active members of ``projects`` (a subquery, not a list)."""
    return _memberships(projects).filter(user__role=Role.TALENT).values("user")


# --- the figures ----------------------------------------------------------------------------


def reach(projects) -> dict:
    """People per role who are active members today (each person once)."""
    counts = _memberships(projects).aggregate(
        **{role.value: Count("user", distinct=True, filter=Q(user__role=role)) for role in ROLES}
    )
    return {
        "key": "journey.reach",
        "title": _("People reached"),
        "description": _("Talents and mentors who are members of the project today."),
        "kind": "bar",
        "labels": [role.label for role in ROLES],
        "series": [{"label": _("People"), "data": [counts[role.value] for role in ROLES]}],
    }


def _months(since: datetime, until: datetime) -> list[date]:
    months, current = [], date(since.year, since.month, 1)
    while current < until.date() or (current == until.date() and not months):
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def new_members(projects, since: datetime, until: datetime) -> dict:
    """People per role who became members (their request approved) per month of the period."""
    joined = Coalesce("decided_at", "requested_at")
    rows = (
        _memberships(projects)
        .annotate(joined=joined)
        .filter(joined__gte=since, joined__lt=until)
        .annotate(month=TruncMonth("joined"))
        .values("month", "user__role")
        .annotate(n=Count("user", distinct=True))
        .order_by()
    )
    counts = {}
    for row in rows:
        month = row["month"].date() if isinstance(row["month"], datetime) else row["month"]
        counts[(month, row["user__role"])] = row["n"]
    months = _months(since, until)
    return {
        "key": "journey.new_members",
        "title": _("New members per month"),
        "description": _("People whose request to join the project was approved, per month."),
        "kind": "stacked",
        "labels": [formats.date_format(month, "YEAR_MONTH_FORMAT") for month in months],
        "series": [
            {"label": role.label, "data": [counts.get((month, role.value), 0) for month in months]}
            for role in ROLES
        ],
    }


def _steps() -> list[tuple]:
    """``(translation key, label)`` of the live roadmap steps, by step number (one query)."""
    pages = (
        RoadmapStepPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("step_number", "pk")
        .values_list("translation_key", "step_number", "title")
    )
    return [(key, f"{number}. {title}") for key, number, title in pages]


def progress(projects) -> dict:
    """Per roadmap step, how many talents (members today) marked it done or are working on it."""
    rows = (
        StepStatus.objects.filter(
            talent__in=_talents(projects),
            status__in=(StepStatus.Status.DONE, StepStatus.Status.WORKING_ON_IT),
        )
        .values("step_key", "status")
        # One row per talent and step (a unique constraint): counting rows counts talents,
        # without the sort a distinct count needs.
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(row["step_key"], row["status"]): row["n"] for row in rows}
    steps = _steps()
    statuses = (StepStatus.Status.DONE, StepStatus.Status.WORKING_ON_IT)
    return {
        "key": "journey.progress",
        "title": _("Roadmap progress"),
        "description": _("Talents who are members today, by where they stand on each roadmap step."),
        "kind": "stacked",
        "labels": [label for _key, label in steps],
        "series": [
            {"label": status.label, "data": [counts.get((key, status.value), 0) for key, _label in steps]}
            for status in statuses
        ],
    }


def outcomes(projects, since: datetime, until: datetime) -> dict:
    """Talents with an outcome of each kind dated in the period (a talent counts once per kind)."""
    found = Outcome.objects.filter(
        talent__in=_talents(projects), date__gte=since.date(), date__lt=until.date()
    ).aggregate(
        **{kind.value: Count("talent", distinct=True, filter=Q(kind=kind)) for kind in Outcome.Kind}
    )
    return {
        "key": "journey.outcomes",
        "title": _("Outcomes by kind"),
        "description": _("Talents with an outcome of each kind dated in the period."),
        "kind": "bar",
        "labels": [kind.label for kind in Outcome.Kind],
        "series": [{"label": _("Talents"), "data": [found[kind.value] for kind in Outcome.Kind]}],
    }


OUTCOME_BUCKETS = (
    (_("Within 3 months"), timedelta(days=91)),
    (_("3 to 6 months"), timedelta(days=183)),
    (_("6 to 12 months"), timedelta(days=365)),
)


def time_to_outcome(projects, since: datetime, until: datetime) -> dict:
    """Talents whose first outcome is dated in the period, by the time since they joined.

    One query: the talents' memberships grouped per talent (when they joined, their first
    outcome), counted per bucket around that grouping. Correlated subqueries per bucket cost
    seconds at 50,000 talents (bench/impact.py)."""
    per_talent = (
        _memberships(projects)
        .filter(user__role=Role.TALENT)
        .values("user")
        .annotate(
            joined=Min(Coalesce("decided_at", "requested_at")),
            first=Min("user__journey_outcomes__date"),
        )
        .filter(first__gte=since.date(), first__lt=until.date())
        .order_by()
    )
    counts, previous = {}, None
    for index, (_label, limit) in enumerate(OUTCOME_BUCKETS):
        within = Q(first__lt=ExpressionWrapper(F("joined") + limit, output_field=DateTimeField()))
        counts[f"b{index}"] = Count("user", filter=within if previous is None else within & ~previous)
        previous = within
    counts["longer"] = Count("user", filter=~previous)
    found = per_talent.aggregate(**counts)
    return {
        "key": "journey.time_to_outcome",
        "title": _("Time from joining to the first outcome"),
        "description": _("Talents whose first outcome is dated in the period, by how long after joining."),
        "kind": "bar",
        "labels": [label for label, _limit in OUTCOME_BUCKETS] + [_("Longer")],
        "series": [
            {
                "label": _("Talents"),
                "data": [found[f"b{i}"] for i in range(len(OUTCOME_BUCKETS))] + [found["longer"]],
            }
        ],
    }


MATCH_BUCKETS = (
    (_("Within a week"), timedelta(weeks=1)),
    (_("Within four weeks"), timedelta(weeks=4)),
)


def time_to_match(projects, since: datetime, until: datetime) -> dict:
    """Talents whose connection (any kind with a talent) became active in the period, by how
    long after it was proposed (a talent with several such connections may count in more than one
    bucket, once in each)."""
    active = Connection.objects.filter(
        activated_at__gte=since, activated_at__lt=until, talent__isnull=False
    )
    if projects is not None:
        active = active.filter(project__in=list(projects))
    counts, previous = {}, None
    for index, (_label, limit) in enumerate(MATCH_BUCKETS):
        within = Q(activated_at__lte=F("created_at") + limit)
        only = within if previous is None else within & ~previous
        counts[f"b{index}"] = Count("talent", distinct=True, filter=only)
        previous = within
    counts["longer"] = Count("talent", distinct=True, filter=~previous)
    found = active.aggregate(**counts)
    return {
        "key": "journey.time_to_match",
        "title": _("Time from request to match"),
        "description": _(
            "Talents whose connection became active in the period, by how long it waited."
        ),
        "kind": "bar",
        "labels": [label for label, _limit in MATCH_BUCKETS] + [_("Longer")],
        "series": [
            {
                "label": _("Talents"),
                "data": [found[f"b{i}"] for i in range(len(MATCH_BUCKETS))] + [found["longer"]],
            }
        ],
    }


def raw_figures(projects, since: datetime, until: datetime) -> list[dict]:
    """Every figure before suppression (for tests and the functions below only)."""
    return [
        reach(projects),
        new_members(projects, since, until),
        progress(projects),
        outcomes(projects, since, until),
        time_to_outcome(projects, since, until),
        time_to_match(projects, since, until),
        # The core's (who is reached) and the other plugins' (meetings, feedback, posts).
        *impact_figures(projects, since, until),
    ]


def figures(projects, since: datetime, until: datetime) -> list[dict]:
    """Every figure for ``projects`` (``None``: every project) in the period, suppressed."""
    k = min_cell()
    return [suppress(figure, k) for figure in raw_figures(projects, since, until)]
