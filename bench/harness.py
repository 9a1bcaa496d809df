"""What every benchmark shares: Django set-up, one statement counter, one timing loop, the floor,
one table printer and one results writer.

- ``setup()`` points Django at the benchmark's database (``--database-url`` wins over
  ``DATABASE_URL``, which wins over the script's SQLite file in ``var/``) and at ``bench.urls``
  (Helix's URLs, Wagtail's API v2 and the floor).
- ``Statements`` counts every statement a block runs (savepoints included; Django's own query log
  keeps only 9,000), by kind, with the time spent in SQL and the slowest one.
- ``timed()`` is the timing loop: warm-up, then ``repeat`` runs (fewer when a budget is given),
  p50 and p95 of the times, the statements of one run; the floor, when given, runs in the same
  loop, turn about with the endpoint.
- ``measure()`` requests a URL through the whole middleware stack with that loop and, unless told
  not to, measures its **floor** in the same loop (one floor request beside each of the
  endpoint's): the same client asking the same process for the same response bytes, precomputed
  in memory and served by a trivial view (``bench/urls.py``) with the same content type, through
  the same middleware. ``ratio`` is the endpoint's p50 over the floor's: what the endpoint costs
  beyond Django, the middleware, the session and the client.
- ``write_results()`` writes ``bench/results/<name>.json`` (``$BENCH_RESULTS/`` when set) with
  the facts of the machine (CPUs, Python, database vendor and version, date, command line).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# ``make bench``'s small runs write theirs to var/ (BENCH_RESULTS) and leave the committed ones be.
RESULTS = Path(os.environ.get("BENCH_RESULTS") or ROOT / "bench" / "results")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# --- set-up -------------------------------------------------------------------------------------


def common_arguments(parser: argparse.ArgumentParser, *, repeat: int) -> argparse.ArgumentParser:
    """The options every benchmark takes: ``--repeat``, ``--database-url`` and ``--tag``."""
    parser.add_argument("--repeat", type=int, default=repeat, help="timed requests per case")
    parser.add_argument("--database-url", help="defaults to DATABASE_URL, then a SQLite file in var/")
    parser.add_argument("--tag", help="write bench/results/<name>-<db>-<tag>.json (an experiment)")
    return parser


def setup(sqlite_name: str, database_url: str | None = None, **env: str) -> None:
    """Set Django up for a benchmark: its database, no throttles, and ``bench.urls``.

    ``sqlite_name`` is the script's file in ``var/`` when neither ``database_url`` nor
    ``DATABASE_URL`` names a database; ``env`` adds environment defaults of the script's own.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    (ROOT / "var").mkdir(exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / sqlite_name}")
    os.environ.setdefault("ALLOWED_HOSTS", "*")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # As in production: no query log kept per statement, no debug pages.
    os.environ.setdefault("DEBUG", "false")
    # Measure the API, not the throttles.
    for scope in ("ANON", "USER", "SENSITIVE"):
        os.environ.setdefault(f"HELIX_THROTTLE_{scope}", "1000000/minute")
    for key, value in env.items():
        os.environ.setdefault(key, value)
    import django

    django.setup()
    from django.test.utils import override_settings

    # Kept for the life of the process: the floor and Wagtail's API v2 live in bench.urls.
    override_settings(ROOT_URLCONF="bench.urls").enable()


def analyze() -> None:
    """PostgreSQL: what autovacuum does after a bulk load (it may not have run yet, and is off on
    some benchmark servers): the planner's statistics and the visibility map that index-only
    scans need. Without them the planner guesses: the posts' 10k list counted through a bitmap
    scan of the wrong index (13 ms instead of 0.8), the mentoring threads JIT-compiled their
    subqueries (200 ms instead of 25)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def engine() -> str:
    """The database vendor of the default connection: ``sqlite3`` or ``postgresql``."""
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


class Rollback(Exception):
    """Raised inside ``transaction.atomic()`` to undo what a measured change did."""


# --- counting -----------------------------------------------------------------------------------


class Statements:
    """Count the statements run inside the block, by kind, and time them.

    An ``execute_wrapper`` rather than Django's query log: it counts every statement (savepoints
    included) however many there are, with ``DEBUG`` off.
    """

    def __init__(self):
        from django.db import connection

        self.connection, self.count, self.seconds, self.kinds = connection, 0, 0.0, {}
        self.slowest = (0.0, "")

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - start
            self.count += 1
            self.seconds += elapsed
            verb = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else "?"
            self.kinds[verb] = self.kinds.get(verb, 0) + 1
            if elapsed > self.slowest[0]:
                self.slowest = (elapsed, sql)

    def __enter__(self) -> Statements:
        self._wrapper = self.connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        return self._wrapper.__exit__(*exc)

    def figures(self) -> dict:
        """Statements, SELECTs, writes, savepoints, seconds in SQL and the slowest statement."""
        seconds, sql = self.slowest
        words = sql.replace('"', "").split()
        verb = words[0] if words else ""
        after = {"SELECT": "FROM", "INSERT": "INTO", "UPDATE": "UPDATE", "DELETE": "FROM"}.get(verb)
        table = words[words.index(after) + 1] if after in words[:-1] else ""
        writes = sum(self.kinds.get(k, 0) for k in ("INSERT", "UPDATE", "DELETE"))
        return {
            "statements": self.count,
            "selects": self.kinds.get("SELECT", 0),
            "writes": writes,
            "savepoints": sum(self.kinds.get(k, 0) for k in ("SAVEPOINT", "RELEASE", "ROLLBACK")),
            "sql_seconds": round(self.seconds, 2),
            "slowest_ms": round(seconds * 1000, 1),
            "slowest": f"{verb} {table}".strip(),
        }


# --- timing -------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """The ``share`` (0–1) percentile of ``values``, interpolated between the nearest ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = share * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def timed(
    run: Callable[[], Any],
    repeat: int,
    *,
    warmup: int = 1,
    budget: float | None = None,
    beside: Callable[[], Any] | None = None,
) -> dict:
    """Call ``run`` ``warmup`` times, then ``repeat`` times under the clock and the counter.

    With ``budget`` (seconds), fewer runs (at least one) when the warm-up says they would take
    longer in all. Returns p50, p95 (ms), the statements of the slowest-counting run, the number of
    runs and the last result as ``last``. ``beside`` (the floor) is timed in the same loop, once
    after each run on even turns and once before it on odd ones, so that both see the same state
    of the machine (its clock speed, the other processes, the collector): ``beside_p50_ms``.
    """
    start = time.perf_counter()
    last = None
    for _ in range(warmup):
        last = run()
    if beside is not None:
        beside()
    warm = (time.perf_counter() - start) / max(warmup, 1)
    if budget is not None:
        repeat = max(1, min(repeat, int(budget // max(warm, 1e-3))))
    times, queries, beside_times = [], [], []

    def floor() -> None:
        start = time.perf_counter()
        beside()
        beside_times.append((time.perf_counter() - start) * 1000)

    for turn in range(repeat):
        if beside is not None and turn % 2:
            floor()
        with Statements() as counted:
            start = time.perf_counter()
            last = run()
            times.append((time.perf_counter() - start) * 1000)
        queries.append(counted.count)
        if beside is not None and not turn % 2:
            floor()
    figures = {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "queries": max(queries),
        "requests": repeat,
        "last": last,
    }
    if beside is not None:
        figures["beside_p50_ms"] = round(statistics.median(beside_times), 2)
    return figures


# --- the floor ----------------------------------------------------------------------------------

# Captured answers the floor view serves, by key: (body, content type, status).
FLOOR: dict[str, tuple[bytes, str, int]] = {}


def floor_url(response) -> str:
    """Remember ``response``'s bytes and content type; the URL that serves them from memory."""
    key = str(len(FLOOR))
    content_type = response.get("Content-Type", "application/octet-stream")
    FLOOR[key] = (response.content, content_type, response.status_code)
    return f"/bench-floor/{key}/"


_VISITORS = itertools.count(1)


def visitor_address() -> str:
    """A new client address per request: a stream of visitors, as production sees. The rates are
    raised (``setup``) so that no request is refused, but the throttles still keep a history of
    requests per address (anonymous) or per user: from one address every request of the last
    minute would be in it, thousands of entries read and written per request (a seventh of a
    cached page answer), where a visitor's history holds at most the rate's 120."""
    n = next(_VISITORS)
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def measure(
    client,
    url: str,
    repeat: int,
    *,
    floor: bool = True,
    budget: float | None = None,
    expect: int = 200,
    **extra,
) -> dict:
    """GET ``url`` through the middleware stack: p50/p95, queries, and its floor in the same run.

    The row has ``url``, ``median_ms`` (= p50), ``p50_ms``, ``p95_ms``, ``queries``, ``requests``,
    ``bytes``, ``results`` and ``count`` (for DRF pages), and with ``floor`` ``floor_ms`` (p50 of
    the same bytes served from memory by the same client) and ``ratio`` (p50 / floor p50).
    ``extra`` goes to ``client.get`` (headers).
    """

    def get():
        answer = client.get(url, **{"REMOTE_ADDR": visitor_address(), **extra})
        assert answer.status_code == expect, (url, answer.status_code, answer.content[:300])
        return answer

    serve = None
    if floor:
        # The floor serves the bytes of this first answer; it runs in the endpoint's own loop.
        first = get()
        floor_address = floor_url(first)

        def serve():
            served = client.get(floor_address)
            assert served.content == first.content, floor_address
            return served

    figures = timed(get, repeat, budget=budget, beside=serve)
    answer = figures.pop("last")
    row = {"url": url, "median_ms": figures["p50_ms"], **figures, "bytes": len(answer.content)}
    row.pop("beside_p50_ms", None)
    if answer.get("Content-Type", "").startswith("application/json"):
        body = answer.json()
        if isinstance(body, dict):
            row["results"] = len(body.get("results", []))
            row["count"] = body.get("count")
    if floor:
        row["floor_ms"] = figures["beside_p50_ms"]
        row["floor_queries"] = 0
        row["ratio"] = round(row["p50_ms"] / row["floor_ms"], 2) if row["floor_ms"] else None
    return row


def measure_floor(client, answer, repeat: int, *, method: str = "get", **request) -> dict:
    """The p50 of serving ``answer``'s bytes from memory to the same client, as ``floor_ms``.

    ``method`` and ``request`` (a POST's data and content type) make the floor's request the same
    shape as the endpoint's."""
    url = floor_url(answer)

    def get():
        served = getattr(client, method)(url, **request)
        assert served.content == answer.content, url
        return served

    figures = timed(get, max(repeat, 5))
    return {"floor_ms": figures["p50_ms"], "floor_queries": figures["queries"]}


def floor_view(request, key: str):
    """Serve a captured answer from memory (bench/urls.py): the cost of the stack alone."""
    from django.http import Http404, HttpResponse

    if key not in FLOOR:
        raise Http404
    body, content_type, status = FLOOR[key]
    return HttpResponse(body, content_type=content_type, status=status)


# --- output -------------------------------------------------------------------------------------


def fmt(value) -> str:
    """A table cell: thousands separated, ``–`` for nothing."""
    if value is None:
        return "–"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def table(columns: list[tuple[str, str]], rows: list[dict], *, numeric: set[str] | None = None) -> str:
    """A Markdown table of ``rows``; ``columns`` are (heading, key) pairs."""
    numeric = numeric if numeric is not None else {k for _, k in columns if k != "case"}
    lines = [
        "| " + " | ".join(h for h, _ in columns) + " |",
        "| " + " | ".join("---:" if k in numeric else "---" for _, k in columns) + " |",
    ]
    for row in rows:
        lines.append("| " + " | ".join(fmt(row.get(k)) for _, k in columns) + " |")
    return "\n".join(lines)


REQUEST_COLUMNS = [
    ("case", "case"),
    ("ms p50", "p50_ms"),
    ("ms p95", "p95_ms"),
    ("queries", "queries"),
    ("floor ms", "floor_ms"),
    ("ratio to floor", "ratio"),
]


def machine() -> dict:
    """The facts a result needs to be read: CPUs, Python, database, date, command line."""
    from django.db import connection

    vendor, version = connection.vendor, None
    try:
        with connection.cursor() as cursor:
            cursor.execute("select sqlite_version()" if vendor == "sqlite" else "show server_version")
            version = cursor.fetchone()[0]
    except Exception:  # a database without a version query: leave it out
        pass
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "database": {"vendor": vendor, "version": version},
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
    }


def results_name(name: str, tag: str | None = None) -> str:
    """``<name>-<db>`` or ``<name>-<db>-<tag>``: the results file's stem."""
    return f"{name}-{engine()}{'-' + tag if tag else ''}"


def write_results(stem: str, payload: dict) -> Path:
    """Write ``bench/results/<stem>.json`` with the machine's facts; print and return its path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{stem}.json"
    out.write_text(json.dumps({"machine": machine(), **payload}, indent=2, default=str, ensure_ascii=False))
    print(f"\nWritten to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return out
