"""Content-Security-Policy for every answer, through django-csp.

JSON answers (the API, allauth's headless API, health) carry the strict policy of
``CONTENT_SECURITY_POLICY``: nothing may be loaded and nothing may frame them. HTML pages (the
Wagtail admin, allauth's login and second-factor pages, the API docs) carry
``HELIX_CSP_HTML_DIRECTIVES``: everything from Helix's own origin, no inline or evaluated script,
inline styles only (Wagtail's admin and the docs' renderers set style attributes), no plugins.
The Wagtail admin (``/admin/``, for signed-in admins and editors with a second factor) also runs
inline scripts: Wagtail's form widgets and inline panels, and wagtail-localize's editor, write
them without a nonce (wagtail/wagtail#1288), so ``HELIX_CSP_ADMIN_SCRIPT_SRC`` adds
``'unsafe-inline'`` there and nowhere else; no page of the admin needs ``eval``.
An HTML page may be framed only where Django's ``X-Frame-Options`` allows it (Wagtail's previews:
``SAMEORIGIN``), so ``frame-ancestors`` and ``X-Frame-Options`` always say the same.
"""

from __future__ import annotations

from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware
from django.conf import settings


def is_html(response) -> bool:
    """Whether the answer is a page a browser renders (not JSON, a file or a script)."""
    return response.get("Content-Type", "").split(";")[0].strip().lower() == "text/html"


def html_directives(request, response) -> dict[str, list[str]]:
    """The policy of an HTML page; framing follows the answer's ``X-Frame-Options``."""
    directives = {key: list(value) for key, value in settings.HELIX_CSP_HTML_DIRECTIVES.items()}
    if request.path_info.startswith("/admin/"):
        directives["script-src"] = list(settings.HELIX_CSP_ADMIN_SCRIPT_SRC)
    same_origin = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
    directives["frame-ancestors"] = [SELF] if same_origin else [NONE]
    return directives


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware choosing the policy by the kind of answer: strict by default,
    ``html_directives`` for HTML pages (a view's own ``csp_override`` still wins)."""

    def get_policy_parts(self, request, response, report_only: bool = False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_html(response):
            parts.config = html_directives(request, response)
        return parts
