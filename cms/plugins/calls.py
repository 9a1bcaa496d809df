"""The core's calls into plugins that merge results, in one place.

Plugins that need the core to ask other plugins something (the posts plugin
asking who is connected, the mentoring plugin announcing a match) use these
functions, never another plugin's module.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cms.plugins import hooks, hooks_for


def are_connected(user_a, user_b) -> bool:
    """Whether any installed plugin connects the two users."""
    if user_a is None or user_b is None or user_a.pk == user_b.pk:
        return False
    return any(result is True for result in hooks().are_connected(user_a=user_a, user_b=user_b))


def page_dynamic_content(project, page, locale: str, user=None, block: dict | None = None) -> list[dict]:
    """Dynamic items for a page's "latest posts" block, from the plugins enabled in ``project``
    (at most the block's ``limit``)."""
    block = block or {}
    items: list[dict] = []
    for result in hooks_for(project).page_dynamic_content(page=page, locale=locale, user=user, block=block):
        items.extend(result or [])
    limit = block.get("limit")
    return items[:limit] if limit else items


def match_activated(match) -> None:
    """Tell the plugins enabled in the match's project that it became active."""
    hooks_for(match.project).on_match_activated(match=match)


def match_closed(match) -> None:
    """Tell the plugins enabled in the match's project that it was closed."""
    hooks_for(match.project).on_match_closed(match=match)


def dashboard_stats(since: datetime) -> dict[str, Any]:
    """Figures from the core and every installed plugin."""
    stats: dict[str, Any] = {}
    for result in hooks().dashboard_stats(since=since):
        stats.update(result or {})
    return dict(sorted(stats.items()))


def newsletter_sections(project, user, since: datetime) -> list[dict]:
    """Digest sections for one recipient from the plugins enabled in ``project``."""
    sections: list[dict] = []
    for result in hooks_for(project).newsletter_sections(user=user, since=since):
        sections.extend(result or [])
    return sections
