"""Bad input at the edge gets the one error shape (a 4xx with a stable code), never a 500."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest
import yaml

CONTRACT = Path(__file__).resolve().parent.parent / "frontend-contract" / "openapi.yaml"
DEEP = b"[" * 6000 + b"]" * 6000


def _error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:300])
    error = response.json()["error"]
    assert set(error) >= {"code", "message", "fields"}
    if code:
        assert error["code"] == code
    return error


@pytest.mark.django_db
def test_deeply_nested_json_is_a_400(client_for, make_user):
    client = client_for(make_user("talent"))
    response = client.generic("PATCH", "/api/v1/me/", DEEP, content_type="application/json")
    _error(response, 400, "parse_error")


@pytest.mark.django_db
def test_deeply_nested_json_on_the_allauth_login_is_a_400(client):
    response = client.post(
        "/_allauth/browser/v1/auth/login", DEEP, content_type="application/json"
    )
    _error(response, 400, "parse_error")


@pytest.mark.django_db
def test_a_lone_surrogate_is_a_400(client_for, make_user):
    client = client_for(make_user("talent"))
    body = b'{"purpose": "\\ud800"}'
    response = client.generic("POST", "/api/v1/me/consents/", body, content_type="application/json")
    _error(response, 400, "parse_error")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("mentor", "/api/v1/meetings/?from=2026-02-30T10:00:00"),
        ("mentor", "/api/v1/meetings/?to=2026-02-30T10:00:00"),
        ("talent", "/api/v1/pages/changes/?since=2026-02-30T10:00:00"),
        ("admin", "/api/v1/admin/dashboard/?since=2026-02-30"),
        ("mentor", "/api/v1/meetings/?from=0001-01-01T00:00:00%2B10:00"),  # before year 1 in UTC
    ],
)
def test_an_impossible_date_is_an_invalid_parameter(client_for, make_user, role, url):
    response = client_for(make_user(role, mfa=role == "admin")).get(url)
    _error(response, 400, "invalid_parameter")


@pytest.mark.django_db
@pytest.mark.parametrize("words", ['"', "\x00", 'a "b', "care*", "(x OR y", "NEAR(a b)", ":-^"])
def test_page_search_with_operators_or_nul_is_not_a_500(api, words):
    response = api.get("/api/v1/pages/", {"search": words})
    assert response.status_code == 200, response.content[:300]


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["A" * 300, "Europe/Nowhere", "../../etc/passwd"])
def test_a_meeting_time_zone_must_be_a_real_zone(client_for, make_user, zone):
    client = client_for(make_user("mentor"))
    response = client.post(
        "/api/v1/meetings/",
        {
            "matches": [str(uuid.uuid4())],
            "title": "Intro",
            "starts_at": "2026-03-02T10:00:00Z",
            "ends_at": "2026-03-02T11:00:00Z",
            "time_zone": zone,
        },
        format="json",
    )
    error = _error(response, 400)
    assert "time_zone" in json.dumps(error["fields"])


def _contract_paths() -> list[str]:
    """Every API route of the URL conf, as the committed contract lists them, with sample ids."""
    paths = yaml.safe_load(CONTRACT.read_text())["paths"]
    return [re.sub(r"\{[^}]+\}", "1", path) for path in paths]


@pytest.mark.django_db
@pytest.mark.parametrize("path", _contract_paths())
def test_options_on_every_route_is_not_a_500(client_for, make_user, path):
    for role in ("talent", "mentor"):
        response = client_for(make_user(role)).options(path)
        assert response.status_code < 500, (role, path, response.content[:300])


@pytest.mark.django_db
def test_an_oversized_json_body_is_a_413(client_for, make_user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = client_for(make_user("talent"))
    body = json.dumps({"first_name": "x" * 2000})
    response = client.generic("PATCH", "/api/v1/me/", body, content_type="application/json")
    _error(response, 413, "request_too_large")


@pytest.mark.django_db
def test_a_body_that_is_neither_json_nor_form_is_a_415(client_for, make_user):
    client = client_for(make_user("talent"))
    response = client.generic("PATCH", "/api/v1/me/", b"<x/>", content_type="application/xml")
    _error(response, 415, "unsupported_media_type")


# --- found by the property-based run (tests/test_fuzz.py) ------------------------------------


@pytest.mark.django_db
def test_a_write_to_an_id_no_route_takes_is_a_json_404_not_the_csrf_page(make_user):
    """``POST /api/v1/threads/0/messages/`` (an id no route matches) fell through to the API's
    catch-all 404, which Django's CSRF check answered first with an HTML 403 page."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    for method in ("post", "delete", "put", "patch"):
        response = getattr(client, method)("/api/v1/threads/0/messages/", {"body": "weak"},
                                           content_type="application/json")
        _error(response, 404, "not_found")


@pytest.mark.django_db
def test_a_time_with_an_offset_postgresql_does_not_know_is_read_in_utc(client_for, make_user):
    """``?to=0370-06-15T01:03:29+18:26``: Python accepts offsets up to ±24 h, PostgreSQL only to
    ±15:59, so the query was a 500 there. Times are compared in UTC."""
    mentor = client_for(make_user("mentor"))
    for query in ("from=0370-06-15T01:03:29%2B18:26", "to=2026-06-15T01:03:29-23:59"):
        assert mentor.get(f"/api/v1/meetings/?{query}").status_code == 200, query
    # A time without an offset (which the contract does not ask for) is read as UTC.
    from datetime import UTC, datetime

    from api.params import datetime_param

    assert datetime_param("from", "2026-06-15T10:00", "") == datetime(2026, 6, 15, 10, tzinfo=UTC)


@pytest.mark.django_db
def test_an_api_path_with_a_newline_in_it_is_a_json_404(client_for, make_user):
    """``/api/v1/meetings/a%0Ab/report/``: the catch-all route's ``.*`` did not match a newline,
    so Django's HTML 404 page answered an API path."""
    response = client_for(make_user("talent")).get("/api/v1/meetings/C%C3%86%0Ab/report/")
    _error(response, 404, "not_found")


@pytest.mark.django_db
def test_a_broken_unsubscribe_link_opened_in_a_browser_is_a_page_the_contract_names():
    """A bad token with ``?format=html`` answers 400 as a page; the contract lists text/html for it
    (the contract check of the test client fails this test otherwise)."""
    from django.test import Client

    response = Client().post("/api/v1/posts/unsubscribe/%3A1/?format=html")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
