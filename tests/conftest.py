"""Fixtures shared by the cross-cutting tests."""

from tests.pages import page_tree  # noqa: F401 - fixture
