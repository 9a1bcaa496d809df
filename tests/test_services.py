"""The real services: PostgreSQL, RabbitMQ or Redis as broker, Redis as cache.

These run in CI's services leg (HELIX_TEST_SERVICES=1), where skipping fails.
"""

from __future__ import annotations

import os

import dramatiq
import pytest
from django.core.cache import cache
from django.db import connection

pytestmark = pytest.mark.services

needs_services = pytest.mark.skipif(
    os.environ.get("HELIX_TEST_SERVICES") != "1", reason="real services not configured"
)


@needs_services
def test_database_is_postgresql(db):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("select version()")
        assert "PostgreSQL" in cursor.fetchone()[0]


@needs_services
def test_broker_is_the_configured_server():
    url = os.environ["DRAMATIQ_BROKER_URL"]
    broker = dramatiq.get_broker()
    if url.startswith("amqp"):
        assert type(broker).__name__ == "RabbitmqBroker"
        assert broker.confirm_delivery is True
    else:
        assert type(broker).__name__ == "RedisBroker"
        assert broker.client.ping()


@needs_services
def test_cache_is_shared_redis():
    from django.conf import settings

    assert "redis" in settings.CACHES["default"]["BACKEND"].lower()
    cache.set("helix-ci-probe", "ok", 10)
    assert cache.get("helix-ci-probe") == "ok"


@needs_services
def test_health_reports_every_service(db, client):
    answer = client.get("/health/?format=json")
    assert answer.status_code == 200, answer.content
    assert all(status == "OK" for status in answer.json().values())
    assert any(name.startswith("Broker") for name in answer.json())
