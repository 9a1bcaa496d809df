"""Benchmark: the back office's listings with 50,000 people and 5,000 organisations.

    psql -h 127.0.0.1 -U postgres -c 'create database helix_bench_admin'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helix_bench_admin .venv/bin/python bench/admin.py
    .venv/bin/python bench/admin.py                  # SQLite file in var/bench-admin.sqlite3
    .venv/bin/python bench/admin.py --people 50000 --organisations 5000 --repeat 20

The first run generates the data and keeps the database, so later runs only measure:

- ``--people`` accounts (talents, mentors and employers; 3% waiting for approval, 2%
  deactivated, a third with a last activity), with ``bulk_create`` (no signals, no actions);
- ``--organisations`` organisations, each with one staff account and two projects, 5% of them
  waiting for approval, and every talent a member of one project;
- ``--audit`` audit entries (default 200,000) spread over a year.

Then each screen is opened by an admin with her second factor through the whole middleware
stack (Django's test client, as a browser would): once to warm up, then ``--repeat`` times.
The table gives p50/p95 latency, the queries of one request and the ratio to the floor
(bench/harness.py); the same screen with a tenth of the rows must cost the same number of queries
(the tests assert that too). Writes bench/results/admin-<db>.json (``--tag`` adds a suffix).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness

FIRST = ["Amal", "Yusuf", "Olena", "Mohammed", "Fatima", "Dawit", "Samira", "Omar", "Iryna", "Ahmad",
         "Lotte", "Pieter", "Nour", "Hassan", "Mariam", "Tesfay", "Leila", "Karim", "Sofia", "Bilal"]
LAST = ["Haddad", "Rahimi", "Kovalenko", "Tesfaye", "Peeters", "Janssens", "Al-Khatib", "Nasser",
        "Maes", "Hussein", "Shevchenko", "Osman", "Claes", "Yilmaz", "Abdi", "Willems"]
CITIES = ["Gent", "Antwerpen", "Leuven", "Brugge", "Hasselt", "Mechelen", "Kortrijk", "Aalst"]
BATCH = 2000


def setup(database_url: str | None) -> str:
    harness.setup("bench-admin.sqlite3", database_url, HELIX_SECRET_KEY="bench-admin")
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    return connection.vendor


def generate(people: int, organisations: int, audit: int) -> None:
    from django.utils import timezone

    from cms.accounts.models import ApprovalStatus, Role, User
    from cms.audit.models import AuditEntry
    from cms.organisations.models import Organisation, Project, ProjectMembership

    if User.objects.filter(email__endswith="@bench.example").exists():
        print("Data already generated; measuring only.")
        return
    rng = random.Random(7)
    now = timezone.now()
    started = time.perf_counter()
    password = User(email="x@bench.example")
    password.set_password("bench-Passw0rd-2026")
    roles = [Role.TALENT] * 7 + [Role.MENTOR] * 2 + [Role.EMPLOYER]
    rows = []
    for n in range(people):
        role = rng.choice(roles)
        pending = role == Role.EMPLOYER and rng.random() < 0.3
        rows.append(User(
            email=f"person{n}@bench.example", first_name=rng.choice(FIRST), last_name=rng.choice(LAST),
            role=role, password=password.password, preferred_language=rng.choice(["en", "nl", "ar"]),
            approval_status=ApprovalStatus.PENDING if pending else ApprovalStatus.APPROVED,
            is_active=rng.random() > 0.02, date_joined=now - timedelta(days=rng.randint(0, 700)),
            last_seen_at=now - timedelta(days=rng.randint(0, 400)) if rng.random() < 0.33 else None,
        ))
    User.objects.bulk_create(rows, batch_size=BATCH)
    staff = User.objects.bulk_create([
        User(email=f"staff{n}@bench.example", first_name=rng.choice(FIRST), last_name=rng.choice(LAST),
             role=Role.ORGANISATION, password=password.password,
             approval_status=ApprovalStatus.PENDING if n % 20 == 0 else ApprovalStatus.APPROVED)
        for n in range(organisations)
    ], batch_size=BATCH)
    orgs = Organisation.objects.bulk_create([
        Organisation(name=f"Organisation {n} {rng.choice(CITIES)}", slug=f"bench-org-{n}",
                     city=rng.choice(CITIES), description="A partner organisation.",
                     status=Organisation.Status.PENDING if n % 20 == 0 else Organisation.Status.APPROVED)
        for n in range(organisations)
    ], batch_size=BATCH)
    link = Organisation.staff.through
    link.objects.bulk_create([
        link(organisation_id=org.pk, user_id=user.pk) for org, user in zip(orgs, staff, strict=True)
    ], batch_size=BATCH)
    projects = Project.objects.bulk_create([
        Project(organisation=org, name=f"{org.name} – programme {k}", slug=f"bench-project-{org.pk}-{k}")
        for org in orgs for k in (1, 2)
    ], batch_size=BATCH)
    generated = User.objects.filter(email__endswith="@bench.example", role=Role.TALENT)
    talents = list(generated.values_list("pk", flat=True))
    ProjectMembership.objects.bulk_create([
        ProjectMembership(project=rng.choice(projects), user_id=pk, status=ProjectMembership.Status.ACTIVE)
        for pk in talents
    ], batch_size=BATCH)
    actions = ["account.approved", "account.rejected", "capability.changed", "plugin.switched",
               "connection.activated", "post.unpublished", "account.deactivated"]
    everyone = [row.pk for row in staff[:500]]
    entries = [
        AuditEntry(actor_id=rng.choice(everyone), action=rng.choice(actions), target_type="accounts.user",
                   target_id=str(rng.choice(talents)), data={"note": "bench"})
        for _ in range(audit)
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
    print(f"Generated {people:,} people, {organisations:,} organisations, {audit:,} audit entries "
          f"in {time.perf_counter() - started:.0f} s.")


def admin_client():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.test import Client

    from cms.accounts import actions
    from cms.accounts.models import Role, User

    admin, created = User.objects.get_or_create(email="admin@bench.example", defaults={"first_name": "Bench"})
    if created:
        actions.set_role(admin, Role.ADMIN)
        TOTP.activate(admin, generate_totp_secret())
    client = Client()
    client.force_login(admin)
    return client


def measure(client, path: str, repeat: int) -> dict:
    """p50/p95 latency, queries and floor of a screen (bench/harness.py)."""
    return {"path": path, **harness.measure(client, path, repeat)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--organisations", type=int, default=5_000)
    parser.add_argument("--audit", type=int, default=200_000)
    harness.common_arguments(parser, repeat=10)
    args = parser.parse_args()
    setup(args.database_url)
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's ALLOWED_HOSTS, as in the test suite
    generate(args.people, args.organisations, args.audit)
    client = admin_client()
    cases = [
        ("people, first page", "/admin/people/"),
        ("people, page 200", "/admin/people/?p=200"),
        ("people, employers waiting", "/admin/people/?role=employer&approval_status=pending"),
        ("people, search", "/admin/people/?q=Haddad"),
        ("approvals", "/admin/approvals/"),
        ("organisations", "/admin/organisations/"),
        ("organisations, search", "/admin/organisations/?q=Gent"),
        ("audit log", "/admin/audit/"),
        ("audit log, one action", "/admin/audit/?action=plugin.switched"),
        ("dashboard", "/admin/dashboard/"),
    ]
    results = []
    for label, path in cases:
        results.append({"case": label, **measure(client, path, args.repeat)})
        print(f"  {label}: {results[-1]['p50_ms']} ms, {results[-1]['queries']} queries", flush=True)
    print()
    print(harness.table(harness.REQUEST_COLUMNS, results))
    summary = {"people": args.people, "organisations": args.organisations, "audit": args.audit,
               "repeat": args.repeat, "results": results}
    harness.write_results(harness.results_name("admin", args.tag), summary)

if __name__ == "__main__":
    main()
