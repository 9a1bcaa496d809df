"""Editors translating pages with wagtail-localize in the admin, and the status that follows."""

from __future__ import annotations

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail_localize.models import Translation, TranslationSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_user, client):
    """The Wagtail admin as an admin-role editor (not a superuser) with a second factor."""
    client.force_login(make_user("admin", mfa=True, first_name="Eda"))
    return client


def status_of(api, page, language: str) -> str:
    meta = api.get(f"/api/v1/pages/{page.pk}/").json()["meta"]
    return {t["locale"]: t["status"] for t in meta["translations"]}[language]


def publish_english_change(editor, page, **changes):
    """Edit and publish through the admin's edit form, as an editor does."""
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def sync(editor, page, django_capture_on_commit_callbacks, publish=True):
    source = TranslationSource.objects.get(object_id=page.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert editor.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        answer = editor.post(url, {"publish_translations": "on"} if publish else {})
    assert answer.status_code == 302, answer.content[:500]


def test_source_change_makes_translations_outdated_until_synced_and_translated(
    api, editor, page_tree, django_capture_on_commit_callbacks
):
    english = page_tree["roadmap/job-search"]["en"]
    arabic = page_tree["roadmap/job-search"]["ar"]
    assert status_of(api, english, "ar") == "up_to_date"

    publish_english_change(editor, english, intro="Find vacancies that fit your degree.")
    assert status_of(api, english, "ar") == "outdated"
    assert status_of(api, english, "nl") == "outdated"

    # Synced and published, but the new sentence is not translated yet: still outdated, and
    # the Arabic page shows the English sentence until a translator does it.
    sync(editor, english, django_capture_on_commit_callbacks)
    assert status_of(api, english, "ar") == "outdated"
    assert api.get(f"/api/v1/pages/{arabic.pk}/").json()["intro"] == "Find vacancies that fit your degree."

    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale__language_code="ar"
    )
    po = translation.export_po()
    for entry in po:
        if entry.msgid == "Find vacancies that fit your degree.":
            entry.msgstr = "ابحث عن وظائف تناسب شهادتك."
    translation.import_po(po)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert status_of(api, english, "ar") == "up_to_date"
    assert status_of(api, english, "nl") == "outdated"
    assert api.get(f"/api/v1/pages/{arabic.pk}/").json()["intro"] == "ابحث عن وظائف تناسب شهادتك."


def test_po_files_for_a_translation_agency(editor, page_tree, api, django_capture_on_commit_callbacks):
    english = page_tree["sectors"]["en"]
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale__language_code="nl"
    )
    download = editor.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    entries = {entry.msgid: entry for entry in po}
    assert entries["Eight sectors."].msgstr == "Acht sectoren."

    entries["Eight sectors."].msgstr = "Acht sectoren met een snelle weg naar werk."
    upload = SimpleUploadedFile("nl.po", str(po).encode(), content_type="text/x-gettext-translation")
    answer = editor.post(reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload})
    assert answer.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    dutch = page_tree["sectors"]["nl"]
    assert (
        api.get(f"/api/v1/pages/{dutch.pk}/").json()["intro"] == "Acht sectoren met een snelle weg naar werk."
    )


@override_settings(
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR={
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
        "OPTIONS": {},
    }
)
def test_machine_translation_of_a_draft(editor, page_tree, api):
    english = page_tree["roadmap/orientation"]["en"]
    english.intro = "Register with the employment service first."
    english.save_revision().publish()
    source = TranslationSource.objects.get(object_id=english.translation_key)
    source.update_from_db()
    translation = Translation.objects.get(source=source, target_locale__language_code="nl")
    answer = editor.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]) + "?next=/admin/"
    )
    assert answer.status_code == 302
    translation.save_target(publish=False)  # a draft for a translator to review
    dutch = page_tree["roadmap/orientation"]["nl"]
    dutch.refresh_from_db()
    draft = dutch.get_latest_revision_as_object()
    assert draft.intro == "first. service employment the with Register"  # the dummy reverses words
    # The API keeps answering the published Dutch text until the draft is published.
    assert api.get(f"/api/v1/pages/{dutch.pk}/").json()["intro"] == "Schrijf je in bij de arbeidsbemiddeling."
    listed = api.get("/api/v1/pages/?locale=nl&type=pages.RoadmapStepPage").json()["results"]
    assert listed[0]["intro"] == "Schrijf je in bij de arbeidsbemiddeling."


def test_machine_translator_comes_from_the_environment(monkeypatch):
    from cms.settings import _machine_translator

    monkeypatch.delenv("HELIX_MACHINE_TRANSLATOR", raising=False)
    assert _machine_translator() is None
    monkeypatch.setenv("HELIX_MACHINE_TRANSLATOR", "deepl")
    monkeypatch.setenv("DEEPL_AUTH_KEY", "key-123")
    assert _machine_translator() == {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "key-123"},
    }
    monkeypatch.setenv("HELIX_MACHINE_TRANSLATOR", "libretranslate")
    monkeypatch.setenv("LIBRETRANSLATE_URL", "https://translate.example.org")
    config = _machine_translator()
    assert config["CLASS"].endswith("LibreTranslator")
    assert config["OPTIONS"]["LIBRETRANSLATE_URL"] == "https://translate.example.org"


def test_arabic_editors_write_right_to_left(editor, page_tree):
    # wagtail-localize's translation editor for the synced Arabic page
    arabic = page_tree["roadmap/orientation"]["ar"]
    page = editor.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk]))
    html = page.content.decode()
    assert "js-translation-editor" in html
    assert "helix/admin/direction.js" in html
    # the page editor, once the page is edited without syncing (translation switched off)
    Translation.objects.filter(target_locale__language_code="ar").update(enabled=False)
    page = editor.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk]))
    html = page.content.decode()
    assert 'data-helix-text-direction="rtl" lang="ar"' in html
    assert "helix/admin/direction.js" in html
    dutch = page_tree["roadmap/orientation"]["nl"]
    Translation.objects.filter(target_locale__language_code="nl").update(enabled=False)
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[dutch.pk])).content.decode()
    assert 'data-helix-text-direction="ltr" lang="nl"' in html


def test_translation_status_report(editor, page_tree, make_user):
    english = page_tree["roadmap/job-search"]["en"]
    english.intro = "Changed."
    english.save_revision().publish()
    page_tree["sectors/ict"]["ar"].delete()
    report = editor.get(reverse("helix_translation_status"))
    assert report.status_code == 200
    html = report.content.decode()
    assert 'data-helix-count="ar-missing">1<' in html
    assert 'data-helix-count="ar-outdated">1<' in html
    assert 'data-helix-count="nl-outdated">1<' in html
    assert 'data-helix-count="nl-up_to_date">5<' in html
    assert 'data-helix-count="en-source">6<' in html
    todo = editor.get(reverse("helix_translation_status") + "?locale=ar&status=missing").content.decode()
    assert "ICT" in todo and "Job search" not in todo

    from django.test import Client

    talent = Client()
    talent.force_login(make_user("talent"))
    assert talent.get(reverse("helix_translation_status")).status_code in (302, 403)


def test_translation_status_for_admin_dashboards(page_tree, make_user, client_for):
    page_tree["sectors/ict"]["ar"].delete()
    data = client_for(make_user("admin", mfa=True)).get("/api/v1/admin/translation-status/").json()
    assert data["counts"]["ar"] == {"source": 0, "up_to_date": 5, "outdated": 0, "missing": 1}
    assert data["counts"]["en"]["source"] == 6
    ict = next(row for row in data["pages"] if row["title"] == "ICT")
    assert ict["states"]["ar"] == {"status": "missing", "id": None}
    assert ict["states"]["nl"]["status"] == "up_to_date" and ict["states"]["nl"]["id"]


def test_admin_dashboard_shows_what_needs_a_translator(editor, page_tree):
    page_tree["sectors/ict"]["ar"].delete()
    html = editor.get("/admin/").content.decode()
    assert "data-helix-translation-panel" in html
    assert "See which pages need a translator" in html
