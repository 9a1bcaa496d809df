"""Backups restore: bench/backup_restore.py dumps PostgreSQL and the media, restores both into a
new database and directory, and Helix on the copy answers the same pages, posts, connections and
CV files. Runs in CI's services leg (HELIX_TEST_SERVICES=1, PostgreSQL), where skipping fails."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from bench.backup_restore import database_name, run
from tests.files import pdf_bytes, upload

pytestmark = pytest.mark.services

needs_services = pytest.mark.skipif(
    os.environ.get("HELIX_TEST_SERVICES") != "1", reason="real services not configured"
)


def _database_url() -> str:
    db = settings.DATABASES["default"]
    return (
        f"postgres://{db.get('USER') or ''}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
        f"/{connection.settings_dict['NAME']}"
    )


@needs_services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_into_a_new_database_that_answers_the_same(
    make_user, client_for, settings, tmp_path
):
    from cms.accounts.actions import store_cv
    from cms.connections.actions import open_connection
    from cms.organisations.models import Project

    assert connection.vendor == "postgresql" and shutil.which("pg_dump") and shutil.which("pg_restore")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    talent, mentor = make_user("talent"), make_user("mentor")
    store_cv(talent, upload("cv.pdf", pdf_bytes()), "application/pdf")
    open_connection("talent_mentor", project=Project.default(), talent=talent, mentor=mentor, activate=True)
    post = {
        "type": "event",
        "title": "Job fair",
        "summary": "Meet employers.",
        "link": "https://example.org/fair",
        "starts_at": "2030-03-10T10:00:00+01:00",
        "ends_at": "2030-03-10T16:00:00+01:00",
        "city": "Antwerp",
    }
    answer = client_for(mentor).post("/api/v1/posts/", post, format="json")
    assert answer.status_code == 201, answer.content

    report = run(_database_url(), Path(settings.MEDIA_ROOT), tmp_path / "backup")

    assert report["ok"], report["problems"]
    assert {"pages", "posts", "matches", "cv", "rows"} <= set(report["compared"])
    assert report["counts"]["posts"] == 1 and report["counts"]["matches"] == 2 and report["counts"]["cv"] == 1
    assert all(Path(path).stat().st_size > 0 for path in report["backup"])
    # The restored copy was a new database, dropped afterwards; the original is untouched.
    with connection.cursor() as cursor:
        restored = f"{database_name(_database_url())}_restore_%"
        cursor.execute("select datname from pg_database where datname like %s", [restored])
        assert cursor.fetchall() == []
    assert talent.talent_profile.cv.storage.exists(talent.talent_profile.cv.name)


def test_a_copy_that_answers_differently_or_compares_nothing_fails():
    """The comparison itself (no database needed): a lost CV file, a missing row, an empty copy."""
    from bench.backup_restore import differences, emptiness

    original = {
        "pages": {"status": 200, "body": {"count": 1, "results": [{"id": 3}]}},
        "matches:a": {"status": 200, "body": {"count": 1, "results": [{"id": "m"}]}},
        "cv:a": {"status": 200, "sha256": "1f"},
        "rows": {"accounts.user": 2, "posts.post": 1},
    }
    assert differences(original, original) == [] and emptiness(original) == []
    lost_file = {**original, "cv:a": {"status": 404, "body": {"error": {"code": "not_found"}}}}
    assert differences(original, lost_file) == ["cv:a: the restored copy answers differently"]
    lost_row = {**original, "rows": {"accounts.user": 2, "posts.post": 0}}
    assert differences(original, lost_row) == ["row counts differ: posts.post: 1 → 0"]
    assert emptiness({"pages": {"status": 200, "body": {"count": 0, "results": []}}}) == [
        "no information pages to compare",
        "no connections to compare",
        "no CV file to compare",
    ]
