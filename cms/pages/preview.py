"""Drafts for the editor's Preview, read by a frontend with the token Wagtail handed it.

Pressing Preview in the page editor stores the draft (``wagtail_headless_preview.PagePreview``,
the editor's unsaved form included) and redirects to ``{HELIX_SITE_URL}/preview?content_type=
...&token=...`` (``WAGTAIL_HEADLESS_PREVIEW`` in the settings). The frontend asks
``GET /api/v1/pages/preview/`` with that token; :func:`draft_for_token` answers the draft only while
the token's signature is Helix's and it is younger than ``HELIX_PREVIEW_TOKEN_SECONDS``. Without a
token nothing but published pages ever leaves the API.
"""

from __future__ import annotations

from django.conf import settings
from django.core.signing import BadSignature, SignatureExpired
from wagtail.models import Page
from wagtail_headless_preview.models import PagePreview

from cms.errors import PreviewExpired, PreviewTokenInvalid, PreviewTokenRequired
from cms.pages.models import HelixPage


def draft_for_token(token: str | None, content_type: str | None = None) -> Page:
    """The draft an editor previewed, as an unsaved specific page built from the stored JSON.

    ``content_type`` (``app_label.modelname``, as the preview address gives it) is optional; when
    given it must be the draft's. Raises ``PreviewTokenRequired``, ``PreviewTokenInvalid`` (a
    damaged or forged token, another page type) or ``PreviewExpired`` (too old, or cleared).
    """
    token = (token or "").strip()
    if not token:
        raise PreviewTokenRequired()
    try:
        HelixPage.get_preview_signer().unsign(token, max_age=settings.HELIX_PREVIEW_TOKEN_SECONDS)
    except SignatureExpired:
        raise PreviewExpired() from None
    except BadSignature:
        raise PreviewTokenInvalid() from None
    preview = PagePreview.objects.filter(token=token).select_related("content_type").first()
    if preview is None:  # signed by us, but its draft was garbage-collected
        raise PreviewExpired()
    stored_type = f"{preview.content_type.app_label}.{preview.content_type.model}"
    if content_type and content_type.strip().lower() != stored_type:
        raise PreviewTokenInvalid()
    page = preview.as_page()
    if not isinstance(page, HelixPage):  # pragma: no cover - only Helix pages store previews
        raise PreviewTokenInvalid()
    return page
