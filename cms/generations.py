"""Generations: numbers in Django's cache that a change moves on, so that whatever was kept under
an older one is no longer read (the page API's answers, the projects requests name).

The cache is shared by every process in production (``HELIX_ENV=production`` refuses a
per-process cache), so a change made by one process is seen by all. ``changed`` moves a
generation both at once (the transaction's own later reads) and when the transaction commits, so
nothing built from data still being written is kept under the final generation.

A transaction that changed something and has not committed yet reads the generation with a mark
of its own (``read``/``current``): what it keeps meanwhile is built from its own uncommitted rows,
so no other transaction finds it, and once the transaction is rolled back nobody does. Without the
mark, an entry built inside a transaction that is then rolled back (a failed request, every test)
would be read as current although its rows never existed.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")


def read(key: str) -> str:
    """The generation under which an entry is kept now, as this transaction sees it."""
    value = cache.get(key)
    if value is None:
        value = start(key)
    return current(key, value)


def current(key: str, value) -> str:
    """``value`` (the number in the cache) with this transaction's mark, if it changed ``key``."""
    return f"{int(value or 0)}{_pending_mark(key)}"


def kept(
    key: str,
    generation_keys: Sequence[str],
    build: Callable[[], T | None],
    *,
    seconds: int,
    extra: tuple = (),
    still: Callable[[T], bool] | None = None,
) -> T | None:
    """What is kept under ``key`` if it was built under the current ``generation_keys`` (and
    ``extra``, what else the value depends on), else ``build()``'s value, kept for ``seconds``.
    The generations and the entry come in one cache read. A ``None`` from ``build`` is answered
    and not kept. ``still``, when given, checks a kept value before it is answered (against the
    database, say: what a generation cannot see); a value it refuses is built again."""
    found = cache.get_many([*generation_keys, key])
    generation = tuple(
        current(name, found[name] if found.get(name) is not None else start(name)) for name in generation_keys
    ) + tuple(extra)
    entry = found.get(key)
    if entry is not None and entry[0] == generation and (still is None or still(entry[1])):
        return entry[1]
    value = build()
    if value is not None:
        cache.set(key, (generation, value), timeout=seconds)
    return value


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

    def committed() -> None:
        bump(key)

    committed.helix_generation = (key, f":{secrets.token_hex(6)}")
    transaction.on_commit(committed)


def _pending_mark(key: str) -> str:
    """The marks of this transaction's changes to ``key`` still waiting for the commit (a rollback,
    also to a savepoint, drops them with their ``on_commit`` callbacks)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block or not connection.run_on_commit:
        return ""
    marks = []
    for entry in connection.run_on_commit:
        mark = getattr(entry[1], "helix_generation", None)
        if mark is not None and mark[0] == key:
            marks.append(mark[1])
    return "".join(marks[-1:])
