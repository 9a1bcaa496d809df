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


# --- the guide names only what exists ---------------------------------------------------------------
# Inline code (`...`) outside fenced blocks: dotted names of Helix's packages and of the partner
# example must import, and paths of this repository must exist. Fenced examples are sketches.
CHECKED_PACKAGES = ("cms", "api", "plugins", "helix_language_buddy")
DOTTED_NAME = re.compile(rf"^((?:{'|'.join(CHECKED_PACKAGES)})(?:\.\w+)+)(?:\(.*\))?$")
PATH = re.compile(r"^[\w.\-]+(?:/[\w.\-]+)*/?$")
FILE_NAME = re.compile(r"\.(?:py|md|toml|txt|ya?ml|json|html|po)$")  # `api.py` is a file, not a module


def inline_code(markdown: str) -> list[str]:
    """The inline code spans of ``markdown``, fenced blocks left out."""
    prose = re.sub(r"^```.*?^```", "", markdown, flags=re.M | re.S)
    return re.findall(r"`([^`\n]+)`", prose)


def resolves(dotted: str) -> bool:
    """Whether ``dotted`` is an importable module, or an attribute (chain) of one."""
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


def repo_path(span: str) -> bool:
    """A path of this repository: relative, with a slash, starting with one of its top folders."""
    if "/" not in span or not PATH.match(span):
        return False
    return (REPO_ROOT / span.split("/", 1)[0]).is_dir()


def test_code_references_exist():
    spans = inline_code(PLUGIN_DOCS.read_text(encoding="utf-8"))
    names = {m.group(1) for span in spans if (m := DOTTED_NAME.match(span)) and not FILE_NAME.search(span)}
    paths = {span for span in spans if repo_path(span)}
    # the extraction finds what the guide names (a guard against a regex that matches nothing)
    assert {"cms.connections.selectors.are_connected", "cms.errors.HelixError"} <= names
    assert {"cms/plugins/hookspecs.py", "tests/plugins/language_buddy/"} <= paths
    missing_names = sorted(name for name in names if not resolves(name))
    missing_paths = sorted(path for path in paths if not (REPO_ROOT / path).exists())
    assert not missing_names, f"docs/plugins.md names what does not import: {missing_names}"
    assert not missing_paths, f"docs/plugins.md names files that do not exist: {missing_paths}"
