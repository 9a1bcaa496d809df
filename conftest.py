"""Root conftest: Helix's shared fixtures come from the ``cms.plugins.testing`` pytest plugin."""

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, plus the tiny page tree the page, journey and plugin tests read, seeded
    once for the whole session (here, so that the core's and the plugins' tests get it too: a tree
    seeded inside a test is rolled back with it and was built again for every test).

    The database is serialized again afterwards, so that tests which flush it (transactional
    tests with ``serialized_rollback``) get the tree back with the migrations' data.
    """
    from django.db import connection

    from cms.organisations.models import Project
    from cms.outbox.models import OutboxMessage
    from tests.pages import seed_tiny_tree

    with django_db_blocker.unblock():
        seed_tiny_tree()
        # The instance-wide project, as after a running instance's first request: created inside a
        # test's first request it would count as a change of projects (cms.organisations.cache).
        Project.default()
        # The seeding's background jobs (search and reference index) ran; their rows would be
        # counted by the outbox's own tests.
        OutboxMessage.objects.all().delete()
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: with a shared Redis cache, rate limits
    (allauth's "one verification mail per 3 minutes") would leak between tests and runs."""
    from django.core.cache import cache

    cache.clear()
    yield
