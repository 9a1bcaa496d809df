"""The talent pool's own cost in this process: wall and CPU time per request (``process_time``:
Python, excluding PostgreSQL's work and the time spent waiting for a core on a busy machine).

Requests ``/api/v1/talent-pool/`` as the busiest bench employer of ``bench/employers.py`` (its
database must exist), through the whole middleware stack with ``django.test.Client``, after one
request to warm up. Also the loop to profile::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helix_bench_pool \\
      .venv/bin/py-spy record -f raw -o pool.raw -- .venv/bin/python bench/pool_cpu.py --repeat 150
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402

CASES = {
    "page 20": "?page_size=20",
    "page 100": "?page_size=100",
    "?q=python": "?q=python&page_size=20",
    "all four filters": "?sector=ict&dutch_level=B1&q=python&language=ar&page_size=20",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=60, help="timed requests per case")
    parser.add_argument("--database-url", help="defaults to DATABASE_URL")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="only these cases")
    args = parser.parse_args()
    harness.setup("bench-employers.sqlite3", args.database_url)

    from django.test import Client

    from bench.employers import busiest_employer

    employer, connections = busiest_employer()
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(employer)
    print(f"{employer.email}: {connections:,} connections, {args.repeat} requests per case")
    print("| case | wall ms p50 | CPU ms p50 | CPU ms min |")
    print("| --- | ---: | ---: | ---: |")
    for name in args.case or CASES:
        url = "/api/v1/talent-pool/" + CASES[name]
        assert client.get(url).status_code == 200
        walls, cpus = [], []
        for _ in range(args.repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            client.get(url)
            cpus.append(time.process_time() - cpu)
            walls.append(time.perf_counter() - wall)
        p50 = statistics.median
        print(f"| {name} | {p50(walls) * 1000:.1f} | {p50(cpus) * 1000:.1f} | {min(cpus) * 1000:.1f} |")


if __name__ == "__main__":
    main()
