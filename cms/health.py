"""``/health/``: the database, the cache, the job broker and storage, as JSON or HTML."""

from __future__ import annotations

import dataclasses

import dramatiq
from django.urls import path
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class Broker(HealthCheck):
    """The dramatiq broker answers (RabbitMQ or Redis; the embedded one always does)."""

    def run(self) -> None:
        broker = dramatiq.get_broker()
        try:
            name = type(broker).__name__
            if name == "RabbitmqBroker":
                broker.get_queue_message_counts("default")
            elif name == "RedisBroker":
                broker.client.ping()
        except Exception as exc:
            raise ServiceUnavailable(f"broker unreachable: {type(exc).__name__}") from exc


urlpatterns = [
    path(
        "",
        HealthCheckView.as_view(
            checks=[
                "health_check.checks.Database",
                "health_check.checks.Cache",
                "health_check.checks.Storage",
                "cms.health.Broker",
            ]
        ),
        name="health",
    )
]
