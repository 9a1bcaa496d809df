"""Benchmark: searching and filtering 100k posts, and a digest run for 50k subscribers.

    .venv/bin/python bench/posts.py                      # SQLite file in var/bench-posts.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helix_bench_posts .venv/bin/python bench/posts.py
    .venv/bin/python bench/posts.py --posts 100000 --subscribers 50000 --repeat 20

The first run generates the data and keeps the database, so later runs only measure (the
digest run is measured on a copy of the subscribers' state: it is rolled back afterwards).
Reports p50/p95 latency, queries per request and the ratio to the floor (bench/harness.py) for the
list endpoint, and time, queries and e-mails queued for the digest run; writes
bench/results/posts-<db>.json (``--tag`` adds a suffix).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    REQUEST_COLUMNS,
    Rollback,
    Statements,
    analyze,
    common_arguments,
    engine,
    measure,
    results_name,
    table,
    write_results,
)
from bench.harness import setup as harness_setup

WORDS = {
    "en": "training course vacancy engineer nurse data analyst logistics planner accountant internship "
    "job fair networking mentoring diploma recognition language dutch workshop project tool".split(),
    "nl": "opleiding cursus vacature ingenieur verpleegkundige data analist logistiek planner boekhouder "
    "stage jobbeurs netwerken mentoring diploma erkenning taal nederlands workshop project".split(),
    "ar": "تدريب دورة وظيفة مهندس ممرض بيانات محلل لوجستيات مخطط محاسب تدريب_عملي معرض شبكة "
    "إرشاد شهادة معادلة لغة الهولندية ورشة مشروع أداة".split(),
}
CITIES = ["Antwerp", "Ghent", "Brussels", "Leuven", "Hasselt", "Bruges", "Mechelen", "Kortrijk", ""]


def setup(database_url: str | None) -> None:
    harness_setup("bench-posts.sqlite3", database_url)


def generate(n_posts: int, n_subscribers: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from cms.accounts.demo import seed_core_demo
    from cms.accounts.models import Consent, Role, TalentProfile, User
    from cms.sectors.models import Sector
    from plugins.posts.models import Post
    from plugins.posts.search import refresh_vectors, search_text_of

    call_command("migrate", verbosity=0)
    seed_core_demo()
    rng = random.Random(7)
    sectors = list(Sector.source_rows())
    now = timezone.now()
    author = User.objects.get(email="mentor@helix.example")
    existing = Post.objects.count()
    generated = existing < n_posts
    if existing < n_posts:
        print(f"Generating {n_posts - existing} posts…", flush=True)
    types = ["study", "vacancy", "event", "project", "tool"]
    through = Post.sectors.through
    while existing < n_posts:
        batch = []
        for n in range(existing, min(existing + 5000, n_posts)):
            locale = rng.choices(["en", "nl", "ar"], weights=[60, 25, 15])[0]
            words = WORDS[locale]
            kind = types[n % 5]
            starts = now + timedelta(days=rng.randint(-60, 120)) if kind != "tool" else None
            post = Post(
                type=kind,
                locale=locale,
                author=author,
                link="https://www.vdab.be",
                title=" ".join(rng.sample(words, 4)).capitalize(),
                summary=" ".join(rng.sample(words, 12)) + ".",
                body="<p>" + " ".join(rng.choices(words, k=60)) + "</p>",
                organisation_name="VDAB",
                city=rng.choice(CITIES),
                online=rng.random() < 0.2,
                starts_at=starts,
                ends_at=starts + timedelta(days=rng.randint(0, 90)) if starts else None,
                language=rng.choice(["nl", "en", "nl", "fr"]),
                dutch_level=rng.choice(["", "A2", "B1", "B2", "C1"]),
                tags=rng.sample(["free", "online", "training", "jobfair", "language", "mentoring"], 2),
                published_at=now - timedelta(minutes=rng.randint(1, 365 * 24 * 60)),
            )
            post.search_text = search_text_of(post)
            batch.append(post)
        Post.objects.bulk_create(batch)
        created = list(Post.objects.order_by("-id").values_list("id", flat=True)[: len(batch)])
        links = [
            through(post_id=pid, sector_id=sector.pk)
            for pid in created
            for sector in rng.sample(sectors, rng.choice([0, 1, 1, 2]))
        ]
        through.objects.bulk_create(links)
        refresh_vectors(created)
        existing += len(batch)
        print(f"  {existing}", flush=True)

    have = User.objects.filter(email__startswith="bench-talent-").count()
    generated = generated or have < n_subscribers
    if have < n_subscribers:
        print(f"Generating {n_subscribers - have} subscribers…", flush=True)
    while have < n_subscribers:
        size = min(5000, n_subscribers - have)
        users = [
            User(
                email=f"bench-talent-{have + k}@example.org",
                role=Role.TALENT,
                first_name=f"Talent{have + k}",
                preferred_language=rng.choice(["en", "nl", "ar"]),
                password="!",
            )
            for k in range(size)
        ]
        User.objects.bulk_create(users)
        users = list(User.objects.filter(email__in=[u.email for u in users]))
        TalentProfile.objects.bulk_create([TalentProfile(user=u) for u in users])
        profiles = list(TalentProfile.objects.filter(user__in=users))
        TalentProfile.sectors.through.objects.bulk_create(
            [
                TalentProfile.sectors.through(talentprofile_id=p.pk, sector_id=s.pk)
                for p in profiles
                for s in rng.sample(sectors, rng.choice([1, 2, 3]))
            ]
        )
        Consent.objects.bulk_create([Consent(user=u, purpose="newsletter", version="2026-11") for u in users])
        have += size
        print(f"  {have}", flush=True)
    if generated:
        analyze()


def digest_run(subscribers: int) -> dict:
    """One digest run for every subscriber, inside a transaction that is rolled back after."""
    from django.db import transaction

    from plugins.posts.mailing import send_digests

    result = {}
    try:
        with transaction.atomic():
            with Statements() as captured:
                start = time.perf_counter()
                run = send_digests()
                seconds = time.perf_counter() - start
            result = {
                "subscribers": subscribers,
                "considered": run.considered,
                "queued": run.queued,
                "seconds": round(seconds, 1),
                "queries": captured.count,
                "per_subscriber_ms": round(seconds * 1000 / max(run.considered, 1), 2),
            }
            raise Rollback
    except Rollback:
        pass
    return result


def built_every_time():
    """Lists built for every request, as for the first reader of a page after a change (the
    kept lists of signed-in readers and visitors are off: ``HELIX_PAGE_CACHE_SECONDS=0``)."""
    from django.test.utils import override_settings

    return override_settings(HELIX_PAGE_CACHE_SECONDS=0)


def plans(client, url: str) -> list[str]:
    """PostgreSQL: ``EXPLAIN ANALYZE`` of the statements a request runs on the posts table (the
    count and the page), so the output shows which index each case uses."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        return []
    with built_every_time(), CaptureQueriesContext(connection) as captured:
        client.get(url)
    found = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if sql.lstrip().upper().startswith("SELECT") and 'FROM "posts_post"' in sql:
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) {sql}")
                found.append("\n".join(row[0] for row in cursor.fetchall()))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--subscribers", type=int, default=50_000)
    common_arguments(parser, repeat=20)
    parser.add_argument("--skip-digest", action="store_true")
    parser.add_argument(
        "--kept-only", action="store_true", help="only the kept lists, not the lists built for every request"
    )
    parser.add_argument(
        "--explain", action="store_true", help="PostgreSQL: print EXPLAIN ANALYZE of each case's statements"
    )
    args = parser.parse_args()
    setup(args.database_url)

    from django.test import Client

    from cms.accounts.models import User
    from plugins.posts.models import Post

    generate(args.posts, args.subscribers)
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(User.objects.get(email="talent@helix.example"))
    cases = {
        "newest 20": "/api/v1/posts/?page_size=20",
        "newest 100": "/api/v1/posts/?page_size=100",
        "search (nl word)": "/api/v1/posts/?q=opleiding&page_size=20",
        "search (en, 2 words)": "/api/v1/posts/?q=data%20analyst&page_size=20",
        "type + sector": "/api/v1/posts/?type=vacancy,event&sector=ict&page_size=20",
        "sector + place + Dutch level": (
            "/api/v1/posts/?sector=healthcare&place=Ghent&dutch_level=B1&page_size=20"
        ),
        "date range, soonest": (
            "/api/v1/posts/?date_from=2026-12-01&date_to=2027-01-31&order=soonest&page_size=20"
        ),
        "search + filters": "/api/v1/posts/?q=training&type=study&online=false&page_size=20",
    }
    # Kept: what every reader after the first gets until a post changes (or a minute passes).
    rows = [{"case": name, **measure(client, url, args.repeat)} for name, url in cases.items()]
    anonymous = Client()
    rows.append({"case": "visitor teaser", **measure(anonymous, "/api/v1/posts/", args.repeat)})
    kept = list(rows)
    if not args.kept_only:
        with built_every_time():  # built: what the first reader of a page after a change waits
            for name, url in [*cases.items(), ("visitor teaser", "/api/v1/posts/")]:
                reader = anonymous if name == "visitor teaser" else client
                rows.append({"case": f"{name} (built)", **measure(reader, url, args.repeat)})
    if args.explain:
        for row in kept:
            row["plans"] = plans(anonymous if row["case"] == "visitor teaser" else client, row["url"])
            for plan in row["plans"]:
                print(f"\n--- {row['case']}: {row['url']}\n{plan}")
    total = Post.objects.count()
    print(f"\n{total} posts ({engine()}), {args.repeat} requests per case\n")
    print(table([*REQUEST_COLUMNS, ("results", "results")], rows))
    digest = {}
    if not args.skip_digest:
        subscribers = User.objects.filter(email__startswith="bench-talent-").count()
        print(f"\nDigest run for {subscribers} subscribers…", flush=True)
        digest = digest_run(subscribers)
        print(
            f"| digest run | {digest['seconds']} s | {digest['queries']} queries | "
            f"{digest['queued']} e-mails queued | {digest['per_subscriber_ms']} ms per subscriber |"
        )
    write_results(
        results_name("posts", args.tag),
        {"posts": total, "engine": engine(), "repeat": args.repeat, "rows": rows, "digest": digest},
    )

if __name__ == "__main__":
    main()
