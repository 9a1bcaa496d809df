"""docs/privacy.md's record of processing is the code's: every model holding personal data, its
fields and its declared retention (``python manage.py privacy_record``)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from cms import privacy
from cms.gdpr import LIBRARY_MODELS

DOC = Path(settings.BASE_DIR) / "docs" / "privacy.md"


def test_the_document_is_what_the_command_prints():
    out = StringIO()
    call_command("privacy_record", stdout=out)
    documented = privacy.current_section(DOC.read_text(encoding="utf-8"))
    assert documented == out.getvalue(), (
        "docs/privacy.md differs from the code: run `python manage.py privacy_record --write` "
        "and review the change."
    )


def test_every_model_holding_personal_data_declares_its_retention():
    undeclared = [row.label for row in privacy.entries() if not row.retention]
    assert undeclared == [], (
        "Declare how long these keep personal data (a plugin in its AppConfig.retention, the core "
        f"and libraries in cms/privacy.py): {undeclared}"
    )


def test_the_record_covers_the_core_every_bundled_plugin_and_the_libraries():
    labels = {row.label for row in privacy.entries()}
    owners = {row.owner for row in privacy.entries()}
    assert set(LIBRARY_MODELS) <= labels
    assert {"accounts.user", "accounts.talentprofile", "outbox.outboxmessage", "sessions.session"} <= labels
    plugins = ("posts", "mentoring", "messaging", "networking", "employers")
    assert {"core", "library"} | {f"plugin {p}" for p in plugins} <= owners
    # Models without a user field that hold a person's data, declared by their plugin.
    assert "networking.plancontact" in labels
    talent_profile = next(row for row in privacy.entries() if row.label == "accounts.talentprofile")
    assert "cv" in talent_profile.fields and "career_objective" in talent_profile.fields


def test_write_replaces_only_the_generated_section(tmp_path):
    document = "# Title\n\nBefore.\n\n" + privacy.START + "\nold\n" + privacy.END + "\n\nAfter.\n"
    section = privacy.render(privacy.entries())
    written = privacy.replace_section(document, section)
    assert written.startswith("# Title\n\nBefore.\n\n") and written.endswith("\n\nAfter.\n")
    assert privacy.current_section(written) == section
