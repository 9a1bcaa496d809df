"""Content negotiation, remembered: DRF's choice of renderer, made once per kind of request."""

from __future__ import annotations

from rest_framework.negotiation import DefaultContentNegotiation


class RememberedContentNegotiation(DefaultContentNegotiation):
    """DRF's own choice of renderer and media type, remembered per renderer classes, ``Accept``
    header and format: every request of the same kind chose the same, parsing its header again
    (a tenth of a page answered from the page cache). A request no renderer fits is refused as
    DRF refuses it, every time; at most ``LIMIT`` kinds are kept (``Accept`` is the client's to
    choose)."""

    LIMIT = 256
    chosen: dict[tuple, tuple[int, str]] = {}

    def select_renderer(self, request, renderers, format_suffix=None):
        format = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        key = (tuple(type(renderer) for renderer in renderers), request.META.get("HTTP_ACCEPT"), format)
        remembered = self.chosen.get(key)
        if remembered is not None:
            index, media_type = remembered
            return renderers[index], media_type
        renderer, media_type = super().select_renderer(request, renderers, format_suffix)
        if len(self.chosen) >= self.LIMIT:
            self.chosen.clear()
        self.chosen[key] = (renderers.index(renderer), media_type)
        return renderer, media_type
