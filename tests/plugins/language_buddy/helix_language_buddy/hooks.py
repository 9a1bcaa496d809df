"""The plugin's answers to Helix's hooks (docs/plugins.md documents each one)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cms.connections.kinds import PROFILE, ConnectionKind
from cms.outbox.mail import notify
from cms.plugins import hookimpl
from helix_language_buddy import actions, selectors
from helix_language_buddy.models import KIND, BuddyRequest


@hookimpl
def connection_kinds():
    """Talent and mentor; while it is active the mentor sees the talent's profile."""
    return [ConnectionKind(KIND, _("Language buddies"), ("talent", "mentor"), {"mentor": (PROFILE,)})]


@hookimpl
def api_routes(router):
    from helix_language_buddy.api import LanguageBuddyViewSet

    router.register("language-buddies", LanguageBuddyViewSet, basename="language_buddy-request")


@hookimpl
def on_connection_activated(connection):
    """Tell the talent their mentor said yes (every kind comes here: look at ours only)."""
    if connection.kind == KIND:
        notify(
            "language_buddy/mail/accepted",
            [connection.talent],
            {"mentor": connection.mentor},
            key=f"language_buddy:accepted:{connection.pk}",
        )


@hookimpl
def export_user_data(user):
    return selectors.export_user(user)


@hookimpl
def erase_user_data(user):
    actions.erase_user(user)
    return [BuddyRequest._meta.label_lower]
