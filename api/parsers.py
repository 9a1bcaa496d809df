"""Request parsers and the edge guard that keep bad bodies out of the views.

A body nested deeper than ``MAX_JSON_DEPTH`` is refused with 400 ``parse_error`` before
Python's recursion limit turns it into a 500; DRF views get this from ``JSONParser`` here,
allauth's headless views (which read ``request.body`` themselves) from ``JSONDepthMiddleware``.
"""

from __future__ import annotations

import json

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

#: No form of the API nests anywhere near this deep.
MAX_JSON_DEPTH = 64


def too_deep(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether a JSON text opens more than ``limit`` arrays/objects at once (strings skipped)."""
    depth = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser that answers 400 for over-deep or otherwise undecodable bodies."""

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        if too_deep(raw):
            raise ParseError(_("The JSON body is nested too deeply."))
        try:
            data = json.loads(raw.decode((parser_context or {}).get("encoding") or "utf-8"))
            # A lone surrogate ("\\ud800") is valid JSON but no text: echoing it back in an
            # error message made the UTF-8 renderer fail with a 500.
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except (ValueError, RecursionError, UnicodeError) as exc:
            raise ParseError(_("The body is not valid JSON.")) from exc
        return data


class JSONDepthMiddleware:
    """Refuse an over-deep JSON body with 400 before any view (allauth's too) parses it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH") and "json" in request.content_type:
            try:
                deep = too_deep(request.body)
            except RequestDataTooBig:
                # Over DATA_UPLOAD_MAX_MEMORY_SIZE: DRF reads the stream, not request.body, so
                # without this the limit did not hold for JSON at all.
                return JsonResponse(
                    _error_body("request_too_large", _("The request body is too large.")), status=413
                )
            if deep:
                return JsonResponse(
                    _error_body("parse_error", _("The JSON body is nested too deeply.")), status=400
                )
        return self.get_response(request)


def _error_body(code: str, message) -> dict:
    # Imported here: api.errors imports DRF's settings, which import this module's JSONParser.
    from api.errors import error_body

    return error_body(code, message)
