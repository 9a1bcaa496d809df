"""Sending queued e-mail with 1, 2 and 4 dramatiq worker processes: how the sending side scales.

    .venv/bin/python bench/mail_workers.py                          # 5,000 recipients; 1, 2, 4 processes
    .venv/bin/python bench/mail_workers.py --recipients 2000 --processes 1,2 --threads 8

With bench/drill.py's machinery (services, SMTP sink, data, processes): a fresh PostgreSQL database
``helix_mailbench`` (migrated), a RabbitMQ virtual host ``helix_mailbench``, Redis database 5 as the
cache and an SMTP sink (aiosmtpd, in this process). ``--recipients`` people with newsletter consent
are generated once. Then, for each number of processes k (``--processes``), ``--rounds`` times:

1. the RabbitMQ queues of the virtual host are purged;
2. a fresh newsletter is fanned out in this process (``fan_out_newsletter``, what the job
   ``posts.newsletter_fanout`` runs): one shaped outbox row per recipient, dispatched to RabbitMQ
   when the transaction commits, so the queue is full before any worker runs (its time is reported
   apart, as "fan-out s");
3. ``manage.py rundramatiq --processes k --threads T`` starts, and the clock runs from its start
   until every mail row of that newsletter is done (``done_at``) and the sink has received every
   message (Message-ID and recipient, each once);
4. the workers stop (SIGTERM to their process group).

Reported per k: e-mails per second (start to last ``done_at``, worker start-up included), per
process, the speed-up over k = 1, the start-up (to the first ``done_at``), the steady rate (first
to last ``done_at``), and where the time went, from ``/proc``: CPU seconds of the worker processes,
of PostgreSQL and RabbitMQ (the whole servers: other work on the machine counts there too), of the
sink's thread, and how busy the machine's CPUs were; from ``pg_stat_database``, database sessions
and transactions per e-mail. Results: ``bench/results/mail-workers-postgresql[-<tag>].json``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import drill, harness

ROOT = drill.ROOT
DB_NAME = "helix_mailbench"
VHOST = "helix_mailbench"
CACHE_URL = "redis://127.0.0.1:6379/5"
LOG_DIR = ROOT / "var" / "mailbench"
TICK = os.sysconf("SC_CLK_TCK")
log = drill.log


# --- services and processes ---------------------------------------------------------------------


def environment(smtp_port: int, conn_max_age: int) -> dict:
    """The drill's environment on this benchmark's database, virtual host and cache, with
    production's outbox timings (no worker is killed here) and ``CONN_MAX_AGE``."""
    env = drill.environment(smtp_port, short=False)
    env.update(
        {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
            "DRAMATIQ_BROKER_URL": f"amqp://guest:guest@127.0.0.1:5672/{VHOST}",
            "CACHE_URL": CACHE_URL,
            "CONN_MAX_AGE": str(conn_max_age),
            "DEBUG": "false",
        }
    )
    for key in (
        "HELIX_OUTBOX_CLAIM_SECONDS",
        "HELIX_OUTBOX_RESEND_AFTER",
        "HELIX_JOB_MIN_BACKOFF_MS",
        "HELIX_SCHEDULER_LEASE_SECONDS",
    ):
        env.pop(key, None)
    return env


class Workers(drill.Fleet):
    """One ``rundramatiq`` at a time; its log in var/mailbench/workers-<k>.log."""

    log_dir = LOG_DIR

    def start_workers(self, processes: int, threads: int) -> int:
        name = f"workers-{processes}"
        self._start(
            name,
            [drill.PY, "manage.py", "rundramatiq", "--processes", str(processes), "--threads", str(threads)],
        )
        return self.procs[name].pid

    def stop(self) -> None:
        super().stop()
        self.procs.clear()


def queues() -> dict[str, int]:
    """The virtual host's queues and the messages waiting in each."""
    out = drill.sh(f"rabbitmqctl list_queues -p {VHOST} name messages -q --no-table-headers").stdout
    found = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            found[parts[0]] = int(parts[1])
    return found


def purge_queues() -> int:
    """Empty every queue of the virtual host; how many messages were left."""
    left = queues()
    for name in left:
        drill.sh(f"rabbitmqctl purge_queue -p {VHOST} {name} -q")
    return sum(left.values())


# --- CPU from /proc -----------------------------------------------------------------------------


def _stat(path: str, *, children: bool = True) -> tuple[str, int, int] | None:
    """(command, parent pid, CPU ticks) of a /proc stat file; ticks with reaped children's."""
    try:
        raw = Path(path).read_text()
    except OSError:
        return None
    comm = raw[raw.index("(") + 1 : raw.rindex(")")]
    fields = raw[raw.rindex(")") + 2 :].split()
    ticks = sum(int(v) for v in fields[11 : 15 if children else 13])  # utime stime [cutime cstime]
    return comm, int(fields[1]), ticks


def processes() -> dict[int, tuple[str, int, int]]:
    found = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            stat = _stat(f"/proc/{entry.name}/stat")
            if stat is not None:
                found[int(entry.name)] = stat
    return found


def tree(root: int, procs: dict) -> list[int]:
    """``root`` and its descendants."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in procs:
            found.append(pid)
            todo += [p for p, (_c, ppid, _t) in procs.items() if ppid == pid]
    return found


def tree_stats(root: int) -> dict[int, tuple[str, int, int]]:
    procs = processes()
    return {pid: procs[pid] for pid in tree(root, procs)}


def cpu_of(names: set[str], procs: dict) -> float:
    """CPU seconds of every process named one of ``names`` (with its reaped children): take the
    difference of two readings. A server process that exits is counted in its parent's."""
    return sum(ticks for comm, _ppid, ticks in procs.values() if comm in names) / TICK


def busy_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    idle = values[3] + values[4]  # idle, iowait
    return sum(values) - idle, sum(values)


def thread_cpu(thread) -> float:
    """CPU seconds of a thread of this process (the SMTP sink's)."""
    native = getattr(thread, "native_id", None)
    stat = _stat(f"/proc/self/task/{native}/stat", children=False) if native else None
    return stat[2] / TICK if stat else 0.0


def load() -> list[float]:
    return [round(v, 2) for v in os.getloadavg()]


# --- data ---------------------------------------------------------------------------------------


def new_newsletter(label: str):
    """A newsletter to everyone with consent: an intro in each language and one post."""
    from plugins.posts.models import Newsletter, NewsletterIntro, NewsletterItem, Post

    letter = Newsletter.objects.create(title=f"Mail bench {label}")
    for language, subject in (("en", "News"), ("nl", "Nieuws"), ("ar", "أخبار")):
        NewsletterIntro.objects.create(
            newsletter=letter, language=language, subject=f"{subject} {label}", intro="Hello.\n\nThis week."
        )
    post = Post.objects.filter(title="Drill: a new tool").first()
    if post is not None:
        NewsletterItem.objects.create(newsletter=letter, post=post)
    return letter


def queue_newsletter(label: str) -> dict:
    """Fan a fresh newsletter out in this process; its rows are dispatched to RabbitMQ on commit."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from plugins.posts.actions import fan_out_newsletter
    from plugins.posts.models import Newsletter

    letter = new_newsletter(label)
    Newsletter.objects.filter(pk=letter.pk).update(status=Newsletter.Status.SENDING, sent_at=timezone.now())
    letter.refresh_from_db()
    started = time.perf_counter()
    total = fan_out_newsletter(letter)
    seconds = time.perf_counter() - started
    rows = batch_rows(letter.pk)
    figures = rows.aggregate(
        rows=Count("pk"),
        shaped=Count("pk", filter=Q(payload__has_key="shape")),
        dispatched=Count("pk", filter=~Q(dispatched_at=None)),
    )
    if figures["rows"] != total or figures["dispatched"] != total:
        raise RuntimeError(f"fan-out of {total}: {figures} (a row not written or not dispatched)")
    return {
        "newsletter": letter.pk,
        "mails": total,
        "fan_out_s": seconds,
        "shaped": figures["shaped"],
    }


def batch_rows(newsletter_id: int):
    """The outbox rows of a newsletter's e-mails."""
    from cms.outbox.models import OutboxMessage
    from plugins.posts.models import NewsletterRecipient

    return OutboxMessage.objects.filter(
        pk__in=NewsletterRecipient.objects.filter(newsletter_id=newsletter_id).values("message")
    )


def expected(batch: dict) -> set[tuple[str, str]]:
    """(Message-ID, recipient) of every mail of the batch."""
    from cms.outbox.mail import message_id_for

    found = set()
    rows = batch_rows(batch["newsletter"]).values_list("pk", "payload")
    for pk, payload in rows.iterator(2000):
        for rcpt in payload["to"]:
            found.add((message_id_for(SimpleNamespace(pk=pk)), rcpt.lower()))
    return found


def pg_counters() -> tuple[int, int]:
    """(sessions, transactions) of this database since the statistics were reset."""
    from django.db import connection

    with connection.cursor() as cursor:
        try:
            cursor.execute("select pg_stat_force_next_flush()")
        except Exception:  # before PostgreSQL 15: figures may lag by a second
            pass
        cursor.execute(
            "select sessions, xact_commit + xact_rollback from pg_stat_database where datname = %s",
            [DB_NAME],
        )
        sessions, xacts = cursor.fetchone()
    return int(sessions or 0), int(xacts or 0)


# --- one run ------------------------------------------------------------------------------------


def run(k: int, threads: int, label: str, fleet: Workers, sink, controller, deadline: float) -> dict:
    from django.db.models import Max, Min

    left_before = purge_queues()
    batch = queue_newsletter(label)
    want = expected(batch)
    total = batch["mails"]
    rows = batch_rows(batch["newsletter"])
    log(f"  k={k}: {total} mails queued in {batch['fan_out_s']:.1f} s; starting the workers")

    sessions0, xacts0 = pg_counters()
    procs0 = processes()
    busy0, all0 = busy_ticks()
    sink0 = thread_cpu(controller._thread)
    received0 = sink.total()
    load_start = load()
    with harness.Statements() as mine:  # this process's own statements (the polling), taken out
        wall_start = time.time()
        started = time.monotonic()
        root = fleet.start_workers(k, threads)
        first: dict = {}  # the workers' CPU when the first mails were seen done: start-up, apart

        def all_done() -> bool:
            done = rows.filter(done_at__isnull=False).count()
            if done and not first:
                first.update(done=done, cpu=sum(p[2] for p in tree_stats(root).values()) / TICK)
            return done >= total

        finished = drill.poll(all_done, deadline=started + deadline, step=0.25, what="the outbox")
        drill.poll(lambda: sink.total() - received0 >= total, deadline=time.monotonic() + 10, step=0.1)
        observed = time.monotonic() - started
        procs1 = processes()
        busy1, all1 = busy_ticks()
        sink1 = thread_cpu(controller._thread)
        load_end = load()
        workers = {pid: procs1[pid][2] / TICK for pid in tree(root, procs1)}
        dead = fleet.dead()
    fleet.stop()
    time.sleep(1)  # the workers' sessions report their statistics as they end
    sessions1, xacts1 = pg_counters()
    left_after = purge_queues()

    times = rows.aggregate(first=Min("done_at"), last=Max("done_at"), dispatches=Max("dispatch_count"))
    done = rows.filter(done_at__isnull=False).count()
    with sink.lock:
        received = {key: sink.received[key] for key in want if key in sink.received}
    lost = len(want) - len(received)
    duplicated = sum(count - 1 for count in received.values())
    if finished and times["last"] is not None:
        seconds = times["last"].timestamp() - wall_start
        steady = (times["last"] - times["first"]).total_seconds()
        startup = times["first"].timestamp() - wall_start
    else:
        seconds, steady, startup = observed, None, None
    worker_cpu = sum(workers.values())
    mails = max(done, 1)
    result = {
        "processes": k,
        "threads": threads,
        "label": label,
        "mails": total,
        "shaped": batch["shaped"],
        "done": done,
        "finished": bool(finished),
        "fan_out_s": round(batch["fan_out_s"], 2),
        "seconds": round(seconds, 2),
        "observed_s": round(observed, 2),
        "mails_per_s": round(done / seconds, 1),
        "per_process": round(done / seconds / k, 1),
        "startup_s": round(startup, 2) if startup is not None else None,
        "steady_mails_per_s": round((done - 1) / steady, 1) if steady else None,
        "worker_cpu_s": round(worker_cpu, 2),
        "worker_cpu_ms_per_mail": round(worker_cpu * 1000 / mails, 2),
        "worker_cores": round(worker_cpu / seconds, 2),
        # After the first mails were done: the sending alone, without importing Django k times.
        "worker_startup_cpu_s": round(first["cpu"], 2) if first else None,
        "worker_steady_cpu_ms_per_mail": (
            round((worker_cpu - first["cpu"]) * 1000 / max(done - first["done"], 1), 2) if first else None
        ),
        "worker_process_cpu_s": sorted((round(v, 2) for v in workers.values()), reverse=True),
        "postgres_cpu_ms_per_mail": round(
            (cpu_of({"postgres"}, procs1) - cpu_of({"postgres"}, procs0)) * 1000 / mails, 2
        ),
        "rabbitmq_cpu_ms_per_mail": round(
            (cpu_of({"beam.smp"}, procs1) - cpu_of({"beam.smp"}, procs0)) * 1000 / mails, 2
        ),
        "sink_cpu_ms_per_mail": round((sink1 - sink0) * 1000 / mails, 2),
        "machine_busy_pct": round(100 * (busy1 - busy0) / max(all1 - all0, 1), 1),
        "load_start": load_start,
        "load_end": load_end,
        "pg_sessions": sessions1 - sessions0,
        "pg_xacts_per_mail": round((xacts1 - xacts0 - mine.count) / mails, 2),
        "most_dispatches": times["dispatches"],
        "delivered": len(received),
        "lost": lost,
        "duplicated": duplicated,
        "queue_left_before": left_before,
        "queue_left_after": left_after,
        "dead_early": dead,
    }
    log(
        f"  k={k}: {done}/{total} done in {result['seconds']} s ({result['mails_per_s']}/s; steady "
        f"{result['steady_mails_per_s']}/s), {result['worker_steady_cpu_ms_per_mail']} worker CPU ms a mail, "
        f"machine {result['machine_busy_pct']}% busy, lost {lost}, duplicated {duplicated}"
    )
    return result


def versions() -> dict:
    found = {}
    for name in ("django", "dramatiq", "django-dramatiq", "pika", "psycopg", "aiosmtpd"):
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = None
    rabbit = drill.sh("rabbitmqctl version", check=False).stdout.strip()
    found["rabbitmq"] = rabbit.splitlines()[-1] if rabbit else None
    return found


COLUMNS = [
    ("processes", "processes"),
    ("threads", "threads"),
    ("e-mails", "mails"),
    ("seconds", "seconds"),
    ("e-mails/s", "mails_per_s"),
    ("per process", "per_process"),
    ("speed-up", "speedup"),
    ("start-up s", "startup_s"),
    ("steady e-mails/s", "steady_mails_per_s"),
    ("steady speed-up", "steady_speedup"),
]
WHERE = [
    ("processes", "processes"),
    ("worker CPU ms/mail", "worker_cpu_ms_per_mail"),
    ("of which start-up s", "worker_startup_cpu_s"),
    ("steady worker CPU ms/mail", "worker_steady_cpu_ms_per_mail"),
    ("worker cores used", "worker_cores"),
    ("PostgreSQL CPU ms/mail", "postgres_cpu_ms_per_mail"),
    ("RabbitMQ CPU ms/mail", "rabbitmq_cpu_ms_per_mail"),
    ("sink CPU ms/mail", "sink_cpu_ms_per_mail"),
    ("machine busy %", "machine_busy_pct"),
    ("load at end", "load_end_1m"),
    ("DB sessions", "pg_sessions"),
    ("DB transactions/mail", "pg_xacts_per_mail"),
    ("lost", "lost"),
    ("duplicated", "duplicated"),
]


def summarise(runs: list[dict]) -> list[dict]:
    """One row per number of processes: its median run (by e-mails per second), with the speed-ups
    over one process."""
    rows = []
    for k in sorted({r["processes"] for r in runs}):
        mine = sorted((r for r in runs if r["processes"] == k), key=lambda r: r["mails_per_s"])
        row = dict(mine[(len(mine) - 1) // 2])
        row["rounds"] = len(mine)
        row["load_end_1m"] = row["load_end"][0]
        rows.append(row)
    base = next((r for r in rows if r["processes"] == 1), None)
    for row in rows:
        row["speedup"] = round(row["mails_per_s"] / base["mails_per_s"], 2) if base else None
        if base and base["steady_mails_per_s"] and row["steady_mails_per_s"]:
            row["steady_speedup"] = round(row["steady_mails_per_s"] / base["steady_mails_per_s"], 2)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, default=5_000, help="e-mails per run")
    parser.add_argument("--processes", default="1,2,4", help="worker processes to measure, in order")
    parser.add_argument("--threads", type=int, default=4, help="threads per process (docs/operations.md: 4)")
    parser.add_argument("--rounds", type=int, default=1, help="runs per number of processes (the median)")
    parser.add_argument(
        "--conn-max-age", type=int, default=60, help="CONN_MAX_AGE of the workers (production's example: 60)"
    )
    parser.add_argument("--deadline", type=float, default=900, help="seconds a run may take")
    parser.add_argument("--tag", help="write bench/results/mail-workers-postgresql-<tag>.json")
    parser.add_argument("--keep", action="store_true", help="keep the database and the vhost afterwards")
    args = parser.parse_args()
    counts = [int(v) for v in args.processes.split(",") if v.strip()]

    load_start = load()
    smtp_port = drill.free_port()
    env = environment(smtp_port, args.conn_max_age)
    sink, controller = drill.start_sink(smtp_port)
    log(f"SMTP sink on 127.0.0.1:{smtp_port}; preparing {DB_NAME} and vhost {VHOST} (load {load_start})")
    drill.prepare_services(DB_NAME, VHOST)
    fleet = Workers(env)
    status = 1
    try:
        subprocess.run(
            [drill.PY, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=900,
        )
        drill.django_setup(env)
        log(f"Creating {args.recipients} recipients with newsletter consent")
        drill.generate(args.recipients, 0, 0)
        runs = []
        for round_ in range(args.rounds):
            for k in counts:
                runs.append(run(k, args.threads, f"r{round_}-k{k}", fleet, sink, controller, args.deadline))
        rows = summarise(runs)
        payload = {
            "recipients": args.recipients,
            "processes": counts,
            "threads": args.threads,
            "rounds": args.rounds,
            "conn_max_age": args.conn_max_age,
            "load_average_start": load_start,
            "load_average_end": load(),
            "versions": versions(),
            "summary": rows,
            "runs": runs,
        }
        harness.write_results(harness.results_name("mail-workers", args.tag), payload)
        print()
        print(harness.table(COLUMNS, rows))
        print()
        print(harness.table(WHERE, rows))
        print(
            f"\nLoad average {load_start} at the start, {payload['load_average_end']} at the end; "
            f"{os.cpu_count()} CPUs; {datetime.now(UTC):%Y-%m-%d}"
        )
        bad = [r for r in runs if not r["finished"] or r["lost"]]
        status = 1 if bad else 0
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
                drill.drop_services(DB_NAME, VHOST)
            except Exception as exc:
                log(f"Could not drop {DB_NAME}/{VHOST}: {exc}")
    return status


if __name__ == "__main__":
    sys.exit(main())
