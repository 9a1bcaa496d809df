"""``python manage.py privacy_record``: the per-model part of the record of processing."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms import privacy


class Command(BaseCommand):
    help = (
        "Print every model holding personal data (per core, plugin and library) with its fields and "
        "declared retention, as the generated section of docs/privacy.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--write", action="store_true", help="Replace the generated section of docs/privacy.md."
        )
        parser.add_argument(
            "--installed",
            action="store_true",
            help="Include every installed plugin (a partner's too), not only what Helix ships.",
        )

    def handle(self, *args, write: bool = False, installed: bool = False, **options):
        section = privacy.render(privacy.entries(installed=installed))
        if not write:
            self.stdout.write(section, ending="")
            return
        path = Path(settings.BASE_DIR) / "docs" / "privacy.md"
        try:
            document = path.read_text(encoding="utf-8")
            path.write_text(privacy.replace_section(document, section), encoding="utf-8")
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Wrote the record of processing to {path}.")
