"""CV downloads: the one answer the three routes that serve a CV give (the file, as stored)."""

from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes

from cms.accounts.uploads import CV_TYPES

#: A CV stored before Helix recorded its type is served as bytes.
UNKNOWN_TYPE = "application/octet-stream"

#: For ``extend_schema(responses=...)``: a PDF or DOCX (or, for an old upload, bytes).
CV_DOWNLOAD_RESPONSES = {
    (200, content_type): OpenApiTypes.BINARY for content_type in (*CV_TYPES, UNKNOWN_TYPE)
}


def cv_download(profile, filename: str) -> FileResponse:
    """The talent's CV as an attachment named ``filename``, with the type checked at upload."""
    content_type = profile.cv_content_type if profile.cv_content_type in CV_TYPES else UNKNOWN_TYPE
    return FileResponse(
        profile.cv.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
