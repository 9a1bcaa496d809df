"""An author's name in kept lists: a rename starts the kept posts lists again.

The posts lists (and the pages' "latest posts" blocks) show each post's author: their public id,
first and last name and role (``SHOWN``, which ``api.LISTED_COLUMNS`` reads). Those live on the
account, not in the posts' own table, so a change to them did not move the posts' generation: a
kept list showed the old name for up to a minute. An account saved with any of them, when it
wrote a post, moves it on; a save of other fields alone (a log-in's ``last_login``) keeps every
kept list.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_save

from cms.pages.cache import dynamic_changed

#: The account's columns a post shows of its author.
SHOWN = ("public_id", "first_name", "last_name", "role")


def _on_account_saved(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    if created or (update_fields is not None and not set(SHOWN).intersection(update_fields)):
        return
    from plugins.posts.models import Post

    if Post.objects.filter(author_id=instance.pk).exists():
        dynamic_changed()


def connect() -> None:
    post_save.connect(_on_account_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="helix-posts-authors")
