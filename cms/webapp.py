"""The reference web app (``frontend-contract/app``) served by Django at ``/``.

``npm run build`` writes the app to ``HELIX_WEBAPP_DIST``. When it is there, ``/`` and every
address of the app (``/en/roadmap/...``, ``/account/verify-email/{key}``, ``/preview``) answer
its ``index.html``, and its files are served from the build: hashed files under ``/assets/``
are cached for a year, everything else (``index.html``, ``sw.js``, the manifest, the icons)
is revalidated on every visit so that a new build reaches visitors at once. When the build is
absent, ``/`` is the landing page of ``cms.views.home`` and the app's addresses answer 404.
Helix's own routes (``/api/``, ``/_allauth/``, ``/accounts/``, ``/admin/``, ...) are never
answered here: ``APP_PATHS`` leaves them out, so they keep their own 404s and slash redirects.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from cms.views import home

#: Paths that belong to Helix itself, never to the app.
SERVER_PREFIXES = ("api", "_allauth", "accounts", "admin", "documents", "health", "i18n", "static", "media")
#: The URL pattern of the app's addresses and files: anything outside Helix's own routes.
APP_PATHS = rf"^(?!(?:{'|'.join(SERVER_PREFIXES)})(?:/|$)).+$"
#: A path ending like a file: answered from the build or 404, never with index.html.
FILE_SUFFIXES = (
    ".js", ".mjs", ".css", ".map", ".png", ".svg", ".ico", ".json", ".webmanifest", ".txt", ".xml",
)  # fmt: skip
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def dist_dir() -> Path:
    """Where the built app is (``HELIX_WEBAPP_DIST``)."""
    return Path(settings.HELIX_WEBAPP_DIST)


def is_built() -> bool:
    """Whether ``npm run build`` has written the app."""
    return (dist_dir() / "index.html").is_file()


def _worker_policy() -> dict[str, list[str]]:
    """The service worker's own Content-Security-Policy: it fetches the app's files from Helix."""
    directives = {key: list(value) for key, value in settings.HELIX_CSP_HTML_DIRECTIVES.items()}
    directives["frame-ancestors"] = ["'none'"]
    return directives


def _file(path: Path, cache_control: str) -> FileResponse:
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".webmanifest":
        content_type = "application/manifest+json"
    elif path.suffix in (".js", ".mjs"):
        content_type = "text/javascript"
    response = FileResponse(path.open("rb"), content_type=content_type)
    response["Cache-Control"] = cache_control
    if path.name == "sw.js":
        # A worker runs under the policy of its own script's answer, not the page's.
        response._csp_config = _worker_policy()
    return response


def _index() -> FileResponse:
    response = _file(dist_dir() / "index.html", REVALIDATE)
    response["Content-Type"] = "text/html; charset=utf-8"
    return response


@require_safe
def root(request: HttpRequest) -> HttpResponse:
    """``/``: the app when it is built, else the landing page."""
    return _index() if is_built() else home(request)


@require_safe
def app(request: HttpRequest) -> HttpResponse:
    """A file of the built app, or its ``index.html`` for the app's own addresses."""
    if not is_built():
        raise Http404("The web app is not built.")
    dist = dist_dir().resolve()
    relative = request.path_info.lstrip("/")
    file = (dist / relative).resolve()
    if relative and dist in file.parents and file.is_file():
        immutable = file.parent == dist / "assets"
        return _file(file, IMMUTABLE if immutable else REVALIDATE)
    if relative.startswith("assets/") or relative.lower().endswith(FILE_SUFFIXES):
        raise Http404("No such file in the web app.")
    response = _index()
    if relative.rstrip("/") == "preview":
        # Wagtail's preview panel frames the draft from the admin (same origin); cms/csp.py
        # makes frame-ancestors follow this header.
        response["X-Frame-Options"] = "SAMEORIGIN"
    return response
