"""Blind listings belong to the connection, not to the employer's current setting: a talent connected
while the employer's listings were blind stays unnamed (no name, no CV, no messages) until the
talent accepts contact, even after the employer switches blind listings off."""

from __future__ import annotations

import json

from cms.accounts.actions import grant_consent
from tests.files import pdf_bytes, upload


def _publishing_talent(make_user, in_sectors, client_for, first_name):
    talent = make_user("talent", first_name=first_name)
    in_sectors(talent, "ict")
    client_for(talent).put("/api/v1/me/cv/", {"file": upload("cv.pdf", pdf_bytes())}, format="multipart")
    grant_consent(talent, "cv_publication")
    return talent


def _names(pool) -> dict[str, str | None]:
    return {row["id"]: row["name"] for row in pool.get("/api/v1/talent-pool/").json()["results"]}


def test_switching_blind_listings_off_reveals_nobody_connected_blind(
    make_user, in_sectors, reconcile_jobs, client_for
):
    from plugins.employers import actions

    employer = make_user("employer", first_name="Wim")
    actions.update_details(employer, blind_listings=True)
    in_sectors(employer, "ict")
    farid = _publishing_talent(make_user, in_sectors, client_for, "Farid")
    lina = _publishing_talent(make_user, in_sectors, client_for, "Lina")
    reconcile_jobs()
    pool = client_for(employer)
    assert _names(pool) == {str(farid.public_id): None, str(lina.public_id): None}

    switched = pool.put(
        "/api/v1/talent-pool/profile/", {"places": [], "offers": [], "blind_listings": False}, format="json"
    )
    assert switched.status_code == 200 and switched.json()["blind_listings"] is False

    # Switched off, the talents connected blind are still unnamed everywhere the employer looks.
    rows = pool.get("/api/v1/talent-pool/").json()["results"]
    assert {r["id"] for r in rows} == {str(farid.public_id), str(lina.public_id)}
    assert all(r["name"] is None and r["blind"] for r in rows)
    for talent in (farid, lina):
        detail = pool.get(f"/api/v1/talent-pool/{talent.public_id}/").json()
        assert detail["name"] is None and detail["blind"]
        cv = pool.get(f"/api/v1/talent-pool/{talent.public_id}/cv/")
        assert cv.status_code == 403 and cv.json()["error"]["code"] == "contact_first"
        writing = pool.post("/api/v1/threads/", {"to": str(talent.public_id), "body": "Hi"}, format="json")
        assert writing.status_code == 403
    assert pool.get("/api/v1/matches/").json()["results"] == []
    exported = pool.get("/api/v1/me/export/")
    assert exported.status_code == 200
    text = json.dumps(exported.json(), ensure_ascii=False)
    for talent in (farid, lina):
        assert talent.first_name not in text and talent.email not in text

    # Each talent decides: Farid accepts contact and is named; Lina stays hidden.
    accepted = client_for(farid).post(f"/api/v1/employer-connections/{employer.public_id}/accept-contact/")
    assert accepted.status_code == 200
    assert _names(pool) == {str(farid.public_id): str(farid), str(lina.public_id): None}
    assert pool.get(f"/api/v1/talent-pool/{farid.public_id}/cv/").status_code == 200
    assert pool.get(f"/api/v1/talent-pool/{lina.public_id}/cv/").status_code == 403

    # A talent connected after the switch follows the new setting: named, CV and messages at once.
    noor = _publishing_talent(make_user, in_sectors, client_for, "Noor")
    reconcile_jobs()
    assert _names(pool)[str(noor.public_id)] == str(noor)
    assert pool.get(f"/api/v1/talent-pool/{noor.public_id}/cv/").status_code == 200
    assert (
        pool.post("/api/v1/threads/", {"to": str(noor.public_id), "body": "Hi"}, format="json").status_code
        == 201
    )


def test_turning_blind_listings_on_hides_open_connections_at_once(market, client_for):
    """The other direction is immediate: privacy only grows."""
    from plugins.employers import actions

    ict, talent = market["ict"], market["talent"]
    pool = client_for(ict)
    assert _names(pool) == {str(talent.public_id): str(talent)}
    actions.update_details(ict, blind_listings=True)
    assert _names(pool) == {str(talent.public_id): None}
    actions.update_details(ict, blind_listings=False)
    assert _names(pool) == {str(talent.public_id): None}
    actions.accept_contact(talent, ict)
    assert _names(pool) == {str(talent.public_id): str(talent)}


def test_the_switch_is_in_the_audit_log(market):
    from cms.audit.models import AuditEntry
    from plugins.employers import actions

    actions.update_details(market["ict"], blind_listings=True)
    actions.update_details(market["ict"], blind_listings=False)
    assert list(
        AuditEntry.objects.filter(actor=market["ict"], action__startswith="employers.blind_listings")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["employers.blind_listings_on", "employers.blind_listings_off"]


def test_turning_blind_listings_on_costs_the_same_statements_for_few_or_many_talents(
    make_user, in_sectors, reconcile_jobs
):
    """Blind listings on withhold contact on every open connection in a fixed number of
    statements (``set_contact_many``, the messaging plugin's batch hook), not one per talent."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.connections.models import Connection, ConnectionEvent
    from plugins.employers import actions

    def switch_on(talents: int, sector: str) -> int:
        employer = make_user("employer")
        in_sectors(employer, sector)
        for _ in range(talents):
            talent = make_user("talent")
            in_sectors(talent, sector)
            grant_consent(talent, "cv_publication")
        reconcile_jobs()
        assert (
            Connection.objects.filter(employer=employer, state="active", can_contact=True).count() == talents
        )
        with CaptureQueriesContext(connection) as captured:
            actions.update_details(employer, blind_listings=True)
        assert not Connection.objects.filter(employer=employer, state="active", can_contact=True).exists()
        assert (
            ConnectionEvent.objects.filter(connection__employer=employer, kind="contact_withheld").count()
            == talents
        )
        return len(captured.captured_queries)

    switch_on(1, "logistics")  # caches warmed
    assert switch_on(2, "ict") == switch_on(7, "healthcare")
