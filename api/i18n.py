"""The language of a request, as the API uses it."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language


def request_language() -> str:
    """The active language (from Accept-Language or the session) if Helix offers it, else the default."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if any(code == language for code, _name in settings.LANGUAGES) else settings.LANGUAGE_CODE
