"""Benchmark: sector matching after one change among 50k talents and 5k employers, and the talent pool.

    psql -h 127.0.0.1 -U postgres -c 'create database helix_bench_employers'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helix_bench_employers .venv/bin/python bench/employers.py
    .venv/bin/python bench/employers.py --talents 10000   # SQLite file in var/bench-employers.sqlite3
    .venv/bin/python bench/employers.py --talents 50000 --employers 5000 --consenting 0.6 --repeat 20

The defaults are the issue's size: 50,000 talents and 5,000 employers make 40.8 million
connections (and as many permission rows), about an hour to generate on PostgreSQL and longer on
SQLite; ``--talents 10000`` (8.1 million) is the SQLite run of bench/README.md.

The first run generates the data and keeps the database, so later runs only measure:

- talents (role talent, a profile with 1–2 of the 8 sectors, languages, Dutch level, education,
  digital skills), ``--consenting`` of them with an active ``cv_publication`` consent;
- approved employers (a company profile with 1 to ``--employer-sectors`` sectors, their details,
  10% with blind listings);
- the state a steady system is in: for every consenting talent, an active ``talent_employer``
  match with every approved employer sharing a sector, and the guardian permission row that lets
  the employer see the talent's profile. These go in with ``INSERT … SELECT`` in batches of
  talents (no per-row actions, no signals), which on PostgreSQL is followed by ``VACUUM ANALYZE``
  of the generated tables (autovacuum is off on the benchmark server).

Then, each inside a transaction rolled back afterwards (so a rerun measures the same state):
one talent moving to another sector, one talent adding a second sector, one employer moving to
another sector (``profile.sectors.set()``: the plugin's signal closes what no longer holds, then
the queued ``employers.reconcile`` outbox rows run through the real actor), and one talent
withdrawing consent (``withdraw_consent``). For each: time, statements (by kind), connections
closed and created, permission rows revoked and granted. Last, ``GET /api/v1/talent-pool/`` for
the employer with the most connections (of the first 20 with the most sectors), by 20 and by 100
and with filters: p50/p95 latency, queries per request and the ratio to the floor (bench/harness.py;
fewer requests than ``--repeat`` when they would take longer than ``--budget`` seconds). Writes
bench/results/employers-<db>.json (``--tag`` names an experiment's file instead).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness
from bench.harness import Rollback
from bench.harness import Statements as CountQueries

NATIVE = ["ar", "ar", "ar", "fa", "fa", "uk", "uk", "ti", "ps", "so", "ru", "tr", "ku"]
FIELDS = [
    ("Computer science", ["Python", "SQL", "Java", "Linux", "data analysis", "Git"]),
    ("Civil engineering", ["AutoCAD", "Revit", "project planning", "Excel"]),
    ("Nursing", ["patient records", "Excel", "Word"]),
    ("Medicine", ["patient records", "SPSS", "Word"]),
    ("Supply chain management", ["SAP", "Excel", "planning software", "Python"]),
    ("Accounting", ["Excel", "SAP", "Exact Online", "Power BI"]),
    ("Mechanical engineering", ["SolidWorks", "AutoCAD", "MATLAB", "Python"]),
    ("Education", ["Smartschool", "Word", "PowerPoint"]),
    ("Economics", ["Excel", "Power BI", "SQL", "Stata"]),
    ("Architecture", ["AutoCAD", "SketchUp", "Photoshop"]),
]
SOFT = [
    "teamwork",
    "communication",
    "problem solving",
    "adaptability",
    "leadership",
    "punctuality",
    "customer focus",
    "planning",
    "resilience",
    "conflict management",
]
EXPERIENCE = [
    "years as",
    "team lead in",
    "project work for",
    "internship at",
    "freelance work for",
    "volunteer at",
    "engineer at",
    "analyst at",
    "nurse at",
    "teacher at",
]
PLACES = ["Antwerp", "Ghent", "Brussels", "Leuven", "Hasselt", "Bruges", "Mechelen", "online"]
BATCH = 2000
MATCH_BATCH = 500  # talents per INSERT … SELECT of their connections


def setup(database_url: str | None) -> None:
    harness.setup("bench-employers.sqlite3", database_url)


# --- data -------------------------------------------------------------------------------------


def _sample_sectors(rng: random.Random, sectors: list, most: int) -> list:
    return rng.sample(sectors, rng.randint(1, most))


def generate_people(n_talents: int, n_employers: int, consenting: float, employer_sectors: int) -> None:
    """Talents with their profiles and consents, approved employers with profiles and details,
    and everyone in the group of their role. Bulk inserts only: no signals, no actions."""
    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from cms.accounts.models import (
        ApprovalStatus,
        CEFRLevel,
        Consent,
        EducationLevel,
        EmployerProfile,
        Role,
        TalentProfile,
        User,
    )
    from cms.sectors.models import Sector
    from plugins.employers.models import EmployerDetails

    if User.objects.filter(email__startswith="bench-employer-").exists():
        return
    rng = random.Random(23)
    now = timezone.now()
    version = settings.HELIX_CONSENT_VERSIONS["cv_publication"]
    terms_version = settings.HELIX_CONSENT_VERSIONS["terms"]
    sectors = list(Sector.source_rows().order_by("sort_order", "slug").values_list("pk", flat=True))
    print(
        f"Generating {n_talents} talents ({consenting:.0%} publishing their CV) and {n_employers} "
        f"employers in {len(sectors)} sectors…",
        flush=True,
    )
    levels = [c for c, _ in CEFRLevel.choices]
    educations = [c for c, _ in EducationLevel.choices]
    with transaction.atomic():
        groups = {role: Group.objects.get_or_create(name=role)[0] for role in (Role.TALENT, Role.EMPLOYER)}
        users = [
            User(
                email=f"bench-talent-{k}@example.org",
                role=Role.TALENT,
                first_name=f"Talent{k}",
                last_name="Bench",
                preferred_language=rng.choice(["en", "nl", "ar", "ar"]),
                password="!",
            )
            for k in range(n_talents)
        ] + [
            User(
                email=f"bench-employer-{k}@example.org",
                role=Role.EMPLOYER,
                approval_status=ApprovalStatus.APPROVED,
                approval_decided_at=now,
                first_name=f"Employer{k}",
                last_name="Bench",
                preferred_language=rng.choice(["en", "nl", "nl"]),
                password="!",
            )
            for k in range(n_employers)
        ]
        User.objects.bulk_create(users, batch_size=BATCH)
        ids = dict(User.objects.filter(email__startswith="bench-").values_list("email", "pk"))
        talents = [ids[f"bench-talent-{k}@example.org"] for k in range(n_talents)]
        employers = [ids[f"bench-employer-{k}@example.org"] for k in range(n_employers)]
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=pk, group_id=groups[Role.TALENT].pk) for pk in talents]
            + [User.groups.through(user_id=pk, group_id=groups[Role.EMPLOYER].pk) for pk in employers],
            batch_size=BATCH * 5,
        )

        profiles, talent_sectors = [], {}
        for k, pk in enumerate(talents):
            field, skills = FIELDS[k % len(FIELDS)]
            spoken = [{"language": rng.choice(NATIVE), "level": "native"}]
            spoken.append({"language": "en", "level": rng.choice(["B1", "B2", "C1", "C2"])})
            if rng.random() < 0.3:
                spoken.append({"language": "fr", "level": rng.choice(["A2", "B1", "B2"])})
            profiles.append(
                TalentProfile(
                    user_id=pk,
                    languages=spoken,
                    dutch_level=rng.choice(["", *levels[:5]]),
                    education_level=rng.choice(educations),
                    education_field=field,
                    digital_skills=rng.sample(skills, min(len(skills), rng.randint(1, 3))),
                    soft_skills=rng.sample(SOFT, 3),
                    work_experience=f"{rng.randint(2, 15)} {rng.choice(EXPERIENCE)} a company in "
                    f"{rng.choice(PLACES)}; {field.lower()}.",
                    key_areas_of_expertise=f"{field}, {', '.join(rng.sample(skills, 1))}",
                    core_strengths=", ".join(rng.sample(SOFT, 2)),
                    career_objective=f"A job in {field.lower()} in Flanders.",
                )
            )
            talent_sectors[pk] = _sample_sectors(rng, sectors, 2)
        TalentProfile.objects.bulk_create(profiles, batch_size=BATCH)
        tp_ids = dict(TalentProfile.objects.filter(user_id__in=talents).values_list("user_id", "pk"))
        through = TalentProfile.sectors.through
        through.objects.bulk_create(
            [
                through(talentprofile_id=tp_ids[u], sector_id=s)
                for u, chosen in talent_sectors.items()
                for s in chosen
            ],
            batch_size=BATCH * 5,
        )
        publishing = rng.sample(talents, round(n_talents * consenting))
        Consent.objects.bulk_create(
            [Consent(user_id=pk, purpose="terms", version=terms_version) for pk in talents + employers]
            + [
                Consent(user_id=pk, purpose=Consent.Purpose.CV_PUBLICATION, version=version)
                for pk in publishing
            ],
            batch_size=BATCH * 5,
        )

        sizes = [c for c, _ in EmployerProfile.Size.choices]
        EmployerProfile.objects.bulk_create(
            [
                EmployerProfile(user_id=pk, company=f"Bench Company {k} NV", size=rng.choice(sizes))
                for k, pk in enumerate(employers)
            ],
            batch_size=BATCH,
        )
        ep_ids = dict(EmployerProfile.objects.filter(user_id__in=employers).values_list("user_id", "pk"))
        through = EmployerProfile.sectors.through
        through.objects.bulk_create(
            [
                through(employerprofile_id=ep_ids[pk], sector_id=s)
                for pk in employers
                for s in _sample_sectors(rng, sectors, employer_sectors)
            ],
            batch_size=BATCH * 5,
        )
        EmployerDetails.objects.bulk_create(
            [
                EmployerDetails(
                    user_id=pk,
                    places=rng.sample(PLACES, rng.randint(1, 3)),
                    offers=rng.sample(["jobs", "internships", "language_on_the_job"], rng.randint(1, 3)),
                    blind_listings=rng.random() < 0.1,
                )
                for pk in employers
            ],
            batch_size=BATCH,
        )
    print(f"  {len(users)} users, {len(publishing)} publishing their CV", flush=True)


def generate_connections() -> int:
    """Every consenting talent connected with every approved employer sharing a sector: an active
    talent_employer match and the guardian row, per pair. ``INSERT … SELECT`` per batch of talents,
    computed in the database (tens of millions of rows would not fit through Python quickly).
    Returns the number of matches made."""
    from django.contrib.auth.models import Permission
    from django.db import connection, transaction
    from django.utils import timezone

    from cms.accounts.models import Consent, EmployerProfile, TalentProfile, User
    from cms.connections.models import Connection as Match
    from cms.connections.models import TalentProfileUserObjectPermission
    from cms.organisations.models import Project
    from plugins.employers.models import EmployerDetails

    # The generated talents' connections (a seeded demo may have a few of its own).
    if Match.objects.filter(kind="talent_employer", talent__email__startswith="bench-talent-").exists():
        return 0
    project = Project.default()
    permission = Permission.objects.get(content_type__app_label="accounts", codename="view_talentprofile")
    talents = list(
        User.objects.filter(email__startswith="bench-talent-").order_by("pk").values_list("pk", flat=True)
    )
    q = connection.ops.quote_name
    t = {
        "match": q(Match._meta.db_table),
        "perm": q(TalentProfileUserObjectPermission._meta.db_table),
        "tp": q(TalentProfile._meta.db_table),
        "tps": q(TalentProfile.sectors.through._meta.db_table),
        "ep": q(EmployerProfile._meta.db_table),
        "eps": q(EmployerProfile.sectors.through._meta.db_table),
        "user": q(User._meta.db_table),
        "consent": q(Consent._meta.db_table),
        "details": q(EmployerDetails._meta.db_table),
    }
    # When each connection was made: spread over the past year, the same on both databases.
    offset = "((pairs.talent * 7919 + pairs.employer * 104729) %% 31536000)"
    # The public ids are made of the talent's and the employer's ids (unique per pair, and never a
    # uuid4 as ``connect`` makes): inserted in order, their unique index is filled from one end
    # instead of at random places, which keeps tens of millions of inserts from thrashing the cache.
    if connection.vendor == "postgresql":
        uuid = "(lpad(to_hex(pairs.talent), 16, '0') || lpad(to_hex(pairs.employer), 16, '0'))::uuid"
        moment = f"%s::timestamptz - {offset} * interval '1 second'"
        true, false = "TRUE", "FALSE"
    else:
        uuid = "printf('%%016x%%016x', pairs.talent, pairs.employer)"
        moment = f"datetime(%s, '-' || {offset} || ' seconds')"
        true, false = "1", "0"
    insert_matches = f"""
        INSERT INTO {t["match"]} (public_id, kind, state, project_id, talent_id, employer_id, note,
                                  can_contact, close_reason, created_at, activated_at)
        SELECT {uuid}, 'talent_employer', 'active', %s, pairs.talent, pairs.employer, '',
               NOT COALESCE(d.blind_listings, {false}), '', {moment}, {moment}
        FROM (
            SELECT DISTINCT tp.user_id AS talent, ep.user_id AS employer
            FROM {t["tp"]} tp
            JOIN {t["tps"]} ts ON ts.talentprofile_id = tp.id
            JOIN {t["eps"]} es ON es.sector_id = ts.sector_id
            JOIN {t["ep"]} ep ON ep.id = es.employerprofile_id
            JOIN {t["user"]} eu ON eu.id = ep.user_id
            WHERE tp.user_id BETWEEN %s AND %s
              AND eu.role = 'employer' AND eu.approval_status = 'approved' AND eu.is_active = {true}
              AND eu.erased_at IS NULL
              AND EXISTS (SELECT 1 FROM {t["consent"]} c WHERE c.user_id = tp.user_id
                          AND c.purpose = 'cv_publication' AND c.withdrawn_at IS NULL)
        ) pairs
        LEFT JOIN {t["details"]} d ON d.user_id = pairs.employer
        ORDER BY pairs.talent, pairs.employer
    """
    insert_permissions = f"""
        INSERT INTO {t["perm"]} (permission_id, user_id, content_object_id)
        SELECT %s, m.employer_id, tp.id
        FROM {t["match"]} m JOIN {t["tp"]} tp ON tp.user_id = m.talent_id
        WHERE m.kind = 'talent_employer' AND m.talent_id BETWEEN %s AND %s
        ORDER BY m.talent_id, m.employer_id
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    print(
        f"Connecting {len(talents)} talents' sectors with the employers' (matches and permissions)…",
        flush=True,
    )
    made, began = 0, time.perf_counter()
    if connection.vendor == "sqlite":
        # For the load only (the next connection has the defaults again): a 1 GB page cache, and
        # no fsync per commit (a crash half-way means generating again).
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -1000000")
            cursor.execute("PRAGMA synchronous = OFF")
    for start in range(0, len(talents), MATCH_BATCH):
        low, high = talents[start], talents[min(start + MATCH_BATCH, len(talents)) - 1]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(insert_matches, [project.pk, now, now, low, high])
            made += cursor.rowcount
            cursor.execute(insert_permissions, [permission.pk, low, high])
        done = min(start + MATCH_BATCH, len(talents))
        if done % (MATCH_BATCH * 10) == 0 or done == len(talents):
            print(f"  {done} talents, {made} connections ({time.perf_counter() - began:.0f} s)", flush=True)
    connection.close()
    return made


# --- measuring --------------------------------------------------------------------------------


def _state(talent=None, employer=None) -> dict:
    """Open connections and permission rows of one talent or one employer (for rows touched)."""
    from django.db.models import Max

    from cms.connections.models import Connection as Match
    from cms.connections.models import TalentProfileUserObjectPermission

    side = {"talent": talent} if talent is not None else {"employer": employer}
    perms = (
        TalentProfileUserObjectPermission.objects.filter(content_object__user=talent)
        if talent is not None
        else TalentProfileUserObjectPermission.objects.filter(user=employer)
    )
    return {
        "open": Match.objects.filter(kind="talent_employer", state="active", **side).count(),
        "max_match": Match.objects.aggregate(m=Max("pk"))["m"] or 0,
        "perm_ids": set(perms.values_list("pk", flat=True)),
    }


def _touched(before: dict, talent=None, employer=None) -> dict:
    from cms.connections.models import Connection as Match

    side = {"talent": talent} if talent is not None else {"employer": employer}
    after = _state(talent, employer)
    matches = Match.objects.filter(kind="talent_employer", **side)
    created = matches.filter(pk__gt=before["max_match"]).count()
    closed = matches.filter(pk__lte=before["max_match"], state="closed", closed_at__gte=before["at"]).count()
    return {
        "closed": closed,
        "created": created,
        "touched": closed + created,
        "open_after": after["open"],
        "perms_revoked": len(before["perm_ids"] - after["perm_ids"]),
        "perms_granted": len(after["perm_ids"] - before["perm_ids"]),
    }


def _pending_jobs() -> list:
    from cms.outbox.models import OutboxMessage

    return list(
        OutboxMessage.objects.filter(actor_name="employers.reconcile", done_at=None)
        .order_by("created_at")
        .values_list("pk", flat=True)
    )


def _run_jobs(before: list) -> tuple[int, dict]:
    """Run the reconcile rows queued since ``before`` through the real actor, as a worker would."""
    from plugins.employers.tasks import reconcile

    rows = [pk for pk in _pending_jobs() if pk not in set(before)]
    with CountQueries() as captured:
        start = time.perf_counter()
        for pk in rows:
            reconcile.fn(str(pk))
        seconds = time.perf_counter() - start
    return len(rows), {"seconds": round(seconds, 2), **captured.figures()}


def scenario(name: str, change, *, talent=None, employer=None) -> dict:
    """One change and the jobs it queues, measured, inside a transaction rolled back after."""
    from django.db import transaction
    from django.utils import timezone

    print(f"  {name}…", flush=True)
    result = {}
    try:
        with transaction.atomic():
            before = _state(talent, employer)
            before["at"] = timezone.now()
            outbox = _pending_jobs()
            with CountQueries() as captured:
                start = time.perf_counter()
                change()
                seconds = time.perf_counter() - start
            at_once = {
                "seconds": round(seconds, 2),
                **captured.figures(),
                **_touched(before, talent, employer),
            }
            jobs, job = _run_jobs(outbox)
            total = _touched(before, talent, employer)
            job.update({k: total[k] - at_once[k] for k in ("closed", "created", "touched")})
            job.update({k: total[k] - at_once[k] for k in ("perms_revoked", "perms_granted")})
            result = {
                "case": name,
                "open_before": before["open"],
                "change": at_once,
                "jobs_queued": jobs,
                "jobs": job,
                "total": {
                    **total,
                    "seconds": round(at_once["seconds"] + job["seconds"], 2),
                    "statements": at_once["statements"] + job["statements"],
                },
            }
            raise Rollback
    except Rollback:
        pass
    return result


def matching_runs(sectors: list) -> list[dict]:
    """A talent moves sector, a talent adds a sector, an employer moves sector, a talent withdraws."""
    from django.db.models import Count

    from cms.accounts.actions import withdraw_consent
    from cms.accounts.models import Consent, EmployerProfile, TalentProfile, User

    consenting = Consent.objects.filter(
        purpose="cv_publication", withdrawn_at=None, user__email__startswith="bench-talent-"
    ).values("user")
    one_sector = TalentProfile.objects.filter(user__in=consenting).annotate(n=_count("sectors")).filter(n=1)
    mover = one_sector.order_by("pk").first()
    adder = one_sector.order_by("pk")[1:2].get()
    two_sectors = TalentProfile.objects.filter(user__in=consenting).annotate(n=_count("sectors")).filter(n=2)
    leaver = two_sectors.order_by("pk").first()
    # The employer moving is one of the biggest sector (the most consenting talents), the one with
    # the most work: it moves to the second biggest.
    by_size = list(
        TalentProfile.sectors.through.objects.filter(talentprofile__user__in=consenting)
        .values("sector_id")
        .annotate(n=Count("talentprofile"))
        .order_by("-n", "sector_id")
        .values_list("sector_id", flat=True)
    )
    company = (
        EmployerProfile.objects.filter(user__email__startswith="bench-employer-")
        .annotate(n=_count("sectors"))
        .filter(n=1, sectors=by_size[0])
        .order_by("pk")
        .first()
    )

    def other(profile) -> int:
        mine = set(profile.sectors.values_list("pk", flat=True))
        return next(s for s in [*by_size, *sectors] if s not in mine)

    cases = []
    target = other(mover)
    cases.append(
        scenario(
            "talent moves to another sector",
            lambda: mover.sectors.set([target]),
            talent=mover.user,
        )
    )
    wider = [*adder.sectors.values_list("pk", flat=True), other(adder)]
    cases.append(
        scenario(
            "talent adds a second sector",
            lambda: adder.sectors.set(wider),
            talent=adder.user,
        )
    )
    target_e = other(company)
    cases.append(
        scenario(
            "employer moves to another sector",
            lambda: company.sectors.set([target_e]),
            employer=User.objects.get(pk=company.user_id),
        )
    )
    person = User.objects.get(pk=leaver.user_id)
    cases.append(
        scenario(
            "talent withdraws CV consent",
            lambda: withdraw_consent(person, "cv_publication"),
            talent=person,
        )
    )
    return cases


def _count(field: str):
    from django.db.models import Count

    return Count(field)


def measure(client, url: str, repeat: int, budget: float) -> dict:
    """p50/p95 latency, queries and floor of ``repeat`` requests after one to warm up; fewer (at
    least one) when they would take more than ``budget`` seconds in all."""
    return harness.measure(client, url, repeat, budget=budget)


def busiest_employer():
    """The bench employer with the most open connections, among those with the most sectors."""
    from django.db.models import Count

    from cms.accounts.models import EmployerProfile, User
    from cms.connections.models import Connection as Match

    most = (
        EmployerProfile.objects.filter(user__email__startswith="bench-employer-")
        .annotate(n=Count("sectors"))
        .order_by("-n", "pk")
        .values_list("user_id", flat=True)[:20]
    )
    counts = {
        pk: Match.objects.filter(kind="talent_employer", employer_id=pk, state="active").count()
        for pk in most
    }
    pk = max(counts, key=lambda k: (counts[k], -k))
    return User.objects.get(pk=pk), counts[pk]


_fmt = harness.fmt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--talents", type=int, default=50_000)
    parser.add_argument("--employers", type=int, default=5_000)
    parser.add_argument("--consenting", type=float, default=0.6, help="share of talents publishing their CV")
    parser.add_argument(
        "--employer-sectors", type=int, default=2, help="at most this many sectors per employer"
    )
    harness.common_arguments(parser, repeat=20)
    parser.add_argument(
        "--budget", type=float, default=120, help="seconds per talent-pool case at most (fewer requests)"
    )
    parser.add_argument("--skip-matching", action="store_true", help="measure the talent pool only")
    parser.add_argument("--skip-pool", action="store_true", help="measure the matching only")
    args = parser.parse_args()
    setup(args.database_url)

    from django.core.management import call_command
    from django.test import Client

    from cms.accounts.models import Consent, Role, User
    from cms.connections.models import Connection as Match
    from cms.connections.models import TalentProfileUserObjectPermission
    from cms.sectors.models import Sector

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    generate_people(args.talents, args.employers, args.consenting, args.employer_sectors)
    if generate_connections():
        print("Analysing…", flush=True)
        harness.analyze()
    generated = round(time.perf_counter() - began, 1)
    if generated > 5:
        print(f"Generated in {generated} s", flush=True)

    engine = harness.engine()
    talents = User.objects.filter(role=Role.TALENT, email__startswith="bench-talent-").count()
    employers = User.objects.filter(role=Role.EMPLOYER, email__startswith="bench-employer-").count()
    publishing = Consent.objects.filter(purpose="cv_publication", withdrawn_at=None).count()
    connections = Match.objects.filter(kind="talent_employer", state="active").count()
    permissions = TalentProfileUserObjectPermission.objects.count()
    pairs = talents * employers
    data = {
        "talents": talents,
        "employers": employers,
        "publishing_cv": publishing,
        "connections": connections,
        "permission_rows": permissions,
        "talent_employer_pairs": pairs,
    }
    print(
        f"\n{_fmt(talents)} talents ({_fmt(publishing)} publishing their CV), {_fmt(employers)} employers "
        f"({engine}): {_fmt(connections)} connections and {_fmt(permissions)} permission rows "
        f"({connections / pairs:.1%} of the {_fmt(pairs)} talent × employer pairs)\n"
    )

    cases = []
    if not args.skip_matching:
        print("Matching after one change (each rolled back)…", flush=True)
        sectors = list(Sector.source_rows().order_by("sort_order", "slug").values_list("pk", flat=True))
        cases = matching_runs(sectors)
        print(
            "\n| change | open before | closed at once | created by the jobs | rows touched | share of pairs "
            "| change: s / statements | jobs (rows): s / statements | statements per row touched |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for c in cases:
            total, ch, jb = c["total"], c["change"], c["jobs"]
            per = round(total["statements"] / total["touched"], 1) if total["touched"] else "–"
            print(
                f"| {c['case']} | {_fmt(c['open_before'])} | {_fmt(total['closed'])} "
                f"| {_fmt(total['created'])} "
                f"| {_fmt(total['touched'])} | {total['touched'] / pairs:.4%} "
                f"| {ch['seconds']} / {_fmt(ch['statements'])} "
                f"| {jb['seconds']} / {_fmt(jb['statements'])} ({c['jobs_queued']}) | {per} |"
            )
        print(
            "\n| change | part | s | statements | SELECT | writes | savepoints | in SQL (s) "
            "| slowest statement |"
        )
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for c in cases:
            for part in ("change", "jobs"):
                p = c[part]
                print(
                    f"| {c['case']} | {part} | {p['seconds']} | {_fmt(p['statements'])} "
                    f"| {_fmt(p['selects'])} "
                    f"| {_fmt(p['writes'])} | {_fmt(p['savepoints'])} | {p['sql_seconds']} "
                    f"| {p['slowest_ms']} ms ({p['slowest']}) |"
                )

    rows, busy, busy_n = [], None, 0
    if not args.skip_pool:
        busy, busy_n = busiest_employer()
        client = Client(HTTP_ACCEPT_LANGUAGE="nl")
        client.force_login(busy)
        base = "/api/v1/talent-pool/"
        pool = {
            "page 20": f"{base}?page_size=20",
            "page 100": f"{base}?page_size=100",
            "?sector=ict": f"{base}?sector=ict&page_size=20",
            "?dutch_level=B1": f"{base}?dutch_level=B1&page_size=20",
            "?q=python": f"{base}?q=python&page_size=20",
            "?language=ar": f"{base}?language=ar&page_size=20",
            "all four filters": f"{base}?sector=ict&dutch_level=B1&q=python&language=ar&page_size=20",
        }
        print(f"\nTalent pool of {busy.email} ({_fmt(busy_n)} connections), {args.repeat} requests per case…")
        rows = []
        # Kept: every request after the first until something a page shows changes
        # (plugins/employers/pool.py); built: the cache off, as for the first request after a change.
        from django.test.utils import override_settings

        for suffix, settings_override in (("", {}), (" (built)", {"HELIX_PAGE_CACHE_SECONDS": 0})):
            with override_settings(**settings_override):
                for name, url in pool.items():
                    row = {"case": name + suffix, **measure(client, url, args.repeat, args.budget)}
                    rows.append(row)
                    print(f"  {row['case']}: {row['p50_ms']} ms, {row['queries']} queries", flush=True)
        extra = [("results", "results"), ("count", "count"), ("requests", "requests")]
        columns = [*harness.REQUEST_COLUMNS, *extra]
        print()
        print(harness.table(columns, rows))
        flat = {row["queries"] for row in rows if row["case"] in ("page 20 (built)", "page 100 (built)")}
        if len(flat) != 1:
            print(f"\nWARNING: the talent pool's queries grow with the page size: {sorted(flat)}")

    harness.write_results(
        harness.results_name("employers", args.tag),
        {
            "engine": engine,
            **data,
            "generated_seconds": generated if generated > 5 else None,
            "matching": cases,
            "pool_employer_connections": busy_n,
            "repeat": args.repeat,
            "pool": rows,
        },
    )

if __name__ == "__main__":
    main()
