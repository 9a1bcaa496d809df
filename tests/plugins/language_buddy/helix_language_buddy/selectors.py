"""Reads: the requests a user may see, and what the plugin holds about a user (GDPR export)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cms.connections.selectors import visible_connections
from helix_language_buddy.models import KIND, BuddyRequest


def visible_requests(user) -> QuerySet[BuddyRequest]:
    """Its two sides, the organisation running its project, and admins see a request (one query)."""
    return BuddyRequest.objects.filter(connection__in=visible_connections(user, kinds=[KIND])).select_related(
        "connection__talent", "connection__mentor"
    )


def export_user(user) -> dict[str, list]:
    rows = BuddyRequest.objects.filter(Q(connection__talent=user) | Q(connection__mentor=user))
    fields = ("connection__public_id", "connection__state", "language", "message", "minutes_practised")
    return {BuddyRequest._meta.label_lower: list(rows.values(*fields, "created_at"))}
