"""Benchmark: messaging with 1,000,000 messages, and the meeting-reminder scan over 100,000 meetings.

    .venv/bin/python bench/mentoring.py                  # SQLite file in var/bench-mentoring.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helix_bench_mentoring .venv/bin/python bench/mentoring.py
    .venv/bin/python bench/mentoring.py --messages 1000000 --meetings 100000 --repeat 20

The first run generates the data (talents, mentors, an active talent–mentor match and a thread
per pair, the messages, the meetings with their participants) with bulk inserts and keeps the
database, so later runs only measure. Sending is measured with real commits and undone after;
the unread-message e-mail run and the reminder scan are rolled back. Reports p50/p95 latency,
queries per request and the ratio to the floor (bench/harness.py) for the thread endpoints, time,
queries and e-mails queued for the two jobs; writes bench/results/mentoring-<db>.json (``--tag``
adds a suffix).
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
from bench.harness import Rollback

WORDS = {
    "en": "hello thanks meeting tomorrow interview vacancy diploma recognition course network employer "
    "application letter cv feedback language dutch practice week great question answer call".split(),
    "nl": "hallo bedankt afspraak morgen sollicitatie vacature diploma erkenning cursus netwerk werkgever "
    "brief cv feedback taal nederlands oefenen week goed vraag antwoord bellen".split(),
    "ar": "مرحبا شكرا موعد غدا مقابلة وظيفة شهادة معادلة دورة شبكة صاحب_عمل رسالة سيرة ملاحظات "
    "لغة الهولندية تمرين أسبوع جيد سؤال جواب اتصال".split(),
}
BATCH = 20_000


def setup(database_url: str | None) -> None:
    harness.setup("bench-mentoring.sqlite3", database_url)


# --- data -------------------------------------------------------------------------------------


def generate_people(n_talents: int, n_mentors: int, busy: int) -> None:
    """Talents and mentors; each talent has two mentors (a volunteer and a coach), and the first
    ``busy`` talents also have ``bench-mentor-0``, the user with many threads. An active
    talent_mentor match and a thread (with its two sides) per pair."""
    from django.db import transaction
    from django.utils import timezone

    from cms.accounts.models import Role, User
    from cms.connections.models import Connection as Match
    from cms.organisations.models import Project
    from plugins.messaging.models import Thread, ThreadParticipant

    if Thread.objects.exists():
        return
    rng = random.Random(11)
    now = timezone.now()
    print(f"Generating {n_talents} talents, {n_mentors} mentors, their matches and threads…", flush=True)
    with transaction.atomic():
        project = Project.default()
        users = [
            User(
                email=f"bench-mentor-{k}@example.org",
                role=Role.MENTOR,
                first_name=f"Mentor{k}",
                last_name="Bench",
                preferred_language=rng.choice(["en", "nl", "nl", "ar"]),
                password="!",
            )
            for k in range(n_mentors)
        ] + [
            User(
                email=f"bench-talent-{k}@example.org",
                role=Role.TALENT,
                first_name=f"Talent{k}",
                last_name="Bench",
                preferred_language=rng.choice(["en", "nl", "ar", "ar"]),
                password="!",
            )
            for k in range(n_talents)
        ]
        User.objects.bulk_create(users, batch_size=2000)
        ids = dict(User.objects.filter(email__startswith="bench-").values_list("email", "pk"))
        mentors = [ids[f"bench-mentor-{k}@example.org"] for k in range(n_mentors)]
        talents = [ids[f"bench-talent-{k}@example.org"] for k in range(n_talents)]
        pairs = []
        for n, talent in enumerate(talents):
            chosen = rng.sample(mentors[1:], 2)
            if n < busy:
                chosen.append(mentors[0])
            pairs.extend((talent, mentor) for mentor in chosen)
        Match.objects.bulk_create(
            [
                Match(
                    kind="talent_mentor",
                    state=Match.State.ACTIVE,
                    project=project,
                    talent_id=talent,
                    mentor_id=mentor,
                    created_at=now - timedelta(days=400),
                    activated_at=now - timedelta(days=399),
                )
                for talent, mentor in pairs
            ],
            batch_size=2000,
        )
        Thread.objects.bulk_create(
            [
                Thread(user_low_id=min(pair), user_high_id=max(pair), created_at=now - timedelta(days=399))
                for pair in pairs
            ],
            batch_size=2000,
        )
        sides = []
        for thread_id, low, high in Thread.objects.order_by("pk").values_list(
            "pk", "user_low_id", "user_high_id"
        ):
            sides += [
                ThreadParticipant(thread_id=thread_id, user_id=low),
                ThreadParticipant(thread_id=thread_id, user_id=high),
            ]
        ThreadParticipant.objects.bulk_create(sides, batch_size=5000)
    print(f"  {len(users)} users, {len(pairs)} matches and threads", flush=True)


def join_role_groups() -> None:
    """Put the generated people in their role's group: what their role may do (capabilities such
    as ``messaging.write_message``) is that group's permissions. Idempotent, for databases
    generated before capabilities."""
    from django.contrib.auth.models import Group

    from cms.accounts.models import User

    through = User.groups.through
    for role in ("talent", "mentor"):
        group = Group.objects.get_or_create(name=role)[0]
        missing = User.objects.filter(email__startswith=f"bench-{role}-").exclude(groups=group)
        pks = missing.values_list("pk", flat=True)
        through.objects.bulk_create([through(user_id=pk, group_id=group.pk) for pk in pks])


def generate_messages(n_messages: int) -> bool:
    """``n_messages`` over the threads, oldest first over the past year (so ids follow time).

    Thread sizes are skewed (log-normal): most conversations are short, a few run to thousands.
    Returns whether messages were added."""
    from django.db import connection, transaction
    from django.utils import timezone

    from plugins.messaging.models import Message, Thread

    existing = Message.objects.count()
    if existing >= n_messages:
        return False
    print(f"Generating {n_messages - existing} messages…", flush=True)
    threads = list(Thread.objects.order_by("pk").values_list("pk", "user_low_id", "user_high_id"))
    rng = random.Random(13)
    weights = [rng.lognormvariate(0, 1.2) for _ in threads]
    cumulative, total = [], 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    now = timezone.now()
    start, span = now - timedelta(days=365), timedelta(days=365) - timedelta(minutes=15)
    languages = ["en", "nl", "ar"]
    table = Message._meta.db_table
    sql = f"INSERT INTO {table} (thread_id, sender_id, body, created_at) VALUES (%s, %s, %s, %s)"
    began = time.perf_counter()
    while existing < n_messages:
        size = min(BATCH, n_messages - existing)
        batch_rng = random.Random(existing)
        chosen = batch_rng.choices(threads, cum_weights=cumulative, k=size)
        rows = []
        for k, (thread_id, low, high) in enumerate(chosen):
            moment = start + span * ((existing + k) / n_messages)
            words = WORDS[languages[(thread_id + low) % 3]]
            body = " ".join(batch_rng.choices(words, k=batch_rng.choice((3, 5, 8, 12, 20, 40))))
            rows.append(
                (thread_id, low if batch_rng.random() < 0.5 else high, body.capitalize() + ".", moment)
            )
        # Raw executemany: the bulk insert without building a million model instances.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                sql, [(t, s, b, connection.ops.adapt_datetimefield_value(m)) for t, s, b, m in rows]
            )
        existing += size
        if existing % 100_000 == 0 or existing == n_messages:
            print(f"  {existing} ({time.perf_counter() - began:.0f} s)", flush=True)
    return True


def generate_read_state(force: bool) -> None:
    """Who has read what, who was e-mailed about what, and the messaging settings.

    Everyone has read their threads up to the newest message, except 15% of the sides, which
    have 1–10 unread messages from the other side; half of those were e-mailed about them
    already. Half of the users have messaging settings (10% of them with e-mails off)."""
    from django.db import transaction
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    from cms.accounts.models import User
    from plugins.messaging.models import Message, MessagingSettings, Thread, ThreadParticipant

    if MessagingSettings.objects.exists() and not force:
        return
    print("Setting threads' last message, read and notified state…", flush=True)
    rng = random.Random(17)
    now = timezone.now()
    newest = Message.objects.filter(thread=OuterRef("thread")).order_by("-id").values("id")[:1]
    with transaction.atomic():
        Thread.objects.update(
            last_message_at=Subquery(
                Message.objects.filter(thread=OuterRef("pk")).order_by("-id").values("created_at")[:1]
            )
        )
        ThreadParticipant.objects.update(
            last_read_id=Coalesce(Subquery(newest), 0), notified_up_to_id=0, notified_at=None
        )
        sides = list(ThreadParticipant.objects.order_by("pk"))
        changed = []
        for side in rng.sample(sides, len(sides) * 15 // 100):
            k = rng.choice((1, 1, 2, 2, 3, 4, 5, 10))
            theirs = list(
                Message.objects.filter(thread_id=side.thread_id)
                .exclude(sender_id=side.user_id)
                .order_by("-id")
                .values_list("id", flat=True)[:k]
            )
            if not theirs:
                continue
            mine = (
                Message.objects.filter(thread_id=side.thread_id, sender_id=side.user_id)
                .order_by("-id")
                .values_list("id", flat=True)
                .first()
                or 0
            )
            side.last_read_id = max(mine, theirs[-1] - 1)
            if rng.random() < 0.5:
                side.notified_up_to_id, side.notified_at = (
                    theirs[0],
                    now - timedelta(hours=rng.randint(2, 48)),
                )
            changed.append(side)
        ThreadParticipant.objects.bulk_update(
            changed, ["last_read_id", "notified_up_to_id", "notified_at"], batch_size=500
        )
        users = list(
            User.objects.filter(email__startswith="bench-").order_by("pk").values_list("pk", flat=True)
        )
        MessagingSettings.objects.bulk_create(
            [
                MessagingSettings(
                    user_id=pk,
                    email_notifications=rng.random() >= 0.1,
                    last_seen_at=now - timedelta(minutes=rng.randint(60, 30 * 24 * 60)),
                )
                for pk in rng.sample(users, len(users) // 2)
            ],
            batch_size=2000,
        )
    print(f"  {len(changed)} sides with unread messages", flush=True)


def generate_meetings(n_meetings: int) -> None:
    """Meetings of the matches over the past month and the next, with their two participants.

    Past meetings were reminded already; 5% are cancelled; 5% of the talents said no."""
    from django.db import transaction
    from django.utils import timezone

    from cms.connections.models import Connection as Match
    from cms.organisations.models import Project
    from plugins.mentoring.models import Meeting, MeetingParticipant

    existing = Meeting.objects.count()
    if existing >= n_meetings:
        return
    print(f"Generating {n_meetings - existing} meetings…", flush=True)
    project = Project.default()
    matches = list(Match.objects.order_by("pk").values_list("pk", "talent_id", "mentor_id"))
    now = timezone.now().replace(second=0, microsecond=0)
    through = Meeting.matches.through
    Response = MeetingParticipant.Response
    while existing < n_meetings:
        size = min(5000, n_meetings - existing)
        rng = random.Random(existing)
        chosen, meetings = [], []
        for n in range(existing, existing + size):
            match = rng.choice(matches)
            starts = now + timedelta(minutes=15 * rng.randint(-30 * 96, 30 * 96))
            meetings.append(
                Meeting(
                    uid=f"bench-{n}@helix",
                    project=project,
                    planner_id=match[2],
                    title=f"Mentoring session {n}",
                    agenda="Follow-up of the action plan.",
                    domain=rng.choice(
                        ["career", "network", "language", "education", "workplace", "wellbeing"]
                    ),
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=1),
                    place=rng.choice(["", "Library, Ghent", "VDAB Antwerp"]),
                    online_url="https://meet.example.org/bench" if rng.random() < 0.4 else "",
                    status=Meeting.Status.CANCELLED if rng.random() < 0.05 else Meeting.Status.SCHEDULED,
                    reminded_for=starts if starts < now else None,
                    created_at=starts - timedelta(days=rng.randint(2, 20)),
                )
            )
            chosen.append(match)
        with transaction.atomic():
            Meeting.objects.bulk_create(meetings, batch_size=1000)
            ids = dict(Meeting.objects.filter(uid__in=[m.uid for m in meetings]).values_list("uid", "pk"))
            participants, links = [], []
            for meeting, (match_id, talent, mentor) in zip(meetings, chosen, strict=True):
                pk = ids[meeting.uid]
                answer = rng.choices([Response.PENDING, Response.YES, Response.NO], weights=[50, 45, 5])[0]
                participants += [
                    MeetingParticipant(meeting_id=pk, user_id=mentor, response=Response.YES),
                    MeetingParticipant(meeting_id=pk, user_id=talent, response=answer),
                ]
                links.append(through(meeting_id=pk, connection_id=match_id))
            MeetingParticipant.objects.bulk_create(participants, batch_size=2000)
            through.objects.bulk_create(links, batch_size=2000)
        existing += size
        if existing % 20_000 == 0 or existing == n_meetings:
            print(f"  {existing}", flush=True)




# --- measuring --------------------------------------------------------------------------------


def measure(client, url: str, repeat: int) -> dict:
    """p50/p95 latency, queries and floor of a GET (bench/harness.py)."""
    return harness.measure(client, url, repeat)


def measure_send(client, thread, sender, repeat: int) -> dict:
    """POST a message ``repeat`` times (each commits, as in production), then undo the sends."""
    from plugins.messaging.models import Message, Thread, ThreadParticipant

    url = f"/api/v1/threads/{thread.public_id}/messages/"
    before = Message.objects.order_by("-id").values_list("id", flat=True).first()
    saved_thread = Thread.objects.values("last_message_at", "is_open").get(pk=thread.pk)
    saved_side = ThreadParticipant.objects.values("pk", "last_read_id").get(thread=thread, user=sender)
    sent = iter(range(10**9))
    request = {"content_type": "application/json"}

    def send():
        data = {"body": f"Benchmark message {next(sent)}: see you on Tuesday."}
        answer = client.post(url, data, **request)
        assert answer.status_code == 201, (url, answer.status_code, answer.content[:300])
        return answer

    try:
        figures = harness.timed(send, repeat)  # the first one warms up
    finally:
        Message.objects.filter(thread=thread, id__gt=before).delete()
        Thread.objects.filter(pk=thread.pk).update(**saved_thread)
        ThreadParticipant.objects.filter(pk=saved_side["pk"]).update(last_read_id=saved_side["last_read_id"])
    answer = figures.pop("last")
    body = {"body": "Benchmark message: see you on Tuesday."}
    floor = harness.measure_floor(client, answer, repeat, method="post", data=body, **request)
    return {
        "url": url,
        "median_ms": figures["p50_ms"],
        **figures,
        "results": 1,
        **floor,
        "ratio": round(figures["p50_ms"] / floor["floor_ms"], 2) if floor["floor_ms"] else None,
    }


def _job_figures(counted: harness.Statements) -> dict:
    """A job's statements, time in SQL and slowest statement, under this table's names."""
    figures = counted.figures()
    kept = ("sql_seconds", "slowest_ms", "slowest")
    return {"queries": figures["statements"], **{k: figures[k] for k in kept}}


def notification_run() -> dict:
    """One run of the unread-message e-mails, inside a transaction that is rolled back after."""
    from django.db import transaction

    from cms.outbox.models import OutboxMessage
    from plugins.messaging.actions import send_unread_notifications

    result = {}
    try:
        with transaction.atomic():
            rows = OutboxMessage.objects.count()
            with harness.Statements() as captured:
                start = time.perf_counter()
                queued = send_unread_notifications()
                seconds = time.perf_counter() - start
            result = {
                "queued": queued,
                "outbox_rows": OutboxMessage.objects.count() - rows,
                "seconds": round(seconds, 2),
                **_job_figures(captured),
                "per_email_ms": round(seconds * 1000 / queued, 2) if queued else None,
            }
            raise Rollback
    except Rollback:
        pass
    return result


def reminder_runs() -> dict:
    """Two runs of the reminder scan, back to back, inside one transaction rolled back after."""
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from cms.outbox.models import OutboxMessage
    from plugins.mentoring import conf
    from plugins.mentoring.actions.meetings import send_meeting_reminders
    from plugins.mentoring.models import Meeting

    now = timezone.now()
    due = (
        Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED,
            starts_at__gt=now,
            starts_at__lte=now + timedelta(hours=conf.get("reminder_hours_before")),
        )
        .exclude(reminded_for=F("starts_at"))
        .count()
    )
    runs = []
    try:
        with transaction.atomic():
            for _ in range(2):
                rows = OutboxMessage.objects.count()
                with harness.Statements() as captured:
                    start = time.perf_counter()
                    queued = send_meeting_reminders()
                    seconds = time.perf_counter() - start
                runs.append(
                    {
                        "queued": queued,
                        "outbox_rows": OutboxMessage.objects.count() - rows,
                        "seconds": round(seconds, 2),
                        **_job_figures(captured),
                        "per_email_ms": round(seconds * 1000 / queued, 2) if queued else None,
                    }
                )
            raise Rollback
    except Rollback:
        pass
    return {"meetings": Meeting.objects.count(), "due": due, "first": runs[0], "second": runs[1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--talents", type=int, default=2000)
    parser.add_argument("--mentors", type=int, default=500)
    parser.add_argument("--busy", type=int, default=500, help="threads of the busy mentor (bench-mentor-0)")
    harness.common_arguments(parser, repeat=20)
    parser.add_argument("--skip-jobs", action="store_true", help="measure the endpoints only")
    args = parser.parse_args()
    setup(args.database_url)

    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from cms.accounts.models import User
    from plugins.messaging.models import Message, Thread, ThreadParticipant

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    generate_people(args.talents, args.mentors, args.busy)
    join_role_groups()
    added = generate_messages(args.messages)
    generate_read_state(force=added)
    generate_meetings(args.meetings)
    harness.analyze()
    generated = round(time.perf_counter() - began, 1)
    if generated > 5:
        print(f"Generated in {generated} s", flush=True)

    engine = harness.engine()
    messages, threads = Message.objects.count(), Thread.objects.count()
    busy = User.objects.get(email="bench-mentor-0@example.org")
    talent = User.objects.filter(email__startswith="bench-talent-").order_by("-pk").first()  # not busy's
    busy_threads = ThreadParticipant.objects.filter(user=busy).count()
    # The busy mentor's longest conversation: reading its newest 50 must not depend on its length.
    longest = (
        Thread.objects.filter(participants__user=busy).annotate(n=Count("messages")).order_by("-n").first()
    )
    ids = list(Message.objects.filter(thread=longest).order_by("-id").values_list("id", flat=True)[:61])
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(busy)
    base = f"/api/v1/threads/{longest.public_id}/messages/"
    cases = {
        f"thread list, {busy_threads} threads, page 20": "/api/v1/threads/?page_size=20",
        f"thread list, {busy_threads} threads, page 100": "/api/v1/threads/?page_size=100",
        f"messages, newest 50 ({longest.n} in thread)": base,
        "messages, ?after= cursor (next 50)": f"{base}?after={ids[-1]}",
        "messages, ?after= newest (poll, nothing new)": f"{base}?after={ids[0]}",
    }
    rows = [{"case": name, **measure(client, url, args.repeat)} for name, url in cases.items()]
    rows.append({"case": "send a message (POST)", **measure_send(client, longest, busy, args.repeat)})
    few = Client(HTTP_ACCEPT_LANGUAGE="ar")
    few.force_login(talent)
    n_few = ThreadParticipant.objects.filter(user=talent).count()
    rows.insert(
        2,
        {
            "case": f"thread list, talent with {n_few} threads",
            **measure(few, "/api/v1/threads/", args.repeat),
        },
    )
    print(f"\n{messages} messages in {threads} threads ({engine}), {args.repeat} requests per case\n")
    print(harness.table([*harness.REQUEST_COLUMNS, ("results", "results")], rows))
    lists = [row["queries"] for row in rows if row["url"].startswith("/api/v1/threads/?page_size")]
    if len(set(lists)) != 1:
        print(f"\nWARNING: the thread list's queries grow with the page size: {lists}")

    jobs = {}
    if not args.skip_jobs:
        print("\nUnread-message e-mails (one run, rolled back)…", flush=True)
        jobs["notifications"] = notification_run()
        n = jobs["notifications"]
        print("| s | queries | in SQL (s) | slowest statement (ms) | e-mails queued | ms per e-mail |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        print(
            f"| {n['seconds']} | {n['queries']} | {n['sql_seconds']} | {n['slowest_ms']} ({n['slowest']}) | "
            f"{n['queued']} | {n['per_email_ms']} |"
        )
        print("\nMeeting reminders (two runs, rolled back)…", flush=True)
        jobs["reminders"] = r = reminder_runs()
        print(f"{r['meetings']} meetings, {r['due']} due in the next 24 hours\n")
        print(
            "| run | s | queries | in SQL (s) | slowest statement (ms) | reminders queued | ms per reminder |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name in ("first", "second"):
            run = r[name]
            per = run["per_email_ms"] or "–"
            print(
                f"| {name} | {run['seconds']} | {run['queries']} | {run['sql_seconds']} | "
                f"{run['slowest_ms']} ({run['slowest']}) | {run['queued']} | {per} |"
            )
    harness.write_results(
        harness.results_name("mentoring", args.tag),
        {
            "messages": messages,
            "threads": threads,
            "engine": engine,
            "repeat": args.repeat,
            "rows": rows,
            **jobs,
        },
    )

if __name__ == "__main__":
    main()
