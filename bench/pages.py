"""Benchmark: Helix's page API against Wagtail's stock API v2, on the same data, in the same run.

    .venv/bin/python bench/pages.py                 # SQLite file in var/, ~1,000 pages per locale
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helix_bench .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --per-locale 3000 --repeat 50

The first run generates the tree (3 locales × N pages: the real seed content, then roadmap
steps, sector paths and study topics with realistic bodies, translated through copies) and keeps
the database, so later runs only measure. Reports median latency and queries per request for
detail, list (20), children and search, and writes bench/results/pages-<db>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url: str | None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    os.environ.setdefault("DATABASE_URL", database_url or f"sqlite:///{ROOT / 'var' / 'bench-pages.sqlite3'}")
    os.environ.setdefault("ALLOWED_HOSTS", "*")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("HELIX_THROTTLE_ANON", "1000000/minute")  # measure the API, not the throttle
    import django

    django.setup()


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
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    answer = client.get(url)
    assert answer.status_code == 200, (url, answer.status_code, answer.content[:300])
    times, queries = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            answer = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        queries.append(len(captured))
    return {
        "url": url,
        "median_ms": round(statistics.median(times), 2),
        "queries": max(queries),
        "bytes": len(answer.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-locale", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    setup(args.database_url)

    from django.conf import settings
    from django.test import Client, override_settings
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
    with override_settings(ROOT_URLCONF="bench.urls"):
        for name, (ours, stock) in cases.items():
            rows.append(
                {
                    "case": name,
                    "helix": measure(client, ours, args.repeat),
                    "wagtail_v2": measure(client, stock, args.repeat),
                }
            )
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"\n{total} pages ({engine}), {args.repeat} requests per case, median latency\n")
    print("| case | Helix ms | Helix queries | Wagtail v2 ms | Wagtail v2 queries | ratio (Helix / v2) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        ours, stock = row["helix"], row["wagtail_v2"]
        ratio = ours["median_ms"] / stock["median_ms"] if stock["median_ms"] else float("nan")
        print(
            f"| {row['case']} | {ours['median_ms']} | {ours['queries']} | {stock['median_ms']} | "
            f"{stock['queries']} | {ratio:.2f} |"
        )
    out = ROOT / "bench" / "results" / f"pages-{engine}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps({"pages": total, "engine": engine, "repeat": args.repeat, "rows": rows}, indent=2)
    )
    print(f"\nWritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
