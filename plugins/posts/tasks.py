"""The posts plugin's jobs: expiry, digests and the newsletter fan-out."""

from __future__ import annotations

import dramatiq

from cms.jobs.periodic import PERIODIC_QUEUE
from cms.outbox.actors import outbox_actor
from cms.plugins import is_enabled


def _enabled() -> bool:
    from cms.organisations.models import Project

    return is_enabled("posts", Project.default())


@dramatiq.actor(actor_name="posts.expire", queue_name=PERIODIC_QUEUE, max_retries=0)
def expire() -> None:
    """Vacancies and events past their end become expired."""
    from plugins.posts.actions import expire_posts

    expire_posts()


@dramatiq.actor(actor_name="posts.send_digests", queue_name=PERIODIC_QUEUE, max_retries=3)
def send_digests() -> None:
    """Queue the digests that are due (each batch commits; a rerun skips what was sent)."""
    from plugins.posts.mailing import send_digests as run

    if _enabled():
        run()


@outbox_actor("posts.newsletter_fanout")
def newsletter_fanout(payload: dict, row) -> None:
    """Queue one e-mail per recipient of a newsletter, in one transaction with the outbox row;
    the newsletter is then sent."""
    from plugins.posts.actions import fan_out_newsletter
    from plugins.posts.models import Newsletter

    newsletter = Newsletter.objects.filter(pk=payload["newsletter"]).first()
    if newsletter is not None:
        fan_out_newsletter(newsletter)
