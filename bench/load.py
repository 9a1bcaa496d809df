"""Load test: simulated people against a production-like Helix on this machine (Locust).

    .venv/bin/pip install -e ".[bench]"                # Locust, once
    .venv/bin/python bench/load.py                     # 50 users for 5 minutes
    .venv/bin/python bench/load.py --users 10 --duration 30 --keep    # a trial; keeps the database
    .venv/bin/python bench/load.py --reuse             # measure again on the kept database

Sets up, with bench/drill.py's process management: a fresh PostgreSQL database ``helix_load``
(migrated, ``manage.py seed_demo``, then generated people: talents with profiles and sectors, 60%
publishing their CV, employers connected with them by sector as the matching leaves it, mentors
with a talent–mentor connection and a thread per talent and past meetings to report on, and posts
in three languages), a RabbitMQ virtual host ``helix_load``, Redis as the cache, an SMTP sink, one
gunicorn with ``--web-workers`` sync workers (``--timeout 60``, as in docs/operations.md), two
dramatiq workers and a scheduler. ``DEBUG`` is off; the API throttles are raised (one machine is
every client here: the test measures capacity, not the throttle).

Then ``locust --headless`` runs bench/load_users.py: ``--users`` people (spawned at
``--spawn-rate`` a second) for ``--duration`` seconds, in this mix (weights in load_users.py):
visitors reading pages in English, Dutch and Arabic (``Accept-Language``; the list, a page,
its children, search), talents searching posts and messaging their mentor, mentors reading their
meetings and filing reports, employers browsing the talent pool with filters. People sign in
through the allauth headless app API (``POST /_allauth/app/v1/auth/login``, then
``X-Session-Token``).

Reports the requests, failures (with the server's log lines for any 5xx), p50/p95/p99 per
endpoint and the slowest; writes ``bench/results/load-<date>.json`` and keeps Locust's CSV and the
processes' logs in ``var/load/``. Exit status 1 when a request failed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import drill

ROOT = drill.ROOT
DB_NAME = "helix_load"
VHOST = "helix_load"
LOG_DIR = ROOT / "var" / "load"
PASSWORD = "helix-load-2026"  # every generated account's; a throwaway database on this machine


# --- services and processes ---------------------------------------------------------------------


def prepare_services(fresh: bool) -> None:
    """A fresh database and virtual host (or the kept ones with ``fresh`` false)."""
    if fresh:
        drill.psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        drill.psql(f"CREATE DATABASE {DB_NAME}")
    drill.sh(f"rabbitmqctl delete_vhost {VHOST}", check=False)
    drill.sh(f"rabbitmqctl add_vhost {VHOST}")
    drill.sh(f'rabbitmqctl set_permissions -p {VHOST} guest ".*" ".*" ".*"')


def drop_services() -> None:
    drill.psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    drill.sh(f"rabbitmqctl delete_vhost {VHOST}", check=False)


def environment(smtp_port: int) -> dict:
    """The drill's environment on the load test's database, virtual host and cache, DEBUG off."""
    env = drill.environment(smtp_port, short=False)
    env.update(
        {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
            "DRAMATIQ_BROKER_URL": f"amqp://guest:guest@127.0.0.1:5672/{VHOST}",
            "CACHE_URL": "redis://127.0.0.1:6379/4",
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "HELIX_THROTTLE_ANON": "1000000/minute",
            "HELIX_THROTTLE_USER": "1000000/minute",
            "HELIX_THROTTLE_SENSITIVE": "1000000/minute",
        }
    )
    for key in (
        "HELIX_OUTBOX_CLAIM_SECONDS",
        "HELIX_OUTBOX_RESEND_AFTER",
        "HELIX_JOB_MIN_BACKOFF_MS",
        "HELIX_SCHEDULER_LEASE_SECONDS",
    ):
        env.pop(key, None)  # production's defaults: nothing is killed here
    return env


class Fleet(drill.Fleet):
    """One gunicorn with several workers, two dramatiq workers and a scheduler; logs in var/load/."""

    def __init__(self, env: dict, web_workers: int):
        super().__init__(env)
        self.web_workers = web_workers
        LOG_DIR.mkdir(parents=True, exist_ok=True)

    def _start(self, name: str, args: list[str]) -> None:
        out = open(LOG_DIR / f"{name}.log", "ab")
        self.procs[name] = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start_all(self) -> None:
        port = drill.free_port()
        self.web_ports.append(port)
        gunicorn = str(Path(drill.PY).parent / "gunicorn")
        self._start(
            "web",
            [
                gunicorn,
                "-w",
                str(self.web_workers),
                "-b",
                f"127.0.0.1:{port}",
                "--timeout",
                "60",
                "cms.wsgi:application",
            ],
        )
        for n in range(2):
            self.start_worker(n)
        self._start("scheduler", [drill.PY, "manage.py", "scheduler"])


# --- data ---------------------------------------------------------------------------------------


def seed(env: dict, *, talents: int, employers: int, mentors: int, posts: int, fresh: bool = True) -> dict:
    """Migrate, ``seed_demo``, then the generated people and posts; the accounts to sign in as.

    Every generator is idempotent: on a kept database (``fresh`` false) they add what is missing."""
    if fresh:
        for command in (["migrate", "--noinput", "-v", "0"], ["seed_demo"]):
            subprocess.run([drill.PY, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=1800)
    drill.django_setup(env)
    from bench import employers as employers_bench
    from bench import posts as posts_bench

    employers_bench.generate_people(talents, employers, 0.6, 2)
    employers_bench.generate_connections()
    posts_bench.generate(posts, 0)
    generate_mentoring(mentors)
    return sign_in_ready()


def generate_mentoring(n_mentors: int) -> None:
    """Mentors, a talent–mentor connection and thread for every generated talent, and three past
    meetings per connection (planned by the mentor, no report yet: the mentors write them)."""
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from cms.accounts.models import ApprovalStatus, Role, User
    from cms.connections.models import Connection
    from cms.organisations.models import Project
    from plugins.mentoring.models import Meeting, MeetingParticipant
    from plugins.messaging.models import Thread, ThreadParticipant

    if User.objects.filter(email__startswith="bench-mentor-").exists():
        return
    rng = random.Random(5)
    now = timezone.now().replace(second=0, microsecond=0)
    print(f"Generating {n_mentors} mentors, their connections, threads and meetings…", flush=True)
    with transaction.atomic():
        project = Project.default()
        group = Group.objects.get_or_create(name=Role.MENTOR)[0]
        User.objects.bulk_create(
            [
                User(
                    email=f"bench-mentor-{k}@example.org",
                    role=Role.MENTOR,
                    approval_status=ApprovalStatus.APPROVED,
                    first_name=f"Mentor{k}",
                    last_name="Bench",
                    preferred_language=rng.choice(["en", "nl", "nl", "ar"]),
                    password="!",
                )
                for k in range(n_mentors)
            ]
        )
        mentors = list(User.objects.filter(email__startswith="bench-mentor-").values_list("pk", flat=True))
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=pk, group_id=group.pk) for pk in mentors]
        )
        talents = list(
            User.objects.filter(email__startswith="bench-talent-").order_by("pk").values_list("pk", flat=True)
        )
        pairs = [(talent, mentors[n % len(mentors)]) for n, talent in enumerate(talents)]
        Connection.objects.bulk_create(
            [
                Connection(
                    kind="talent_mentor",
                    state=Connection.State.ACTIVE,
                    project=project,
                    talent_id=t,
                    mentor_id=m,
                    created_at=now - timedelta(days=90),
                    activated_at=now - timedelta(days=89),
                )
                for t, m in pairs
            ]
        )
        Thread.objects.bulk_create(
            [
                Thread(user_low_id=min(p), user_high_id=max(p), created_at=now - timedelta(days=89))
                for p in pairs
            ]
        )
        sides = []
        ours = Thread.objects.filter(user_low_id__in=mentors) | Thread.objects.filter(
            user_high_id__in=mentors
        )
        for thread, low, high in ours.values_list("pk", "user_low_id", "user_high_id"):
            sides += [
                ThreadParticipant(thread_id=thread, user_id=low),
                ThreadParticipant(thread_id=thread, user_id=high),
            ]
        ThreadParticipant.objects.bulk_create(sides)
        matches = list(
            Connection.objects.filter(kind="talent_mentor", mentor_id__in=mentors).values_list(
                "pk", "talent_id", "mentor_id"
            )
        )
        meetings, chosen = [], []
        for n, match in enumerate(m for m in matches for _ in range(3)):
            starts = now - timedelta(days=rng.randint(1, 80), hours=rng.randint(0, 8))
            meetings.append(
                Meeting(
                    uid=f"load-{n}@helix",
                    project=project,
                    planner_id=match[2],
                    title=f"Mentoring session {n}",
                    agenda="Follow-up of the action plan.",
                    domain="career",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=1),
                    status=Meeting.Status.SCHEDULED,
                    reminded_for=starts,
                    created_at=starts - timedelta(days=7),
                )
            )
            chosen.append(match)
        Meeting.objects.bulk_create(meetings)
        ids = dict(Meeting.objects.filter(uid__startswith="load-").values_list("uid", "pk"))
        Yes = MeetingParticipant.Response.YES
        participants, links = [], []
        for meeting, (match, talent, mentor) in zip(meetings, chosen, strict=True):
            pk = ids[meeting.uid]
            participants += [
                MeetingParticipant(meeting_id=pk, user_id=mentor, response=Yes),
                MeetingParticipant(meeting_id=pk, user_id=talent, response=Yes),
            ]
            links.append(Meeting.matches.through(meeting_id=pk, connection_id=match))
        MeetingParticipant.objects.bulk_create(participants)
        Meeting.matches.through.objects.bulk_create(links)
    print(f"  {len(pairs)} connections and threads, {len(meetings)} meetings", flush=True)


def sign_in_ready() -> dict:
    """Give the generated accounts a password and a verified address; who signs in as what."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from cms.accounts.models import User
    from cms.connections.models import Connection

    generated = User.objects.filter(email__startswith="bench-", email__endswith="@example.org")
    generated.update(password=make_password(PASSWORD))
    verified = set(EmailAddress.objects.filter(user__in=generated).values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=pk, email=email, verified=True, primary=True)
            for pk, email in generated.values_list("pk", "email")
            if pk not in verified
        ]
    )
    with_pool = set(
        Connection.objects.filter(kind="talent_employer", state="active").values_list(
            "employer_id", flat=True
        )
    )
    return {
        "password": PASSWORD,
        "talents": list(generated.filter(email__startswith="bench-talent-").values_list("email", flat=True)),
        "mentors": list(generated.filter(email__startswith="bench-mentor-").values_list("email", flat=True)),
        "employers": list(
            generated.filter(email__startswith="bench-employer-", pk__in=with_pool).values_list(
                "email", flat=True
            )
        ),
    }


# --- the run ------------------------------------------------------------------------------------


def run_locust(host: str, args: argparse.Namespace, accounts_file: Path) -> Path:
    """Locust, headless, against ``host``; the prefix of its CSV files."""
    prefix = LOG_DIR / "locust"
    env = dict(os.environ, LOAD_ACCOUNTS=str(accounts_file))
    command = [
        str(Path(drill.PY).parent / "locust"),
        "-f",
        str(ROOT / "bench" / "load_users.py"),
        "--headless",
        "--host",
        host,
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.duration}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(prefix),
        "--csv-full-history",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    with (LOG_DIR / "locust.log").open("w") as out:
        subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
    return prefix


def read_stats(prefix: Path) -> tuple[list[dict], list[dict]]:
    """Locust's per-endpoint figures and its failures."""
    rows = []
    with open(f"{prefix}_stats.csv") as f:
        for r in csv.DictReader(f):
            rows.append(
                {
                    "endpoint": f"{r['Type']} {r['Name']}".strip(),
                    "requests": int(r["Request Count"]),
                    "failures": int(r["Failure Count"]),
                    "p50_ms": float(r["50%"] or 0),
                    "p95_ms": float(r["95%"] or 0),
                    "p99_ms": float(r["99%"] or 0),
                    "max_ms": round(float(r["Max Response Time"] or 0)),
                    "rps": round(float(r["Requests/s"] or 0), 2),
                }
            )
    failures = []
    with open(f"{prefix}_failures.csv") as f:
        for r in csv.DictReader(f):
            failures.append(
                {
                    "endpoint": f"{r['Method']} {r['Name']}",
                    "error": r["Error"],
                    "count": int(r["Occurrences"]),
                }
            )
    exceptions = Path(f"{prefix}_exceptions.csv")
    if exceptions.exists():  # errors in a simulated person's code, not answers: reported as failures
        with exceptions.open() as f:
            for r in csv.DictReader(f):
                failures.append(
                    {"endpoint": "(locust user)", "error": r["Message"], "count": int(r["Count"])}
                )
    return rows, failures


def server_errors() -> list[str]:
    """The web log's lines around each traceback (a 5xx leaves one)."""
    log = LOG_DIR / "web.log"
    if not log.exists():
        return []
    lines = log.read_text(errors="replace").splitlines()
    found = []
    for n, line in enumerate(lines):
        if line.startswith("Traceback"):
            found.append("\n".join(lines[max(0, n - 3) : n + 40]))
    return found


def machine(env: dict) -> dict:
    """CPUs, Python, PostgreSQL's version, the date and the command line."""
    import platform

    version = drill.sh(f'psql "{env["DATABASE_URL"]}" -tAc "show server_version"', check=False).stdout.strip()
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "database": {"vendor": "postgresql", "version": version},
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join([".venv/bin/python", "bench/load.py", *sys.argv[1:]]),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--duration", type=int, default=300, help="seconds")
    parser.add_argument("--web-workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--talents", type=int, default=400)
    parser.add_argument("--employers", type=int, default=40)
    parser.add_argument("--mentors", type=int, default=40)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--keep", action="store_true", help="keep the database and the vhost afterwards")
    parser.add_argument("--reuse", action="store_true", help="the kept database, without seeding again")
    parser.add_argument("--tag", help="write bench/results/load-<date>-<tag>.json (a trial)")
    args = parser.parse_args()

    LOG_DIR.mkdir(parents=True, exist_ok=True)
    for old in LOG_DIR.glob("*.log"):
        old.unlink()
    smtp_port = drill.free_port()
    env = environment(smtp_port)
    sink, controller = drill.start_sink(smtp_port)
    accounts_file = LOG_DIR / "accounts.json"
    drill.log(f"SMTP sink on 127.0.0.1:{smtp_port}; preparing {DB_NAME} and vhost {VHOST}")
    prepare_services(fresh=not args.reuse)
    fleet = Fleet(env, args.web_workers)
    try:
        began = time.monotonic()
        sizes = {
            "talents": args.talents,
            "employers": args.employers,
            "mentors": args.mentors,
            "posts": args.posts,
        }
        accounts = seed(env, **sizes, fresh=not args.reuse)
        accounts_file.write_text(json.dumps(accounts))
        drill.log(f"Seeded in {time.monotonic() - began:.0f} s")
        accounts = json.loads(accounts_file.read_text())
        fleet.start_all()
        port = fleet.web_ports[0]
        if not drill.poll(lambda: drill.web_ok(port), deadline=time.monotonic() + 90, what="web"):
            raise RuntimeError("gunicorn did not answer /health/")
        drill.log(
            f"gunicorn ({args.web_workers} workers) on {port}, 2 dramatiq workers, a scheduler; "
            f"{args.users} users for {args.duration} s"
        )
        began = time.monotonic()
        prefix = run_locust(f"http://127.0.0.1:{port}", args, accounts_file)
        elapsed = time.monotonic() - began
        rows, failures = read_stats(prefix)
        dead = fleet.dead()
    finally:
        fleet.stop()
        controller.stop()
        if not args.keep:
            drop_services()

    total = next((r for r in rows if r["endpoint"] == "Aggregated"), None)
    endpoints = sorted((r for r in rows if r["endpoint"] != "Aggregated"), key=lambda r: -r["p95_ms"])
    slowest = endpoints[0] if endpoints else None
    tracebacks = server_errors()
    result = {
        "machine": machine(env),
        "setup": {
            "web": f"gunicorn -w {args.web_workers} --timeout 60 (sync)",
            "workers": "2 × rundramatiq --processes 1 --threads 4",
            "schedulers": 1,
            "database": "PostgreSQL",
            "broker": "RabbitMQ",
            "cache": "Redis",
            "debug": False,
        },
        "data": {
            "talents": args.talents,
            "employers": args.employers,
            "mentors": args.mentors,
            "posts": args.posts,
            "accounts": {k: len(v) for k, v in accounts.items() if isinstance(v, list)},
        },
        "users": args.users,
        "spawn_rate": args.spawn_rate,
        "duration_seconds": args.duration,
        "elapsed_seconds": round(elapsed, 1),
        "total": total,
        "endpoints": endpoints,
        "slowest": slowest["endpoint"] if slowest else None,
        "failures": failures,
        "server_tracebacks": tracebacks,
        "processes_dead_at_end": dead,
        "mails_received": sink.total(),
    }
    stamp = f"{datetime.now(UTC):%Y-%m-%d}{'-' + args.tag if args.tag else ''}"
    out = ROOT / "bench" / "results" / f"load-{stamp}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")

    sys.path.insert(0, str(ROOT))
    from bench.harness import table

    columns = [
        ("endpoint", "endpoint"),
        ("requests", "requests"),
        ("failures", "failures"),
        ("p50 ms", "p50_ms"),
        ("p95 ms", "p95_ms"),
        ("p99 ms", "p99_ms"),
        ("max ms", "max_ms"),
        ("req/s", "rps"),
    ]
    print()
    print(table(columns, [*endpoints, *([total] if total else [])], numeric={k for _, k in columns[1:]}))
    print(f"\nSlowest (p95): {result['slowest']}")
    print(
        f"Failures: {sum(f['count'] for f in failures)}; server tracebacks: {len(tracebacks)}; dead: {dead}"
    )
    for f in failures:
        print(f"  {f['count']} × {f['endpoint']}: {f['error']}")
    print(f"Written to {out.relative_to(ROOT)}; logs in {LOG_DIR.relative_to(ROOT)}/")
    return 1 if failures or tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
