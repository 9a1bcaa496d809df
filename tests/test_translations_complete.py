"""Every user-facing string ships in Dutch and Arabic.

Two checks: the committed catalogues hold a translation for every entry (none empty, none
fuzzy, the same placeholders as the English), and extracting the strings from today's code
finds nothing the catalogues lack (a new string without a translation fails here, not in
front of a user).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from cms.i18n import ROOT, catalogues

LANGUAGES = ("nl", "ar")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
SHIPPED = [p for p in catalogues() if "skeleton" not in p.parts]


def _label(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _problems(po: polib.POFile) -> list[str]:
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry.msgid!r}")
            continue
        if not entry.translated():
            found.append(f"untranslated: {entry.msgid!r}")
            continue
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if sorted(PLACEHOLDER.findall(text)) != wanted and not entry.msgid_plural:
                found.append(f"placeholders differ: {entry.msgid!r} -> {text!r}")
    return found


@pytest.mark.parametrize("path", SHIPPED, ids=_label)
def test_every_entry_is_translated(path):
    assert path.parent.parent.name in LANGUAGES
    assert _problems(polib.pofile(str(path))) == []


def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    """Extract the strings from a copy of the code and find each in a translated catalogue."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext (xgettext) is needed to extract the strings: apt-get install gettext")
    copy = tmp_path / "helix"
    ignore = shutil.ignore_patterns("tests", "migrations", "skeleton", "__pycache__", "*.mo")
    for top in ("cms", "api", "plugins"):
        shutil.copytree(ROOT / top, copy / top, ignore=ignore)
    # Strings outside an app with its own catalogue (api/) belong to the core's catalogue, as
    # LOCALE_PATHS says; here it must be the copy's, so the real one is never written.
    (copy / "i18n_settings.py").write_text(
        "from pathlib import Path\nfrom cms.settings import *  # noqa\n"
        "LOCALE_PATHS = [Path(__file__).parent / 'cms' / 'locale']\n"
    )
    args = ["-l", "nl", "-l", "ar", "--no-obsolete", "--settings", "i18n_settings"]
    # -P: the plugins' selectors.py must not shadow the standard library's selectors module.
    subprocess.run(
        [sys.executable, "-P", "-m", "django", "makemessages", *args],
        cwd=copy, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(copy)},
    )
    missing, seen = [], 0
    for extracted in sorted(copy.glob("**/locale/*/LC_MESSAGES/django.po")):
        relative = extracted.relative_to(copy)
        committed = ROOT / relative
        have = {}
        if committed.exists():
            have = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(committed)) if not e.obsolete}
        for entry in polib.pofile(str(extracted)):
            seen += 1
            known = have.get((entry.msgctxt, entry.msgid))
            if known is None or not known.translated() or "fuzzy" in known.flags:
                missing.append(f"{relative}: {entry.msgid!r}")
    assert seen > 500, "the extraction found too few strings: is the copy complete?"
    assert missing == [], "run makemessages and translate:\n" + "\n".join(missing)
