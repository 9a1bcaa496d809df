"""Background jobs of the information pages."""

from __future__ import annotations

import dramatiq
from django.core.management import call_command

from cms.jobs.periodic import PERIODIC_QUEUE


@dramatiq.actor(actor_name="pages.publish_scheduled", queue_name=PERIODIC_QUEUE, max_retries=0)
def publish_scheduled() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones (Wagtail's
    scheduled publishing); the changes feed sees both. Safe to run twice: Wagtail only
    acts on what is due."""
    call_command("publish_scheduled", verbosity=0)
