"""Benchmark: Helix's page API against Wagtail's stock API v2, on the same data, in the same run.

    .venv/bin/python bench/pages.py                 # SQLite file in var/, ~1,000 pages per locale
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helix_bench .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --per-locale 3000 --repeat 50

The first run generates the tree (3 locales × N pages: the real seed content, then roadmap
steps, sector paths and study topics with realistic bodies, translated through copies) and keeps
the database, so later runs only measure. Reports p50/p95 latency and queries per request for
detail, list (20), children and search, each API's ratio to its floor (the same bytes served from
memory through the same stack, bench/harness.py) and Helix's ratio to API v2, and writes
bench/results/pages-<db>.json (``--tag`` adds a suffix).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness


def setup(database_url: str | None) -> None:
    harness.setup("bench-pages.sqlite3", database_url)


WORDS = (
    "diploma recognition vacancy mentor network language course employer interview sector training "
    "internship volunteer coaching competence portfolio application career certificate"
).split()


def generate(per_locale: int) -> None:
    from django.core.management import call_command
    from wagtail.models import Locale, Page

    from cms.pages.models import RoadmapIndexPage, RoadmapStepPage, StudyIndexPage, StudyTopicPage
    from cms.pages.seed import seed_pages

    call_command("migrate", verbosity=0)
    if Page.objects.filter(depth__gt=1).count() >= per_locale * 3:
        return
    print("Seeding the real content…", flush=True)
    seed_pages()
    en, nl, ar = (Locale.objects.get(language_code=code) for code in ("en", "nl", "ar"))
    roadmap = RoadmapIndexPage.objects.get(locale=en)
    study = StudyIndexPage.objects.get(locale=en)
    template = RoadmapStepPage.objects.filter(locale=en).first()
    body = list(template.body.raw_data)
    existing = Page.objects.filter(depth__gt=1, locale=en).count()
    print(f"Generating {per_locale - existing} pages per locale…", flush=True)
    for n in range(existing, per_locale):
        parent = roadmap if n % 2 else study
        words = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(12))
        fields = {"title": f"Topic {n}: {words[:40]}", "slug": f"topic-{n}", "intro": f"About {words}."}
        if parent is roadmap:
            page = RoadmapStepPage(step_number=10 + n, body=body, **fields)
        else:
            page = StudyTopicPage(body=body, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        for locale, prefix in ((nl, "Onderwerp"), (ar, "موضوع")):
            copy = page.copy_for_translation(locale, copy_parents=False)
            copy.title = f"{prefix} {n}: {words[:40]}"
            copy.save_revision().publish()
        if n % 200 == 0:
            print(f"  {n}", flush=True)


def measure(client, url: str, repeat: int) -> dict:
    """p50/p95 latency, queries, bytes and floor of a GET (bench/harness.py)."""
    return harness.measure(client, url, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-locale", type=int, default=1000)
    harness.common_arguments(parser, repeat=30)
    args = parser.parse_args()
    setup(args.database_url)

    from django.test import Client
    from wagtail.models import Page

    from cms.pages.models import RoadmapIndexPage, RoadmapStepPage

    generate(args.per_locale)
    client = Client()
    step = RoadmapStepPage.objects.filter(locale__language_code="ar", live=True).order_by("path").first()
    roadmap = RoadmapIndexPage.objects.get(locale__language_code="nl")
    total = Page.objects.filter(depth__gt=1).count()
    cases = {
        "detail": (f"/api/v1/pages/{step.pk}/", f"/wagtail-api/v2/pages/{step.pk}/"),
        "list 20 (type + locale)": (
            "/api/v1/pages/?type=pages.RoadmapStepPage&locale=ar&page_size=20",
            "/wagtail-api/v2/pages/?type=pages.RoadmapStepPage&locale=ar&limit=20&fields=intro",
        ),
        "children 20": (
            f"/api/v1/pages/?child_of={roadmap.pk}&page_size=20",
            f"/wagtail-api/v2/pages/?type=pages.RoadmapStepPage&child_of={roadmap.pk}&limit=20&fields=intro",
        ),
        "search (nl)": (
            "/api/v1/pages/?search=diplomaerkenning&locale=nl&page_size=20",
            "/wagtail-api/v2/pages/?search=diplomaerkenning&locale=nl&limit=20",
        ),
    }
    rows = []
    for name, (ours, stock) in cases.items():  # bench.urls mounts API v2 beside Helix's
        helix, v2 = measure(client, ours, args.repeat), measure(client, stock, args.repeat)
        peer = round(helix["p50_ms"] / v2["p50_ms"], 2) if v2["p50_ms"] else None
        rows.append({"case": name, "helix": helix, "wagtail_v2": v2, "peer_ratio": peer})
    engine = harness.engine()
    print(f"\n{total} pages ({engine}), {args.repeat} requests per case\n")
    flat = [
        {
            "case": row["case"],
            **{k: row["helix"][k] for k in ("p50_ms", "p95_ms", "queries", "floor_ms", "ratio")},
            **{f"v2_{k}": row["wagtail_v2"][k] for k in ("p50_ms", "queries", "ratio")},
            "peer_ratio": row["peer_ratio"],
        }
        for row in rows
    ]
    columns = [
        ("case", "case"),
        ("Helix ms p50", "p50_ms"),
        ("Helix ms p95", "p95_ms"),
        ("Helix queries", "queries"),
        ("floor ms", "floor_ms"),
        ("Helix / floor", "ratio"),
        ("Wagtail v2 ms p50", "v2_p50_ms"),
        ("Wagtail v2 queries", "v2_queries"),
        ("v2 / its floor", "v2_ratio"),
        ("ratio (Helix / v2)", "peer_ratio"),
    ]
    print(harness.table(columns, flat))
    harness.write_results(
        harness.results_name("pages", args.tag),
        {"pages": total, "engine": engine, "repeat": args.repeat, "rows": rows},
    )

if __name__ == "__main__":
    main()
