"""The messaging plugin's periodic job: e-mails about unread messages.

It scans the database for what is due, so a restarted scheduler leaves nothing behind, and
re-checks that the plugin is still enabled somewhere.
"""

from __future__ import annotations

import dramatiq

from cms.jobs.periodic import PERIODIC_QUEUE
from cms.plugins import enabled_projects


@dramatiq.actor(actor_name="messaging.notify_unread", queue_name=PERIODIC_QUEUE, max_retries=3)
def notify_unread() -> None:
    """Unread messages to people who have been away for a few minutes: one e-mail per thread."""
    from plugins.messaging.actions import send_unread_notifications

    if enabled_projects("messaging").exists():
        send_unread_notifications()
