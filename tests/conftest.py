"""Fixtures shared by the cross-cutting tests."""

from tests.pages import page_tree, seed_tiny_tree  # noqa: F401 - fixture
