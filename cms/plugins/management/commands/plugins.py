"""``python manage.py plugins``: the installed plugins and the projects that enable them."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cms.plugins import get_manager


class Command(BaseCommand):
    help = "List the installed Helix plugins and, for each, the projects that enable it."

    def handle(self, *args, **options) -> None:
        manager = get_manager()
        if not manager.configs:
            self.stdout.write("No plugins installed.")
            return
        for plugin_id in sorted(manager.configs):
            self.write_plugin(manager.configs[plugin_id].plugin_info(), manager)

    def write_plugin(self, info: dict, manager) -> None:
        """One block per plugin: heading, description, requirements, enabling projects."""
        heading = f"{info['id']} {info['version']}"
        self.stdout.write(self.style.MIGRATE_HEADING(heading) + f"  {info['name']}")
        if info["description"]:
            self.stdout.write(f"  {info['description']}")
        self.stdout.write(f"  app:        {info['app']}")
        self.stdout.write(f"  requires:   {', '.join(info['requires']) or '-'}")
        projects = [
            f"{slug} ({name})"
            for slug, name in manager.enabled_projects(info["id"])
            .order_by("slug")
            .values_list("slug", "name")
        ]
        self.stdout.write(f"  enabled in: {', '.join(projects) or 'no project'}")
