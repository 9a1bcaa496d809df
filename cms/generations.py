"""Generations: numbers in Django's cache that a change moves on, so that whatever was kept under
an older one is no longer read (the page API's answers, the projects requests name).

The cache is shared by every process in production (``HELIX_ENV=production`` refuses a
per-process cache), so a change made by one process is seen by all. ``changed`` moves a
generation both at once (the transaction's own later reads) and when the transaction commits, so
nothing built from data still being written is kept under the final generation.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction


def read(key: str) -> int:
    value = cache.get(key)
    if value is None:
        value = start(key)
    return int(value or 0)


def start(key: str) -> int:
    """A start value that an evicted or restarted cache never reuses."""
    cache.add(key, time.time_ns(), timeout=None)
    return int(cache.get(key) or 0)


def bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not there (evicted, or a fresh cache)
        cache.set(key, time.time_ns(), timeout=None)


def changed(key: str) -> None:
    bump(key)
    transaction.on_commit(lambda: bump(key))
