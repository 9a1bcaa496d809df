"""Every hook is documented in docs/plugins.md and has a ``test_hook_<name>`` test
(datasette's ``tests/test_docs.py`` does the same for its plugin hooks)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from cms.plugins import hookspecs

REPO_ROOT = Path(__file__).resolve().parent.parent
PLUGIN_DOCS = REPO_ROOT / "docs" / "plugins.md"
TESTS_DIR = REPO_ROOT / "tests"


def hook_names() -> list[str]:
    """The hooks of the contract: functions carrying pluggy's ``helix_spec`` marker."""
    return sorted(
        name
        for name, obj in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(obj, "helix_spec")
    )


HOOKS = hook_names()


def test_hookspecs_are_found():
    assert "api_routes" in HOOKS
    assert "erase_user_data" in HOOKS


@pytest.fixture(scope="module")
def documented_hooks() -> set[str]:
    return set(re.findall(r"^### (\w+)\(", PLUGIN_DOCS.read_text(encoding="utf-8"), re.M))


@pytest.fixture(scope="module")
def test_sources() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in TESTS_DIR.rglob("*.py"))


@pytest.mark.parametrize("hook", HOOKS)
def test_plugin_hooks_are_documented(hook, documented_hooks):
    assert hook in documented_hooks, f"docs/plugins.md has no '### {hook}(' section"


def test_documented_hooks_exist(documented_hooks):
    assert documented_hooks <= set(HOOKS), (
        f"docs/plugins.md documents hooks that do not exist: {documented_hooks - set(HOOKS)}"
    )


@pytest.mark.parametrize("hook", HOOKS)
def test_plugin_hooks_have_tests(hook, test_sources):
    pattern = rf"def test_hook_{hook}\b"
    assert re.search(pattern, test_sources), f"no 'def test_hook_{hook}' under tests/"
