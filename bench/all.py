"""Every benchmark in one go, and one table (``make bench``).

    .venv/bin/python bench/all.py                    # small sizes, SQLite files in var/: a few minutes
    .venv/bin/python bench/all.py --only pages,posts
    .venv/bin/python bench/all.py --full             # each script's own sizes (hours: see bench/README.md)
    .venv/bin/python bench/all.py --database-url 'postgres://postgres@127.0.0.1:5432/helix_bench_{name}'

Runs bench/pages.py, posts.py, mentoring.py, employers.py, admin.py and app_lists.py one after the
other, each in its own process (the small runs on their own databases,
``var/bench-small-<name>.sqlite3``, and results files, ``var/bench-results/<name>-<db>-small.json``,
so the full runs' data and committed numbers stay),
then prints one table of every request case: p50, queries, the floor (the same bytes served from
memory through the same stack) and the ratios to the floor and, for pages, to Wagtail's API v2.
A script that fails is reported with the end of its log (``var/bench-logs/<name>.log``) and the
others still run; the exit status is 1 then.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
LOGS = ROOT / "var" / "bench-logs"
SMALL_RESULTS = ROOT / "var" / "bench-results"

# The small sizes: seconds of generating each, the same cases as the full runs.
SMALL = {
    "pages": ["--per-locale", "30", "--repeat", "100"],  # a hit is under a millisecond: a steadier p50
    "posts": ["--posts", "2000", "--subscribers", "100", "--repeat", "10"],
    "mentoring": [
        "--messages", "20000", "--meetings", "2000", "--talents", "200", "--mentors", "50", "--busy", "50",
        "--repeat", "10",
    ],
    "employers": ["--talents", "300", "--employers", "40", "--repeat", "10"],
    "admin": ["--people", "500", "--organisations", "50", "--audit", "2000", "--repeat", "10"],
    # The app's long lists in Chromium (Playwright, /usr/bin/chromium; builds the app when needed).
    "app_lists": ["--items", "100", "--repeat", "1"],
}


def command(name: str, *, full: bool, database_url: str | None) -> list[str]:
    """The command line of one benchmark."""
    args = [str(PY if PY.exists() else sys.executable), str(ROOT / "bench" / f"{name}.py")]
    if not full:
        args += [*SMALL[name], "--tag", "small"]
    if database_url:
        args += ["--database-url", database_url.format(name=name)]
    elif not full:
        args += ["--database-url", f"sqlite:///{ROOT / 'var' / f'bench-small-{name}.sqlite3'}"]
    return args


def run(name: str, args: list[str], *, full: bool) -> Path | None:
    """Run one benchmark, its output to its log; the results file it wrote, or None."""
    LOGS.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if not full:
        env["BENCH_RESULTS"] = str(SMALL_RESULTS)
    log = LOGS / f"{name}.log"
    began = time.perf_counter()
    print(f"{name}: {' '.join(args[1:])}", flush=True)
    with log.open("w") as out:
        done = subprocess.run(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    text = log.read_text()
    written = [line.split("Written to ", 1)[1].strip() for line in text.splitlines() if "Written to " in line]
    if done.returncode or not written:
        print(f"  FAILED ({done.returncode}) after {time.perf_counter() - began:.0f} s; end of {log}:")
        print("    " + "\n    ".join(text.splitlines()[-15:]))
        return None
    print(f"  {time.perf_counter() - began:.0f} s, {written[-1]}", flush=True)
    return ROOT / written[-1]


def rows_of(name: str, payload: dict) -> list[dict]:
    """The request cases of one results file, in the table's shape."""
    rows = []
    for row in payload.get("rows", []) + payload.get("pool", []) + payload.get("results", []):
        figures = row.get("helix", row)  # pages: Helix's side, against Wagtail's API v2
        rows.append(
            {
                "case": f"{name}: {row['case']}",
                "p50_ms": figures.get("p50_ms", figures.get("median_ms")),
                "queries": figures.get("queries"),
                "floor_ms": figures.get("floor_ms"),
                "ratio": figures.get("ratio"),
                "peer_ratio": row.get("peer_ratio"),
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated: " + ",".join(SMALL))
    parser.add_argument("--full", action="store_true", help="each script's own (full) sizes and databases")
    parser.add_argument("--database-url", help="a URL with {name} for each benchmark's database")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(SMALL)
    unknown = set(names) - set(SMALL)
    if unknown:
        parser.error(f"unknown benchmarks: {', '.join(sorted(unknown))}")

    sys.path.insert(0, str(ROOT))
    from bench.harness import table

    began, rows, failed = time.perf_counter(), [], []
    for name in names:
        written = run(name, command(name, full=args.full, database_url=args.database_url), full=args.full)
        if written is None:
            failed.append(name)
            continue
        rows += rows_of(name, json.loads(written.read_text()))
    columns = [
        ("case", "case"),
        ("ms p50", "p50_ms"),
        ("queries", "queries"),
        ("floor ms", "floor_ms"),
        ("ratio to floor", "ratio"),
        ("peer ratio", "peer_ratio"),
    ]
    print(f"\n{len(rows)} cases in {time.perf_counter() - began:.0f} s (peer: Wagtail's API v2)\n")
    print(table(columns, rows))
    if failed:
        print(f"\nFailed: {', '.join(failed)} (logs in {LOGS.relative_to(ROOT)})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
