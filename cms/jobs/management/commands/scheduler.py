"""Run the periodic-job scheduler. Start one or several (on several machines): they share a lease
in the database, and only its holder sends the jobs; another takes over when it dies."""

from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings
from django.core.management.base import BaseCommand

from cms.jobs import lease
from cms.jobs.periodic import add_jobs


class Command(BaseCommand):
    help = "Send the periodic jobs declared through periodic_jobs() on their schedules."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="List the jobs and exit.")
        parser.add_argument(
            "--lease-seconds",
            type=float,
            default=settings.HELIX_SCHEDULER_LEASE_SECONDS,
            help="How long the lease lasts without renewal (renewed every third of it).",
        )

    def handle(self, *args, **options):
        scheduler = BlockingScheduler()
        me, ttl = lease.holder_name(), options["lease_seconds"]
        state = {"leading": False}

        def renew() -> None:
            try:
                leading = lease.hold(me, ttl)
            except Exception:  # database away: stop sending until we hold the lease again
                leading = False
            if leading != state["leading"]:
                self.stdout.write(f"{'Holding' if leading else 'Waiting for'} the scheduler lease ({me}).")
            state["leading"] = leading

        jobs = add_jobs(scheduler, guard=lambda: state["leading"])
        for job in jobs:
            self.stdout.write(f"{job.cron:<16} {job.actor_name}  {job.description}")
        if options["list"]:
            return
        renew()
        scheduler.add_job(renew, "interval", seconds=max(ttl / 3, 0.2), id="helix.lease", max_instances=1)
        self.stdout.write(self.style.SUCCESS("Scheduler running; Ctrl+C to stop."))
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
        finally:
            if state["leading"]:
                lease.release(me)
