"""``/api/v1/pages/``: the information pages for web and app frontends.

Wagtail API v2's conventions (``type``, ``fields``, ``locale``, ``translation_of``, ``child_of``,
``find`` by path) served by our own DRF views so the pages share the OpenAPI contract, the error
shape and the authentication of the rest of the API. Only live, public pages are ever answered,
except ``preview/``: the draft an editor previewed, for the holder of the short-lived signed token
Wagtail's Preview handed the frontend (``cms.pages.preview``).

Offline apps: every answer has an ``ETag`` (and ``Last-Modified`` where the answer depends on the
page alone) and honours ``If-None-Match`` / ``If-Modified-Since`` with 304; ``changes/`` lists what
was added, changed or removed since a time.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.models import Locale, Page, Site

from api.i18n import request_language
from api.pagination import PageNumberPagination
from api.params import datetime_param
from api.permissions import request_project
from api.serializers.pages import PageChangesSerializer, PagePreviewSerializer, PageSerializer
from cms.errors import InvalidParameter, PageNotFound, TranslationMissing
from cms.pages import cache as page_cache
from cms.pages.models import PageRemoval
from cms.pages.preview import draft_for_token
from cms.pages.representation import (
    HOME_DEPTH,
    PageBatch,
    has_dynamic_blocks,
    html_path,
    live_content,
    model_label,
)
from cms.plugins import calls

TRUE_VALUES = {"1", "true", "yes"}
ORDERINGS = {
    "path": ("path",),
    "title": ("title", "path"),
    "-title": ("-title", "path"),
    "last_published_at": ("last_published_at", "id"),
    "-last_published_at": ("-last_published_at", "-id"),
}


def _bad(name: str, message) -> InvalidParameter:
    return InvalidParameter(fields={name: [str(message)]})


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _locale_param(request, name: str = "locale") -> str | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    if value not in _languages():
        raise _bad(name, _("Use one of: %(codes)s.") % {"codes": ", ".join(_languages())})
    return value


def _int_param(request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise _bad(name, _("A whole number is expected.")) from None


def _locale_id(language: str) -> int | None:
    return Locale.objects.filter(language_code=language).values_list("id", flat=True).first()


def published_pages():
    """Every page the API may answer: live, public, below the root."""
    return Page.objects.live().public().filter(depth__gt=1)


#: What ``conditional_response`` may answer besides the page(s): the client's copy is current.
NOT_MODIFIED = {
    304: OpenApiResponse(
        description="Not modified: the copy the If-None-Match or If-Modified-Since names is current."
    )
}


def _not_modified(request, etag: str, last_modified) -> bool:
    # ``META``, not ``request.headers``: Django builds the latter whole on first use.
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return etag in tags or "*" in tags
    if_modified_since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if last_modified is not None and if_modified_since:
        since = parse_http_date_safe(if_modified_since)
        return since is not None and int(last_modified.timestamp()) <= since
    return False


def _caching_headers(request, response, etag: str, last_modified):
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = "private, no-cache" if request.user.is_authenticated else "public, no-cache"
    response["Vary"] = "Accept-Language, Cookie, X-Session-Token"
    return response


def conditional_response(
    request, data, *, last_modified=None, status: int = 200, personal: bool = False, dynamic: bool = False
) -> Response:
    """The answer with an ETag (hash of its JSON) and, if given, Last-Modified; 304 when the
    client's copy is current. ``personal``: the answer depends on the reader (never stored by
    the page cache); ``dynamic``: it holds a "latest posts" block (stored briefly, and under the
    dynamic generation)."""
    body = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    not_modified = _not_modified(request, etag, last_modified)
    response = Response(status=304) if not_modified else Response(data, status=status)
    # What the page cache keeps of a 200 (``cached``): the JSON, its ETag and date.
    response.helix_cache_entry = (
        None
        if personal or status != 200
        else {
            "body": JSONRenderer().render(data),
            "etag": etag,
            "last_modified": last_modified,
            "dynamic": True if dynamic else None,
        }
    )
    return _caching_headers(request, response, etag, last_modified)


def cached(view_method):
    """Answer from the page cache (``cms.pages.cache``) when it holds this request's answer: a
    304 straight from the stored ETag, or the stored JSON; else build it and keep it."""

    @functools.wraps(view_method)
    def wrapper(self, request, *args, **kwargs):
        # ``PageViewSet.dispatch`` looked already when it found nothing: not twice per miss.
        missed = getattr(request, "helix_page_cache_missed", None)
        key = missed[0] if missed else page_cache.key_for(request)
        entry = None if missed else page_cache.get(key)
        if entry is None:
            # Read before building: a post changed meanwhile moves it on, so this answer is not
            # kept as current.
            dynamic = page_cache.dynamic_generation() if key else None
            response = view_method(self, request, *args, **kwargs)
            built = getattr(response, "helix_cache_entry", None)
            if built is not None:
                page_cache.put(key, {**built, "dynamic": dynamic if built.get("dynamic") else None})
            return response
        return stored_answer(request, entry)

    return wrapper


def stored_answer(request, entry: dict) -> HttpResponse:
    """The page cache's ``entry`` as the answer: a 304 when the client's copy is current."""
    if _not_modified(request, entry["etag"], entry["last_modified"]):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(entry["body"], content_type="application/json")
    return _caching_headers(request, response, entry["etag"], entry["last_modified"])


class _AcceptOnly:
    """What content negotiation reads of a request, for ``_renderable``."""

    query_params: dict = {}

    def __init__(self, accept: str | None):
        self.META = {} if accept is None else {"HTTP_ACCEPT": accept}
        self.headers = {} if accept is None else {"accept": accept}


@functools.lru_cache(maxsize=256)
def _renderable(view_class, accept: str | None) -> bool:
    """Whether DRF's negotiation finds a renderer for ``accept`` (else it answers 406)."""
    view = view_class()
    try:
        view.get_content_negotiator().select_renderer(_AcceptOnly(accept), view.get_renderers())
    except exceptions.NotAcceptable:
        return False
    return True


def specific_in_order(pages) -> list[Page]:
    """The specific pages of a page of results, in the same order (one query per page type)."""
    ids = [page.pk for page in pages]
    by_id = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    return live_content([by_id[pk] for pk in ids if pk in by_id])


LIST_PARAMETERS = [
    OpenApiParameter("type", str, description="Page type, e.g. pages.RoadmapStepPage."),
    OpenApiParameter("locale", str, description="Only pages in this language (en, nl, ar)."),
    OpenApiParameter("child_of", int, description="Children of this page, in the editors' order."),
    OpenApiParameter("descendant_of", int, description="Everything below this page."),
    OpenApiParameter("translation_of", int, description="The translations of this page."),
    OpenApiParameter(
        "search", str, description="Words to find, in one language (locale, else the request's language)."
    ),
    OpenApiParameter(
        "fields", str, description="Extra fields, comma separated (e.g. body,step_number); * for all."
    ),
    OpenApiParameter("order", str, enum=list(ORDERINGS), description="Default: tree order (path)."),
]
LOCALE_PARAMETERS = [
    OpenApiParameter("locale", str, description="Answer the page's translation in this language."),
    OpenApiParameter(
        "fallback",
        OpenApiTypes.BOOL,
        description="When the translation is missing, answer the source page with meta.fallback=true "
        "instead of 404 translation_missing.",
    ),
]


#: ``PageViewSet._drf_headers``, by view class, route and ``Vary``.
_DRF_HEADERS: dict[tuple, tuple[tuple[str, str], ...]] = {}


class PageViewSet(viewsets.GenericViewSet):
    """Information pages: roadmap, sector paths, study, organisations, mentoring, FAQ, about."""

    permission_classes = [permissions.AllowAny]
    serializer_class = PageSerializer
    pagination_class = PageNumberPagination
    queryset = Page.objects.none()  # for the schema; rows come from published_pages()
    #: The actions whose answers the page cache keeps (``cached``).
    CACHED_ACTIONS = frozenset({"list", "retrieve", "find"})

    def dispatch(self, request, *args, **kwargs):
        """An answer the page cache holds goes out before the rest of DRF's request cycle, which
        cost more than the lookup (a cached answer was twice the cost of the same bytes from
        memory); the request is still checked as DRF checks it:

        - who asks: the session's user, as DRF's session authentication finds them (a request
          with other credentials, ``X-Session-Token``, ``Authorization`` or a DRF test client's
          forced user, takes DRF's path);
        - whether they may (the permissions) and how often (the throttles: a cached answer counts
          like any other; a refused request takes DRF's path, which answers the 429);
        - whether the client takes JSON (DRF's negotiation, remembered per ``Accept``; a 406
          takes DRF's path);
        - the headers DRF adds (``Allow``, ``Vary: Accept``).

        Everything else, a miss included, is DRF's usual cycle (and ``cached``)."""
        meta = request.META
        if (
            self.action_map.get(request.method.lower()) in self.CACHED_ACTIONS
            and "format" not in kwargs
            and "HTTP_X_SESSION_TOKEN" not in meta
            and "HTTP_AUTHORIZATION" not in meta
            and getattr(request, "_force_auth_user", None) is None  # a DRF test client's user
            and _renderable(type(self), meta.get("HTTP_ACCEPT"))
        ):
            key = page_cache.key_for(request)
            entry = page_cache.get(key)
            if entry is None:
                request.helix_page_cache_missed = (key,)
            elif self._admitted(request):
                self.args, self.kwargs, self.request = args, kwargs, request
                response = stored_answer(request, entry)
                for name, value in self._drf_headers(response["Vary"]):
                    response[name] = value
                return response
        return super().dispatch(request, *args, **kwargs)

    def _drf_headers(self, vary: str) -> tuple[tuple[str, str], ...]:
        """The headers ``finalize_response`` would set on a stored answer whose ``Vary`` is
        ``vary``, worked out once per route (the methods it allows) instead of per request."""
        key = (type(self), tuple(sorted(self.action_map)), vary)
        headers = _DRF_HEADERS.get(key)
        if headers is None:
            probe = HttpResponse()
            probe["Vary"] = vary
            self.headers = self.default_response_headers
            self.finalize_response(self.request, probe)
            headers = _DRF_HEADERS[key] = tuple(
                (name, probe[name]) for name in ("Allow", "Vary") if name in probe
            )
        return headers

    def _admitted(self, request) -> bool:
        """The permissions and throttles let ``request`` (Django's, with the session's user) through."""
        if not all(permission.has_permission(request, self) for permission in self.get_permissions()):
            return False
        return all(throttle.allow_request(request, self) for throttle in self.get_throttles())

    # --- list ------------------------------------------------------------------------------
    @extend_schema(parameters=LIST_PARAMETERS, responses={200: PageSerializer(many=True), **NOT_MODIFIED})
    @cached
    def list(self, request):
        pages = published_pages()
        language = _locale_param(request)
        if language:
            pages = pages.filter(locale_id=_locale_id(language))
        type_name = request.query_params.get("type")
        if type_name:
            pages = pages.exact_type(self._page_model(type_name))
        for name, method in (("child_of", "child_of"), ("descendant_of", "descendant_of")):
            pk = _int_param(request, name)
            if pk is not None:
                anchor = (
                    published_pages().filter(pk=pk).first() or Page.objects.filter(pk=pk, depth=1).first()
                )
                if anchor is None:
                    raise _bad(name, _("There is no published page %(id)s.") % {"id": pk})
                pages = getattr(pages, method)(anchor)
        pk = _int_param(request, "translation_of")
        if pk is not None:
            anchor = published_pages().filter(pk=pk).first()
            if anchor is None:
                raise _bad("translation_of", _("There is no published page %(id)s.") % {"id": pk})
            pages = pages.filter(translation_key=anchor.translation_key).exclude(pk=anchor.pk)
        order = request.query_params.get("order") or "path"
        if order not in ORDERINGS:
            raise _bad("order", _("Use one of: %(codes)s.") % {"codes": ", ".join(ORDERINGS)})
        # Only words reach the search backend: quotes, NUL and operators broke SQLite's FTS (500).
        search = " ".join(re.findall(r"\w+", request.query_params.get("search") or ""))
        if search:
            if not language:
                pages = pages.filter(locale_id=_locale_id(request_language()))
            results = pages.search(search, operator="and")
        else:
            results = pages.order_by(*ORDERINGS[order])
        window = specific_in_order(self.paginate_queryset(results))
        fields = self._fields(request)
        # "Latest posts" blocks are filled when one page is read (detail, find), not in lists:
        # filling costs the plugins a query per block, and a list must cost the same for any size.
        batch = PageBatch(
            window,
            dynamic_content=None,
            with_references=fields is None or bool({"body", "related_steps"} & set(fields)),
        )
        data = PageSerializer(window, many=True, context={"batch": batch, "fields": fields}).data
        return conditional_response(request, self.get_paginated_response(data).data)

    def _fields(self, request) -> set[str] | None:
        raw = request.query_params.get("fields") or ""
        if raw.strip() == "*":
            return None
        requested = {name.strip() for name in raw.split(",") if name.strip()}
        known = set(PageSerializer().fields) - {"id", "meta", "title"}
        unknown = requested - known
        if unknown:
            raise _bad("fields", _("Unknown fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
        return {"intro", *requested}

    @staticmethod
    def _page_model(type_name: str):
        try:
            model = apps.get_model(type_name)
        except (LookupError, ValueError):
            model = None
        if model is None or not issubclass(model, Page) or model is Page:
            raise _bad("type", _("Unknown page type %(type)s.") % {"type": type_name})
        return model

    # --- one page --------------------------------------------------------------------------
    @extend_schema(parameters=LOCALE_PARAMETERS, responses={200: PageSerializer, **NOT_MODIFIED})
    @cached
    def retrieve(self, request, pk=None):
        try:
            page = published_pages().get(pk=int(pk))
        except (Page.DoesNotExist, ValueError):
            raise PageNotFound() from None
        return self._answer(request, page, _locale_param(request))

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "html_path",
                str,
                required=True,
                description="The page's path, with or without a language prefix: /ar/roadmap/orientation/ "
                "or /roadmap/orientation/ (then ?locale=, else English).",
            ),
            *LOCALE_PARAMETERS,
        ],
        responses={200: PageSerializer, **NOT_MODIFIED},
    )
    @action(detail=False, methods=["get"])
    @cached
    def find(self, request):
        """The page at a frontend path, like Wagtail API v2's ``find``."""
        raw = (request.query_params.get("html_path") or "").strip()
        if not raw.startswith("/"):
            raise _bad("html_path", _("Give a path that starts with /, e.g. /ar/roadmap/."))
        parts = [part for part in raw.split("/") if part]
        language = _locale_param(request)
        if parts and parts[0] in _languages():
            language = parts.pop(0)
        language = language or settings.LANGUAGE_CODE
        below = "/".join(parts) + "/" if parts else ""
        page = self._page_at(below, language)
        if page is None:
            # Not in that language's tree: find it in the source tree and answer its translation.
            source_language = Locale.get_default().language_code
            page = self._page_at(below, source_language) if source_language != language else None
            if page is None:
                raise PageNotFound()
        return self._answer(request, page, language)

    @staticmethod
    def _page_at(below: str, language: str):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            return None
        home = (
            published_pages()
            .filter(translation_key=site.root_page.translation_key, locale__language_code=language)
            .first()
        )
        if home is None:
            return None
        return published_pages().filter(url_path=home.url_path + below, locale=home.locale_id).first()

    def _answer(self, request, page, language: str | None):
        page = page.specific
        fallback = False
        page_language = page.locale.language_code
        if language and language != page_language:
            translation = (
                published_pages()
                .filter(translation_key=page.translation_key, locale__language_code=language)
                .first()
            )
            if translation is not None:
                page = translation.specific
            else:
                batch = PageBatch([page])
                if request.query_params.get("fallback", "").lower() not in TRUE_VALUES:
                    raise TranslationMissing(extra={"available_locales": batch.available_locales(page)})
                source = self._source_version(page)
                page, fallback = source, True
        (page,) = live_content([page])
        batch = PageBatch([page], dynamic_content=self._dynamic(request), with_references=True)
        data = PageSerializer(page, context={"batch": batch, "fields": None, "fallback": fallback}).data
        dynamic = has_dynamic_blocks(page)
        last_modified = None if dynamic else page.last_published_at
        personal = dynamic and not page_cache.dynamic_is_shared(request_project(request))
        return conditional_response(
            request, data, last_modified=last_modified, personal=personal, dynamic=dynamic
        )

    # --- the editor's preview ------------------------------------------------------------------
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "token",
                str,
                required=True,
                description="The signed token of the preview address Wagtail's Preview opened "
                "(/preview?content_type=...&token=...). Valid for HELIX_PREVIEW_TOKEN_SECONDS "
                "(30 minutes by default).",
            ),
            OpenApiParameter(
                "content_type",
                str,
                description="The page type of the preview address (app_label.modelname, e.g. "
                "pages.roadmapsteppage); when given it must be the draft's.",
            ),
        ],
        responses={200: PagePreviewSerializer},
    )
    @action(detail=False, methods=["get"])
    def preview(self, request):
        """The draft an editor previews, in the shape of one page, in the draft's own language.

        No sign-in is needed: the token is the permission. ``400 token_required`` without one,
        ``400 invalid_token`` for a damaged or forged one, ``400 expired_token`` when it is too old.
        The answer is never stored by caches.
        """
        page = draft_for_token(request.query_params.get("token"), request.query_params.get("content_type"))
        batch = PageBatch([page], dynamic_content=self._dynamic(request), with_references=True)
        data = PagePreviewSerializer(page, context={"batch": batch, "fields": None, "fallback": False}).data
        response = Response(data)
        response["Cache-Control"] = "private, no-store"
        return response

    @staticmethod
    def _source_version(page):
        default = Locale.get_default()
        if page.locale_id == default.pk:
            return page
        source = published_pages().filter(translation_key=page.translation_key, locale=default).first()
        return source.specific if source else page

    @staticmethod
    def _dynamic(request):
        """Fill "latest posts" blocks from the plugins enabled on the request's project."""
        user = request.user if request.user.is_authenticated else None

        def fill(page, language: str, block: dict) -> list[dict]:
            return calls.page_dynamic_content(request_project(request), page, language, user, block=block)

        return fill

    # --- offline sync ----------------------------------------------------------------------
    @extend_schema(
        parameters=[
            OpenApiParameter("locale", str, description="Only this language."),
            OpenApiParameter(
                "since",
                OpenApiTypes.DATETIME,
                description="ISO 8601 time of the last sync (the previous answer's until). "
                "Without it every published page is listed as added.",
            ),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={200: PageChangesSerializer, **NOT_MODIFIED},
    )
    @action(detail=False, methods=["get"])
    def changes(self, request):
        """Pages added, changed or removed since a time, oldest first, for an app's offline copy."""
        until = timezone.now()
        language = _locale_param(request)
        since = None
        raw = request.query_params.get("since")
        if raw:
            since = datetime_param(
                "since", raw, _("Give an ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z.")
            )
        pages = published_pages().filter(last_published_at__lte=until)
        # A first sync (no since) has nothing to remove.
        removed = PageRemoval.objects.filter(removed_at__lte=until) if since else PageRemoval.objects.none()
        if since is not None:
            pages = pages.filter(last_published_at__gt=since)
            removed = removed.filter(removed_at__gt=since)
        if language:
            pages = pages.filter(locale__language_code=language)
            removed = removed.filter(locale=language)
        locale_codes = dict(Locale.objects.values_list("id", "language_code"))
        homes = dict(Page.objects.filter(depth=HOME_DEPTH).values_list("path", "url_path"))
        entries = []
        for row in pages.values(
            "id",
            "title",
            "path",
            "url_path",
            "locale_id",
            "translation_key",
            "content_type_id",
            "first_published_at",
            "last_published_at",
        ):
            code = locale_codes[row["locale_id"]]
            new = since is None or (row["first_published_at"] and row["first_published_at"] > since)
            entries.append(
                {
                    "id": row["id"],
                    "change": "added" if new else "changed",
                    "at": row["last_published_at"],
                    "locale": code,
                    "translation_key": row["translation_key"],
                    "type": model_label(ContentType.objects.get_for_id(row["content_type_id"]).model_class()),
                    "title": row["title"],
                    "html_path": html_path(homes, row["path"], row["url_path"], code),
                }
            )
        for row in removed.values("page_id", "locale", "translation_key", "removed_at"):
            entries.append(
                {
                    "id": row["page_id"],
                    "change": "removed",
                    "at": row["removed_at"],
                    "locale": row["locale"],
                    "translation_key": row["translation_key"],
                    "type": None,
                    "title": None,
                    "html_path": None,
                }
            )
        entries.sort(key=lambda entry: (entry["at"], entry["id"]))
        window = self.paginate_queryset(entries)
        data = {
            "since": since,
            "until": until,
            "count": self.paginator.page.paginator.count,
            "next": self.paginator.get_next_link(),
            "results": window,
        }
        return conditional_response(request, PageChangesSerializer(data).data)
