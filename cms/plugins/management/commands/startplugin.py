"""``python manage.py startplugin NAME``: write a new, installable plugin package.

The package is rendered from ``cms/plugins/skeleton/``: every ``*.tmpl`` file
there is copied with its ``{{ variable }}`` placeholders filled in, every other
file (a Django template, which has ``{{ }}`` of its own) as it is. A folder named
``package`` becomes the package, one named ``plugin_id`` the plugin id
(``templates/<plugin_id>/``). The result is a separate distribution
(``helix-plugin-NAME``) with the one plugin layout of ``docs/plugins.md``, which
declares itself in the ``helix.plugins`` entry-point group, so installing it is
all it takes for Helix to find it.
"""

from __future__ import annotations

import importlib.util
import keyword
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.plugins.manager import CORE_PLUGIN_NAME

SKELETON_DIR = Path(__file__).resolve().parents[2] / "skeleton"
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")
TEMPLATE_SUFFIX = ".tmpl"
# Build and editor leftovers are never copied.
IGNORED = ("__pycache__", ".pyc", ".mo", ".DS_Store", "~")


def validate_name(name: str) -> None:
    """Refuse a plugin id that is malformed or already taken, saying why."""
    if not NAME_PATTERN.match(name):
        raise CommandError(
            f"'{name}' is not a valid plugin name: use 2 to 31 lowercase letters, digits "
            f"and underscores, starting with a letter (for example 'career_passport')."
        )
    if keyword.iskeyword(name):
        raise CommandError(f"'{name}' is a Python keyword; choose another plugin name.")
    if name == CORE_PLUGIN_NAME:
        raise CommandError(f"'{name}' is reserved for the Helix core's own hooks.")
    labels = {config.label for config in apps.get_app_configs()}
    if name in labels:
        raise CommandError(
            f"'{name}' is already the label of an installed app; plugin ids become app "
            f"labels and must be unique. Choose another name."
        )
    if name in getattr(settings, "HELIX_PLUGIN_DISCOVERY", {}):
        raise CommandError(f"An installed package already provides a plugin '{name}'.")
    if importlib.util.find_spec(package_name(name)) is not None:
        raise CommandError(f"A module '{package_name(name)}' is already importable here.")


def package_name(name: str) -> str:
    """The import name of the plugin's package."""
    return f"helix_{name}"


def template_context(name: str) -> dict[str, str]:
    """The values the skeleton's placeholders are filled with."""
    return {
        "plugin_id": name,
        "package": package_name(name),
        "distribution": f"helix-plugin-{name}",
        "verbose_name": name.replace("_", " ").capitalize(),
        "class_prefix": "".join(part.capitalize() for part in name.split("_")),
    }


def render(text: str, context: dict[str, str], source: Path) -> str:
    """Fill ``{{ variable }}`` placeholders; an unknown one is a skeleton bug."""

    def replace(match: re.Match) -> str:
        try:
            return context[match.group(1)]
        except KeyError:
            raise CommandError(f"{source}: unknown placeholder '{match.group(0)}'.") from None

    return PLACEHOLDER.sub(replace, text)


def target_path(relative: Path, context: dict[str, str]) -> Path:
    """Where a skeleton file goes: ``package/`` becomes the package, ``plugin_id/`` the plugin id,
    ``.tmpl`` drops off."""
    renamed = {"package": context["package"], "plugin_id": context["plugin_id"]}
    parts = [renamed.get(part, part) for part in relative.parts]
    parts[-1] = parts[-1].removesuffix(TEMPLATE_SUFFIX)
    if parts[-1] == "test_plugin.py":
        parts[-1] = f"test_{context['plugin_id']}.py"
    return Path(*parts)


def skeleton_files() -> list[Path]:
    """The files of the skeleton, without build and editor leftovers."""
    return sorted(
        path
        for path in SKELETON_DIR.rglob("*")
        if path.is_file() and not any(part.endswith(IGNORED) for part in path.relative_to(SKELETON_DIR).parts)
    )


def write_skeleton(name: str, destination: Path) -> list[Path]:
    """Render the skeleton into ``destination`` (which must not exist); return the files."""
    context = template_context(name)
    written = []
    destination.mkdir(parents=True)
    for source in skeleton_files():
        target = destination / target_path(source.relative_to(SKELETON_DIR), context)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.name.endswith(TEMPLATE_SUFFIX):
            target.write_text(render(source.read_text(encoding="utf-8"), context, source), "utf-8")
        else:
            target.write_bytes(source.read_bytes())
        written.append(target)
    return written


class Command(BaseCommand):
    help = (
        "Write a new Helix plugin package in the one plugin layout (a model, actions, selectors, "
        "an API, hooks, a periodic job, settings, demo data, an admin summary, translations, a "
        "migration and passing tests) into DIRECTORY/helix-plugin-NAME/."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "name", help="The plugin id: a lowercase identifier such as 'career_passport'."
        )
        parser.add_argument(
            "--directory",
            default=".",
            help="Where to create helix-plugin-NAME/ (default: the current directory).",
        )

    def handle(self, *args, **options) -> None:
        name = options["name"]
        validate_name(name)
        destination = Path(options["directory"]).expanduser().resolve() / f"helix-plugin-{name}"
        if destination.exists():
            raise CommandError(f"{destination} already exists; refusing to overwrite it.")
        written = write_skeleton(name, destination)
        self.stdout.write(self.style.SUCCESS(f"Created plugin '{name}' in {destination}"))
        for path in written:
            self.stdout.write(f"  {path.relative_to(destination)}")
        self.stdout.write(
            "\nNext steps:\n"
            f"  pip install -e {destination}\n"
            "  python manage.py migrate\n"
            f"  pytest {destination}\n"
            "See docs/plugins.md for the hooks a plugin can implement."
        )
