"""Check the seed content files: ``python cms/pages/content/check.py [FILE ...]``.

Every translated value is a mapping with the keys ``en``, ``nl`` and ``ar``, none empty;
paragraph lists have the same number of paragraphs in every language (the translations are
aligned paragraph by paragraph); page keys are unique and parents exist.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

LANGS = ("en", "nl", "ar")
HERE = Path(__file__).parent
PARAGRAPH_FIELDS = {"text", "prepare", "session", "answer", "support"}
PAGE_TYPES = {
    "HomePage",
    "RoadmapIndexPage",
    "RoadmapStepPage",
    "SectorIndexPage",
    "SectorPathPage",
    "StudyIndexPage",
    "StudyTopicPage",
    "OrganisationsIndexPage",
    "OrganisationPage",
    "MentoringPage",
    "FaqPage",
    "ArticlePage",
}
BLOCK_TYPES = {
    "practical_information",
    "tips",
    "facts",
    "testimonial",
    "useful_link",
    "tool",
    "latest_posts",
    "steps",
    "mentoring_domain",
    "question",
}


CORE_KEYS = {"home", "roadmap", "sectors", "study", "organisations", "mentoring"}


def is_translated(value) -> bool:
    return isinstance(value, dict) and set(value) == set(LANGS)


def check_translated(value, where: str, errors: list[str], paragraphs: bool = False) -> None:
    if not is_translated(value):
        errors.append(f"{where}: expected a mapping with exactly en, nl, ar; got {value!r:.80}")
        return
    if paragraphs:
        lengths = {lang: len(value[lang]) if isinstance(value[lang], list) else -1 for lang in LANGS}
        if -1 in lengths.values():
            errors.append(f"{where}: paragraphs must be lists of strings in every language")
        elif len(set(lengths.values())) != 1:
            errors.append(f"{where}: paragraph counts differ between languages {lengths}")
        else:
            for lang in LANGS:
                for i, para in enumerate(value[lang]):
                    if not isinstance(para, str) or not para.strip():
                        errors.append(f"{where}.{lang}[{i}]: empty paragraph")
    else:
        for lang in LANGS:
            if not isinstance(value[lang], str) or not value[lang].strip():
                errors.append(f"{where}.{lang}: empty or not a string")


def walk(value, where: str, errors: list[str]) -> None:
    """Check every translated mapping below ``value``."""
    if isinstance(value, dict):
        if is_translated(value) or set(value) & set(LANGS):
            key = where.rsplit(".", 1)[-1]
            check_translated(value, where, errors, paragraphs=key in PARAGRAPH_FIELDS)
            return
        for key, item in value.items():
            walk(item, f"{where}.{key}", errors)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            walk(item, f"{where}[{i}]", errors)


def check(paths: list[Path]) -> list[str]:
    errors: list[str] = []
    keys: dict[str, str] = {}
    parents: list[tuple[str, str]] = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for n, page in enumerate(data.get("pages", [])):
            where = f"{path.name}:pages[{n}]"
            key = page.get("key")
            if not key:
                errors.append(f"{where}: missing key")
                continue
            where = f"{path.name}:{key}"
            if key in keys:
                errors.append(f"{where}: key also used in {keys[key]}")
            keys[key] = path.name
            # A plugin's own page types are named app_label.ModelName.
            if page.get("type") not in PAGE_TYPES and "." not in str(page.get("type")):
                errors.append(f"{where}: unknown type {page.get('type')!r}")
            if page.get("parent"):
                parents.append((key, page["parent"]))
            for field in ("title", "intro"):
                check_translated(page.get(field), f"{where}.{field}", errors)
            for n_block, block in enumerate(page.get("body") or []):
                if not isinstance(block, dict) or len(block) != 1:
                    errors.append(f"{where}.body[{n_block}]: one block type per item")
                    continue
                ((block_type, value),) = block.items()
                if block_type not in BLOCK_TYPES:
                    errors.append(f"{where}.body[{n_block}]: unknown block {block_type!r}")
                walk(value, f"{where}.body[{n_block}].{block_type}", errors)
            walk(page.get("translated_fields") or {}, f"{where}.translated_fields", errors)
            walk(page.get("related_steps") or [], f"{where}.related_steps", errors)
            walk(page.get("checklist") or [], f"{where}.checklist", errors)
    for key, parent in parents:
        # A plugin's pages may hang under the core's (home, roadmap, …), seeded before them.
        if parent not in keys and len(paths) > 1 and parent not in CORE_KEYS:
            errors.append(f"{key}: parent {parent!r} not found")
    return errors


if __name__ == "__main__":
    files = [Path(p) for p in sys.argv[1:]] or sorted(HERE.glob("*.yaml"))
    problems = check(files)
    print("\n".join(problems) or f"{len(files)} file(s) OK")
    sys.exit(1 if problems else 0)
