"""Reported messages in the Wagtail admin: the list, resolving, blocking the sender in that
conversation; audited, refused without the capability, constant queries per page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.audit.models import AuditEntry
from plugins.messaging import actions
from plugins.messaging.models import MessageReport, ThreadParticipant

URL = "/admin/moderation/messages/"


@pytest.fixture
def admin_client(make_user):
    client = Client()
    client.force_login(make_user("admin", mfa=True))
    return client


@pytest.fixture
def report(programme, active_match):
    mentor, talent = programme["mentor"], programme["talent"]
    message = actions.send_message(mentor, "Send me your passport number.", recipient=talent)
    return actions.report_thread(message.thread, talent, "He asks for my passport.", message)


def test_the_list_shows_open_reports_with_the_message(admin_client, report):
    page = admin_client.get(URL).content.decode()
    assert f'data-report="{report.public_id}" data-status="open"' in page
    assert "He asks for my passport." in page and "Send me your passport number." in page
    assert (
        f'data-report="{report.public_id}"' not in admin_client.get(f"{URL}?status=resolved").content.decode()
    )


def test_resolving_a_report_keeps_what_was_done(admin_client, report):
    admin_client.post(URL, {"report": str(report.public_id), "action": "resolve", "resolution": ""})
    assert MessageReport.objects.get(pk=report.pk).status == MessageReport.Status.OPEN
    answer = admin_client.post(
        URL, {"report": str(report.public_id), "action": "resolve", "resolution": "Warned the mentor."}
    )
    assert answer.status_code == 302
    resolved = MessageReport.objects.get(pk=report.pk)
    assert resolved.status == MessageReport.Status.RESOLVED and resolved.resolution == "Warned the mentor."
    assert AuditEntry.objects.filter(action="messaging.report_resolved").exists()


def test_blocking_the_sender_stops_them_writing_in_that_conversation(admin_client, report, programme):
    from cms.errors import Blocked

    admin_client.post(URL, {"report": str(report.public_id), "action": "block"})
    side = ThreadParticipant.objects.get(thread=report.thread, user=programme["talent"])
    assert side.blocked_at is not None
    with pytest.raises(Blocked):
        actions.send_message(programme["mentor"], "Hello?", recipient=programme["talent"])
    entry = AuditEntry.objects.get(action="messaging.thread_blocked")
    assert entry.actor.role == "admin" and entry.data["report"] == str(report.public_id)
    assert "data-helix-blocked" in admin_client.get(URL).content.decode()


def test_moderation_needs_the_capability_and_a_second_factor(make_user, report, settings):
    settings.HELIX_MFA_REQUIRED_ROLES = ()  # past the set-up redirect, the screen itself refuses
    for user in (make_user("talent"), make_user("admin")):
        client = Client()
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"report": str(report.public_id), "action": "block"}).status_code == 403
    assert not ThreadParticipant.objects.filter(thread=report.thread, blocked_at__isnull=False).exists()


def test_the_arabic_screen_is_right_to_left(make_user):
    admin = make_user("admin", mfa=True)
    admin.__class__.objects.filter(pk=admin.pk).update(preferred_language="ar")
    client = Client()
    client.force_login(admin)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in page and "الرسائل المُبلَّغ عنها" in page


def test_the_list_costs_the_same_queries_for_many_reports(admin_client, report, programme, make_user):
    from cms.connections.actions import open_connection

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(URL).status_code == 200
        return len(captured)

    queries()  # the first request fills per-process caches (menus, site)
    few = queries()
    for _ in range(4):
        talent = make_user("talent")
        open_connection(
            "talent_mentor",
            project=programme["project"],
            talent=talent,
            mentor=programme["mentor"],
            by=programme["staff"],
            activate=True,
        )
        message = actions.send_message(programme["mentor"], "Hi", recipient=talent)
        actions.report_thread(message.thread, talent, "Rude.", message)
    assert queries() == few
