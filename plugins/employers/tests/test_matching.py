"""Consent-based sector matching: connections follow consent and sectors, at once when they end,
through the job when they begin; incremental and idempotent."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.accounts.actions import grant_consent, withdraw_consent
from cms.connections.models import Connection as Match
from cms.connections.selectors import are_connected
from plugins.employers import matching


def _connected(employer, talent) -> bool:
    return Match.objects.filter(
        kind="talent_employer", employer=employer, talent=talent, state="active"
    ).exists()


def test_a_consenting_talent_is_connected_with_the_employers_of_their_sectors(market):
    assert _connected(market["ict"], market["talent"])
    assert not _connected(market["care"], market["talent"])
    assert are_connected(market["ict"], market["talent"])  # they may write to each other


def test_without_consent_there_is_no_connection_and_the_cv_stays_hidden(
    make_user, in_sectors, reconcile_jobs, market, client_for
):
    quiet = make_user("talent")
    in_sectors(quiet, "ict")
    reconcile_jobs()
    assert not _connected(market["ict"], quiet)
    employer = client_for(market["ict"])
    assert employer.get(f"/api/v1/talent-pool/{quiet.public_id}/").status_code == 404
    assert employer.get(f"/api/v1/talent-pool/{quiet.public_id}/cv/").status_code == 404
    assert [t["id"] for t in employer.get("/api/v1/talent-pool/").json()["results"]] == [
        str(market["talent"].public_id)
    ]


def test_withdrawing_consent_ends_access_the_same_moment(market, client_for):
    from tests.files import pdf_bytes, upload

    talent = market["talent"]
    client_for(talent).put("/api/v1/me/cv/", {"file": upload("cv.pdf", pdf_bytes())}, format="multipart")
    employer = client_for(market["ict"])
    assert employer.get(f"/api/v1/talent-pool/{talent.public_id}/cv/").status_code == 200
    answer = client_for(talent).delete("/api/v1/me/consents/cv_publication/")
    assert answer.status_code == 200
    # No job has run: the connection closed in the withdrawal's own transaction.
    assert employer.get(f"/api/v1/talent-pool/{talent.public_id}/").status_code == 404
    assert employer.get(f"/api/v1/talent-pool/{talent.public_id}/cv/").status_code == 404
    assert not are_connected(market["ict"], talent)
    match = Match.objects.get(kind="talent_employer", employer=market["ict"], talent=talent)
    assert match.state == "closed" and match.close_reason == "consent_withdrawn"


def test_changing_sectors_closes_what_no_longer_holds_and_the_job_adds_the_rest(
    market, in_sectors, reconcile_jobs, client_for
):
    talent = market["talent"]
    answer = client_for(talent).patch(
        "/api/v1/me/", {"talent_profile": {"sectors": ["healthcare"]}}, format="json"
    )
    assert answer.status_code == 200, answer.content
    assert not _connected(market["ict"], talent)  # at once
    assert not _connected(market["care"], talent)  # the job has not run yet
    assert reconcile_jobs() == 1  # the removal and the addition queue one job, not two
    assert _connected(market["care"], talent)


def test_an_employer_changing_sectors_or_losing_approval(market, in_sectors, reconcile_jobs):
    from cms.accounts.actions import reject_account

    in_sectors(market["care"], "healthcare", "ict")
    reconcile_jobs()
    assert _connected(market["care"], market["talent"])
    reject_account(market["care"], note="Not a real company")
    assert not _connected(market["care"], market["talent"])


def test_reconciling_is_idempotent_and_touches_only_what_changed(make_user, in_sectors, market):
    for _ in range(5):
        other = make_user("talent")
        in_sectors(other, "healthcare")
        grant_consent(other, "cv_publication")
    first = matching.reconcile_talent(market["talent"])
    assert first.touched == 0 and first.considered == 1  # one ICT employer; the others are not looked at
    with CaptureQueriesContext(connection) as few:
        matching.reconcile_talent(market["talent"])
    for _ in range(5):
        extra = make_user("employer")
        in_sectors(extra, "healthcare")
    with CaptureQueriesContext(connection) as many:
        again = matching.reconcile_talent(market["talent"])
    assert again.touched == 0 and len(many) == len(few)  # other employers cost nothing
    withdraw_consent(market["talent"], "cv_publication")
    assert matching.reconcile_talent(market["talent"]).touched == 0  # closed already, at withdrawal


def test_the_real_worker_runs_the_matching_job_once(make_user, in_sectors, jobs):
    from cms.accounts.models import EmployerProfile

    employer = make_user("employer")
    EmployerProfile.objects.get_or_create(user=employer)
    in_sectors(employer, "logistics")
    talent = make_user("talent")
    in_sectors(talent, "logistics")
    grant_consent(talent, "cv_publication")
    jobs.wait()
    assert Match.objects.filter(kind="talent_employer", employer=employer, talent=talent).count() == 1


def test_a_job_already_running_is_not_counted_on_for_a_later_change(market, in_sectors, reconcile_jobs):
    """A reconciliation a worker has claimed may have read the state before this change: a new
    one is queued. One that waits unstarted covers the change, and a done one never does."""
    from django.utils import timezone

    from cms.outbox.models import OutboxMessage

    talent = market["talent"]
    in_sectors(talent, "healthcare")
    waiting = OutboxMessage.objects.filter(actor_name="employers.reconcile", done_at=None)
    assert waiting.count() == 1
    in_sectors(talent, "healthcare", "ict")
    assert waiting.count() == 1
    waiting.update(claimed_at=timezone.now())
    in_sectors(talent, "ict")
    assert waiting.count() == 2
    assert reconcile_jobs() == 2
    in_sectors(talent, "healthcare")
    assert waiting.count() == 1
