"""JSON rendered once: an answer kept in the cache with its bytes goes out without rendering again.

A view answers ``Rendered(data, body)``: the data as usual (the browsable API and any renderer
other than plain JSON use it), and ``body``, the bytes :class:`JSONRenderer` gave for the same data
when it was kept. Plain JSON (no ``indent`` asked for in ``Accept``) sends ``body`` as it is.
"""

from __future__ import annotations

from rest_framework import renderers


class Rendered(dict):
    """``data`` with the JSON it renders to (``helix_json``)."""

    def __init__(self, data: dict, body: bytes):
        super().__init__(data)
        self.helix_json = body


class JSONRenderer(renderers.JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        body = getattr(data, "helix_json", None)
        if body is not None and self.get_indent(accepted_media_type, renderer_context or {}) is None:
            return body
        return super().render(data, accepted_media_type, renderer_context)
