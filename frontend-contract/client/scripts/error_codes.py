"""List the stable error codes of the Helix API, read from the Python sources (standard library only).

`npm run codes` writes them to src/generated/error-codes.json; test/errors.test.ts checks that the
client's HelixErrorCode union names exactly these codes, and (when python3 is present) that the
file is still what this script finds.

Where a code comes from, in the git-tracked, non-test files under api/, cms/ and plugins/:
- ``code = "..."`` in a class body (the HelixError subclasses of cms/errors.py);
- the values of ``CODES`` in api/errors.py (DRF's exceptions);
- the first argument of ``error_body("...")`` / ``_error_body("...")`` (api/errors.py, api/parsers.py);
- ``code="..."`` passed to a call (``HelixError(..., code=...)``, DRF's ``PermissionDenied(code=...)``,
  upload ``ValidationError(code=...)`` that api/views/me.py turns into the answer's code).
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
AREAS = ("api", "cms", "plugins")
ERROR_BODY = {"error_body", "_error_body"}


def sources(root: Path) -> list[Path]:
    """The Python files that make up the shipped code: tracked by git, not tests or migrations."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(root), "ls-files", "--", *AREAS], check=True, capture_output=True, text=True
        ).stdout.split()
        paths = [root / name for name in listed]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: every file
        paths = [path for area in AREAS for path in (root / area).rglob("*")]
    return sorted(
        path
        for path in paths
        if path.suffix == ".py"
        and path.is_file()
        and not {"tests", "migrations"} & set(path.relative_to(root).parts)
        and not path.name.startswith("test_")
    )


def _literal(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def codes_in(tree: ast.AST) -> set[str]:
    """The error codes one module sets or raises."""
    found: set[str | None] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                if isinstance(statement, ast.Assign) and any(
                    isinstance(target, ast.Name) and target.id == "code" for target in statement.targets
                ):
                    found.add(_literal(statement.value))
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "CODES" for target in node.targets
        ):
            if isinstance(node.value, ast.Dict):
                found.update(_literal(value) for value in node.value.values)
        elif isinstance(node, ast.Call):
            found.update(_literal(keyword.value) for keyword in node.keywords if keyword.arg == "code")
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in ERROR_BODY and node.args:
                found.add(_literal(node.args[0]))
    return {code for code in found if code}


def error_codes(root: Path = ROOT) -> list[str]:
    """Every stable error code, sorted."""
    found: set[str] = set()
    for path in sources(root):
        found |= codes_in(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    found.discard("error")  # HelixError's own default, never raised as such
    return sorted(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="write the JSON list here instead of printing it")
    parser.add_argument("--root", default=str(ROOT), help="the repository (default: this checkout)")
    args = parser.parse_args()
    text = json.dumps(error_codes(Path(args.root)), indent=2) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
