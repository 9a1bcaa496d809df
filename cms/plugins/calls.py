"""The core's calls into plugins that merge results, in one place.

A plugin that needs the core to ask other plugins something uses these
functions (or the core's own services: ``cms.connections`` answers who is
connected), never another plugin's module.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cms.plugins import get_manager, hooks, hooks_for


def page_dynamic_content(project, page, locale: str, user=None, block: dict | None = None) -> list[dict]:
    """Dynamic items for a page's "latest posts" block, from the plugins enabled in ``project``
    (at most the block's ``limit``)."""
    block = block or {}
    items: list[dict] = []
    for result in hooks_for(project).page_dynamic_content(page=page, locale=locale, user=user, block=block):
        items.extend(result or [])
    limit = block.get("limit")
    return items[:limit] if limit else items


def dashboard_stats(since: datetime) -> dict[str, Any]:
    """Figures from the core and every installed plugin."""
    stats: dict[str, Any] = {}
    for result in hooks().dashboard_stats(since=since):
        stats.update(result or {})
    return dict(sorted(stats.items()))


def dashboard_figures(projects, since: datetime, until: datetime) -> list[dict]:
    """The dashboard's charts from the core and the plugins enabled in any of ``projects``
    (every installed plugin when ``projects`` is ``None``: the whole installation)."""
    caller = hooks() if projects is None else get_manager().hooks_for_any(projects)
    figures: list[dict] = []
    # pluggy calls the last registered first; the core registers first, so reverse for core-first.
    for result in reversed(caller.dashboard_figures(projects=projects, since=since, until=until)):
        figures.extend(result or [])
    return figures


def impact_figures(projects, since: datetime, until: datetime) -> list[dict]:
    """The people-counting figures of the core and the plugins enabled in any of ``projects``
    (every installed plugin when ``projects`` is ``None``), core first; not yet suppressed."""
    caller = hooks() if projects is None else get_manager().hooks_for_any(projects)
    figures: list[dict] = []
    for result in reversed(caller.impact_figures(projects=projects, since=since, until=until)):
        figures.extend(result or [])
    return figures


def newsletter_sections(project, user, since: datetime) -> list[dict]:
    """Digest sections for one recipient from the plugins enabled in ``project``."""
    sections: list[dict] = []
    for result in hooks_for(project).newsletter_sections(user=user, since=since):
        sections.extend(result or [])
    return sections


def newsletter_sections_many(project, users, sinces: dict[int, datetime]) -> dict[int, list[dict]]:
    """Digest sections for a batch of recipients from the plugins enabled in ``project``: one
    call per plugin implementing ``newsletter_sections_many``, one per reader for the others."""
    sections: dict[int, list[dict]] = {user.pk: [] for user in users}
    batch, each = hooks_for(project).with_fallback("newsletter_sections_many", "newsletter_sections")
    # pluggy calls the last registered first; reversed keeps the core and plugins in their order.
    for result in reversed(batch(users=list(users), sinces=sinces)):
        for pk, found in (result or {}).items():
            sections[pk].extend(found or [])
    for user in users:
        for result in each(user=user, since=sinces[user.pk]):
            sections[user.pk].extend(result or [])
    return sections
