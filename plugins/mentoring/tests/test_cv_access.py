"""Who may download a talent's CV through ``/api/v1/talents/{id}/cv/``: only a connection whose kind
grants the CV. Withdrawing "publish my CV" concerns employers (the employers plugin closes their
connections at once, plugins/employers/tests/test_matching.py); a mentor keeps what the match
grants."""

from __future__ import annotations

import pytest

from tests.files import pdf_bytes, upload


@pytest.fixture
def profile_only_kind():
    """A kind that lets a mentor see the talent's profile but not the CV (like a language buddy),
    declared through the ``connection_kinds`` hook for one test."""
    from cms.connections import kinds
    from cms.connections.kinds import PROFILE, ConnectionKind
    from cms.plugins import get_manager, hookimpl

    kind = ConnectionKind(
        "mentoring_test_profile_only", "Profile only", ("talent", "mentor"), {"mentor": (PROFILE,)}
    )

    class Declaring:
        @hookimpl
        def connection_kinds(self):
            return [kind]

    declaring = Declaring()
    pm = get_manager().pm
    pm.register(declaring, name="mentoring-test-profile-only")
    kinds.reset()
    yield kind
    pm.unregister(declaring)
    kinds.reset()


def _with_cv(talent, client_for):
    from cms.accounts.actions import store_cv

    store_cv(talent, upload("cv.pdf", pdf_bytes()), "application/pdf")


def test_a_mentor_keeps_the_cv_when_the_talent_stops_publishing_it_to_employers(
    programme, active_match, client_for
):
    from cms.accounts.actions import grant_consent

    talent, mentor = programme["talent"], programme["mentor"]
    _with_cv(talent, client_for)
    grant_consent(talent, "cv_publication")
    as_mentor = client_for(mentor)
    assert as_mentor.get(f"/api/v1/talents/{talent.public_id}/cv/").status_code == 200
    assert client_for(talent).delete("/api/v1/me/consents/cv_publication/").status_code == 200
    cv = as_mentor.get(f"/api/v1/talents/{talent.public_id}/cv/")
    assert cv.status_code == 200 and b"".join(cv.streaming_content).startswith(b"%PDF")


def test_a_connection_that_grants_only_the_profile_does_not_serve_the_cv(
    make_user, programme, profile_only_kind, client_for
):
    from cms.connections.actions import open_connection

    talent, buddy = programme["talent"], make_user("mentor")
    _with_cv(talent, client_for)
    open_connection(
        profile_only_kind.id, project=programme["project"], talent=talent, mentor=buddy, activate=True
    )
    as_buddy = client_for(buddy)
    assert as_buddy.get(f"/api/v1/talents/{talent.public_id}/").status_code == 200
    assert as_buddy.get(f"/api/v1/talents/{talent.public_id}/cv/").status_code == 404
