"""Post moderation in the Wagtail admin: the list, unpublishing with a reason the author receives
by e-mail in their language (an outbox row), restoring; audited, constant queries per page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.audit.models import AuditEntry
from cms.outbox.models import OutboxMessage
from plugins.posts.models import Post

URL = "/admin/moderation/posts/"


@pytest.fixture
def admin_client(make_user):
    client = Client()
    client.force_login(make_user("admin", mfa=True))
    return client


@pytest.fixture
def dutch_author(make_user):
    author = make_user("mentor", first_name="Pieter")
    author.__class__.objects.filter(pk=author.pk).update(preferred_language="nl")
    author.refresh_from_db()
    return author


def test_the_list_shows_posts_filtered_by_status(admin_client, make_post, dutch_author):
    post = make_post(dutch_author, title="Nederlands voor ingenieurs")
    page = admin_client.get(URL).content.decode()
    assert f'data-post="{post.public_id}"' in page and "Nederlands voor ingenieurs" in page
    assert (
        f'data-post="{post.public_id}"' not in admin_client.get(f"{URL}?status=unpublished").content.decode()
    )


def test_unpublishing_sends_the_author_the_reason_in_their_language_and_restore_brings_it_back(
    admin_client, make_post, dutch_author
):
    post = make_post(dutch_author)
    refused = admin_client.post(URL, {"post": str(post.public_id), "action": "unpublish", "reason": " "})
    assert refused.status_code == 302 and Post.objects.get(pk=post.pk).status == Post.Status.PUBLISHED

    answer = admin_client.post(
        URL, {"post": str(post.public_id), "action": "unpublish", "reason": "Deze cursus bestaat niet meer."}
    )
    assert answer.status_code == 302
    assert Post.objects.get(pk=post.pk).status == Post.Status.UNPUBLISHED
    row = OutboxMessage.objects.get(key__startswith=f"posts:unpublished:{post.pk}:")
    assert row.payload["to"] == [dutch_author.email]
    assert row.payload["headers"]["Content-Language"] == "nl"
    assert "Deze cursus bestaat niet meer." in row.payload["body"]
    assert "Beste Pieter" in row.payload["body"]
    assert AuditEntry.objects.filter(action="post.unpublished", target_id=str(post.pk)).exists()

    page = admin_client.get(f"{URL}?status=unpublished").content.decode()
    assert f'data-post="{post.public_id}" data-status="unpublished"' in page
    assert "Deze cursus bestaat niet meer." in page

    admin_client.post(URL, {"post": str(post.public_id), "action": "restore"})
    assert Post.objects.get(pk=post.pk).status == Post.Status.PUBLISHED
    assert AuditEntry.objects.filter(action="post.republished", target_id=str(post.pk)).exists()


def test_moderation_needs_the_capability_and_a_second_factor(make_user, make_post, dutch_author, settings):
    post = make_post(dutch_author)
    for user in (make_user("mentor"), make_user("admin")):
        settings.HELIX_MFA_REQUIRED_ROLES = ()  # past the set-up redirect, the screen itself refuses
        client = Client()
        client.force_login(user)
        assert client.get(URL).status_code == 403
        answer = client.post(URL, {"post": str(post.public_id), "action": "unpublish", "reason": "Spam."})
        assert answer.status_code == 403
    assert Post.objects.get(pk=post.pk).status == Post.Status.PUBLISHED


def test_the_arabic_screen_is_right_to_left(make_user):
    admin = make_user("admin", mfa=True)
    admin.__class__.objects.filter(pk=admin.pk).update(preferred_language="ar")
    client = Client()
    client.force_login(admin)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in page and "إشراف على المنشورات" in page


def test_the_list_costs_the_same_queries_for_many_posts(admin_client, make_post, make_user):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(URL).status_code == 200
        return len(captured)

    make_post(make_user("mentor"))
    queries()  # the first request fills per-process caches (menus, site)
    few = queries()
    for _ in range(5):
        make_post(make_user("employer"), title="A vacancy")
    assert queries() == few


OURS = "/admin/posts/ours/"


def test_organisation_staff_see_their_own_posts_read_only(make_user, make_post, dutch_author):
    staff, other_staff = make_user("organisation", mfa=True), make_user("organisation", mfa=True)
    ours = make_post(staff, title="Our internship in Ghent")
    theirs = make_post(other_staff, title="Their vacancy in Leuven")
    individual = make_post(dutch_author, title="A mentor's tip")
    client = Client()
    client.force_login(staff)

    page = client.get(OURS).content.decode()
    assert f'data-post="{ours.public_id}"' in page
    assert f'data-post="{theirs.public_id}"' not in page and f'data-post="{individual.public_id}"' not in page
    assert 'name="action"' not in page  # nothing to moderate here
    assert '"url": "/admin/posts/ours/"' in client.get("/admin/").content.decode()  # in the menu
    attempt = {"post": str(ours.public_id), "action": "unpublish", "reason": "x"}
    assert client.post(OURS, attempt).status_code == 405
    ours.refresh_from_db()
    assert ours.status == Post.Status.PUBLISHED

    # Not for people who work for no organisation, the admins included (they moderate instead).
    admin = Client()
    admin.force_login(make_user("admin", mfa=True))
    refused = admin.get(OURS)  # Wagtail sends them back to the dashboard with a message
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
