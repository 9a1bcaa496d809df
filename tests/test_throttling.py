"""The API's request rates (``api.throttling.RequesterRateThrottle``): a visitor per address at the
"anon" rate, a signed-in user per account at the "user" rate, counted once per request in
windows of the rate's period; past it a 429 with the error shape, ``Retry-After`` (the time left
in the window) and a message in the reader's language."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from api.throttling import RequesterRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, 15 s into a minute; move it with ``clock["now"] += seconds``."""
    now = {"now": 1_800_000_015.0}
    monkeypatch.setattr(RequesterRateThrottle, "timer", staticmethod(lambda: now["now"]))
    return now


@pytest.fixture
def rates(monkeypatch, clock):
    """Small rates: 3 a minute for visitors, 5 for signed-in users."""
    monkeypatch.setattr(RequesterRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "5/minute"})


def test_a_visitor_past_the_rate_gets_429_with_when_to_come_back(rates, api):
    answers = [api.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.7") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused.json()["error"]["code"] == "throttled"
    assert refused["Retry-After"] == "45"  # the window (a minute) ends in 45 s
    assert refused.json()["error"]["retry_after"] == 45
    # Another visitor is not held back by the first one.
    assert api.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.8").status_code == 200


def test_the_next_window_lets_the_visitor_in_again(rates, clock, api):
    for _ in range(3):
        assert api.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.20").status_code == 200
    clock["now"] += 44
    assert api.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.20")["Retry-After"] == "1"
    clock["now"] += 1
    assert api.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.20").status_code == 200


def test_the_refusal_speaks_the_readers_language(rates, api):
    for _ in range(3):
        api.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.9")
    english = api.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.9", HTTP_ACCEPT_LANGUAGE="en")
    dutch = api.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.9", HTTP_ACCEPT_LANGUAGE="nl")
    assert english.status_code == dutch.status_code == 429
    assert english.json()["error"]["message"] != dutch.json()["error"]["message"]


def test_a_signed_in_user_has_the_user_rate_and_a_history_of_their_own(rates, make_user, client_for, api):
    talent = make_user("talent")
    client = client_for(talent)
    statuses = [client.get("/api/v1/me/", REMOTE_ADDR="198.51.100.10").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]  # the user rate (5), not the visitors' (3)
    # A visitor from the same address still has the visitors' own rate.
    assert api.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.10").status_code == 200
    # Another user is not held back by the first.
    assert client_for(make_user("talent")).get("/api/v1/me/").status_code == 200


def test_each_request_is_counted_once(rates, make_user, client_for, api):
    window = 1_800_000_015 // 60
    api.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.11")
    api.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.11")
    assert cache.get(f"throttle_anon_198.51.100.11:{window}") == 2
    assert cache.get(f"throttle_user_198.51.100.11:{window}") is None  # not a second count per visitor
    talent = make_user("talent")
    client_for(talent).get("/api/v1/me/", REMOTE_ADDR="198.51.100.12")
    assert cache.get(f"throttle_user_{talent.pk}:{window}") == 1
    assert cache.get(f"throttle_anon_198.51.100.12:{window}") is None


def _seconds_left(name: str) -> float | None:
    """How long the cache keeps ``name``, read from the backend itself (Redis, or local memory)."""
    import time

    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    backend = caches["default"]
    key = backend.make_and_validate_key(name)
    if isinstance(backend, RedisCache):
        left = backend._cache.get_client(key).ttl(key)
        return None if left < 0 else float(left)
    expires = backend._expire_info.get(key)
    return None if expires is None else expires - time.time()


def test_a_windows_counter_goes_when_its_window_is_over(rates, api):
    """Counted on Redis in one round trip (INCR with EXPIRE NX): the counter still expires with
    its window, and a later request of the same window does not push its end back."""
    window = 1_800_000_015 // 60
    name = f"throttle_anon_198.51.100.13:{window}"
    api.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.13")
    first = _seconds_left(name)
    assert first is not None and 55 <= first <= 61
    api.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.13")
    assert cache.get(name) == 2
    assert _seconds_left(name) <= first


@pytest.mark.parametrize("proxies", [None, 0, 1, 2])
@pytest.mark.parametrize(
    "forwarded", [None, "203.0.113.7", "203.0.113.7, 10.0.0.2", " 203.0.113.7 ,10.0.0.2,10.0.0.3"]
)
def test_the_requester_is_the_address_drf_would_count(proxies, forwarded, rf, settings):
    """The address read from ``META`` is the one DRF's own throttles count, behind any number of
    proxies."""
    from rest_framework.throttling import AnonRateThrottle

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": proxies}  # DRF reloads its settings
    extra = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    request = rf.get("/api/v1/pages/", REMOTE_ADDR="198.51.100.20", **extra)
    assert RequesterRateThrottle().get_ident(request) == AnonRateThrottle().get_ident(request)
