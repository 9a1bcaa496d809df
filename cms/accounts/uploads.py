"""Checking uploaded files by their content, not their name."""

from __future__ import annotations

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

CV_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif"}


def _sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind else None


def _check_size(upload, limit: int) -> None:
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def validate_cv(upload) -> str:
    """Accept a PDF or DOCX CV within the size limit; return its content type."""
    _check_size(upload, settings.HELIX_MAX_CV_BYTES)
    mime = _sniff(upload)
    if mime not in CV_TYPES:
        raise ValidationError(
            _("A CV must be a PDF or a Word (.docx) document."), code="unsupported_file_type"
        )
    if mime == "application/pdf":
        upload.seek(0)
        if b"%%EOF" not in upload.read()[-2048:]:
            upload.seek(0)
            raise ValidationError(_("This PDF file is damaged or incomplete."), code="damaged_file")
        upload.seek(0)
    upload.name = f"cv.{CV_TYPES[mime]}"
    return mime


def validate_image(upload) -> str:
    """Accept a JPEG, PNG, WebP or GIF image within the size limit; return its type."""
    _check_size(upload, settings.HELIX_MAX_IMAGE_BYTES)
    mime = _sniff(upload)
    if mime not in IMAGE_TYPES:
        raise ValidationError(
            _("A picture must be a JPEG, PNG, WebP or GIF image."), code="unsupported_file_type"
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
    except Exception:
        raise ValidationError(_("This image file is damaged."), code="damaged_file")
    finally:
        upload.seek(0)
    upload.name = f"image.{IMAGE_TYPES[mime]}"
    return mime
