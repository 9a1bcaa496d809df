"""Benchmark: the programme figures (``plugins.journey.impact``) of a project with 50,000 talents.

    psql -h 127.0.0.1 -U postgres -c 'create database helix_bench_impact'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helix_bench_impact .venv/bin/python bench/impact.py
    .venv/bin/python bench/impact.py                 # SQLite file in var/bench-impact.sqlite3
    .venv/bin/python bench/impact.py --small 5000 --large 50000 --repeat 10

The first run generates the data and keeps the database, so later runs only measure. Two
projects of one approved organisation, the same shape at two sizes (``--small`` and ``--large``
talents), so that the query counts can be compared on the same database:

- the real roadmap (``cms.pages.seed.seed_pages``: 8 steps with their checklists in three
  languages);
- talents and one mentor per five talents, with ``bulk_create`` and one precomputed password
  hash (no signals, no actions), every one an active member of their project, joined (approved)
  over the past two years; 3% of the memberships are still requests and 2% left;
- roadmap statuses: each talent got as far as a step drawn from a geometric-like distribution
  (a fifth not started at all); the steps before it are done (one in twelve "not relevant"),
  that step is "working on it"; every item of a done step is ticked, half of the items of the
  step in progress;
- outcomes for about 30% of the talents (job, internship, study, volunteer work, start-up;
  one in ten with a second one), dated after joining and before today;
- one talent–mentor connection for 60% of the talents, proposed after joining and activated
  0–60 days later (10% still proposed, 15% closed since).

Then ``figures(projects, since, until)`` for each project (a year up to today): the queries of
one call (asserted equal for both sizes) and the median wall time of ``--repeat`` calls; and
``GET /api/v1/impact/?project=&from=&to=`` through the whole middleware stack as the
organisation's staff member (session sign-in, the ``journey.view_impact`` capability of the
organisation role): median latency and queries. Writes bench/results/impact-<db>.json
(``impact-postgresql-no-jit.json`` with ``--no-jit``: the session's JIT compilation off).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = ["Amal", "Yusuf", "Olena", "Mohammed", "Fatima", "Dawit", "Samira", "Omar", "Iryna", "Ahmad",
         "Lotte", "Pieter", "Nour", "Hassan", "Mariam", "Tesfay", "Leila", "Karim", "Sofia", "Bilal"]
LAST = ["Haddad", "Rahimi", "Kovalenko", "Tesfaye", "Peeters", "Janssens", "Al-Khatib", "Nasser",
        "Maes", "Hussein", "Shevchenko", "Osman", "Claes", "Yilmaz", "Abdi", "Willems"]
OUTCOME_KINDS = ["job"] * 5 + ["internship"] * 2 + ["study"] * 2 + ["volunteering"] * 2 + ["start_up"]
BATCH = 5000
DOMAIN = "@bench-impact.example"


def setup(database_url: str | None) -> str:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    elif "DATABASE_URL" not in os.environ:
        (ROOT / "var").mkdir(exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench-impact.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    os.environ.setdefault("HELIX_SECRET_KEY", "bench-impact")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    return connection.vendor


def _roadmap() -> list[tuple]:
    """``(translation key, [item ids])`` of the live English roadmap steps, by step number."""
    from cms.pages.models import RoadmapStepPage

    pages = RoadmapStepPage.objects.live().filter(locale__language_code="en").order_by("step_number")
    return [(page.translation_key, [item.id for item in page.checklist]) for page in pages]


def _project(organisation, slug: str, talents: int, password: str, rng: random.Random, steps) -> None:
    """One project of ``talents`` talents (and a fifth as many mentors) with their journeys."""
    from django.db.models import F
    from django.utils import timezone

    from cms.accounts.models import ApprovalStatus, Role, User
    from cms.connections.models import Connection
    from cms.organisations.models import Project, ProjectMembership
    from plugins.journey.models import ChecklistTick, Outcome, StepStatus

    now = timezone.now()
    today = timezone.localdate()
    project = Project.objects.create(
        organisation=organisation, name=f"Bench impact {slug}", slug=slug,
        join_policy=Project.JoinPolicy.APPROVAL,
    )
    mentors_n = max(1, talents // 5)
    for role, count in ((Role.TALENT, talents), (Role.MENTOR, mentors_n)):
        for start in range(0, count, BATCH):
            User.objects.bulk_create([
                User(email=f"{slug}-{role}-{n}{DOMAIN}", first_name=rng.choice(FIRST),
                     last_name=rng.choice(LAST), role=role, password=password,
                     approval_status=ApprovalStatus.APPROVED,
                     preferred_language=rng.choice(["en", "nl", "ar"]),
                     date_joined=now - timedelta(days=rng.randint(30, 760)))
                for n in range(start, min(count, start + BATCH))
            ])
    people = User.objects.filter(email__startswith=f"{slug}-", email__endswith=DOMAIN)
    talent_rows = list(people.filter(role=Role.TALENT).order_by("pk").values_list("pk", "date_joined"))
    mentor_ids = list(people.filter(role=Role.MENTOR).order_by("pk").values_list("pk", flat=True))

    joined: dict[int, datetime] = {}
    memberships = []
    for pk, signed_up in talent_rows + [(pk, now - timedelta(days=700)) for pk in mentor_ids]:
        at = signed_up + timedelta(days=rng.randint(0, 20))
        at = min(at, now - timedelta(days=1))
        draw = rng.random()
        status = (ProjectMembership.Status.REQUESTED if draw < 0.03
                  else ProjectMembership.Status.LEFT if draw < 0.05 else ProjectMembership.Status.ACTIVE)
        joined[pk] = at
        memberships.append(ProjectMembership(
            project=project, user_id=pk, status=status, motivation="",
            decided_at=None if status == ProjectMembership.Status.REQUESTED else at,
        ))
    ProjectMembership.objects.bulk_create(memberships, batch_size=BATCH)
    # requested_at is auto_now_add: put it back in the past, one statement.
    ProjectMembership.objects.filter(project=project, decided_at__isnull=False).update(
        requested_at=F("decided_at")
    )

    statuses, ticks, outcomes, connections = [], [], [], []
    for pk, _signed_up in talent_rows:
        reached = 0
        while reached < len(steps) and rng.random() < 0.8:
            reached += 1
        for index, (key, items) in enumerate(steps[:reached]):
            last = index == reached - 1
            status = "working_on_it" if last else ("not_relevant" if rng.random() < 1 / 12 else "done")
            statuses.append(StepStatus(talent_id=pk, step_key=key, status=status, updated_at=now))
            chosen = items if status == "done" else items[: len(items) // 2] if last else []
            ticks.extend(ChecklistTick(talent_id=pk, step_key=key, item_id=item, ticked_at=now)
                         for item in chosen)
        since_join = max(1, (today - joined[pk].date()).days)
        if rng.random() < 0.3:
            for _ in range(2 if rng.random() < 0.1 else 1):
                outcomes.append(Outcome(talent_id=pk, kind=rng.choice(OUTCOME_KINDS),
                                        date=today - timedelta(days=rng.randint(0, since_join - 1))))
        if rng.random() < 0.6:
            proposed = joined[pk] + timedelta(days=rng.randint(0, min(since_join, 60)))
            draw = rng.random()
            state = "proposed" if draw < 0.1 else "closed" if draw < 0.25 else "active"
            waited = timedelta(days=rng.randint(0, 60))
            activated = None if state == "proposed" else min(proposed + waited, now)
            connections.append(Connection(
                kind="talent_mentor", state=state, project=project, talent_id=pk,
                mentor_id=rng.choice(mentor_ids), created_at=proposed, activated_at=activated,
                closed_at=now if state == "closed" else None,
            ))
        if len(ticks) > 4 * BATCH:
            ChecklistTick.objects.bulk_create(ticks, batch_size=BATCH)
            ticks = []
    StepStatus.objects.bulk_create(statuses, batch_size=BATCH)
    ChecklistTick.objects.bulk_create(ticks, batch_size=BATCH)
    Outcome.objects.bulk_create(outcomes, batch_size=BATCH)
    Connection.objects.bulk_create(connections, batch_size=BATCH)


def generate(small: int, large: int) -> None:
    from django.db import transaction

    from cms.accounts import actions
    from cms.accounts.models import ApprovalStatus, Role, User
    from cms.organisations.models import Organisation
    from cms.pages.seed import seed_pages

    if User.objects.filter(email__endswith=DOMAIN).exists():
        print("Data already generated; measuring only.")
        return
    started = time.perf_counter()
    seed_pages()
    steps = _roadmap()
    print(f"Roadmap: {len(steps)} steps, {sum(len(items) for _k, items in steps)} checklist items "
          f"({time.perf_counter() - started:.0f} s).")
    rng = random.Random(11)
    hashed = User(email=f"x{DOMAIN}")
    hashed.set_password("bench-Passw0rd-2026")
    staff = User.objects.create_user(f"staff{DOMAIN}", "bench-Passw0rd-2026", first_name="Sara")
    actions.set_role(staff, Role.ORGANISATION)
    User.objects.filter(pk=staff.pk).update(approval_status=ApprovalStatus.APPROVED)
    organisation = Organisation.objects.create(
        name="Bench impact organisation", slug="bench-impact-org", status=Organisation.Status.APPROVED,
    )
    organisation.staff.add(staff)
    for slug, size in ((f"bench-impact-{small}", small), (f"bench-impact-{large}", large)):
        with transaction.atomic():
            _project(organisation, slug, size, hashed.password, rng, steps)
        print(f"Generated {slug} ({time.perf_counter() - started:.0f} s).")
    from bench.harness import analyze

    analyze()
    print(f"Generated in {time.perf_counter() - started:.0f} s.")


def counts(slug: str) -> dict:
    from cms.accounts.models import Role
    from cms.connections.models import Connection
    from cms.organisations.models import ProjectMembership
    from plugins.journey.models import ChecklistTick, Outcome, StepStatus

    members = ProjectMembership.objects.filter(project__slug=slug)
    talents = members.filter(user__role=Role.TALENT).values("user")
    return {
        "talents": members.filter(user__role=Role.TALENT).count(),
        "mentors": members.filter(user__role=Role.MENTOR).count(),
        "step_statuses": StepStatus.objects.filter(talent__in=talents).count(),
        "checklist_ticks": ChecklistTick.objects.filter(talent__in=talents).count(),
        "outcomes": Outcome.objects.filter(talent__in=talents).count(),
        "connections": Connection.objects.filter(project__slug=slug).count(),
    }


def measure_figures(slug: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from cms.organisations.models import Project
    from plugins.journey import impact

    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    since = datetime.combine(today - timedelta(days=365), clock.min, tzinfo=zone)
    until = datetime.combine(today + timedelta(days=1), clock.min, tzinfo=zone)
    projects = [Project.objects.get(slug=slug)]
    impact.figures(projects, since, until)  # warm-up
    times = []
    for _ in range(repeat):
        connection.queries_log.clear()  # a full log (9,000 entries, DEBUG) would capture nothing
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            found = impact.figures(projects, since, until)
            times.append((time.perf_counter() - started) * 1000)
    slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
    progress = next(f for f in found if f["key"] == "journey.progress")
    return {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "queries": len(queries),
        "slowest_query_ms": round(float(slowest["time"]) * 1000, 1),
        "slowest_query": slowest["sql"][:300],
        "figures": len(found),
        "suppressed_cells": sum(c["suppressed"] for f in found for s in f["series"] for c in s["cells"]),
        "progress_step_1_done": progress["series"][0]["cells"][0]["value"],
    }


def breakdown(slug: str, repeat: int) -> dict:
    """Median milliseconds of each figure's function (and of the other parts' figures through the
    ``impact_figures`` hook), to see which query costs the time."""
    from django.utils import timezone

    from cms.organisations.models import Project
    from cms.plugins.calls import impact_figures
    from plugins.journey import impact

    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    since = datetime.combine(today - timedelta(days=365), clock.min, tzinfo=zone)
    until = datetime.combine(today + timedelta(days=1), clock.min, tzinfo=zone)
    projects = [Project.objects.get(slug=slug)]
    parts = {
        "reach": lambda: impact.reach(projects),
        "new_members": lambda: impact.new_members(projects, since, until),
        "progress": lambda: impact.progress(projects),
        "outcomes": lambda: impact.outcomes(projects, since, until),
        "time_to_outcome": lambda: impact.time_to_outcome(projects, since, until),
        "time_to_match": lambda: impact.time_to_match(projects, since, until),
        "impact_figures hook (core, mentoring, posts)": lambda: impact_figures(projects, since, until),
    }
    found = {}
    for name, call in parts.items():
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        found[name] = round(statistics.median(times), 1)
    return found


def measure_api(client, slug: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    today = timezone.localdate()
    path = f"/api/v1/impact/?project={slug}&from={today - timedelta(days=365)}&to={today}"
    answer = client.get(path)  # warm-up
    assert answer.status_code == 200, (path, answer.status_code, answer.content[:300])
    times = []
    for _ in range(repeat):
        connection.queries_log.clear()  # a full log (9,000 entries, DEBUG) would capture nothing
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            answer = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200
    return {"path": path, "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1), "queries": len(queries)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--small", type=int, default=5_000)
    parser.add_argument("--large", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--database-url")
    parser.add_argument("--no-jit", action="store_true",
                        help="PostgreSQL: SET jit = off for the measured session (see bench/README.md)")
    args = parser.parse_args()
    vendor = setup(args.database_url)
    from django.test import Client
    from django.test.utils import setup_test_environment

    from cms.accounts.models import User

    setup_test_environment()  # the test client's ALLOWED_HOSTS, as in the test suite
    generate(args.small, args.large)
    if args.no_jit and vendor == "postgresql":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
    client = Client()
    client.force_login(User.objects.get(email=f"staff{DOMAIN}"))
    results = []
    print(f"{'project':24} {'talents':>8} {'figures ms':>11} {'queries':>8} {'API ms':>8} "
          f"{'API queries':>12}")
    for size in (args.small, args.large):
        slug = f"bench-impact-{size}"
        row = {"project": slug, "data": counts(slug), "figures": measure_figures(slug, args.repeat),
               "api": measure_api(client, slug, args.repeat),
               "breakdown_ms": breakdown(slug, max(1, args.repeat // 3))}
        results.append(row)
        print(f"{slug:24} {row['data']['talents']:>8} {row['figures']['median_ms']:>11} "
              f"{row['figures']['queries']:>8} {row['api']['median_ms']:>8} {row['api']['queries']:>12}")
    for row in results:
        print(row["project"], ", ".join(f"{name} {ms}" for name, ms in row["breakdown_ms"].items()))
    small, large = results
    assert small["figures"]["queries"] == large["figures"]["queries"], "queries grow with the data"
    assert small["api"]["queries"] == large["api"]["queries"], "API queries grow with the data"
    out = ROOT / "bench" / "results" / f"impact-{vendor}{'-no-jit' if args.no_jit else ''}.json"
    summary = {"date": date.today().isoformat(), "repeat": args.repeat, "no_jit": args.no_jit,
               "results": results}
    out.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"Wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
