"""The page API's answer cache: a published page's JSON is built once per change, not per read.

An answer is stored under a key made of the request (path, query, the reader's language, host)
and the *generation*: a number every change to what a page answer is made of moves on (a page
saved, published, unpublished, moved, deleted or made private; a revision; a translation edited
or synced; a locale; an image, a document or a sector a page refers to). After a change no stored
answer is read any more: the next read builds the new one.

What is never stored: answers with a "latest posts" block (they depend on the reader, their project
and the posts of the moment), errors, previews of drafts (``pages/preview/``, not cached at all),
and the changes feed (it depends on the time). Only live, public pages reach the page API, so a
draft or a private page is never in the cache.

The generation lives in Django's cache. In production that cache is shared by every process
(``HELIX_ENV=production`` refuses a per-process cache), so a change made by one process (an
editor's request, a scheduled publication on a worker) is seen by all; the development server runs
its worker in the same process. It moves both at once and when the transaction commits, so an
answer built from data still being written is never kept under the final generation.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION_KEY = "helix:pages:generation"
#: Apps whose rows make up page answers.
WATCHED_APPS = frozenset(
    {"wagtailcore", "wagtail_localize", "wagtailimages", "wagtaildocs", "pages", "sectors", "sites"}
)


def enabled() -> bool:
    return getattr(settings, "HELIX_PAGE_CACHE_SECONDS", 3600) > 0


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A start value that an evicted or restarted cache never reuses.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return int(value or 0)


def bump() -> None:
    """Every stored answer is out of date from now on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there (evicted, or a fresh cache)
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def changed() -> None:
    bump()
    transaction.on_commit(bump)


def key_for(request) -> str | None:
    """The key of ``request``'s answer, or ``None`` when it must be built every time."""
    if not enabled() or request.method not in ("GET", "HEAD") or "format" in request.GET:
        return None
    from api.i18n import request_language

    query = "&".join(sorted(f"{name}={value}" for name, values in request.GET.lists() for value in values))
    raw = "\n".join(
        [str(generation()), request.get_host(), request.path, query, request_language()]
    )
    return "helix:pages:answer:" + hashlib.sha256(raw.encode()).hexdigest()


def get(key: str | None) -> dict | None:
    return cache.get(key) if key else None


def put(key: str | None, entry: dict) -> None:
    if key:
        cache.set(key, entry, timeout=getattr(settings, "HELIX_PAGE_CACHE_SECONDS", 3600))


def _on_change(sender, **kwargs) -> None:
    if sender._meta.app_label in WATCHED_APPS:
        changed()


def _on_wagtail_signal(sender, **kwargs) -> None:
    changed()


def connect() -> None:
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_change, dispatch_uid="helix-page-cache-save")
    post_delete.connect(_on_change, dispatch_uid="helix-page-cache-delete")
    m2m_changed.connect(_on_change, dispatch_uid="helix-page-cache-m2m")
    page_published.connect(_on_wagtail_signal, dispatch_uid="helix-page-cache-published")
    page_unpublished.connect(_on_wagtail_signal, dispatch_uid="helix-page-cache-unpublished")
    post_page_move.connect(_on_wagtail_signal, dispatch_uid="helix-page-cache-moved")
