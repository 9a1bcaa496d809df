"""Benchmark: the reference app's long lists in real Chromium — how long until 100 rows show.

    .venv/bin/python bench/app_lists.py                    # SQLite file in var/bench-app-lists.sqlite3
    .venv/bin/python bench/app_lists.py --items 150 --repeat 5
    .venv/bin/python bench/app_lists.py --database-url postgres://postgres@127.0.0.1:5432/helix_bench_app

Builds the app (``frontend-contract/app``, ``npm run build``) when ``dist/`` is missing, generates
(once; the database is kept) three people who each have ``--items`` rows in the lists the app
shows them — a talent with that many posts to find, saved posts and message threads (one message
each), a mentor with that many mentees, an employer with that many talents in the pool (blind) —
starts Django's live server on the database in this process, and opens each screen with
Playwright and Debian's Chromium (``/usr/bin/chromium``; no browser is downloaded), logged in as
its person.

Per screen, from the start of the navigation (``performance.now()`` in the page): the time until
the first page's rows are rendered and, where the app pages (20 rows, "Show more"), the time until
100 rows are rendered by clicking "Show more" as a person would; the API calls of the screen (and
the most calls to one detail route: more than 3 is a fetch per row); the long tasks (over 50 ms,
from the browser's ``longtask`` entries) and the layouts (count and time, Chromium's
``Performance.getMetrics``) and the layout shift. Times are the p50 of ``--repeat`` loads;
writes bench/results/app-lists-<db>.json (``--tag`` adds a suffix).
"""

from __future__ import annotations

import argparse
import mimetypes
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import ROOT, common_arguments, results_name, table, write_results
from bench.harness import setup as harness_setup

APP = ROOT / "frontend-contract" / "app"
DIST = APP / "dist"
CHROMIUM = "/usr/bin/chromium"
HELIX_PATHS = ("/api/", "/_allauth/", "/admin", "/static/", "/media/", "/documents/", "/accounts/")
PASSWORD = "bench-Lists-2026"
PEOPLE = {
    "talent": "bench-lists-talent@example.org",
    "mentor": "bench-lists-mentor@example.org",
    "employer": "bench-lists-employer@example.org",
}
ID = re.compile(r"/(?:[0-9a-f]{8}-[0-9a-f-]{27}|\d+)(?=/)")
#: (case, person, path, the rows' CSS selector, whether the app pages at 20 with "Show more").
SCREENS = [
    (
        "posts (find posts)",
        "talent",
        "/me/posts",
        "#main section[aria-labelledby=connect-results] article",
        True,
    ),
    ("saved posts", "talent", "/me/posts/saved", "#main article", False),
    ("message threads", "talent", "/me/messages", "#main ul.connect-list > li.connect-card", False),
    ("my mentees", "mentor", "/me/mentees", "#main ul.connect-list > li", False),
    (
        "talent pool",
        "employer",
        "/me/talent-pool",
        "#main section[aria-labelledby=employer-results] ul.connect-list > li",
        True,
    ),
]
FIRST_PAGE = 20  # the app's PAGE_SIZE (frontend-contract/app/src/connect/shared.tsx)
TARGET = 100
#: Long tasks and layout shifts, collected from the first moment of every page.
OBSERVE = """
window.__bench = {longtasks: [], shift: 0, shifted: []};
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longtasks.push(e.duration);
  }).observe({type: 'longtask', buffered: true});
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__bench.shift += e.value;
      for (const source of e.sources || []) {
        const node = source.node;
        const classes = node && node.className ? '.' + String(node.className).split(' ').join('.') : '';
        const name = node && node.nodeType === 1
          ? node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') + classes
          : String(node && node.nodeName);
        window.__bench.shifted.push(`${name} ${Math.round(e.value * 1000) / 1000}`);
      }
    }
  }).observe({type: 'layout-shift', buffered: true});
} catch (e) {}
"""


def setup(database_url: str | None) -> None:
    harness_setup("bench-app-lists.sqlite3", database_url)


# --- data -------------------------------------------------------------------------------------


def _person(email: str, role: str, first: str, last: str):
    from allauth.account.models import EmailAddress

    from cms.accounts import actions as accounts
    from cms.accounts.models import User

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, PASSWORD)
        accounts.complete_signup(
            user,
            role=role,
            first_name=first,
            last_name=last,
            preferred_language="en",
            company="Bench Logistics NV" if role == "employer" else "",
        )
        User.objects.filter(pk=user.pk).update(approval_status="approved")
        user.refresh_from_db()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def generate(items: int) -> None:
    """The three people and their ``items`` rows per list; nothing when they are there already."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from cms.accounts.actions import grant_consent
    from cms.accounts.demo import seed_core_demo
    from cms.accounts.models import EmployerProfile, Role, TalentProfile, User
    from cms.connections.models import Connection
    from cms.organisations.models import Project
    from cms.sectors.models import Sector
    from plugins.employers import matching
    from plugins.employers.models import EmployerDetails
    from plugins.messaging.models import Message, Thread, ThreadParticipant
    from plugins.posts.actions import create_post
    from plugins.posts.models import Post, SavedPost

    call_command("migrate", verbosity=0)
    if User.objects.filter(email=PEOPLE["employer"]).exists():
        return
    began = time.perf_counter()
    print(f"Generating three people with {items} rows in each list…", flush=True)
    seed_core_demo()
    rng = random.Random(5)
    now = timezone.now()
    sectors = list(Sector.source_rows())
    logistics = Sector.source_rows().get(slug="logistics")
    staff = User.objects.get(email="organisation@helix.example")
    talent = _person(PEOPLE["talent"], Role.TALENT, "Nadia", "Bench")
    mentor = _person(PEOPLE["mentor"], Role.MENTOR, "Koen", "Bench")
    employer = _person(PEOPLE["employer"], Role.EMPLOYER, "Ines", "Bench")

    # Posts, through the action (search text, sectors, translation group), all saved by the talent.
    kinds = ["vacancy", "study", "event", "project", "tool"]
    for n in range(items):
        kind = kinds[n % 5]
        post = create_post(
            staff,
            {
                "type": kind,
                "locale": "en",
                "title": f"{kind.title()} {n}: {rng.choice(['Ghent', 'Antwerp', 'Leuven'])} for newcomers",
                "summary": "An offer for highly educated newcomers in Flanders, with its practical details.",
                "link": f"https://example.org/offers/{n}",
                "city": rng.choice(["Ghent", "Antwerp", "Leuven", ""]),
                "starts_at": now + timedelta(days=10 + n) if kind == "event" else None,
            },
            sectors=rng.sample(sectors, 2),
        )
        Post.objects.filter(pk=post.pk).update(published_at=now - timedelta(hours=n))
    SavedPost.objects.bulk_create([SavedPost(user=talent, post=post) for post in Post.objects.live()])

    with transaction.atomic():
        project = Project.default()
        # The talent's threads: one mentor each, with an active match and one message.
        others = User.objects.bulk_create(
            [
                User(
                    email=f"bench-lists-mentor-{k}@example.org",
                    role=Role.MENTOR,
                    first_name=f"Mentor{k}",
                    last_name="Bench",
                    preferred_language="nl",
                    password="!",
                    approval_status="approved",
                )
                for k in range(items)
            ]
            + [
                User(
                    email=f"bench-lists-talent-{k}@example.org",
                    role=Role.TALENT,
                    first_name=f"Talent{k}",
                    last_name="Bench",
                    preferred_language="ar",
                    password="!",
                    approval_status="approved",
                )
                for k in range(items)
            ]
        )
        mentors = list(User.objects.filter(email__startswith="bench-lists-mentor-").order_by("pk"))
        talents = list(User.objects.filter(email__startswith="bench-lists-talent-").order_by("pk"))
        started = now - timedelta(days=60)
        Connection.objects.bulk_create(
            [
                Connection(
                    kind="talent_mentor",
                    state=Connection.State.ACTIVE,
                    project=project,
                    talent=talent,
                    mentor=other,
                    created_at=started,
                    activated_at=started,
                )
                for other in mentors
            ]
            + [
                Connection(
                    kind="talent_mentor",
                    state=Connection.State.ACTIVE,
                    project=project,
                    talent=other,
                    mentor=mentor,
                    created_at=started,
                    activated_at=started,
                )
                for other in talents
            ]
        )
        threads = Thread.objects.bulk_create(
            [
                Thread(
                    user_low_id=min(talent.pk, other.pk),
                    user_high_id=max(talent.pk, other.pk),
                    created_at=started,
                    last_message_at=now - timedelta(minutes=k),
                )
                for k, other in enumerate(mentors)
            ]
        )
        threads = list(Thread.objects.filter(participants__isnull=True).order_by("pk"))
        ThreadParticipant.objects.bulk_create(
            [
                ThreadParticipant(thread=thread, user_id=user_id)
                for thread in threads
                for user_id in (thread.user_low_id, thread.user_high_id)
            ]
        )
        Message.objects.bulk_create(
            [
                Message(
                    thread=thread,
                    sender_id=thread.user_high_id,
                    body="Shall we meet on Thursday evening?",
                    created_at=thread.last_message_at,
                )
                for thread in threads
            ]
        )
        # The employer's pool: the generated talents publish their CV and work in logistics.
        profile, _created = EmployerProfile.objects.get_or_create(user=employer)
        profile.sectors.set([logistics])
        EmployerDetails.objects.update_or_create(
            user=employer, defaults={"places": ["Ghent"], "offers": ["jobs"], "blind_listings": True}
        )
        TalentProfile.objects.bulk_create(
            [
                TalentProfile(
                    user=other,
                    education_field="Industrial engineering",
                    dutch_level="B1",
                    key_areas_of_expertise="Warehouse planning; SAP; Lean",
                )
                for other in talents
                if not TalentProfile.objects.filter(user=other).exists()
            ]
        )
        through = TalentProfile.sectors.through
        through.objects.bulk_create(
            [
                through(talentprofile_id=p.pk, sector_id=logistics.pk)
                for p in TalentProfile.objects.filter(user__in=talents)
            ]
        )
        for other in talents:
            grant_consent(other, "cv_publication")
    employer.refresh_from_db()
    matching.reconcile_employer(employer)
    print(
        f"  {len(others)} people, {items} posts, threads, mentees and pool talents "
        f"({time.perf_counter() - began:.0f} s)",
        flush=True,
    )


# --- the app ----------------------------------------------------------------------------------


def build_app() -> None:
    if (DIST / "index.html").exists():
        return
    print("Building the app (npm run build)…", flush=True)
    subprocess.run(["npm", "run", "build"], cwd=APP, check=True, stdout=subprocess.DEVNULL)


def serve_app(page, origin: str) -> None:
    """The app's files from dist/ on the live server's origin; Helix's own paths go through."""

    def handle(route):
        path = urlsplit(route.request.url).path
        if path.startswith(HELIX_PATHS):
            return route.continue_()
        if path.endswith(("/sw.js", "/registerSW.js")):
            return route.fulfill(status=404, body="")
        file = (DIST / unquote(path).lstrip("/")).resolve()
        if not file.is_file() or DIST.resolve() not in file.parents:
            file = DIST / "index.html"
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return route.fulfill(status=200, body=file.read_bytes(), headers={"Content-Type": content_type})

    page.route(f"{origin}/**", handle)


def start_server() -> tuple[object, str]:
    """Django's live server (the tests' ``live_server``) on the benchmark's database, in a thread."""
    from django.test.testcases import LiveServerThread, _StaticFilesHandler

    server = LiveServerThread("127.0.0.1", _StaticFilesHandler, connections_override=None, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    return server, f"http://127.0.0.1:{server.port}"


class Calls:
    """The API calls of one screen load, by shape (ids replaced), and the failed ones."""

    def __init__(self, page):
        self.shapes: Counter[str] = Counter()
        self.failed: list[str] = []
        page.on("request", self._request)
        page.on("response", self._response)

    def _request(self, request):
        path = urlsplit(request.url).path
        if path.startswith("/api/v1/") and not path.startswith("/api/v1/pages/"):
            self.shapes[f"{request.method} {ID.sub('/{id}', path)}"] += 1

    def _response(self, response):
        path = urlsplit(response.url).path
        if path.startswith(("/api/", "/_allauth/")) and response.status >= 400:
            if not (path.endswith("/auth/session") and response.status == 401):
                self.failed.append(f"{response.request.method} {path} → {response.status}")

    def reset(self):
        self.shapes.clear()
        self.failed.clear()


def log_in(page, origin: str, email: str) -> None:
    page.goto(f"{origin}/account/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{origin}/account")
    page.evaluate("localStorage.setItem('helix-lang', 'en')")


def _rows(page, selector: str, n: int) -> float:
    """Wait until ``n`` rows are in the page; the page's clock (ms since navigation) then."""
    page.wait_for_function(
        "([s, n]) => document.querySelectorAll(s).length >= n", arg=[selector, n], polling="raf"
    )
    return page.evaluate("performance.now()")


def load_once(
    page, cdp, calls: Calls, origin: str, path: str, selector: str, paged: bool, items: int
) -> dict:
    """One load of a screen, measured."""
    calls.reset()
    page.goto(f"{origin}{path}")
    first = _rows(page, selector, min(FIRST_PAGE if paged else TARGET, items))
    figures = {"first_ms": round(first), "clicks": 0}
    if paged:
        more = page.locator("#main").get_by_role("button", name="Show more")
        while page.locator(selector).count() < min(TARGET, items):
            shown = page.locator(selector).count()
            more.click()
            _rows(page, selector, shown + 1)
            figures["clicks"] += 1
        figures["hundred_ms"] = round(page.evaluate("performance.now()"))
    page.wait_for_load_state("networkidle")
    after = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    observed = page.evaluate("window.__bench")
    detail = {shape: n for shape, n in calls.shapes.items() if "{id}" in shape}
    figures.update(
        rows=page.locator(selector).count(),
        api_calls=sum(calls.shapes.values()),
        most_per_detail=max(detail.values(), default=0),
        failed=list(calls.failed),
        calls=dict(calls.shapes),
        long_tasks=len(observed["longtasks"]),
        long_task_ms=round(sum(observed["longtasks"])),
        # Chromium counts these per document: since this navigation.
        layouts=int(after.get("LayoutCount", 0)),
        layout_ms=round(after.get("LayoutDuration", 0) * 1000, 1),
        style_recalcs=int(after.get("RecalcStyleCount", 0)),
        cls=round(observed["shift"], 3),
        # What moved (the elements Chromium names as a shift's sources), to find its cause.
        shifted=sorted(set(observed["shifted"])),
    )
    return figures


def measure(origin: str, items: int, repeat: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        pages = {}
        for role, email in PEOPLE.items():
            context = browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
            context.add_init_script(OBSERVE)
            page = context.new_page()
            page.set_default_timeout(60_000)
            serve_app(page, origin)
            calls = Calls(page)
            log_in(page, origin, email)
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            pages[role] = (page, cdp, calls)
        for case, role, path, selector, paged in SCREENS:
            page, cdp, calls = pages[role]
            load_once(page, cdp, calls, origin, path, selector, paged, items)  # warm-up
            runs = [load_once(page, cdp, calls, origin, path, selector, paged, items) for _ in range(repeat)]
            last = runs[-1]

            def p50(key, runs=runs):
                return round(statistics.median(run[key] for run in runs)) if key in runs[0] else None

            row = {
                "case": case,
                "path": path,
                "first_rows": min(FIRST_PAGE if paged else TARGET, items),
                "first_ms": p50("first_ms"),
                "hundred_ms": p50("hundred_ms") if paged else p50("first_ms"),
                "p50_ms": p50("hundred_ms") if paged else p50("first_ms"),  # bench/all.py's column
                "clicks": last["clicks"],
                "rows": last["rows"],
                "api_calls": last["api_calls"],
                "most_per_detail": last["most_per_detail"],
                "long_tasks": p50("long_tasks"),
                "long_task_ms": p50("long_task_ms"),
                "layouts": p50("layouts"),
                "layout_ms": statistics.median(run["layout_ms"] for run in runs),
                "style_recalcs": p50("style_recalcs"),
                "cls": max(run["cls"] for run in runs),
                "shifted": last["shifted"],
                "failed": sorted({f for run in runs for f in run["failed"]}),
                "calls": last["calls"],
                "runs": [{k: run[k] for k in ("first_ms", "hundred_ms") if k in run} for run in runs],
            }
            rows.append(row)
            print(
                f"  {case}: {row['first_ms']} ms first page, {row['hundred_ms']} ms to {TARGET} rows, "
                f"{row['api_calls']} API calls, "
                f"layout shift {row['cls']} ({', '.join(row['shifted']) or '-'})",
                flush=True,
            )
        browser.close()
    return rows


def main() -> None:
    parser = common_arguments(argparse.ArgumentParser(description=__doc__.splitlines()[0]), repeat=3)
    parser.add_argument("--items", type=int, default=120, help="rows in each long list (at least 100)")
    args = parser.parse_args()
    if args.items < TARGET:
        parser.error(f"--items must be at least {TARGET}")
    setup(args.database_url)
    build_app()
    generate(args.items)
    server, origin = start_server()
    try:
        rows = measure(origin, args.items, args.repeat)
    finally:
        server.terminate()
    columns = [
        ("screen", "case"),
        ("ms first page", "first_ms"),
        (f"ms to {TARGET} rows", "hundred_ms"),
        ("'Show more' clicks", "clicks"),
        ("API calls", "api_calls"),
        ("most calls to one detail", "most_per_detail"),
        ("long tasks", "long_tasks"),
        ("long-task ms", "long_task_ms"),
        ("layouts", "layouts"),
        ("layout ms", "layout_ms"),
        ("CLS", "cls"),
    ]
    print()
    print(table(columns, rows))
    failed = [f"{row['case']}: {row['failed']}" for row in rows if row["failed"]]
    per_row = [row["case"] for row in rows if row["most_per_detail"] > 3]
    if failed or per_row:
        print(f"\nFailed calls: {failed or 'none'}; fetched per row: {per_row or 'none'}")
    write_results(
        results_name("app-lists", args.tag),
        {"items": args.items, "repeat": args.repeat, "browser": CHROMIUM, "rows": rows},
    )


if __name__ == "__main__":
    main()
