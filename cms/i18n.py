"""Compile the translation catalogues without GNU gettext: ``python -m cms.i18n compile``.

Every ``locale/<lang>/LC_MESSAGES/django.po`` under ``cms/``, ``api/`` and
``plugins/`` becomes the ``.mo`` Django reads. ``make`` runs it, so a fresh
clone has compiled catalogues without gettext tools installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def catalogues() -> list[Path]:
    """Every ``.po`` file of the project."""
    found: list[Path] = []
    for top in ("cms", "api", "plugins"):
        found.extend(sorted((ROOT / top).glob("**/locale/*/LC_MESSAGES/*.po")))
    return found


def compile_all() -> int:
    """Write a ``.mo`` beside each ``.po`` whose ``.mo`` is missing or older."""
    written = 0
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written += 1
    return written


if __name__ == "__main__":
    if sys.argv[1:] != ["compile"]:
        sys.exit("usage: python -m cms.i18n compile")
    count = compile_all()
    print(f"Compiled {count} translation catalogue(s).")
