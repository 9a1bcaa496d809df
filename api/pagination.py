"""Pagination of every list endpoint.

``?page=2&page_size=50`` (at most 100). A list read from the database counts its rows only up to
``HELIX_API_COUNT_CAP`` (1,000): counting every match of a broad search in a table of a million
posts would cost more than the page itself, and nobody reads past the thousandth result. Beyond
the cap the answer says ``count: 1000, count_exact: false`` ("1,000 or more"), and the pages go on:
``next`` is there as long as another row follows, so every row stays reachable.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from rest_framework import pagination
from rest_framework.response import Response


def count_cap() -> int:
    return getattr(settings, "HELIX_API_COUNT_CAP", 1000)


class CappedPage(Page):
    """A page past the counted rows, or of a list whose count stopped at the cap: it knows whether
    another page follows from one row more than it shows."""

    def __init__(self, object_list, number, paginator, more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class CappedPaginator(Paginator):
    """Django's paginator with a count that stops at the cap (``SELECT COUNT(*) FROM (… LIMIT
    cap + 1)``): its cost no longer grows with the rows that match."""

    @cached_property
    def capped(self) -> int | None:
        """The rows counted up to one past the cap, or None for a list in memory (its length is
        free). A queryset is counted in the database; another object may offer ``count_up_to``."""
        if isinstance(self.object_list, QuerySet):
            return self.object_list[: count_cap() + 1].count()
        count_up_to = getattr(self.object_list, "count_up_to", None)
        return count_up_to(count_cap() + 1) if callable(count_up_to) else None

    @property
    def exact(self) -> bool:
        return self.capped is None or self.capped <= count_cap()

    @cached_property
    def count(self) -> int:
        if self.capped is None:
            return len(self.object_list)
        return min(self.capped, count_cap())

    def validate_number(self, number):
        if self.exact:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number):
        number = self.validate_number(number)
        if self.exact:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return CappedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)


class KeysFirst:
    """A queryset paginated keys first: the page's primary keys come from a narrow query that the
    order's index answers alone, then those rows are read in full (joins, annotations,
    prefetches) by key. A wide ``SELECT`` with joins can lead the planner to sort every match
    before the ``LIMIT``; the narrow one stops after a page. The count is capped as above,
    without the annotations or the order (the planner stops at the cap however it likes).

    Counting and the page's keys stay two statements: the first ``cap + 1`` keys *in order* would
    give both at once, but a selective filter then walks the order's index until a thousand
    matches (type + sector at 100k posts: 66 ms), where the unordered count hashes them (bench/README.md)."""

    ordered = True

    def __init__(self, queryset: QuerySet, rows: QuerySet | None = None):
        """``rows``: where the page's rows are read by key, when that can be simpler than
        ``queryset`` (its joins and annotations without the list's filters, which the keys have
        already passed: repeating them can lead the planner to scan the filter's index again)."""
        self.queryset = queryset
        self.rows = queryset if rows is None else rows

    def count_up_to(self, limit: int) -> int:
        return self.queryset.order_by().values("pk")[:limit].count()

    def count(self) -> int:
        return self.queryset.order_by().values("pk").count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return in_key_order(self.rows, list(self.queryset.values_list("pk", flat=True)[index]))


def in_key_order(queryset: QuerySet, keys: list) -> list:
    """The rows of ``queryset`` with these primary keys, in the keys' order (one query, with the
    queryset's joins, annotations and prefetches)."""
    found = {row.pk: row for row in queryset.order_by().filter(pk__in=keys)}
    return [found[key] for key in keys if key in found]


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=2&page_size=50`` (at most 100), with ``count`` exact up to the cap."""

    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "count_exact": self.page.paginator.exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["required"] = ["count", "count_exact", "results"]
        answer["properties"]["count"]["description"] = (
            f"How many results there are, counted up to {count_cap():,}; when `count_exact` is false "
            "there are at least this many."
        )
        answer["properties"]["count_exact"] = {
            "type": "boolean",
            "description": (
                f"False when the count stopped at {count_cap():,}: show it as “{count_cap():,}+”. "
                "`next` still leads on while another row follows."
            ),
        }
        order = ("count", "count_exact", "next", "previous", "results")
        answer["properties"] = {key: answer["properties"][key] for key in order}
        return answer
