"""Root conftest: Helix's shared fixtures come from the ``cms.plugins.testing`` pytest plugin."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: with a shared Redis cache, rate limits
    (allauth's "one verification mail per 3 minutes") would leak between tests and runs."""
    from django.core.cache import cache

    cache.clear()
    yield
