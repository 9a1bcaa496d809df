"""Digests, newsletters and one-click unsubscribing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.accounts.actions import grant_consent, withdraw_consent
from cms.outbox.mail import expand
from cms.outbox.models import MailShape, OutboxMessage
from cms.sectors.models import Sector
from plugins.posts import mailing
from plugins.posts.actions import link_translation
from plugins.posts.models import DigestSubscription, Newsletter, NewsletterIntro, NewsletterItem, Post


def digests_of(user) -> list[dict]:
    rows = OutboxMessage.objects.filter(user=user, key__startswith="posts:digest:")
    return [expand(row.payload) for row in rows]


def subscriber(make_user, role="talent", *, sectors=(), language="en"):
    user = make_user(role)
    user.preferred_language = language
    user.save()
    profile = user.talent_profile if role == "talent" else user.mentor_profile
    profile.sectors.set(Sector.source_rows().filter(slug__in=sectors))
    grant_consent(user, "newsletter")
    return user


def test_the_digest_brings_new_posts_of_my_sectors_in_my_language(make_user, make_post):
    mentor = make_user("mentor")
    ict = make_post(mentor, title="Data course", sectors=["ict"])
    make_post(mentor, title="Nursing internship", sectors=["healthcare"])
    general = make_post(mentor, title="Diploma recognition guide", type="tool")
    arabic = make_post(mentor, title="دورة البيانات", locale="ar", sectors=["ict"])
    link_translation(arabic, ict)
    amal = subscriber(make_user, sectors=["ict"], language="ar")
    pieter = subscriber(make_user, "mentor", sectors=["healthcare"], language="nl")
    no_consent = make_user("talent")
    employer = make_user("employer")
    grant_consent(employer, "newsletter")

    run = mailing.send_digests()
    assert run.queued == 2
    [digest] = digests_of(amal)
    assert "دورة البيانات" in digest["body"] and general.title in digest["body"]
    assert "Data course" not in digest["body"] and "Nursing" not in digest["body"]
    assert digest["headers"]["Content-Language"] == "ar"
    assert 'dir="rtl"' in digest["alternatives"][0]["content"]
    assert digest["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [digest_nl] = digests_of(pieter)
    assert "Nursing internship" in digest_nl["body"] and "Data course" not in digest_nl["body"]
    assert digests_of(no_consent) == [] and digests_of(employer) == []


def test_digests_are_sent_once_per_period_and_follow_the_frequency(make_user, make_post):
    from cms.organisations.actions import set_plugin_activation
    from cms.organisations.models import Project

    set_plugin_activation(Project.default(), "alpha", enabled=False)  # its digest section is always new
    mentor = make_user("mentor")
    make_post(mentor, title="Data course", sectors=["ict"])
    weekly = subscriber(make_user, sectors=["ict"])
    daily = subscriber(make_user, sectors=["ict"])
    off = subscriber(make_user, sectors=["ict"])
    DigestSubscription.objects.create(user=daily, frequency="daily")
    DigestSubscription.objects.create(user=off, frequency="off")
    now = timezone.now()
    assert mailing.send_digests(now).queued == 2
    assert mailing.send_digests(now).queued == 0  # the same run again: nobody twice
    # A crash after queueing but before the subscription was stamped: the key still holds.
    DigestSubscription.objects.update(last_digest_at=None)
    assert mailing.send_digests(now).queued == 0
    assert len(digests_of(weekly)) == 1 and digests_of(off) == []

    make_post(mentor, title="Logistics fair", sectors=["ict"])
    tomorrow = now + timedelta(days=1)
    Post.objects.update(published_at=now + timedelta(hours=2))
    assert mailing.send_digests(tomorrow).queued == 1
    assert len(digests_of(daily)) == 2 and len(digests_of(weekly)) == 1
    assert mailing.send_digests(now + timedelta(days=7)).queued == 1  # nothing new for daily
    assert len(digests_of(weekly)) == 2


def test_withdrawing_consent_stops_the_digest(make_user, make_post):
    make_post(make_user("mentor"), title="Data course")
    talent = subscriber(make_user)
    withdraw_consent(talent, "newsletter")
    assert mailing.send_digests().queued == 0


def test_other_plugins_add_sections_to_the_digest(make_user):
    talent = subscriber(make_user)
    assert mailing.send_digests().queued == 1  # no new posts, but the test plugin adds a section
    [digest] = digests_of(talent)
    assert "Alpha news" in digest["body"] and f"for {talent.email}" in digest["body"]


def test_digest_settings_need_the_newsletter_consent(make_user, client_for):
    talent = make_user("talent")
    client = client_for(talent, "nl")
    assert client.get("/api/v1/posts/digest/").json() == {
        "frequency": "weekly",
        "consent": False,
        "last_digest_at": None,
    }
    refused = client.put("/api/v1/posts/digest/", {"frequency": "daily"}, format="json")
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "consent_required"
    grant_consent(talent, "newsletter")
    answer = client.put("/api/v1/posts/digest/", {"frequency": "daily"}, format="json")
    assert answer.json()["frequency"] == "daily" and answer.json()["consent"] is True
    bad = client.put("/api/v1/posts/digest/", {"frequency": "hourly"}, format="json")
    assert bad.status_code == 400 and "frequency" in bad.json()["error"]["fields"]


def _path(url: str) -> str:
    return url.replace("http://127.0.0.1:8000", "")


def _signed_days_ago(user, kind: str, days: int) -> str:
    """A genuine token, signed with the site's key ``days`` ago."""
    import time

    from django.core import signing

    class Then(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - days * 86400)

    payload = {"u": str(user.public_id), "k": kind}
    return Then(salt=mailing.UNSUBSCRIBE_SALT).sign_object(payload, compress=True)


def test_opening_the_unsubscribe_link_only_asks_in_the_readers_language(make_user, api):
    talent = subscriber(make_user, language="ar")
    DigestSubscription.objects.create(user=talent, frequency="daily")
    url = _path(mailing.unsubscribe_url(talent, "digest"))
    page = api.get(url, HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'dir="rtl"' in html and 'lang="ar"' in html and "<form" in html and 'method="post"' in html
    assert "إيقاف الملخص" in html
    assert api.get(url).json() == {"kind": "digest"}
    # Nothing changed: a mail scanner following the link unsubscribes nobody.
    assert DigestSubscription.objects.get(user=talent).frequency == "daily"
    assert talent.consents.filter(purpose="newsletter", withdrawn_at=None).exists()


def test_the_confirmation_button_unsubscribes_without_a_session_or_csrf(make_user):
    from django.test import Client

    talent = subscriber(make_user, language="nl")
    url = _path(mailing.unsubscribe_url(talent, "digest"))
    # A signed-in browser with CSRF checks on: the token is the credential, not the session.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_user("mentor"))
    page = browser.post(url, {"List-Unsubscribe": "One-Click"}, HTTP_ACCEPT="text/html")
    assert page.status_code == 200, page.content
    assert 'lang="nl"' in page.content.decode()
    assert DigestSubscription.objects.get(user=talent).frequency == "off"
    assert mailing.send_digests().queued == 0


def test_a_mail_programs_one_click_post_unsubscribes(make_user, api):
    talent = subscriber(make_user)
    url = _path(mailing.unsubscribe_url(talent, "newsletter"))
    answer = api.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 200 and answer.json() == {"unsubscribed": "newsletter"}
    assert not talent.consents.filter(purpose="newsletter", withdrawn_at=None).exists()


def test_an_expired_unsubscribe_link_changes_nothing_and_says_so(make_user, api, settings):
    talent = subscriber(make_user, language="ar")
    old = f"/api/v1/posts/unsubscribe/{_signed_days_ago(talent, 'newsletter', 91)}/"
    for answer in (
        api.get(old),
        api.post(old, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"),
    ):
        assert answer.status_code == 400 and answer.json()["error"]["code"] == "expired_token"
    page = api.get(old, HTTP_ACCEPT="text/html")
    assert page.status_code == 400 and 'lang="ar"' in page.content.decode()
    assert "انتهت صلاحية" in page.content.decode()
    assert talent.consents.filter(purpose="newsletter", withdrawn_at=None).exists()
    # The age is the operator's to choose.
    settings.HELIX_PLUGIN_SETTINGS = {"posts": {"unsubscribe_link_days": 120}}
    assert api.post(old).json() == {"unsubscribed": "newsletter"}


@pytest.mark.parametrize(
    "token",
    [
        "forged",
        "eyJ1IjoiMSIsImsiOiJkaWdlc3QifQ:1vRbCd:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "..:..",
    ],
)
def test_a_forged_unsubscribe_link_changes_nothing(token, make_user, api):
    talent = subscriber(make_user)
    url = f"/api/v1/posts/unsubscribe/{token}/"
    for answer in (api.get(url), api.post(url)):
        assert answer.status_code == 400 and answer.json()["error"]["code"] == "invalid_token"
    page = api.post(url, HTTP_ACCEPT="text/html", HTTP_ACCEPT_LANGUAGE="nl")
    assert page.status_code == 400 and "Deze link werkt niet" in page.content.decode()
    # Someone else's signature (another salt) does not pass either.
    from django.core import signing

    other = signing.dumps({"u": str(talent.public_id), "k": "newsletter"}, salt="elsewhere")
    assert api.post(f"/api/v1/posts/unsubscribe/{other}/").status_code == 400
    assert talent.consents.filter(purpose="newsletter", withdrawn_at=None).exists()


@pytest.fixture
def newsletter(make_user, make_post):
    mentor = make_user("mentor")
    post = make_post(mentor, title="Job fair in Ghent", type="event")
    arabic = make_post(mentor, title="معرض الوظائف في غنت", type="event", locale="ar")
    link_translation(arabic, post)
    letter = Newsletter.objects.create(title="November")
    NewsletterIntro.objects.create(
        newsletter=letter, language="en", subject="News from Helix", intro="Hello all."
    )
    NewsletterIntro.objects.create(newsletter=letter, language="ar", subject="أخبار هيليكس", intro="مرحبًا.")
    NewsletterItem.objects.create(newsletter=letter, post=post)
    return letter


def test_newsletter_recipients_are_the_chosen_groups_who_consented(make_user, newsletter):
    from django.contrib.auth.models import Group

    ict_talent = subscriber(make_user, sectors=["ict"])
    subscriber(make_user, sectors=["healthcare"])
    ict_mentor = subscriber(make_user, "mentor", sectors=["ict"])
    make_user("talent")  # no consent
    assert mailing.newsletter_recipients(newsletter).count() == 3
    newsletter.sectors.set(Sector.source_rows().filter(slug="ict"))
    assert set(mailing.newsletter_recipients(newsletter)) == {ict_talent, ict_mentor}
    newsletter.roles.set(Group.objects.filter(name="talent"))
    assert list(mailing.newsletter_recipients(newsletter)) == [ict_talent]


def test_a_newsletter_reaches_everyone_once_even_after_a_crash(make_user, newsletter, jobs, mailbox):
    from cms.outbox.tasks import sweep_now
    from plugins.posts import actions

    admin = make_user("admin", mfa=True)
    people = [subscriber(make_user, language="ar" if n % 2 else "en") for n in range(6)]
    actions.send_newsletter_test(newsletter, by=admin)
    jobs.wait()
    assert sorted(m.subject for m in mailbox) == ["[Test] News from Helix", "[اختبار] أخبار هيليكس"]
    mailbox.clear()

    # The first attempt crashes half-way through sending: three mails fail on the way out.
    from django.core.mail.backends.locmem import EmailBackend

    original, failures = EmailBackend.send_messages, {"left": 3}

    def flaky(self, messages):
        if failures["left"]:
            failures["left"] -= 1
            raise ConnectionError("SMTP server went away")
        return original(self, messages)

    EmailBackend.send_messages = flaky
    try:
        actions.send_newsletter(newsletter, by=admin)
        jobs.wait()
    finally:
        EmailBackend.send_messages = original
    # dramatiq retried the failed ones; the sweep resends anything left behind
    sweep_now(timezone.now() + timedelta(hours=1))
    jobs.wait()
    assert sorted(m.to[0] for m in mailbox) == sorted(p.email for p in people)
    arabic = next(m for m in mailbox if m.to == [people[1].email])
    assert arabic.subject == "أخبار هيليكس" and "معرض الوظائف في غنت" in arabic.body
    english = next(m for m in mailbox if m.to == [people[0].email])
    assert "Job fair in Ghent" in english.body and "List-Unsubscribe" in english.extra_headers
    newsletter.refresh_from_db()
    assert mailing.progress(newsletter) == {
        "total": 6,
        "sent": 6,
        "failed": 0,
        "to_send": 0,
        "prepared": True,
    }
    with pytest.raises(Exception) as again:
        actions.send_newsletter(newsletter, by=admin)
    assert getattr(again.value, "code", "") == "invalid_state"


def test_the_admin_screen_previews_tests_and_sends(make_user, newsletter, client):
    admin = make_user("admin", mfa=True)
    admin.is_superuser = True
    admin.save()
    subscriber(make_user)
    client.force_login(admin)
    from django.urls import reverse

    preview = client.get(
        reverse("wagtailsnippets_posts_newsletter:preview_on_edit", args=[newsletter.pk]), {"mode": "ar"}
    )
    assert preview.status_code in (200, 302)
    screen = reverse("posts_newsletter_send", args=[newsletter.pk])
    page = client.get(screen)
    assert page.status_code == 200 and 'data-helix-recipients="1"' in page.content.decode()
    client.post(screen, {"action": "test"})
    assert OutboxMessage.objects.filter(user=admin).count() == 2
    client.post(screen, {"action": "send"})
    newsletter.refresh_from_db()
    assert newsletter.status == "sending" and newsletter.sent_by == admin
    assert "data-helix-progress" in client.get(screen).content.decode()


def test_the_fan_out_sends_the_newsletter(make_user, newsletter, jobs, mailbox):
    from plugins.posts import actions

    admin = make_user("admin", mfa=True)
    people = [subscriber(make_user) for _n in range(3)]
    sending = actions.send_newsletter(newsletter, by=admin)
    assert sending.status == "sending" and sending.recipients_total is None
    jobs.wait()
    newsletter.refresh_from_db()
    assert newsletter.status == "sent" and newsletter.recipients_total == 3
    assert sorted(m.to[0] for m in mailbox) == sorted(p.email for p in people)
    assert mailing.progress(newsletter)["to_send"] == 0


def test_the_sending_screen_only_reads(make_user, newsletter, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    admin = make_user("admin", mfa=True)
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    screen = reverse("posts_newsletter_send", args=[newsletter.pk])
    client.get(screen)  # the first admin page of a user may set up their Wagtail profile
    # Every e-mail prepared and none left to send: still the fan-out's to mark it sent.
    Newsletter.objects.filter(pk=newsletter.pk).update(status="sending", recipients_total=0)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(screen)
    assert page.status_code == 200 and "data-helix-progress" in page.content.decode()
    verbs = ("INSERT", "UPDATE", "DELETE")
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].split()[0].upper() in verbs]
    assert writes == []
    newsletter.refresh_from_db()
    assert newsletter.status == "sending"


def test_a_digest_rendered_once_per_shape_is_the_one_rendered_per_reader(make_user, make_post):
    """Readers with the same digest share one render; each still gets their own name, link and
    address, exactly as rendering the digest for them alone would give."""
    from cms.outbox.mail import serialise

    mentor = make_user("mentor")
    make_post(mentor, title="Data course", sectors=["ict"])
    readers = [subscriber(make_user, sectors=["ict"], language=lang) for lang in ("en", "en", "ar", "nl")]
    readers[0].first_name = "Amal & <Co>"
    readers[0].save()
    readers[1].first_name = ""  # the short name is then the e-mail address (linked in the HTML)
    readers[1].save()
    now = timezone.now()
    posts = mailing.CandidatePosts(now - mailing.MAX_LOOK_BACK, now)
    renderer = mailing.DigestRenderer()
    for user in mailing.due_subscribers(now).filter(pk__in=[r.pk for r in readers]):
        since = now - timedelta(days=7)
        content = mailing.digest_for(user, posts, since, [])
        expected = serialise(mailing.render_digest(user, content))
        queued = renderer.payload(user, content)
        # What the outbox row holds is the reader's own part; the shape is stored once.
        assert set(queued) == {"shape", "subject", "to", "name", "url"}
        renderer.save()
        got = expand(queued)
        # The tokens are signed with the time: compare with this reader's link in both.
        assert got == expected or _without_tokens(got) == _without_tokens(expected)
        assert user.email in got["to"] and got["headers"]["List-Unsubscribe"].startswith("<http")
    assert len(renderer.shapes) == 3  # English, Arabic, Dutch
    assert MailShape.objects.count() == 3


def _without_tokens(payload: dict) -> dict:
    import re

    text = re.sub(r"unsubscribe/[^/\s\"<>]+/", "unsubscribe/T/", str(payload))
    return {"text": text}


def test_a_digest_run_gives_each_reader_the_mail_rendered_for_them_alone(make_user, make_post, monkeypatch):
    """A run renders each shape once and reads sectors, look-backs and links in bulk; still every
    due reader gets exactly the e-mail rendering it for them alone gives (subject, text, HTML,
    their name, address and link), readers sharing a shape included, and nobody gets it twice."""
    from django.core import signing

    from cms.organisations.actions import set_plugin_activation
    from cms.organisations.models import Project
    from cms.outbox.mail import serialise

    set_plugin_activation(Project.default(), "alpha", enabled=False)  # its section names the reader
    # Tokens carry the time they were signed: hold it, so the links of both renders are equal.
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: "1fixed")
    mentor = make_user("mentor")
    make_post(mentor, title="Data course", summary="See https://example.org/data, or www.example.org.")
    make_post(mentor, title="Nursing internship", sectors=["healthcare"])
    make_post(mentor, title="ICT fair", sectors=["ict"])
    readers = [
        subscriber(make_user, sectors=["ict"]),
        subscriber(make_user, sectors=["ict"]),
        subscriber(make_user, sectors=["ict", "healthcare"], language="nl"),
        subscriber(make_user, "mentor", sectors=["ict"], language="ar"),
    ]
    # No first name: the address stands in (and is linked in the HTML).
    for reader, name in zip(readers, ["Amal & <Co>", "", "Daan", "Layla"], strict=True):
        reader.first_name = name
        reader.save()
    recent = subscriber(make_user, sectors=["ict"])  # had this week's digest: not due
    DigestSubscription.objects.create(user=recent, last_digest_at=timezone.now() - timedelta(days=2))
    now = timezone.now()
    posts = mailing.CandidatePosts(now - mailing.MAX_LOOK_BACK, now)
    expected = {}
    for user in mailing.due_subscribers(now).filter(pk__in=[r.pk for r in readers]):
        content = mailing.digest_for(user, posts, now - timedelta(days=7), [])
        expected[user.pk] = serialise(mailing.render_digest(user, content))
    assert len(expected) == 4

    assert mailing.send_digests(now).queued == 4
    for reader in readers:
        assert digests_of(reader) == [expected[reader.pk]]
    assert digests_of(recent) == []
    assert MailShape.objects.count() == 3  # the two English readers share one
    assert set(
        DigestSubscription.objects.filter(user__in=readers).values_list("frequency", "last_digest_at")
    ) == {("weekly", now)}
    assert mailing.send_digests(now).queued == 0
    assert [len(digests_of(reader)) for reader in readers] == [1, 1, 1, 1]
