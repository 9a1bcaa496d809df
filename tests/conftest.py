"""Fixtures shared by the cross-cutting tests."""

import pytest

from tests.pages import page_tree, seed_tiny_tree  # noqa: F401 - fixture


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, plus the tiny page tree every page test reads."""
    with django_db_blocker.unblock():
        seed_tiny_tree()
