"""Checking uploaded files by their content, not their name, and storing them under random names.

CVs (PDF or DOCX) are inspected inside (``cms.accounts.document_checks``); pictures are
decoded and drawn again by Pillow, so only pixels survive: a GIF/HTML polyglot, a
trailing payload or EXIF data (a photo's GPS position) never reaches storage.
"""

from __future__ import annotations

import io
import uuid
import warnings

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from cms.accounts.document_checks import check_docx, check_pdf

CV_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif"}
# What Pillow must find inside, per sniffed type; a GIF is stored as a PNG of its first frame.
_PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/gif": "GIF"}
_STORED_AS = {"JPEG": ("JPEG", "jpg", "image/jpeg"), "PNG": ("PNG", "png", "image/png"),
              "WEBP": ("WEBP", "webp", "image/webp"), "GIF": ("PNG", "png", "image/png")}
_MODES = {"JPEG": ("RGB", "L"), "PNG": ("RGB", "RGBA", "L", "LA"), "WEBP": ("RGB", "RGBA")}
SAFE_EXTENSIONS = frozenset({"pdf", "docx", "jpg", "png", "webp"})


def random_name(folder: str, filename: str) -> str:
    """A storage path that says nothing and cannot be guessed: ``folder/<uuid4>.<ext>``.

    Only a known extension is kept (``bin`` otherwise), never the uploaded name.
    """
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"{folder}/{uuid.uuid4().hex}.{ext if ext in SAFE_EXTENSIONS else 'bin'}"


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
    """Accept a PDF or DOCX CV within the size limit that cannot act on its own; return its
    content type. Raises ``ValidationError`` with code ``file_too_large``,
    ``unsupported_file_type``, ``damaged_file`` or ``file_unsafe``."""
    _check_size(upload, settings.HELIX_MAX_CV_BYTES)
    mime = _sniff(upload)
    if mime not in CV_TYPES:
        raise ValidationError(
            _("A CV must be a PDF or a Word (.docx) document."), code="unsupported_file_type"
        )
    if mime == "application/pdf":
        check_pdf(upload)
    else:
        check_docx(upload)
    upload.name = f"cv.{CV_TYPES[mime]}"
    return mime


def _damaged_image() -> ValidationError:
    return ValidationError(_("This image file is damaged."), code="damaged_file")


def validate_image(upload) -> SimpleUploadedFile:
    """Accept a JPEG, PNG, WebP or GIF picture within the size and pixel limits and return a
    new file holding only its redrawn pixels (the upload itself is never stored).

    Raises ``ValidationError`` with code ``file_too_large``, ``unsupported_file_type`` or
    ``damaged_file``.
    """
    _check_size(upload, settings.HELIX_MAX_IMAGE_BYTES)
    mime = _sniff(upload)
    if mime not in IMAGE_TYPES:
        raise ValidationError(
            _("A picture must be a JPEG, PNG, WebP or GIF image."), code="unsupported_file_type"
        )
    limit = settings.HELIX_MAX_IMAGE_PIXELS
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format != _PILLOW_FORMATS[mime]:
                    raise _damaged_image()
                width, height = image.size
                if width * height > limit:
                    raise ValidationError(
                        _("The picture has %(pixels)s pixels; the limit is %(limit)s.")
                        % {"pixels": f"{width * height:,}", "limit": f"{limit:,}"},
                        code="file_too_large",
                    )
                image.seek(0)
                image.load()
                clean = ImageOps.exif_transpose(image)
                pillow_format, ext, content_type = _STORED_AS[image.format]
                if clean.mode not in _MODES[pillow_format]:
                    transparent = "A" in clean.getbands() or "transparency" in clean.info
                    keep_alpha = transparent and pillow_format != "JPEG"
                    clean = clean.convert("RGBA" if keep_alpha else "RGB")
                out = io.BytesIO()
                clean.save(out, pillow_format, **({"quality": 90} if pillow_format != "PNG" else {}))
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The picture has too many pixels."), code="file_too_large"
        ) from None
    except Exception:  # Pillow signals a broken file in many ways (OSError, SyntaxError, …)
        raise _damaged_image() from None
    finally:
        upload.seek(0)
    return SimpleUploadedFile(f"image.{ext}", out.getvalue(), content_type=content_type)
