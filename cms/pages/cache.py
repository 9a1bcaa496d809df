"""The page API's answer cache: a published page's JSON is built once per change, not per read.

An answer is stored under a key made of the request (path, query, the reader's language, host)
and the *generation*: a number every change to what a page answer is made of moves on (a page
saved, published, unpublished, moved, deleted or made private; a revision; a translation edited
or synced; a locale; an image, a document or a sector a page refers to). After a change no stored
answer is read any more: the next read builds the new one.

Answers with a "latest posts" block depend on the posts of the moment and the reader's project
too. They are stored under the project (``X-Helix-Project`` or ``?project=``) with the *dynamic
generation*, which every change in the app of a plugin filling such blocks (the posts) or in a
project's plugin switches moves on, for ``HELIX_PAGE_CACHE_DYNAMIC_SECONDS`` (60) at most, since
posts also expire by the clock. They are stored only while no plugin's ``page_dynamic_content``
takes the reader (``user``): when one does, they are built for every reader, as a personal block
must be.

What is never stored: answers with a block that depends on the reader, errors, previews of drafts
(``pages/preview/``, not cached at all), and the changes feed (it depends on the time). Only live,
public pages reach the page API, so a draft or a private page is never in the cache.

Every process also keeps the answers it served last in its own memory (``_near``, at most
``HELIX_PAGE_CACHE_PROCESS_BYTES`` of bodies, 16 MB): a hit then reads only the generations from
the shared cache, not the answer's bytes. The copy is found under the same key, which holds the
generation, so a change seen by any process leaves it unread; it expires when the shared entry does.

The generation lives in Django's cache. In production that cache is shared by every process
(``HELIX_ENV=production`` refuses a per-process cache), so a change made by one process (an
editor's request, a scheduled publication on a worker) is seen by all; the development server runs
its worker in the same process. It moves both at once and when the transaction commits, so an
answer built from data still being written is never kept under the final generation.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from cms import generations

GENERATION_KEY = "helix:pages:generation"
DYNAMIC_KEY = "helix:pages:dynamic-generation"
#: Apps whose rows make up page answers.
WATCHED_APPS = frozenset(
    {"wagtailcore", "wagtail_localize", "wagtailimages", "wagtaildocs", "pages", "sectors", "sites"}
)


def enabled() -> bool:
    return getattr(settings, "HELIX_PAGE_CACHE_SECONDS", 3600) > 0


def generation() -> str:
    return generations.read(GENERATION_KEY)


def dynamic_generation() -> str:
    """The number the answers with a "latest posts" block were built under."""
    return generations.read(DYNAMIC_KEY)


def bump() -> None:
    """Every stored answer is out of date from now on."""
    generations.bump(GENERATION_KEY)


def dynamic_is_shared(project) -> bool:
    """Whether "latest posts" blocks read the same for every reader of ``project``: no plugin
    enabled there fills them with an implementation that takes the reader (pluggy hands a hook
    only the arguments its implementation names)."""
    from cms.plugins import get_manager

    manager = get_manager()
    enabled = manager.enabled_ids(project)
    return all(
        "user" not in implementation.argnames
        for implementation in manager.pm.hook.page_dynamic_content.get_hookimpls()
        if implementation.plugin_name in enabled or implementation.plugin_name not in manager.configs
    )


def _dynamic_apps() -> frozenset[str]:
    """The apps whose rows change "latest posts" blocks: the plugins filling them, and the
    projects' plugin switches."""
    from cms.plugins import get_manager

    manager = get_manager()
    labels = {"organisations"}
    for implementation in manager.pm.hook.page_dynamic_content.get_hookimpls():
        config = manager.configs.get(implementation.plugin_name)
        if config is not None:
            labels.add(config.label)
    return frozenset(labels)


def dynamic_changed() -> None:
    generations.changed(DYNAMIC_KEY)


def changed() -> None:
    generations.changed(GENERATION_KEY)


def key_for(request) -> str | None:
    """The key of ``request``'s answer, or ``None`` when it must be built every time.

    Made of what the request says as it says it (the raw query string, the raw host), without
    parsing either: the same page asked with its parameters in another order is kept twice, and
    a host Django refuses never has an answer to find, as its first request is refused while
    the answer is built (``get_host``)."""
    if not enabled() or request.method not in ("GET", "HEAD"):
        return None
    query = request.META.get("QUERY_STRING", "")
    if "format=" in query:
        return None
    from api.i18n import request_language

    raw = "\n".join(
        [
            str(generation()),
            request._get_raw_host(),
            request.path,
            query,
            request_language(),
            request.META.get("HTTP_X_HELIX_PROJECT", ""),
        ]
    )
    return "helix:pages:answer:" + hashlib.sha256(raw.encode()).hexdigest()


def request_key(prefix: str, request, *parts) -> str:
    """A key for an answer to ``request`` as it was sent: the scheme, the raw host (absolute
    addresses in the answer), the path, the raw query string and the reader's language, and
    ``parts``, whatever else the answer depends on (a reader, a day). Used by the answers plugins
    keep (``generations.kept``): the posts lists, the talent pool."""
    from api.i18n import request_language

    said = "\n".join(
        [
            request.scheme,
            request._get_raw_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            request_language(),
            *(str(part) for part in parts),
        ]
    )
    return f"{prefix}:" + hashlib.sha256(said.encode()).hexdigest()


def get(key: str | None) -> dict | None:
    entry = _near_get(key) if key else None
    if entry is None and key:
        entry = cache.get(key)
        if entry is not None:
            _near_put(key, entry)
    if entry is not None and entry.get("dynamic") is not None and entry["dynamic"] != dynamic_generation():
        return None  # a "latest posts" block built before the posts changed
    return entry


def put(key: str | None, entry: dict) -> None:
    """Keep ``entry``; one with ``dynamic`` (the dynamic generation it was built under) for at
    most ``HELIX_PAGE_CACHE_DYNAMIC_SECONDS``."""
    if key:
        seconds = getattr(settings, "HELIX_PAGE_CACHE_SECONDS", 3600)
        if entry.get("dynamic") is not None:
            seconds = min(seconds, getattr(settings, "HELIX_PAGE_CACHE_DYNAMIC_SECONDS", 60))
        entry = {**entry, "expires": time.time() + seconds}
        cache.set(key, entry, timeout=seconds)
        _near_put(key, entry)


# --- this process's copies ----------------------------------------------------------------------

_near: OrderedDict[str, dict] = OrderedDict()
_near_bytes = 0
_near_lock = threading.Lock()


def _near_get(key: str) -> dict | None:
    with _near_lock:
        entry = _near.get(key)
        if entry is None:
            return None
        if entry["expires"] <= time.time():
            _near_drop(key)
            return None
        _near.move_to_end(key)
        return entry


def _near_put(key: str, entry: dict) -> None:
    """Keep ``entry`` in this process too, the least recently read going first past the budget.
    An entry without an expiry (kept before copies were) is left to the shared cache."""
    global _near_bytes
    budget = settings.HELIX_PAGE_CACHE_PROCESS_BYTES
    size = len(entry["body"])
    if "expires" not in entry or size > budget:
        return
    with _near_lock:
        if key in _near:
            _near_drop(key)
        _near[key] = entry
        _near_bytes += size
        while _near_bytes > budget:
            _near_drop(next(iter(_near)))


def _near_drop(key: str) -> None:
    global _near_bytes
    _near_bytes -= len(_near.pop(key)["body"])


_DYNAMIC_APPS: frozenset[str] | None = None


def _on_change(sender, **kwargs) -> None:
    global _DYNAMIC_APPS
    label = sender._meta.app_label
    if label in WATCHED_APPS:
        changed()
    if _DYNAMIC_APPS is None:
        _DYNAMIC_APPS = _dynamic_apps()
    if label in _DYNAMIC_APPS and not getattr(sender, "helix_reader_state", False):
        dynamic_changed()


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
