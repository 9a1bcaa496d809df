"""Write allauth's headless OpenAPI document (as served at /_allauth/openapi.yaml) to a file."""

from django.core.management.base import BaseCommand
from django.test import Client


class Command(BaseCommand):
    help = "Write the accounts API specification (allauth headless) to a file."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        answer = Client(SERVER_NAME="localhost").get("/_allauth/openapi.yaml")
        if answer.status_code != 200:
            raise SystemExit(f"allauth did not serve its specification ({answer.status_code}).")
        with open(options["path"], "wb") as handle:
            handle.write(answer.content)
        self.stdout.write(f"Wrote {options['path']}")
