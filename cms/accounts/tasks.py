"""Background jobs of accounts."""

from __future__ import annotations

import dramatiq

from cms.jobs.periodic import PERIODIC_QUEUE


@dramatiq.actor(actor_name="accounts.retention", queue_name=PERIODIC_QUEUE, max_retries=0)
def retention() -> None:
    """Storage limitation: warn accounts inactive for too long, erase those warned long enough
    ago whose owner did not come back (``cms.accounts.retention``). Safe to run twice: a warning
    is stamped with its outbox row, and only what is due is erased."""
    from cms.accounts.retention import enforce

    enforce()
