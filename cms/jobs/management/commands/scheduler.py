"""Run the periodic-job scheduler (one process per installation)."""

from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.management.base import BaseCommand

from cms.jobs.periodic import add_jobs


class Command(BaseCommand):
    help = "Send the periodic jobs declared through periodic_jobs() on their schedules."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="List the jobs and exit.")

    def handle(self, *args, **options):
        scheduler = BlockingScheduler()
        jobs = add_jobs(scheduler)
        for job in jobs:
            self.stdout.write(f"{job.cron:<16} {job.actor_name}  {job.description}")
        if options["list"]:
            return
        self.stdout.write(self.style.SUCCESS("Scheduler running; Ctrl+C to stop."))
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
