"""The API's routes grouped by first segment (``api.urls.grouped``) answer every path exactly as
the router's flat list did: the same view, the same arguments, the same name, the same reverse."""

from __future__ import annotations

import re

from django.urls import URLResolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern

from api.urls import grouped, router

#: Values for path parameters: each parameter takes the first its expression matches.
SAMPLES = ("12", "json", "posts_1", "3f2c1d9e-8b7a-4c6d-9e5f-1a2b3c4d5e6f", "abc-12", "tok:en.1")
GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*(?:\([^()]*\)[^()]*)*)\)")


def sample_path(regex: str) -> str:
    """A path the pattern ``regex`` matches."""

    def fill(match: re.Match) -> str:
        return next(sample for sample in SAMPLES if re.fullmatch(match["body"], sample))

    return GROUP.sub(fill, regex).lstrip("^").rstrip("$").replace("/?", "/").replace("\\.", ".")


def resolver_of(patterns) -> URLResolver:
    return URLResolver(RegexPattern(r"^/api/v1/"), patterns)


def test_every_router_path_resolves_as_in_the_flat_list():
    flat, groups = resolver_of(router.urls), resolver_of(grouped(router.urls))
    assert len(router.urls) > 90  # the core's routes and every shipped plugin's
    for pattern in router.urls:
        path = sample_path(pattern.pattern.regex.pattern)
        expected, got = flat.resolve(f"/api/v1/{path}"), groups.resolve(f"/api/v1/{path}")
        assert (got.func, got.kwargs, got.url_name) == (expected.func, expected.kwargs, expected.url_name), (
            path
        )
        # The sample reached its own view (a format suffix may take a greedy token's dot).
        assert got.url_name == pattern.name, path


def test_a_path_no_route_takes_is_still_refused_and_reverse_is_unchanged():
    groups = resolver_of(grouped(router.urls))
    for missing in ("pagesx/", "pages/12/nothing/", "posts.json.json/", ""):
        try:
            groups.resolve(f"/api/v1/{missing}")
        except Resolver404:
            continue
        raise AssertionError(f"/api/v1/{missing} resolved")
    # The whole stack: names reverse to the same paths, and resolve back to their view.
    assert reverse("page-list") == "/api/v1/pages/"
    assert reverse("page-detail", kwargs={"pk": 12}) == "/api/v1/pages/12/"
    assert resolve("/api/v1/pages/find/").url_name == "page-find"
    assert resolve("/api/v1/admin/approvals/").url_name == "admin-approval-list"
