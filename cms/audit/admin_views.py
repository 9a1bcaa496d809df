"""The audit log in the Wagtail admin: who did what to which object and when, newest first,
filtered by actor, action, object type and date, a fixed number of queries per page."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import BaseListingView
from wagtail.admin.widgets.boolean_radio_select import BooleanRadioSelect

from cms.audit.models import AuditEntry

VIEW = "audit.view_audit_log"


def _distinct(field: str):
    def choices():
        # order_by(): the model's default ordering (by time) would make every entry distinct.
        values = AuditEntry.objects.exclude(**{field: ""}).order_by().values_list(field, flat=True).distinct()
        return [(value, value) for value in sorted(values)]

    return choices


class AuditEntryFilterSet(WagtailFilterSet):
    # A text box, not a list of every account that ever acted: that list grows with the
    # platform (50,000 people make a page of megabytes, bench/admin.py).
    actor = django_filters.CharFilter(label=_("Who"), field_name="actor__email", lookup_expr="icontains")
    nobody = django_filters.BooleanFilter(
        label=_("Nobody signed in"), field_name="actor", lookup_expr="isnull", widget=BooleanRadioSelect
    )
    action = django_filters.ChoiceFilter(label=_("Action"), choices=_distinct("action"))
    target_type = django_filters.ChoiceFilter(label=_("Object type"), choices=_distinct("target_type"))
    created_at = django_filters.DateFromToRangeFilter(label=_("Date"))

    class Meta:
        model = AuditEntry
        fields = ["actor", "nobody", "action", "target_type", "created_at"]


def _who(entry: AuditEntry) -> str:
    return entry.actor.email if entry.actor else _("Nobody signed in")


def _object(entry: AuditEntry) -> str:
    if not entry.target_type:
        return "—"
    return f"{entry.target_type} #{entry.target_id}" if entry.target_id else entry.target_type


def _details(entry: AuditEntry) -> str:
    return "; ".join(f"{key}: {value}" for key, value in sorted(entry.data.items())) if entry.data else ""


class AuditLogView(BaseListingView):
    """The log, 50 entries a page, newest first (Wagtail's listing, filters and pagination)."""

    model = AuditEntry
    paginate_by = 50
    page_title = _("Audit log")
    header_icon = "history"
    index_url_name = "audit_log"
    index_results_url_name = "audit_log_results"
    filterset_class = AuditEntryFilterSet
    default_ordering = "-created_at"
    verbose_name_plural = _("audit entries")
    columns = [
        DateColumn("created_at", label=_("When"), sort_key="created_at"),
        Column("actor", label=_("Who"), accessor=_who),
        Column("action", label=_("Action")),
        Column("target", label=_("Object"), accessor=_object),
        Column("data", label=_("Details"), accessor=_details),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return AuditEntry.objects.select_related("actor")

    def get_valid_orderings(self):
        return ["created_at", "-created_at"]

    def order_queryset(self, queryset):
        # Ties (entries written in the same instant) keep a stable order across pages.
        descending = self.ordering != "created_at"
        return queryset.order_by(*(("-created_at", "-pk") if descending else ("created_at", "pk")))
