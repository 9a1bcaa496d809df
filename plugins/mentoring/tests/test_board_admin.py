"""The matching board in the Wagtail admin: open requests with explained suggestions, a match
proposed from a suggestion in one click (with the API's e-mails), connections per project and
state, mentors' capacity, a connection's timeline; scoped for organisation staff."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.connections.models import Connection
from plugins.mentoring.actions.matching import create_request, propose_match
from plugins.mentoring.models import MentorshipRequest

BOARD = "/admin/matching/"


def _admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _staff_client(staff) -> Client:
    """Organisation staff enter the Wagtail admin with a second factor."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(staff, generate_totp_secret())
    return _admin_client(staff)


@pytest.fixture
def open_request(programme):
    return create_request(
        programme["talent"], domains=["cv", "interview"], languages=["nl"], project=programme["project"]
    )


def test_the_board_shows_open_requests_and_their_explained_suggestions(programme, open_request):
    client = _staff_client(programme["staff"])
    board = client.get(BOARD).content.decode()
    assert f'data-request="{open_request.public_id}"' in board
    page = client.get(f"{BOARD}requests/{open_request.public_id}/").content.decode()
    assert f'data-suggestion="{programme["mentor"].public_id}"' in page
    assert "Shared sectors" in page and "Propose this match" in page


def test_proposing_from_a_suggestion_matches_them_and_sends_the_apis_mails(
    programme, open_request, make_user, sent
):
    client = _admin_client(make_user("admin", mfa=True))
    talent, mentor = programme["talent"], programme["mentor"]
    answer = client.post(f"{BOARD}requests/{open_request.public_id}/", {"mentor": str(mentor.public_id)})
    match = Connection.objects.get(talent=talent, mentor=mentor)
    assert answer.status_code == 302 and answer["Location"] == f"{BOARD}connections/{match.public_id}/"
    assert match.state == Connection.State.ACTIVE
    assert MentorshipRequest.objects.get(pk=open_request.pk).status == MentorshipRequest.Status.MATCHED
    mails = {m.to[0]: m for m in sent()}
    assert mails[talent.email].subject == "تطابقك على Helix نشط"
    assert mails[mentor.email].subject == "Je match op Helix is actief"
    timeline = client.get(answer["Location"]).content.decode()
    assert 'data-event="proposed"' in timeline and 'data-event="activated"' in timeline


def test_staff_of_another_organisation_neither_see_nor_propose(programme, open_request, make_user):
    client = _staff_client(make_user("organisation"))
    assert f'data-request="{open_request.public_id}"' not in client.get(BOARD).content.decode()
    url = f"{BOARD}requests/{open_request.public_id}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"mentor": str(programme["mentor"].public_id)}).status_code == 404
    assert client.get(f"{BOARD}?project={programme['project'].slug}").status_code == 404
    assert not Connection.objects.filter(talent=programme["talent"]).exists()
    match = propose_match(
        programme["staff"], kind="talent_mentor", talent=programme["talent"], mentor=programme["mentor"]
    )
    assert client.get(f"{BOARD}connections/{match.public_id}/").status_code == 404


def test_connections_per_project_and_state_and_mentors_capacity(programme, make_user):
    client = _staff_client(programme["staff"])
    match = propose_match(
        programme["staff"], kind="talent_mentor", talent=programme["talent"], mentor=programme["mentor"]
    )
    project = programme["project"].slug
    active = client.get(f"{BOARD}?tab=connections&project={project}&state=active").content.decode()
    assert f'data-connection="{match.public_id}"' in active
    closed = client.get(f"{BOARD}?tab=connections&project={project}&state=closed").content.decode()
    assert f'data-connection="{match.public_id}"' not in closed
    mentors = client.get(f"{BOARD}?tab=mentors&project={project}").content.decode()
    assert f'data-mentor="{programme["mentor"].public_id}" data-room="1"' in mentors


def test_people_without_the_capability_are_refused(programme, make_user, settings):
    assert _admin_client(make_user("talent")).get(BOARD).status_code == 403
    password_only = make_user("admin")
    answer = _admin_client(password_only).get(BOARD)
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/2fa/totp/activate/")
    settings.HELIX_MFA_REQUIRED_ROLES = ()  # past the set-up redirect, the screen itself refuses
    assert _admin_client(password_only).get(BOARD).status_code == 403


def test_the_board_speaks_arabic_right_to_left(programme, open_request, make_user):
    admin = make_user("admin", mfa=True)
    admin.__class__.objects.filter(pk=admin.pk).update(preferred_language="ar")
    client = _admin_client(admin)
    page = client.get(BOARD, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in page and "لوحة المطابقة" in page


@pytest.mark.parametrize("tab", ["requests", "connections", "mentors"])
def test_each_listing_costs_the_same_queries_for_many_rows(tab, programme, make_user):
    from cms.organisations.models import ProjectMembership

    client = _admin_client(make_user("admin", mfa=True))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{BOARD}?tab={tab}").status_code == 200
        return len(captured)

    def add_pair():
        talent, mentor = make_user("talent"), make_user("mentor")
        for user in (talent, mentor):
            ProjectMembership.objects.create(
                project=programme["project"], user=user, status=ProjectMembership.Status.ACTIVE
            )
        create_request(talent, domains=["cv"], project=programme["project"])
        propose_match(programme["staff"], kind="talent_mentor", talent=talent, mentor=mentor)

    add_pair()
    queries()  # the first request fills per-process caches (menus, site)
    few = queries()
    for _ in range(4):
        add_pair()
    assert queries() == few
