"""Fixtures shared by the cross-cutting tests."""

import pytest

from tests.pages import page_tree, seed_tiny_tree  # noqa: F401 - fixture


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, plus the tiny page tree every page test reads.

    The database is serialized again afterwards, so that tests which flush it (transactional
    tests with ``serialized_rollback``) get the tree back with the migrations' data.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        seed_tiny_tree()
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
