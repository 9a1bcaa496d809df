"""The Helix plugin contract: every hook a plugin may implement.

The core calls these hooks; it never imports a plugin. A plugin implements a
hook with a function of the same name in its ``hooks.py``, decorated with
``@hookimpl`` (``from cms.plugins import hookimpl``). Arguments are passed by
keyword, so an implementation may accept only the arguments it uses.

Hooks called "for a project" go through ``cms.plugins.hooks_for(project)``:
plugins disabled for that project are never asked. The others go through
``cms.plugins.hooks()`` and reach every installed plugin.

Every hook here has a section in ``docs/plugins.md`` and a ``test_hook_<name>``
test; ``tests/test_plugin_docs.py`` enforces both.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:  # pragma: no cover
    from cms.accounts.models import User
    from cms.connections.kinds import ConnectionKind
    from cms.connections.models import Connection
    from cms.jobs.periodic import PeriodicJob
    from cms.organisations.models import Project
    from cms.plugins.routing import PluginRouter

hookspec = pluggy.HookspecMarker("helix")


@hookspec
def api_routes(router: PluginRouter) -> None:
    """Register the plugin's DRF viewsets under ``/api/v1/``.

    Called once, when the URL configuration loads. ``router`` is a DRF
    ``DefaultRouter`` wrapper: call ``router.register(prefix, viewset, basename=...)``.
    The router tags each viewset with the plugin that registered it, so the
    route answers 404 in projects where the plugin is disabled. Returns nothing.
    """


@hookspec
def role_permissions() -> dict[str, Iterable[str]]:
    """Return the model permissions each role gets from this plugin.

    Called after every ``migrate``, to sync the role groups. Keys are role
    names (``talent``, ``mentor``, ``organisation``, ``employer``, ``admin``);
    values are ``"app_label.codename"`` strings. The groups get exactly the union
    of what the core and all plugins declare here, plus the capabilities (see
    ``capabilities()``) the admins gave them, which the sync leaves alone.
    """


@hookspec
def capabilities() -> Iterable[Any]:
    """Return what a role may do in this plugin, as ``cms.capabilities.Capability`` objects.

    Each is a Django permission (``"app_label.codename"``, on one of the plugin's models)
    with a label and description in three languages and its default roles. ``migrate``
    gives a new capability its default roles once; after that the admins decide in the
    "Roles and permissions" screen. Check one with ``user.has_perm(perm)``.
    """


@hookspec
def page_dynamic_content(page: Any, locale: str, user: User | None, block: dict) -> list[dict] | None:
    """Return dynamic items for a "latest posts" block of an information page.

    Called (for the plugins enabled on the request's project) each time the API
    answers a page with such a block. ``page`` is the specific Wagtail page,
    ``locale`` its language, ``user`` the reader or ``None``, and ``block`` what
    the editor chose: ``{"heading", "post_types": [...], "sectors": [slugs],
    "limit": n}``. Return at most ``limit`` JSON-ready dicts (each with at least
    ``type`` and ``title``), newest first and in ``locale`` first, or ``None``
    when the plugin has nothing for this block. An implementation may leave out
    arguments it does not use; leave out ``user`` when the items do not depend on
    the reader: the page's answer is then kept in the page cache (for a minute at
    most, and until the plugin's rows change) instead of being built for every read.
    """


@hookspec
def profile_sections(user: User) -> dict[str, Any] | None:
    """Return extra sections for the user's own profile at ``/api/v1/me/``.

    Called when the profile is read. Return ``{section_name: json_data}`` or
    ``None``; section names should start with the plugin id.
    """


@hookspec
def connection_kinds() -> Iterable[ConnectionKind]:
    """Declare the kinds of connection this plugin makes.

    Called once per process, the first time the core needs the kinds. Return
    ``ConnectionKind(id, label, sides, sees)`` items (``from cms.connections.kinds import
    ConnectionKind``): ``sides`` are two of ``talent``, ``mentor``, ``employer``,
    ``organisation``; ``sees`` maps a side (or ``"project_organisation"``, the organisation
    owning the connection's project) to what it sees of the talent while the connection is active
    or paused (``profile``, ``cv``, ``networking_plan``, ``progress``). Kind ids are unique across
    plugins; a clash stops start-up.
    """


@hookspec
def on_connection_activated(connection: Connection) -> None:
    """React to a connection becoming active (for the connection's project).

    Called inside the transaction of the action that activates it, after the core has granted
    what its kind declares: writes here commit or roll back with it. Use the outbox for side
    effects (mails). Returns nothing.
    """


@hookspec
def on_connections_activated(connections: list[Connection]) -> None:
    """React to many connections becoming active at once (all of one project).

    The batch form of ``on_connection_activated``, called by the bulk action
    ``open_connections(..., activate=True)`` (the sector matching opens thousands at a time) and
    by the one-connection actions with a list of one. Called inside the action's transaction,
    after the core has granted what the kinds declare. A plugin that implements it is not called
    per connection; a plugin that implements only ``on_connection_activated`` is called once per
    connection instead. Do the work in a fixed number of statements. Returns nothing.
    """


@hookspec
def on_connection_changed(connection: Connection, change: str) -> None:
    """React to an open connection changing without opening or closing (for its project).

    ``change`` is ``"paused"``, ``"resumed"``, ``"contact_allowed"`` or ``"contact_withheld"``.
    Called inside the transaction of the change. Returns nothing.
    """


@hookspec
def on_connections_changed(connections: list[Connection], change: str) -> None:
    """React to many open connections changing the same way at once (all of one project).

    The batch form of ``on_connection_changed``, called by ``set_contact_many`` (an employer
    turning blind listings on withholds contact on thousands of connections) and by
    ``set_contact`` with a list of one. ``change`` is ``"contact_allowed"`` or
    ``"contact_withheld"``. Called inside the change's transaction. A plugin that implements it
    is not called per connection for these changes; a plugin that implements only
    ``on_connection_changed`` is called once per connection instead. Returns nothing.
    """


@hookspec
def on_connection_closed(connection: Connection) -> None:
    """React to a connection being closed (for the connection's project).

    Called inside the closing transaction, after the core has revoked what the connection
    granted; ``connection.close_reason`` and ``closed_by`` say why and who. Returns nothing.
    """


@hookspec
def on_connections_closed(connections: list[Connection]) -> None:
    """React to many connections being closed at once (all of one project, one reason).

    The batch form of ``on_connection_closed``, called by the bulk action ``close_connections``
    and by ``close_connection`` with a list of one. Called inside the closing transaction, after
    the core has revoked what the connections granted; each one's ``close_reason`` and
    ``closed_by`` are set. A plugin that implements it is not called per connection; one that
    implements only ``on_connection_closed`` is called once per connection instead. Returns
    nothing.
    """


@hookspec
def on_consent_changed(user: User, purpose: str, granted: bool) -> None:
    """React to a user granting or withdrawing a consent (``purpose`` is a ``Consent.Purpose``).

    Called on every installed plugin inside the transaction of the change, after it is written:
    a plugin that relies on the consent (the employers plugin on ``cv_publication``) stops using
    the data here, at once, and may queue follow-up work through the outbox. Returns nothing.
    """


@hookspec
def dashboard_stats(since: datetime) -> dict[str, Any] | None:
    """Return figures for the admin dashboard, counted from ``since``.

    Called when an admin opens the dashboard. Return ``{figure_name: number
    or list of {label, value}}``; names should start with the plugin id.
    """


@hookspec
def dashboard_figures(projects: list[Project] | None, since: datetime, until: datetime) -> list[dict] | None:
    """Return the charts this plugin adds to the back office's dashboard.

    Called when someone with "See the dashboard" opens it (or downloads a chart as CSV), on the
    plugins enabled in at least one of ``projects``; ``projects`` is ``None`` for the whole
    installation (an admin with no project chosen). Count what happened from ``since`` (included)
    to ``until`` (excluded), only in ``projects`` when given, with aggregate queries (a constant
    number whatever the number of rows). Return a list of figure dicts, or ``None``::

        {"key": "posts.by_type",            # unique, starts with the plugin id
         "title": _("Posts per type"),       # translated (lazily is fine)
         "kind": "bar",                      # "bar", "line", "stacked" or "doughnut"
         "labels": ["Study", "Vacancy"],     # the x axis (``cms.dashboard.weeks`` for weeks)
         "series": [{"label": _("Posts"), "data": [3, 5]}]}   # one number per label

    Optional: ``"description"`` (a sentence under the title) and ``"unit"``.
    """


@hookspec
def impact_figures(projects: list[Project] | None, since: datetime, until: datetime) -> list[dict] | None:
    """Return figures about *people* for programme reports (the impact report of the plugin that
    serves it, e.g. ``journey``: dashboard, CSV and ``GET /api/v1/impact/``).

    Same arguments and figure shape as ``dashboard_figures``, but every number must count people
    (or things people did, such as meetings) among the active members of ``projects``, because
    the report suppresses every cell under the installation's minimum (``HELIX_IMPACT_MIN_CELL``)
    together with the cells that would reveal it. Use a constant number of aggregate queries,
    never names or ids. Called on the plugins enabled in at least one of ``projects``.
    """


@hookspec
def newsletter_sections(user: User, since: datetime) -> list[dict] | None:
    """Return sections for one user's digest or newsletter (for a project).

    Called per recipient while a digest is assembled. Return a list of
    ``{"title": ..., "items": [...]}`` dicts, already in the user's language,
    or ``None``.
    """


@hookspec
def newsletter_sections_many(users: list[User], sinces: dict[int, datetime]) -> dict[int, list[dict]] | None:
    """Return the digest sections of many recipients at once (for a project): the batch form of
    ``newsletter_sections``, so a digest run costs the plugin a few queries per batch of readers,
    not one per reader.

    ``sinces`` maps each user's id to the start of their digest's period. Return ``{user id:
    [{"title": ..., "items": [...]}, ...]}`` (each in that user's language), leaving out users
    without a section. A plugin implementing this is not asked ``newsletter_sections`` during a
    digest run; a plugin implementing only ``newsletter_sections`` is asked per reader.
    """


@hookspec
def periodic_jobs() -> Iterable[PeriodicJob]:
    """Declare the plugin's periodic jobs.

    Called once when the scheduler starts. Return ``PeriodicJob(actor_name,
    cron)`` items (``from cms.jobs.periodic import PeriodicJob``). The scheduler
    sends the actor a message on that schedule; the actor itself must check
    for which projects the plugin is enabled (``cms.plugins.enabled_projects``).
    """


@hookspec
def export_user_data(user: User) -> dict[str, Any] | None:
    """Return everything the plugin stores about ``user``, for a GDPR export.

    Called by ``GET /api/v1/me/export/``. Return ``{model_label_lower:
    json_data}``, one key per model that holds the user's data, even when it
    holds nothing for this user (then an empty list). The GDPR coverage test
    checks that every model referring to the user model is listed here or in
    ``erase_user_data``.
    """


@hookspec
def erase_user_data(user: User) -> Iterable[str] | None:
    """Erase or anonymise everything the plugin stores about ``user``.

    Called by ``DELETE /api/v1/me/`` inside one transaction, before the core
    anonymises the account itself. Return the ``label_lower`` of every model
    handled.
    """


@hookspec
def on_text_scrubbed(model_label: str, pks: list) -> None:
    """Text in rows of ``model_label`` was rewritten behind the model's back.

    Called by the core's erasure sweep (``cms.accounts.erasure_actions.sweep_text``),
    inside the erasure's transaction, after it replaced an erased person's
    name or address in the rows ``pks`` with ``QuerySet.update``: no
    ``save()`` ran and no signal was sent. A plugin that derives data from
    that text (a search vector, a cached summary) rebuilds it for those rows
    so the person is gone from it too. Called on every installed plugin, once
    per model rewritten; return nothing.
    """


@hookspec
def seed_demo(locales: list[str]) -> None:
    """Load the plugin's demo content, idempotently.

    Called by ``python manage.py seed_demo`` after the core has created the
    sectors, the demo organisation and project, and one demo account per role
    (``cms.accounts.demo.DEMO_ACCOUNTS``). ``locales`` are the language codes
    to write content in. Running it twice must not duplicate anything.
    """
