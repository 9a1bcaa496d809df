"""The fault drill: real processes, real services, real SMTP, and crashes on purpose.

Starts two gunicorn web processes, three dramatiq workers and two schedulers against a fresh
PostgreSQL database (``helix_drill``), a RabbitMQ virtual host of its own (``helix_drill``, so
other test runs on the same broker never take its messages) and Redis; an SMTP sink (aiosmtpd,
in this process) records the Message-ID and recipient of every mail it accepts. Then it sends a
newsletter to ``--recipients`` people, queues ``--reminders`` meeting reminders and a weekly
digest, SIGKILLs a random worker ``--kills`` times (each restarted at once), restarts RabbitMQ
and PostgreSQL once, waits for the outbox to drain (bounded), and counts: mails expected,
delivered, lost, duplicated, the time to drain, outbox rows left. Results go to
``bench/results/drill-<date>.json`` (``drill-<date>-short.json`` for ``--short``). Exit status 1
when a mail is lost or the outbox does not drain in time (duplicates are reported, not failed:
SMTP cannot be exactly-once).

    .venv/bin/python bench/drill.py                # 20,000 recipients, 5,000 reminders, 10 kills
    .venv/bin/python bench/drill.py --short        # CI: 500 / 100 / one kill, no restarts
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
if not Path(PY).exists():
    PY = sys.executable
DB_NAME = "helix_drill"
VHOST = "helix_drill"
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
LOG_DIR = ROOT / "var" / "drill"


def log(text: str) -> None:
    stamp = datetime.now(UTC).strftime("%H:%M:%S")
    print(f"[{stamp}] {text}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def poll(condition, *, deadline: float, step: float = 0.5, what: str = "") -> bool:
    """Poll ``condition`` until it is true or ``deadline`` (monotonic) passes."""
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except Exception as exc:  # a service restarting: try again
            log(f"  (waiting for {what}: {type(exc).__name__})")
        time.sleep(step)
    return False


# --- SMTP sink ---------------------------------------------------------------------------------

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>\r\n]+>)", re.IGNORECASE | re.MULTILINE)


class Sink:
    """Records (Message-ID, recipient) of every accepted message."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received: Counter = Counter()
        self.without_id = 0

    async def handle_DATA(self, server, session, envelope):
        headers = envelope.content.split(b"\r\n\r\n", 1)[0]
        found = MESSAGE_ID.search(headers)
        with self.lock:
            if found is None:
                self.without_id += 1
            else:
                mid = found.group(1).decode()
                for rcpt in envelope.rcpt_tos:
                    self.received[(mid, rcpt.lower())] += 1
        return "250 Message accepted for delivery"

    def total(self) -> int:
        with self.lock:
            return sum(self.received.values())


def start_sink(port: int):
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    return sink, controller


# --- services ----------------------------------------------------------------------------------


def sh(command: str, *, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(command, shell=True, check=check, timeout=timeout, capture_output=True, text=True)


def pg_cluster() -> str:
    return sorted(os.listdir("/etc/postgresql"))[-1]


def restart_postgres() -> None:
    sh(f"pg_ctlcluster --skip-systemctl-redirect {pg_cluster()} main restart", timeout=180)


def restart_rabbitmq() -> None:
    sh("rabbitmqctl stop_app", timeout=180)
    sh("rabbitmqctl start_app", timeout=180)


def psql(sql: str) -> None:
    sh(f'psql "{PG_ADMIN}" -v ON_ERROR_STOP=1 -q -c "{sql}"')


def prepare_services(db: str = DB_NAME, vhost: str = VHOST) -> None:
    """A fresh database ``db`` and RabbitMQ virtual host ``vhost`` (the drill's by default)."""
    psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    psql(f"CREATE DATABASE {db}")
    sh(f"rabbitmqctl delete_vhost {vhost}", check=False)
    sh(f"rabbitmqctl add_vhost {vhost}")
    sh(f'rabbitmqctl set_permissions -p {vhost} guest ".*" ".*" ".*"')


def drop_services(db: str = DB_NAME, vhost: str = VHOST) -> None:
    psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    sh(f"rabbitmqctl delete_vhost {vhost}", check=False)


def environment(smtp_port: int, *, short: bool) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings",
            "HELIX_ENV": "development",  # production wants a real SECRET_KEY and HTTPS; the mail is real
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
            "DRAMATIQ_BROKER_URL": f"amqp://guest:guest@127.0.0.1:5672/{VHOST}",
            "CACHE_URL": "redis://127.0.0.1:6379/3",
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING",
            # A killed worker's claim on a mail row expires sooner than in production (90 s), and
            # the sweep resends sooner (120 s), so recovery fits in a drill; the mechanism is the same.
            "HELIX_OUTBOX_CLAIM_SECONDS": "15",
            # Short: the backlog drains in seconds, so resending after 20 s duplicates no queued work.
            "HELIX_OUTBOX_RESEND_AFTER": "20" if short else "60",
            "HELIX_JOB_MIN_BACKOFF_MS": "1000",
            "HELIX_SCHEDULER_LEASE_SECONDS": "15",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


class Fleet:
    """The processes of the drill; each in its own session so a kill takes its children too."""

    log_dir = LOG_DIR  # where each process's output goes (``<name>.log``); a subclass may change it

    def __init__(self, env: dict):
        self.env = env
        self.procs: dict[str, subprocess.Popen] = {}
        self.web_ports: list[int] = []
        self.log_dir.mkdir(parents=True, exist_ok=True)

    def _start(self, name: str, args: list[str]) -> None:
        out = open(self.log_dir / f"{name}.log", "ab")
        self.procs[name] = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start_worker(self, n: int) -> None:
        self._start(f"worker-{n}", [PY, "manage.py", "rundramatiq", "--processes", "1", "--threads", "4"])

    def start_all(self) -> None:
        for n in range(2):
            port = free_port()
            self.web_ports.append(port)
            gunicorn = str(Path(PY).parent / "gunicorn")
            self._start(f"web-{n}", [gunicorn, "-w", "1", "-b", f"127.0.0.1:{port}", "cms.wsgi:application"])
        for n in range(3):
            self.start_worker(n)
        for n in range(2):
            self._start(f"scheduler-{n}", [PY, "manage.py", "scheduler"])

    def kill_worker(self, rng: random.Random) -> str:
        name = rng.choice([n for n in self.procs if n.startswith("worker-")])
        proc = self.procs[name]
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=30)
        self.start_worker(int(name.split("-")[1]))
        return name

    def dead(self) -> list[str]:
        return [name for name, proc in self.procs.items() if proc.poll() is not None]

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        end = time.monotonic() + 20
        for proc in self.procs.values():
            try:
                proc.wait(timeout=max(0.1, end - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


def web_ok(port: int) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5) as response:
            return response.status == 200
    except Exception:
        return False


# --- data (in this process, through Django) ------------------------------------------------------


def django_setup(env: dict) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import cms.outbox.tasks  # noqa: F401  (declare the actors on this process's broker)
    import plugins.mentoring.tasks  # noqa: F401
    import plugins.posts.tasks  # noqa: F401


def generate(n_recipients: int, n_reminders: int, n_digests: int) -> dict:
    """Recipients with newsletter consent (bulk), meetings in the reminder window with one
    participant each, one fresh post for the digest, and the newsletter."""
    from django.db import transaction
    from django.utils import timezone

    from cms.accounts.demo import seed_core_demo
    from cms.accounts.models import Consent, Role, User
    from cms.organisations.models import PluginActivation, Project
    from plugins.mentoring.models import Meeting, MeetingParticipant
    from plugins.posts.models import DigestSubscription, Newsletter, NewsletterIntro, Post

    seed_core_demo()
    project = Project.default()
    for plugin in ("posts", "mentoring"):
        PluginActivation.objects.update_or_create(
            project=project, plugin_id=plugin, defaults={"enabled": True}
        )
    # The demo accounts must not receive anything: the figures count the drill's people only.
    Consent.objects.all().delete()
    rng = random.Random(5)
    now = timezone.now()
    ids: list[int] = []
    for start in range(0, n_recipients, 5000):
        size = min(5000, n_recipients - start)
        with transaction.atomic():
            users = [
                User(
                    email=f"drill-{start + k}@example.org",
                    role=Role.TALENT,
                    first_name=f"Drill{start + k}",
                    preferred_language=rng.choice(["en", "nl", "ar"]),
                    password="!",
                )
                for k in range(size)
            ]
            User.objects.bulk_create(users)
            batch = list(
                User.objects.filter(email__in=[u.email for u in users])
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            Consent.objects.bulk_create(
                [Consent(user_id=pk, purpose="newsletter", version="drill") for pk in batch]
            )
            ids += batch
    # The weekly digest goes to the first n_digests; the others switched it off.
    DigestSubscription.objects.bulk_create(
        [
            DigestSubscription(user_id=pk, frequency=DigestSubscription.Frequency.OFF)
            for pk in ids[n_digests:]
        ],
        batch_size=5000,
    )
    author = User.objects.get(email="mentor@helix.example")
    Post.objects.create(
        type="tool",
        locale="en",
        author=author,
        link="https://www.vdab.be",
        title="Drill: a new tool",
        summary="Something new for the digest.",
        body="<p>New.</p>",
        organisation_name="VDAB",
        published_at=now - timedelta(hours=1),
    )
    meetings = []
    for n in range(n_reminders):
        starts = now + timedelta(hours=2, minutes=n % 600)
        meetings.append(
            Meeting(
                uid=f"drill-{n}@helix",
                project=project,
                title=f"Drill session {n}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
            )
        )
    with transaction.atomic():
        Meeting.objects.bulk_create(meetings, batch_size=2000)
        pks = list(
            Meeting.objects.filter(uid__startswith="drill-").order_by("pk").values_list("pk", flat=True)
        )
        MeetingParticipant.objects.bulk_create(
            [
                MeetingParticipant(
                    meeting_id=pk, user_id=ids[n % len(ids)], response=MeetingParticipant.Response.YES
                )
                for n, pk in enumerate(pks)
            ],
            batch_size=5000,
        )
    letter = Newsletter.objects.create(title="Drill")
    NewsletterIntro.objects.create(newsletter=letter, language="en", subject="Drill", intro="Hello.")
    return {"newsletter": letter.pk, "admin": "admin@helix.example"}


def start_sending(newsletter_id: int) -> None:
    """What an editor's "send" and the scheduler's next runs do: the newsletter's fan-out job,
    the meeting reminder scan and the digest run (sent now rather than at their cron minute)."""
    import dramatiq
    from django.db import transaction
    from django.utils import timezone

    from cms.outbox.api import enqueue
    from plugins.posts.models import Newsletter

    with transaction.atomic():
        Newsletter.objects.filter(pk=newsletter_id).update(
            status=Newsletter.Status.SENDING, sent_at=timezone.now()
        )
        enqueue(
            "posts.newsletter_fanout",
            payload={"newsletter": newsletter_id},
            key=f"posts:newsletter-fanout:{newsletter_id}",
        )
    broker = dramatiq.get_broker()
    broker.get_actor("mentoring.send_meeting_reminders").send()
    broker.get_actor("posts.send_digests").send()


def outbox_figures() -> dict:
    from django.db import connection
    from django.db.models import Count, Max, Q

    from cms.outbox.mail import MAIL_ACTOR
    from cms.outbox.models import OutboxMessage

    try:
        figures = OutboxMessage.objects.aggregate(
            mails=Count("pk", filter=Q(actor_name=MAIL_ACTOR)),
            left=Count("pk", filter=Q(done_at=None)),
            failed=Count("pk", filter=~Q(failed_at=None)),
            most_dispatches=Max("dispatch_count"),
        )
    except Exception:
        connection.close()  # PostgreSQL restarting: a new connection next time
        raise
    return figures


def expected_messages() -> dict[tuple[str, str], str]:
    """(Message-ID, recipient) of every mail row, with what kind of mail it is."""
    from cms.outbox.mail import MAIL_ACTOR, message_id_for
    from cms.outbox.models import OutboxMessage

    found = {}
    for row in (
        OutboxMessage.objects.filter(actor_name=MAIL_ACTOR).only("pk", "key", "payload").iterator(2000)
    ):
        kind = row.key.split(":")[1] if row.key.count(":") else "other"
        for rcpt in row.payload["to"]:
            found[(message_id_for(row), rcpt.lower())] = kind
    return found


# --- the drill ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, default=20_000)
    parser.add_argument("--reminders", type=int, default=5_000)
    parser.add_argument(
        "--digests", type=int, default=None, help="digest recipients (default: min(recipients, 2000))"
    )
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--no-broker-restart", action="store_true")
    parser.add_argument("--no-db-restart", action="store_true")
    parser.add_argument(
        "--short", action="store_true", help="one kill, 500 recipients, 100 reminders, no restarts"
    )
    parser.add_argument(
        "--deadline", type=float, default=None, help="seconds to drain (default 150 short, 1800 full)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database and the vhost afterwards")
    args = parser.parse_args()
    if args.short:
        args.recipients, args.reminders, args.kills = 500, 100, 1
        args.no_broker_restart = args.no_db_restart = True
    digests = min(args.recipients, 2000 if args.digests is None else args.digests)
    if args.short and args.digests is None:
        digests = 100
    deadline_seconds = args.deadline or (150 if args.short else 1800)
    expected_total = args.recipients + args.reminders + digests
    rng = random.Random()
    command = " ".join(["bench/drill.py", *sys.argv[1:]])

    smtp_port = free_port()
    env = environment(smtp_port, short=args.short)
    sink, controller = start_sink(smtp_port)
    log(f"SMTP sink on 127.0.0.1:{smtp_port}; preparing {DB_NAME} and vhost {VHOST}")
    prepare_services()
    fleet = Fleet(env)
    status = 1
    try:
        subprocess.run(
            [PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=600
        )
        django_setup(env)
        log(f"Creating {args.recipients} recipients, {args.reminders} meetings, {digests} digest subscribers")
        made = generate(args.recipients, args.reminders, digests)
        fleet.start_all()
        if not poll(
            lambda: all(web_ok(p) for p in fleet.web_ports), deadline=time.monotonic() + 60, what="web"
        ):
            raise RuntimeError("the web processes did not answer /health/")
        log(f"Two web processes answer /health/ on {fleet.web_ports}; three workers, two schedulers")
        started = time.monotonic()
        start_sending(made["newsletter"])
        deadline = started + deadline_seconds
        kills: list[str] = []
        restarts: list[str] = []
        plan = ["kill"] * args.kills
        if not args.no_broker_restart:
            plan.insert(len(plan) // 3, "rabbitmq")
        if not args.no_db_restart:
            plan.insert(2 * len(plan) // 3, "postgresql")
        gap = (3.0, 8.0) if args.short else (5.0, 15.0)
        next_fault = time.monotonic() + rng.uniform(*gap)

        def drained() -> bool:
            figures = outbox_figures()
            return figures["mails"] >= expected_total and figures["left"] == 0

        drained_at = None
        last_report = 0.0
        while time.monotonic() < deadline:
            if plan and time.monotonic() >= next_fault:
                fault = plan.pop(0)
                if fault == "kill":
                    kills.append(fleet.kill_worker(rng))
                    log(f"SIGKILL {kills[-1]} (kill {len(kills)}/{args.kills}); restarted")
                elif fault == "rabbitmq":
                    log("Restarting RabbitMQ…")
                    restart_rabbitmq()
                    restarts.append("rabbitmq")
                    log("RabbitMQ is back")
                else:
                    log("Restarting PostgreSQL…")
                    restart_postgres()
                    restarts.append("postgresql")
                    log("PostgreSQL is back")
                next_fault = time.monotonic() + rng.uniform(*gap)
            try:
                done = not plan and drained()
            except Exception:
                done = False
            if done:
                drained_at = time.monotonic()
                break
            if time.monotonic() - last_report > 10:
                last_report = time.monotonic()
                try:
                    figures = outbox_figures()
                except Exception:
                    figures = {}
                log(
                    f"  rows {figures.get('mails', '?')}/{expected_total}, "
                    f"not done {figures.get('left', '?')}, received {sink.total()}"
                )
            time.sleep(0.5)
        # Let the sink take what is still on the wire (a bounded wait, not a fixed sleep).
        poll(lambda: sink.total() >= expected_total, deadline=time.monotonic() + 5, what="sink")
        figures = outbox_figures()
        expected = expected_messages()
        with sink.lock:
            received = dict(sink.received)
        delivered = sum(1 for key in expected if key in received)
        lost_keys = [key for key in expected if key not in received]
        lost = len(lost_keys) + max(0, expected_total - len(expected))  # rows never written count too
        duplicated = sum(count - 1 for key, count in received.items() if count > 1)
        unexpected = sum(1 for key in received if key not in expected)
        kinds = Counter(expected.values())
        result = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": f".venv/bin/python {command}",
            "recipients": args.recipients,
            "reminders": args.reminders,
            "digests": digests,
            "worker_kills": len(kills),
            "restarts": restarts,
            "mails_expected": expected_total,
            "mail_rows": len(expected),
            "by_kind": dict(kinds),
            "delivered": delivered,
            "lost": lost,
            "duplicated": duplicated,
            "unexpected": unexpected + sink.without_id,
            "smtp_messages_received": sink.total(),
            "drained": drained_at is not None,
            "drain_seconds": round((drained_at or time.monotonic()) - started, 1),
            "deadline_seconds": deadline_seconds,
            "outbox_rows_left": figures["left"],
            "outbox_rows_failed": figures["failed"],
            # The sweep re-dispatches rows still waiting in the queue; at HELIX_OUTBOX_MAX_ATTEMPTS
            # (10) it gives up on them: how close the drill came.
            "most_dispatches_of_a_row": figures["most_dispatches"],
            "processes_dead_at_end": fleet.dead(),
        }
        suffix = "-short" if args.short else ""  # a CI run does not overwrite the day's full drill
        out = ROOT / "bench" / "results" / f"drill-{datetime.now(UTC):%Y-%m-%d}{suffix}.json"
        out.write_text(json.dumps(result, indent=2) + "\n")
        rows = [
            ("mails expected", expected_total),
            ("delivered (distinct Message-ID per recipient)", delivered),
            ("lost", lost),
            ("duplicated (same Message-ID again)", duplicated),
            (
                "time to drain (s)",
                result["drain_seconds"] if result["drained"] else f"not drained in {deadline_seconds}",
            ),
            ("outbox rows left (not done)", figures["left"]),
            ("worker SIGKILLs", len(kills)),
            ("service restarts", ", ".join(restarts) or "none"),
        ]
        print()
        print("| figure | value |\n| --- | ---: |")
        for name, value in rows:
            print(f"| {name} | {value} |")
        print(f"\nWritten to {out.relative_to(ROOT)}")
        if lost:
            print(f"LOST: {lost_keys[:10]}", file=sys.stderr)
        status = 0 if (lost == 0 and drained_at is not None) else 1
    finally:
        fleet.stop()
        controller.stop()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:
            pass
        if not args.keep:
            try:
                drop_services()
            except Exception as exc:
                log(f"Could not drop {DB_NAME}/{VHOST}: {exc}")
    return status


if __name__ == "__main__":
    sys.exit(main())
