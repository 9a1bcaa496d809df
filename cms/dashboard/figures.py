"""The dashboard's figures: the core's own, and the plugins' through ``dashboard_figures``.

A figure is a dict (see the hookspec): ``key``, ``title``, ``kind``, ``labels`` and ``series``.
Each is counted with aggregate queries, so the dashboard costs the same number of queries with
ten rows as with a million.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import ROLES_NEEDING_APPROVAL, ApprovalStatus, Role, User
from cms.connections.kinds import all_kinds
from cms.connections.models import Connection
from cms.dashboard.weeks import weekly_series
from cms.organisations.models import ProjectMembership

KINDS = ("bar", "stacked", "line", "doughnut")


def impact_min_cell() -> int:
    """*k* of the impact report: the fewest people a published cell may count
    (``HELIX_IMPACT_MIN_CELL``, default 5); see ``plugins/journey/impact.py``."""
    from django.conf import settings

    return max(1, int(getattr(settings, "HELIX_IMPACT_MIN_CELL", 5)))


def collect(projects, since: datetime, until: datetime) -> list[dict]:
    """Every figure for ``projects`` (``None``: the whole installation) in the period, the
    core's first, each with plain strings (lazy translations resolved)."""
    from cms.plugins.calls import dashboard_figures

    return [_plain(figure) for figure in dashboard_figures(projects, since, until)]


def _plain(figure: dict) -> dict:
    return {
        "key": figure["key"],
        "title": str(figure["title"]),
        "description": str(figure.get("description", "")),
        "kind": figure.get("kind") if figure.get("kind") in KINDS else "bar",
        "unit": str(figure.get("unit", "")),
        "labels": [str(label) for label in figure["labels"]],
        "series": [
            {"label": str(item["label"]), "data": [value or 0 for value in item["data"]]}
            for item in figure["series"]
        ],
    }


def _in(queryset, projects, field: str = "project"):
    return queryset if projects is None else queryset.filter(**{f"{field}__in": list(projects)})


def signups(projects, since, until) -> dict:
    """New accounts per role per week; in a project, the people who asked to join it."""
    roles = [(role.value, role.label) for role in Role if role != Role.ADMIN]
    if projects is None:
        labels, series = weekly_series(User.objects.all(), "date_joined", since, until, "role", roles)
    else:
        members = _in(ProjectMembership.objects.all(), projects)
        labels, series = weekly_series(members, "requested_at", since, until, "user__role", roles)
    return {
        "key": "core.signups",
        "title": _("Signups per role per week"),
        "description": _("New accounts; with projects chosen, the people who asked to join them."),
        "kind": "stacked",
        "labels": labels,
        "series": series,
    }


def approvals_waiting(projects) -> dict:
    """Accounts waiting for an admin (whole installation only) and people waiting to join."""
    labels, data = [], []
    if projects is None:
        waiting = User.objects.filter(
            role__in=ROLES_NEEDING_APPROVAL, approval_status=ApprovalStatus.PENDING, erased_at=None
        ).aggregate(
            organisations=Count("pk", filter=Q(role=Role.ORGANISATION)),
            employers=Count("pk", filter=Q(role=Role.EMPLOYER)),
        )
        labels += [_("Organisation accounts"), _("Employer accounts")]
        data += [waiting["organisations"], waiting["employers"]]
    labels.append(_("Requests to join a project"))
    data.append(
        _in(ProjectMembership.objects.filter(status=ProjectMembership.Status.REQUESTED), projects).count()
    )
    return {
        "key": "core.approvals",
        "title": _("Approvals waiting"),
        "description": _("Waiting today, whatever the period."),
        "kind": "bar",
        "labels": labels,
        "series": [{"label": _("Waiting"), "data": data}],
    }


def connections(projects, since, until) -> dict:
    """Connections open at some time in the period, by kind and by their state today."""
    rows = (
        _in(Connection.objects.filter(created_at__lt=until), projects)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=since))
        .values("kind", "state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(row["kind"], row["state"]): row["n"] for row in rows}
    declared = all_kinds()
    kinds = sorted({kind for kind, _state in counts} | set(declared))
    return {
        "key": "core.connections",
        "title": _("Connections by kind and state"),
        "description": _("Connections open during the period, by their state today."),
        "kind": "stacked",
        "labels": [declared[kind].label if kind in declared else kind for kind in kinds],
        "series": [
            {"label": state.label, "data": [counts.get((kind, state.value), 0) for kind in kinds]}
            for state in Connection.State
        ],
    }


BUCKETS = (
    (_("Within a day"), timedelta(days=1)),
    (_("Within a week"), timedelta(weeks=1)),
    (_("Within four weeks"), timedelta(weeks=4)),
)


def time_to_match(projects, since, until) -> dict:
    """How long connections that became active in the period waited after they were proposed."""
    active = _in(Connection.objects.filter(activated_at__gte=since, activated_at__lt=until), projects)
    counts, previous = {}, None
    for index, (_label, limit) in enumerate(BUCKETS):
        within = Q(activated_at__lte=F("created_at") + limit)
        if previous is not None:
            within &= ~previous
        counts[f"b{index}"] = Count("pk", filter=within)
        previous = Q(activated_at__lte=F("created_at") + limit)
    counts["longer"] = Count("pk", filter=~previous)
    found = active.aggregate(**counts)
    return {
        "key": "core.time_to_match",
        "title": _("Time from request to match"),
        "description": _("Connections that became active in the period, by how long they waited."),
        "kind": "bar",
        "labels": [label for label, _limit in BUCKETS] + [_("Longer")],
        "series": [
            {
                "label": _("Connections"),
                "data": [found[f"b{index}"] for index in range(len(BUCKETS))] + [found["longer"]],
            }
        ],
    }


def core_figures(projects, since: datetime, until: datetime) -> list[dict]:
    """The core's charts: signups, approvals waiting, connections, time to match."""
    return [
        signups(projects, since, until),
        approvals_waiting(projects),
        connections(projects, since, until),
        time_to_match(projects, since, until),
    ]
