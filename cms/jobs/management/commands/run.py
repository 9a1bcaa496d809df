"""Start Helix for development: the web server plus, on the embedded default,
the job worker and the scheduler in the same process."""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from cms.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Run the development server with its embedded worker and print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--noreload", action="store_true")

    def handle(self, *args, **options):
        base = f"http://{options['host']}:{options['port']}"
        in_child = os.environ.get("RUN_MAIN") == "true"
        if not in_child:
            self._banner(base)
        if settings.HELIX_EMBEDDED_BROKER and (in_child or options["noreload"]):
            from cms.jobs.embedded import start_embedded

            start_embedded()
        call_command(
            "runserver",
            f"{options['host']}:{options['port']}",
            use_reloader=not options["noreload"],
        )

    def _banner(self, base: str) -> None:
        line = "─" * 72
        out = self.stdout.write
        out(line)
        out(self.style.SUCCESS("Helix is starting"))
        out(f"  Site            {base}/")
        out(f"  Wagtail admin   {base}/admin/")
        out(f"  API docs        {base}/api/docs/")
        out(f"  Accounts API    {base}/_allauth/openapi.html")
        out(f"  Health          {base}/health/")
        out(f"  E-mails         {settings.HELIX_MAIL_DIR}/*.eml")
        out(line)
        out(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        for account in DEMO_ACCOUNTS:
            note = " (pending approval)" if account.approval != "approved" else ""
            out(f"  {account.role:<13} {account.email}{note}")
        out("  Admin second factor: run `.venv/bin/python manage.py totp_code` for the current code")
        out("  (or add secret HELIXDEMOTOTPSECRETFORADMINSONLY to an authenticator app).")
        worker = "embedded worker threads" if settings.HELIX_EMBEDDED_BROKER else "external workers"
        out(f"Jobs: {worker}; broker {'in-process' if settings.HELIX_EMBEDDED_BROKER else 'external'}.")
        out(line)
