"""``manage.py startplugin`` writes a plugin that installs, is discovered and passes its tests;
``manage.py plugins`` lists what is installed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.organisations.actions import set_plugin_activation
from cms.organisations.models import Project
from cms.plugins import manager as plugin_manager

REPO_ROOT = Path(__file__).resolve().parent.parent
# The child process must not share the parent's database, broker or extra apps:
# it gets its own SQLite file and the in-process broker.
ISOLATED_VARIABLES = (
    "DATABASE_URL",
    "DRAMATIQ_BROKER_URL",
    "CACHE_URL",
    "HELIX_EXTRA_PLUGIN_APPS",
    "HELIX_TEST_SERVICES",
)


def child_env(tmp_path: Path, site: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ISOLATED_VARIABLES}
    env.update(
        PYTHONPATH=str(site),
        DJANGO_SETTINGS_MODULE="cms.settings",
        HELIX_PLUGINS="",
        HELIX_VAR_DIR=str(tmp_path / "var"),
    )
    return env


LAYOUT = ("__init__.py", "apps.py", "hooks.py", "actions.py", "models.py", "selectors.py", "api.py",
          "tasks.py", "conf.py", "seed.py", "wagtail_hooks.py", "templates", "locale", "migrations", "tests")


def test_startplugin_writes_a_plugin_that_installs_and_passes_its_tests(tmp_path):
    call_command("startplugin", "demo_notes", directory=tmp_path, stdout=StringIO())
    plugin_dir = tmp_path / "helix-plugin-demo_notes"
    pyproject = (plugin_dir / "pyproject.toml").read_text()
    assert '[project.entry-points."helix.plugins"]' in pyproject
    assert 'demo_notes = "helix_demo_notes"' in pyproject
    package = plugin_dir / "helix_demo_notes"
    assert sorted(path.name for path in package.iterdir()) == sorted(LAYOUT)  # docs/plugins.md's layout
    for name in ("migrations/0001_initial.py", "templates/demo_notes/admin/notes_summary.html",
                 "locale/nl/LC_MESSAGES/django.po", "locale/ar/LC_MESSAGES/django.po",
                 "tests/test_demo_notes.py"):
        assert (package / name).is_file(), name
    for path in package.rglob("*.py"):
        assert "{{" not in path.read_text(), path
    # a Django template keeps its own {{ }}
    assert "{{ counter }}" in (package / "templates/demo_notes/admin/notes_summary.html").read_text()

    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(site), str(plugin_dir)],
        check=True,
    )
    # Only the installed copy (package + dist-info with its entry point) is on the path.
    assert list(site.glob("helix_plugin_demo_notes-*.dist-info"))
    installed_tests = site / "helix_demo_notes" / "tests"
    assert (installed_tests / "test_demo_notes.py").is_file()
    env = child_env(tmp_path, site)

    migrations = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run", "demo_notes"],
        env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
    )
    assert migrations.returncode == 0, migrations.stdout + migrations.stderr

    # -c /dev/null and --rootdir: ignore Helix's own pytest settings (testpaths,
    # conftest files); pytest-django still loads through its entry point.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", os.devnull,
         "--rootdir", str(site), str(installed_tests)],
        env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    passed = re.search(r"(\d+) passed", result.stdout)
    assert passed and int(passed.group(1)) >= 9, output


@pytest.mark.parametrize(
    "name, reason",
    [
        ("Demo", "not a valid plugin name"),
        ("1demo", "not a valid plugin name"),
        ("d", "not a valid plugin name"),
        ("demo-notes", "not a valid plugin name"),
        ("x" * 32, "not a valid plugin name"),
        ("class", "Python keyword"),
        ("core", "reserved"),
        ("accounts", "label of an installed app"),
        ("helix_plugins", "label of an installed app"),
    ],
)
def test_startplugin_refuses_invalid_names(tmp_path, name, reason):
    with pytest.raises(CommandError, match=reason):
        call_command("startplugin", name, directory=tmp_path, stdout=StringIO())
    assert list(tmp_path.iterdir()) == []


def test_startplugin_refuses_to_overwrite_an_existing_directory(tmp_path):
    existing = tmp_path / "helix-plugin-demo_notes"
    existing.mkdir()
    (existing / "keep.txt").write_text("mine")

    with pytest.raises(CommandError, match="already exists"):
        call_command("startplugin", "demo_notes", directory=tmp_path, stdout=StringIO())

    assert [p.name for p in existing.iterdir()] == ["keep.txt"]


@pytest.fixture
def swapped_manager():
    """A plugin manager the test fills in; the real one is restored afterwards."""
    original = plugin_manager.get_manager()
    replacement = plugin_manager.HelixPluginManager()
    plugin_manager.set_manager(replacement)
    yield replacement
    plugin_manager.set_manager(original)


def fake_plugin(plugin_id: str, **info) -> SimpleNamespace:
    data = {"id": plugin_id, "name": plugin_id.title(), "version": "1.2.0", "requires": [],
            "description": "", "app": f"helix_{plugin_id}", **info}
    return SimpleNamespace(
        plugin_info=lambda: data, enabled_by_default=True, requires=tuple(data["requires"]),
        verbose_name=data["name"],
    )


@pytest.mark.django_db
def test_plugins_command_says_when_none_is_installed(swapped_manager):
    out = StringIO()
    call_command("plugins", stdout=out)
    assert out.getvalue().strip() == "No plugins installed."


@pytest.mark.django_db
def test_plugins_command_lists_plugins_and_the_projects_enabling_them(swapped_manager):
    swapped_manager.configs["career_passport"] = fake_plugin(
        "career_passport", requires=["mentoring"], description="Skills a talent can show."
    )
    default = Project.default()
    fair = Project.objects.create(name="Job fair 2026", slug="job-fair-2026")
    set_plugin_activation(fair, "career_passport", enabled=False)

    out = StringIO()
    call_command("plugins", stdout=out, no_color=True)

    text = out.getvalue()
    assert "career_passport 1.2.0  Career_Passport" in text
    assert "Skills a talent can show." in text
    assert "requires:   mentoring" in text
    assert f"enabled in: {default.slug} ({default.name})" in text
    assert "job-fair-2026" not in text
