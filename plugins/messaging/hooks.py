"""The messaging plugin's answers to the core's hooks."""

from __future__ import annotations

from typing import Any

from cms.jobs.periodic import PeriodicJob
from cms.plugins import hookimpl

MODELS = (
    "messaging.thread",
    "messaging.threadparticipant",
    "messaging.message",
    "messaging.messagingsettings",
    "messaging.messagereport",
)


@hookimpl
def api_routes(router):
    from plugins.messaging.api import MessageReportViewSet, ThreadViewSet

    router.register("threads", ThreadViewSet, basename="messaging-thread")
    router.register("admin/message-reports", MessageReportViewSet, basename="messaging-message-report")


@hookimpl
def capabilities() -> list:
    from django.utils.translation import gettext_lazy as _

    from cms.capabilities import Capability

    return [
        Capability(
            "messaging.write_message",
            "messaging.message",
            _("Write messages"),
            _("Write to the people one is connected with: mentors, talents, organisations, employers."),
            default_roles=("talent", "mentor", "organisation", "employer", "admin"),
        ),
        Capability(
            "messaging.moderate_messages",
            "messaging.messagereport",
            _("Moderate reported messages"),
            _("Resolve reports about messages and block a reported sender in that conversation."),
            default_roles=("admin",),
        ),
    ]


@hookimpl
def role_permissions() -> dict[str, list[str]]:
    everyone = ["messaging.add_message", "messaging.view_thread"]
    return {
        "talent": everyone,
        "mentor": everyone,
        "organisation": everyone,
        "employer": everyone,
        "admin": [
            f"messaging.{action}_{model.split('.')[1]}"
            for model in MODELS
            for action in ("add", "change", "delete", "view")
        ],
    }


@hookimpl
def on_connections_activated(connections) -> None:
    """A thread the two sides had before (an earlier connection) opens again (the batch hook:
    the core calls it for one connection or thousands)."""
    from plugins.messaging.actions import refresh_threads_many

    refresh_threads_many(connections)


@hookimpl
def on_connection_changed(connection, change) -> None:
    """Contact allowed or withheld (blind listings), paused or resumed: threads follow."""
    from plugins.messaging.actions import refresh_threads

    refresh_threads(connection)


@hookimpl
def on_connections_changed(connections, change) -> None:
    """Contact allowed or withheld on many connections at once (an employer's blind listings):
    the threads follow, looked up in one query."""
    from plugins.messaging.actions import refresh_threads_many

    refresh_threads_many(connections)


@hookimpl
def on_connections_closed(connections) -> None:
    """The thread turns read-only, unless another connection still joins the two (the batch
    hook: one connection or thousands)."""
    from plugins.messaging.actions import refresh_threads_many

    refresh_threads_many(connections)


@hookimpl
def dashboard_stats(since) -> dict[str, Any]:
    from plugins.messaging.models import Message, MessageReport

    return {
        "messaging_messages_sent": Message.objects.filter(created_at__gte=since).count(),
        "messaging_open_reports": MessageReport.objects.filter(status=MessageReport.Status.OPEN).count(),
    }


@hookimpl
def periodic_jobs():
    return [PeriodicJob("messaging.notify_unread", "* * * * *", "E-mails about unread messages")]


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from plugins.messaging.selectors import export_user

    return export_user(user)


@hookimpl
def erase_user_data(user) -> list[str]:
    from plugins.messaging.actions import erase_user

    erase_user(user)
    return list(MODELS)


@hookimpl(trylast=True)
def seed_demo(locales):
    """After the plugins that connect the demo people (trylast: pluggy calls it after them)."""
    from plugins.messaging.seed import seed

    seed()
