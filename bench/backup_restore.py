"""A backup that restores: dump, restore into a new database and media directory, and compare.

1. ``pg_dump --format=custom`` of ``DATABASE_URL`` and a ``tar.gz`` of ``MEDIA_ROOT`` (as
   ``media/``), both into ``--backup-dir`` as ``helix-<date>.dump`` and
   ``helix-media-<date>.tar.gz`` (the recipe of docs/operations.md#backups);
2. a NEW database (``<name>_restore_<timestamp>``, created with ``CREATE DATABASE``) restored with
   ``pg_restore --no-owner --exit-on-error``, and the media unpacked into a NEW directory;
3. Helix started on each copy (a separate process each, inside a transaction that is rolled back,
   so the check writes nothing) answers the same API questions: the information pages, the posts a
   talent sees, every person's connections (``/api/v1/matches/``), each talent's CV file, and the
   number of rows of every table. Any difference, or nothing to compare, is a failure.

    DATABASE_URL=postgres://… MEDIA_ROOT=/var/lib/helix/media .venv/bin/python bench/backup_restore.py

Exit status 0 when the restored copy answers exactly as the original; the restored database is
dropped and the restored media removed unless ``--keep``. ``pg_dump`` and ``pg_restore`` must be
of the server's major version.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
if not Path(PY).exists():
    PY = sys.executable
# How many people a snapshot asks about (the first ones by id): enough to see that relations,
# permissions and files came back, without making a large installation's check slow.
PEOPLE = 50


def database_url_with_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _psql_admin(url: str, sql: str) -> None:
    """Run ``sql`` on the server's maintenance database (CREATE/DROP DATABASE cannot run inside
    the database they name)."""
    import psycopg

    with psycopg.connect(database_url_with_name(url, "postgres"), autocommit=True) as connection:
        connection.execute(sql)


def dump(database_url: str, media_root: Path, backup_dir: Path) -> tuple[Path, Path]:
    """The backup: the database in pg_dump's custom format, the media as a tar.gz."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y-%m-%d")  # the names of docs/operations.md#backups
    database_file = backup_dir / f"helix-{stamp}.dump"
    media_file = backup_dir / f"helix-media-{stamp}.tar.gz"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={database_file}", database_url], check=True
    )
    with tarfile.open(media_file, "w:gz") as archive:
        archive.add(media_root, arcname="media")
    return database_file, media_file


def restore(database_url: str, database_file: Path, media_file: Path, target: Path) -> tuple[str, Path]:
    """Restore into a new database and a new media directory; returns both."""
    new_name = f"{database_name(database_url)}_restore_{int(time.time() * 1000)}"
    _psql_admin(database_url, f'CREATE DATABASE "{new_name}"')
    new_url = database_url_with_name(database_url, new_name)
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={new_url}", str(database_file)],
        check=True,
    )
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(media_file, "r:gz") as archive:
        archive.extractall(target, filter="data")
    return new_url, target / "media"


def drop(database_url: str) -> None:
    _psql_admin(database_url, f'DROP DATABASE IF EXISTS "{database_name(database_url)}" WITH (FORCE)')


# --- the snapshot: what Helix answers on one copy --------------------------------------------


def _answer(client, path: str, pages: int = 20):
    """The answer to ``GET path``; a paginated list is followed to its end (at most ``pages``)."""
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    if response.get("Content-Type", "").startswith("application/json"):
        body = response.json()
        if isinstance(body, dict) and isinstance(body.get("results"), list):
            results, following = list(body["results"]), body.get("next")
            for _ in range(pages - 1):
                if not following or response.status_code != 200:
                    break
                response = client.get(following, HTTP_ACCEPT_LANGUAGE="en")
                page = response.json()
                results += page.get("results", [])
                following = page.get("next")
            body = {"count": body.get("count"), "results": results}
        return {"status": response.status_code, "body": body}
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return {"status": response.status_code, "sha256": hashlib.sha256(body).hexdigest()}


def snapshot() -> dict:
    """Run inside a Django process set up on one copy: the answers to compare."""
    import django

    django.setup()
    from django.apps import apps
    from django.db import transaction
    from rest_framework.test import APIClient

    from cms.accounts.models import Role, TalentProfile, User
    from cms.connections.models import Connection

    answers: dict = {}
    with transaction.atomic():
        anonymous = APIClient()
        answers["pages"] = _answer(anonymous, "/api/v1/pages/?page_size=100")
        for locale in ("nl", "ar"):
            answers[f"pages:{locale}"] = _answer(anonymous, f"/api/v1/pages/?locale={locale}&page_size=100")
        people = User.objects.filter(erased_at=None, is_active=True).order_by("pk")
        talent = people.filter(role=Role.TALENT).first()
        if talent is not None:
            client = APIClient()
            client.force_authenticate(talent)
            answers["posts"] = _answer(client, "/api/v1/posts/?page_size=100")
        sides = set()
        for side in ("talent_id", "mentor_id", "employer_id"):
            sides |= set(Connection.objects.values_list(side, flat=True))
        connected = people.filter(pk__in=sides - {None})[:PEOPLE]
        for person in connected:
            client = APIClient()
            client.force_authenticate(person)
            answers[f"matches:{person.public_id}"] = _answer(client, "/api/v1/matches/?page_size=100")
        for profile in TalentProfile.objects.exclude(cv="").select_related("user").order_by("pk")[:PEOPLE]:
            client = APIClient()
            client.force_authenticate(profile.user)
            answers[f"cv:{profile.user.public_id}"] = _answer(client, "/api/v1/me/cv/")
        answers["rows"] = {
            model._meta.label_lower: model._default_manager.count()
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
        transaction.set_rollback(True)  # the check writes nothing (last-seen stamps, caches)
    return answers


def snapshot_of(database_url: str, media_root: Path) -> dict:
    """Start Helix on one copy in its own process and take its snapshot."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "cms.settings"),
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "PYTHONPATH": str(ROOT),
    }
    # Nothing of the check reaches the broker or a shared cache.
    env.pop("DRAMATIQ_BROKER_URL", None)
    env.pop("CACHE_URL", None)
    done = subprocess.run(
        [PY, __file__, "--snapshot"], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"Helix did not answer on {database_name(database_url)}:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def differences(original: dict, restored: dict) -> list[str]:
    found = []
    for key in sorted(set(original) | set(restored)):
        if original.get(key) != restored.get(key):
            if key == "rows":
                rows = [
                    f"{label}: {original['rows'].get(label)} → {restored['rows'].get(label)}"
                    for label in sorted(set(original["rows"]) | set(restored["rows"]))
                    if original["rows"].get(label) != restored["rows"].get(label)
                ]
                found.append("row counts differ: " + "; ".join(rows))
            else:
                found.append(f"{key}: the restored copy answers differently")
    return found


def _listed(answer: dict) -> int:
    body = answer.get("body") or {}
    if isinstance(body, dict):
        for name in ("items", "results"):
            if isinstance(body.get(name), list):
                return len(body[name])
    return 0


def counts(answers: dict) -> dict[str, int]:
    """How much was compared: pages and posts listed, people whose connections were asked, CVs."""
    return {
        "pages": _listed(answers.get("pages", {})),
        "posts": _listed(answers.get("posts", {})),
        "matches": sum(1 for key in answers if key.startswith("matches:")),
        "cv": sum(1 for key in answers if key.startswith("cv:")),
    }


def emptiness(answers: dict) -> list[str]:
    """A check that compares nothing proves nothing."""
    problems = []
    if answers.get("pages", {}).get("status") != 200 or not _listed(answers["pages"]):
        problems.append("no information pages to compare")
    if not any(key.startswith("matches:") for key in answers):
        problems.append("no connections to compare")
    if not any(key.startswith("cv:") for key in answers):
        problems.append("no CV file to compare")
    return problems


def run(database_url: str, media_root: Path, backup_dir: Path, keep: bool = False) -> dict:
    """The whole check; returns a report (``ok``, ``problems``, what was compared)."""
    workdir = Path(tempfile.mkdtemp(prefix="helix-restore-"))
    database_file, media_file = dump(database_url, media_root, backup_dir)
    restored_url, restored_media = restore(database_url, database_file, media_file, workdir)
    try:
        original = snapshot_of(database_url, media_root)
        restored = snapshot_of(restored_url, restored_media)
        problems = emptiness(original) + differences(original, restored)
        return {
            "ok": not problems,
            "problems": problems,
            "compared": sorted({key.split(":")[0] for key in original}),
            "counts": counts(original),
            "backup": [str(database_file), str(media_file)],
            "restored_database": database_name(restored_url) if keep else None,
        }
    finally:
        if not keep:
            drop(restored_url)
            shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--snapshot", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--media-root", default=os.environ.get("MEDIA_ROOT", str(ROOT / "var" / "media")))
    parser.add_argument("--backup-dir", default=str(ROOT / "var" / "backup"))
    parser.add_argument("--keep", action="store_true", help="Keep the restored database and media.")
    args = parser.parse_args()
    if args.snapshot:
        print(json.dumps(snapshot(), sort_keys=True, default=str))
        return 0
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("DATABASE_URL (or --database-url) must be a PostgreSQL URL.")
    report = run(args.database_url, Path(args.media_root), Path(args.backup_dir), keep=args.keep)
    print(json.dumps(report, indent=2))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
