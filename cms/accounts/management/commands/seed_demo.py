"""Load the demo accounts, organisation and project, then every plugin's demo content."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.accounts.demo import seed_core_demo
from cms.pages.seed import seed_pages
from cms.plugins import hooks


class Command(BaseCommand):
    help = "Load demo content in English, Dutch and Arabic (idempotent; development only)."

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options.get("force"):
            raise CommandError("seed_demo creates accounts with known passwords; not in production.")
        users = seed_core_demo()
        pages = seed_pages()
        self.stdout.write(
            f"Information pages: {len(pages.created)} created, {len(pages.translated)} translations, "
            f"{len(pages.kept)} kept as they were."
        )
        locales = [code for code, _name in settings.LANGUAGES]
        hooks().seed_demo(locales=locales)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({len(users)} demo accounts)."))

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow in production.")
