"""The talent pool's kept pages: a page an employer asked for is kept until something it shows may
have changed, and checked against the database before it is answered again.

- **Kept per employer** under the request as sent (query string, host, language) and the *pool
  generation*, for ``POOL_SECONDS`` (60) at most. No page is ever answered to another employer.
- **The generation moves on** (at once and again at commit) when a row of the apps a page is
  made of is saved or deleted: the accounts (profiles, names, consents, activation), the
  connections and their permission rows, and this plugin's (contact, blind listings); and when the
  core opens connections or allows or withholds contact in bulk (the batch connection hooks).
  Rows of one reader's own state (``helix_reader_state``: the CV-view log) do not move it.
  Closing connections in bulk does not either (thousands at a time, one hook call each): the
  check below takes a closed connection's talent off every page that shows them, and the count
  and what moves up into the page follow within ``POOL_SECONDS``.
- **Checked before it is answered**: every talent on the kept page must still be in the pool
  (an active connection with this employer, the permission it grants, an active account that is
  not erased), in one statement. A talent who withdrew consent, was deactivated, erased or
  disconnected by any path, signals or none, makes the page be built again, so the pool never
  shows someone who left it.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from cms import generations

GENERATION_KEY = "helix:employers:pool-generation"
WATCHED_APPS = frozenset({"accounts", "connections", "employers"})
POOL_SECONDS = 60


def changed() -> None:
    """Every kept page of every employer is out of date from now on."""
    generations.changed(GENERATION_KEY)


#: Columns no page shows: a save of these alone (a log-in stamps ``last_login``) keeps the pages.
UNSHOWN_FIELDS = frozenset({"last_login"})


def _on_change(sender, update_fields=None, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in WATCHED_APPS or getattr(sender, "helix_reader_state", False):
        return
    if update_fields and set(update_fields) <= UNSHOWN_FIELDS:
        return
    changed()


def connect() -> None:
    post_save.connect(_on_change, dispatch_uid="helix-employers-pool-save")
    post_delete.connect(_on_change, dispatch_uid="helix-employers-pool-delete")
    m2m_changed.connect(_on_change, dispatch_uid="helix-employers-pool-m2m")
