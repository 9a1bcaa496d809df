"""Organisations, their projects, project membership and per-project plugins."""
