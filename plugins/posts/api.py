"""``/api/v1/posts/``: find, write, save and suggest posts; digest settings and unsubscribing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import exceptions, parsers, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import TemplateHTMLRenderer
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from api.i18n import request_language
from api.pagination import KeysFirst, count_cap, in_key_order
from api.parsers import JSONParser
from api.permissions import IsApproved, IsHelixAdmin, IsSignedIn
from api.renderers import JSONRenderer, Rendered
from api.serializers.fields import LANGUAGE_CODE_RE, SectorSlugsField, StringListField
from cms import generations
from cms.accounts.models import CEFRLevel, User
from cms.accounts.uploads import validate_image
from cms.errors import HelixError, LoginRequired
from cms.organisations.models import Organisation
from cms.organisations.staff import staff_organisation_ids
from cms.pages import cache as page_cache
from cms.sectors.models import Sector
from plugins.posts import actions, authors, mailing
from plugins.posts.models import (
    CEFR_ORDER,
    EXPIRING_TYPES,
    DigestSubscription,
    Post,
    PostType,
    SavedPost,
    Suggestion,
)
from plugins.posts.sanitise import validate_body
from plugins.posts.search import search_filter

TEASER_SIZE = 6


# --- serializers ------------------------------------------------------------------------------


class OrganisationRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class PersonRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    name = serializers.SerializerMethodField()
    role = serializers.CharField()

    def get_name(self, obj) -> str:
        return obj.get_full_name() or _("Helix user")


def _sector_slugs(post: Post) -> list[str]:
    listed = post.__dict__.get("sector_slugs")
    return [sector.slug for sector in post.sectors.all()] if listed is None else listed


def with_sector_slugs(posts: list[Post]) -> list[Post]:
    """Each post's sector slugs in one statement (``sector_slugs``), in the sectors' order: the
    pairs only, where a prefetch would build a sector and a related manager per post."""
    slugs = {post.pk: [] for post in posts}
    if slugs:
        pairs = (
            Post.sectors.through.objects.filter(post_id__in=slugs)
            .order_by("sector__sort_order", "sector__slug")
            .values_list("post_id", "sector__slug")
        )
        for post_id, slug in pairs:
            slugs[post_id].append(slug)
    for post in posts:
        post.sector_slugs = slugs[post.pk]
    return posts


# DRF's own conversion of a date and time (the reader's time zone, ISO 8601, "Z" for UTC), kept
# once rather than built per serializer.
_WHEN = serializers.DateTimeField()


class PostSerializer(serializers.ModelSerializer):
    """A post. Write ``type``, ``title``, ``summary``, ``link`` at least; the rest is optional."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    type = serializers.ChoiceField(choices=PostType.choices)
    locale = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        required=False,
        help_text="Language of the text; defaults to the request's.",
    )
    dir = serializers.SerializerMethodField()
    title = serializers.CharField(min_length=3, max_length=200)
    summary = serializers.CharField(min_length=10, max_length=500)
    body = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20000,
        help_text="HTML: p, br, strong, em, ul, ol, li, a, h3, h4, blockquote. Scripts are refused.",
    )
    link = serializers.URLField(max_length=500, help_text="The original source (http or https).")
    organisation = serializers.SerializerMethodField()
    organisation_slug = serializers.SlugRelatedField(
        source="organisation",
        slug_field="slug",
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        write_only=True,
        help_text="Post for this member organisation (you must be its staff). Defaults to your organisation.",
    )
    organisation_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    sectors = SectorSlugsField(required=False, max_length=8)
    tags = StringListField(required=False, max_length=10, child=serializers.CharField(max_length=40))
    language = serializers.CharField(
        required=False, allow_blank=True, max_length=12, help_text="ISO 639 code of the activity's language."
    )
    dutch_level = serializers.ChoiceField(
        choices=[c for c in CEFRLevel.choices if c[0] in CEFR_ORDER], required=False, allow_blank=True
    )
    image = serializers.FileField(required=False, allow_null=True, write_only=True)
    image_url = serializers.SerializerMethodField()
    translation_of = serializers.UUIDField(
        required=False, write_only=True, help_text="This post translates the post with this id."
    )
    reason = serializers.CharField(
        required=False,
        write_only=True,
        allow_blank=True,
        max_length=1000,
        help_text="Admins changing someone else's post: why (the author receives it).",
    )
    author = serializers.SerializerMethodField()
    is_saved = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField()
    moderation_note = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = [
            "id",
            "type",
            "status",
            "locale",
            "dir",
            "title",
            "summary",
            "body",
            "link",
            "organisation",
            "organisation_slug",
            "organisation_name",
            "author",
            "starts_at",
            "ends_at",
            "city",
            "online",
            "sectors",
            "language",
            "dutch_level",
            "tags",
            "image",
            "image_url",
            "translation_key",
            "translation_of",
            "reason",
            "published_at",
            "updated_at",
            "is_saved",
            "can_edit",
            "moderation_note",
        ]
        read_only_fields = ["status", "translation_key", "published_at", "updated_at"]

    # --- output -------------------------------------------------------------------------
    def to_representation(self, post):
        """The fields DRF's walk over ``Meta.fields`` would give, written out.

        That walk builds and copies some thirty field objects per list and asks each of them for
        each post: two thirds of the time a list of 20 posts took (bench/README.md). The answer is
        the same, key for key: ``test_read_shape_is_the_serializers`` compares the two on posts of
        every kind, for visitors, readers, authors and admins, so a field added to ``Meta.fields``
        and not here fails it.
        """
        user = self._user()
        signed_in = bool(user and user.is_authenticated)
        editor = signed_in and actions.can_edit(user, post)
        author = post.author if signed_in else None
        return {
            "id": str(post.public_id),
            "type": post.type,
            "status": post.status,
            "locale": post.locale,
            "dir": self.get_dir(post),
            "title": post.title,
            "summary": post.summary,
            "body": post.body,
            "link": post.link,
            "organisation": self.get_organisation(post),
            "organisation_name": post.organisation_name,
            "author": None
            if author is None
            else {
                "id": str(author.public_id),
                "name": author.get_full_name() or _("Helix user"),
                "role": author.role,
            },
            "starts_at": _WHEN.to_representation(post.starts_at),
            "ends_at": _WHEN.to_representation(post.ends_at),
            "city": post.city,
            "online": post.online,
            "sectors": _sector_slugs(post),
            "language": post.language,
            "dutch_level": post.dutch_level,
            "tags": [None if tag is None else str(tag) for tag in post.tags],
            "image_url": self.get_image_url(post),
            "translation_key": str(post.translation_key),
            "published_at": _WHEN.to_representation(post.published_at),
            "updated_at": _WHEN.to_representation(post.updated_at),
            "is_saved": self.get_is_saved(post),
            "can_edit": editor,
            "moderation_note": (post.moderation_note or None) if editor else None,
        }

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def get_dir(self, obj) -> str:
        return "rtl" if obj.locale in settings.LANGUAGES_BIDI else "ltr"

    def get_image_url(self, obj) -> str | None:
        if not obj.image:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(obj.image.url) if request else obj.image.url

    @extend_schema_field(OrganisationRefSerializer(allow_null=True))
    def get_organisation(self, obj):
        if obj.organisation is None:
            return None
        return {"slug": obj.organisation.slug, "name": obj.organisation.name}

    @extend_schema_field(PersonRefSerializer(allow_null=True))
    def get_author(self, obj):
        user = self._user()
        if obj.author is None or not (user and user.is_authenticated):
            return None
        # PersonRefSerializer's fields, without building a serializer for every post of a list.
        author = obj.author
        name = author.get_full_name() or _("Helix user")
        return {"id": str(author.public_id), "name": name, "role": author.role}

    def get_is_saved(self, obj) -> bool:
        return bool(getattr(obj, "is_saved", False))

    def get_can_edit(self, obj) -> bool:
        user = self._user()
        return bool(user and user.is_authenticated and actions.can_edit(user, obj))

    def get_moderation_note(self, obj) -> str | None:
        user = self._user()
        if user and user.is_authenticated and actions.can_edit(user, obj):
            return obj.moderation_note or None
        return None

    # --- input --------------------------------------------------------------------------
    def validate_link(self, value: str) -> str:
        if not value.lower().startswith(("http://", "https://")):
            raise serializers.ValidationError(_("The link must start with http:// or https://."))
        return value

    def validate_body(self, value: str) -> str:
        try:
            return validate_body(value)
        except ValueError as exc:
            raise serializers.ValidationError(str(exc))

    def validate_language(self, value: str) -> str:
        if value and not LANGUAGE_CODE_RE.match(value):
            raise serializers.ValidationError(_("Use an ISO 639 language code such as 'ar' or 'nl'."))
        return value

    def validate_tags(self, value: list[str]) -> list[str]:
        return list(dict.fromkeys(t.strip().lower() for t in value if t.strip()))

    def validate_image(self, value):
        if value is None:
            return None
        try:
            # Only the redrawn pixels are stored, under a random name.
            return validate_image(value)
        except DjangoValidationError as exc:
            # The upload check's own stable code (file_too_large, damaged_file, ...).
            raise HelixError(exc.messages[0], code=exc.code, fields={"image": [exc.messages[0]]})

    def validate_organisation_slug(self, value):
        user = self._user()
        if value is not None and not user.is_helix_admin and value.pk not in staff_organisation_ids(user):
            raise serializers.ValidationError(_("You can only post for an organisation you are staff of."))
        return value

    def validate_translation_of(self, value):
        original = Post.objects.filter(public_id=value).first()
        if original is None:
            raise serializers.ValidationError(_("There is no post with this id."))
        return original

    def validate(self, attrs):
        def current(name):
            if name in attrs:
                return attrs[name]
            return getattr(self.instance, name, None) if self.instance else None

        errors = {}
        starts, ends = current("starts_at"), current("ends_at")
        if starts and ends and ends < starts:
            errors["ends_at"] = [_("The end cannot be before the start.")]
        post_type = current("type")
        if post_type == PostType.EVENT and not starts:
            errors["starts_at"] = [_("An event needs a start date and time.")]
        if post_type == PostType.EVENT and not (current("city") or current("online")):
            errors["city"] = [_("Say where the event takes place: a city, or online.")]
        if self.instance is None and post_type in EXPIRING_TYPES and ends and ends < timezone.now():
            errors["ends_at"] = [_("This date has already passed.")]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class PostFilterSerializer(serializers.Serializer):
    """The list's query parameters."""

    q = serializers.CharField(required=False, max_length=200, help_text="Words to search for (full text).")
    type = serializers.CharField(required=False, help_text="One or more types, comma-separated.")
    sector = serializers.CharField(required=False, help_text="One or more sector slugs, comma-separated.")
    place = serializers.CharField(required=False, max_length=120, help_text="A city.")
    online = serializers.BooleanField(required=False, allow_null=True, default=None)
    date_from = serializers.DateField(required=False, help_text="Activities running on or after this day.")
    date_to = serializers.DateField(required=False, help_text="Activities running on or before this day.")
    language = serializers.CharField(required=False, max_length=12, help_text="Language of the activity.")
    dutch_level = serializers.ChoiceField(
        choices=CEFR_ORDER,
        required=False,
        help_text="Posts that ask at most this level of Dutch (or none).",
    )
    organisation = serializers.SlugField(required=False, help_text="A member organisation's slug.")
    tag = serializers.CharField(required=False, max_length=40)
    locale = serializers.ChoiceField(
        choices=[c for c, _n in settings.LANGUAGES],
        required=False,
        help_text="Only posts written in this language (default: every language, one version per post, "
        "the request's language where there is one).",
    )
    order = serializers.ChoiceField(
        choices=["newest", "soonest"],
        required=False,
        default="newest",
        help_text="newest: last published first; soonest: only what starts today or later, soonest first.",
    )

    def validate_type(self, value):
        types = [t.strip() for t in value.split(",") if t.strip()]
        unknown = sorted(set(types) - set(PostType.values))
        if unknown:
            raise serializers.ValidationError(
                _("Unknown type: %(types)s. Use study, vacancy, event, project or tool.")
                % {"types": ", ".join(unknown)}
            )
        return types

    def validate_sector(self, value):
        """The ids of the sectors named (their rows in every language), for the filter."""
        from wagtail.models import Locale

        slugs = [s.strip() for s in value.split(",") if s.strip()]
        default = Locale.get_default().pk
        rows = list(Sector.objects.filter(slug__in=slugs).values_list("pk", "slug", "locale_id"))
        known = {slug for _pk, slug, locale in rows if locale == default}
        unknown = sorted(set(slugs) - known)
        if unknown:
            raise serializers.ValidationError(_("Unknown sector: %(slugs)s.") % {"slugs": ", ".join(unknown)})
        return [pk for pk, _slug, _locale in rows]

    def validate(self, attrs):
        if attrs.get("date_from") and attrs.get("date_to") and attrs["date_to"] < attrs["date_from"]:
            raise serializers.ValidationError({"date_to": [_("The end cannot be before the start.")]})
        return attrs


TEASER_PARAMS = {"type", "locale", "format", "project"}


class SuggestionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    post = PostSerializer(read_only=True)
    suggested_by = serializers.SerializerMethodField()
    talent = serializers.SerializerMethodField()

    class Meta:
        model = Suggestion
        fields = ["id", "post", "suggested_by", "talent", "note", "created_at", "dismissed_at"]

    @extend_schema_field(PersonRefSerializer(allow_null=True))
    def get_suggested_by(self, obj):
        return PersonRefSerializer(obj.suggested_by).data if obj.suggested_by else None

    @extend_schema_field(PersonRefSerializer)
    def get_talent(self, obj):
        return PersonRefSerializer(obj.talent).data


class SuggestRequestSerializer(serializers.Serializer):
    talent = serializers.UUIDField(help_text="The talent's user id.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(min_length=3, max_length=1000)


class DigestSerializer(serializers.Serializer):
    frequency = serializers.ChoiceField(choices=DigestSubscription.Frequency.choices)
    consent = serializers.BooleanField(
        read_only=True, help_text="Whether you agreed to newsletters by e-mail."
    )
    last_digest_at = serializers.DateTimeField(read_only=True, allow_null=True)


# --- the viewset ----------------------------------------------------------------------------


def _midnight(day: date) -> datetime:
    """The start of ``day`` in the current time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


# What a listed post's representation reads (``PostSerializer.to_representation``): no search text
# or vector (a post's largest columns), no moderation bookkeeping, no password or notes of the
# author. A column missing here would be read again per post: ``test_read_shape_is_the_serializers``
# fails then.
LISTED_COLUMNS = [
    *"""id public_id translation_key type status locale title summary body link organisation
    organisation_name author starts_at ends_at city online language dutch_level tags image
    moderation_note published_at updated_at""".split(),
    *(f"author__{name}" for name in authors.SHOWN),
    *(f"organisation__{name}" for name in ("slug", "name")),
]


class Owned(NamedTuple):
    """Whose a post is, as ``actions.can_edit`` asks it (a kept list holds no model instances)."""

    author_id: int | None
    organisation_id: int | None


def _sectors_prefetch():
    return Prefetch("sectors", queryset=Sector.objects.only("id", "slug"))


class PostViewSet(viewsets.GenericViewSet):
    """Study, vacancy, event, project and tool posts. Visitors see the latest few; signed-in
    users search and filter everything, save posts, and get suggestions from their mentor or
    organisation. Mentors, organisations, employers and admins post."""

    serializer_class = PostSerializer
    queryset = Post.objects.none()
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    parser_classes = [JSONParser, parsers.MultiPartParser, parsers.FormParser]
    http_method_names = ["get", "post", "patch", "put", "delete", "head", "options"]

    def get_permissions(self):
        if self.action in ("list", "retrieve", "unsubscribe"):
            return [permissions.AllowAny()]
        if self.action == "unpublish":
            return [IsHelixAdmin()]
        return [IsSignedIn()]

    def get_authenticators(self):
        # The unsubscribe link is its own credential (a signed token): no session is read, so a
        # mail program's one-click POST and the confirmation form need no CSRF token, and a
        # signed-in browser cannot be made to unsubscribe someone else. ``self.action`` is not
        # known yet here; only that route has a ``token``.
        if "token" in getattr(self, "kwargs", {}):
            return []
        return super().get_authenticators()

    def get_throttles(self):
        if self.action in ("create", "suggest"):
            self.throttle_scope = "sensitive"  # writing to others: a tighter rate than reading
            return [ScopedRateThrottle()]
        return super().get_throttles()

    def get_renderers(self):
        if self.action == "unsubscribe":
            return [JSONRenderer(), TemplateHTMLRenderer()]
        return super().get_renderers()

    # --- querysets ------------------------------------------------------------------------
    def _annotated(self, queryset):
        user = self.request.user
        queryset = queryset.select_related("organisation", "author").prefetch_related(_sectors_prefetch())
        if user.is_authenticated:
            queryset = queryset.annotate(
                is_saved=Exists(SavedPost.objects.filter(user=user, post=OuterRef("pk")))
            )
        return queryset

    def _listed(self, queryset):
        """``_annotated`` with only the columns a list shows (``LISTED_COLUMNS``); the sectors come
        after, from ``with_sector_slugs``."""
        return self._annotated(queryset).prefetch_related(None).only(*LISTED_COLUMNS)

    def _filtered(self, params: dict, language: str):
        posts = Post.objects.live()
        if params.get("locale"):
            posts = posts.filter(locale=params["locale"])
        else:
            posts = posts.one_per_translation(language)
        if params.get("type"):
            posts = posts.filter(type__in=params["type"])
        if params.get("sector"):
            # ``IN`` rather than ``EXISTS``: PostgreSQL hashes the sector's posts once and counts
            # from the list index alone, instead of reading each of them from the table.
            posts = posts.filter(
                pk__in=Post.sectors.through.objects.filter(sector_id__in=params["sector"]).values("post_id")
            )
        if params.get("place"):
            posts = posts.filter(city__iexact=params["place"].strip())
        if params.get("online") is not None:
            posts = posts.filter(online=params["online"])
        # Days are compared as the local midnights around them, not by casting every row's
        # date: the same posts, and a condition the indexes can use.
        if params.get("date_from"):
            posts = posts.filter(Q(ends_at__isnull=True) | Q(ends_at__gte=_midnight(params["date_from"])))
            posts = posts.filter(Q(starts_at__isnull=False) | Q(ends_at__isnull=False))
        if params.get("date_to"):
            after = _midnight(params["date_to"] + timedelta(days=1))
            posts = posts.filter(Q(starts_at__isnull=True) | Q(starts_at__lt=after))
            posts = posts.filter(Q(starts_at__isnull=False) | Q(ends_at__isnull=False))
        if params.get("language"):
            posts = posts.filter(language=params["language"])
        if params.get("dutch_level"):
            allowed = CEFR_ORDER[: CEFR_ORDER.index(params["dutch_level"]) + 1]
            posts = posts.filter(Q(dutch_level="") | Q(dutch_level__in=allowed))
        if params.get("organisation"):
            posts = posts.filter(organisation__slug=params["organisation"])
        if params.get("tag"):
            posts = (
                posts.filter(tags__contains=[params["tag"].strip().lower()])
                if self._json_contains()
                else posts.filter(search_text__contains=params["tag"].strip().lower())
            )
        if params.get("q"):
            posts = posts.filter(search_filter(params["q"]))
        if params.get("order") == "soonest":
            # What is coming up: posts that start today or later, the soonest first.
            today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
            posts = posts.filter(starts_at__gte=today).order_by("starts_at", "-id")
        else:
            posts = posts.order_by("-published_at", "-id")
        return posts

    def _teaser(self) -> Rendered:
        """The latest few posts, as every visitor sees them (no reader in them; ``type`` and
        ``locale`` may narrow them). Kept (``_kept``) with the bytes they render to."""
        params = PostFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        language = request_language()
        items = with_sector_slugs(
            list(self._listed(self._filtered(params.validated_data, language))[:TEASER_SIZE])
        )
        answer = {
            "count": len(items),
            "count_exact": True,
            "next": None,
            "previous": None,
            "teaser": True,
            "results": list(self.get_serializer(items, many=True).data),
        }
        return Rendered(answer, JSONRenderer().render(answer))

    @staticmethod
    def _json_contains() -> bool:
        from django.db import connection

        return connection.features.supports_json_field_contains

    def get_object(self):
        post = get_object_or_404(
            self._annotated(Post.objects.all()), public_id=self.kwargs[self.lookup_url_kwarg]
        )
        user = self.request.user
        if not post.is_live and not (user.is_authenticated and actions.can_edit(user, post)):
            raise exceptions.NotFound(_("There is no such post, or it is no longer published."))
        return post

    # --- reading --------------------------------------------------------------------------
    @extend_schema(parameters=[PostFilterSerializer])
    def list(self, request):
        """Search and filter posts. Visitors who are not signed in get the latest posts only
        (``type`` and ``locale`` may narrow them); searching and other filters need an account."""
        if not request.user.is_authenticated:
            if set(request.query_params) - TEASER_PARAMS:
                raise LoginRequired()
            return Response(self._kept("teaser", self._teaser))
        return Response(self._for_reader(self._kept("list", self._shared_list)))

    def _kept(self, kind: str, build):
        """``build()``'s answer, kept in the cache until a post changes: the *dynamic generation*
        of ``cms.pages.cache``, which every change of a post moves on (the pages' "latest posts"
        blocks are made of the same posts; a save does not move it: ``helix_reader_state``), for
        ``HELIX_PAGE_CACHE_DYNAMIC_SECONDS`` at most (vacancies and events expire by the clock)
        and within the day it was built (``order=soonest``).

        The key is the request as sent: the raw query string and host (image addresses and the
        ``next`` links are absolute), the path and the reader's language. An invalid query is
        refused when the answer is built, and nothing is kept for it."""
        if not page_cache.enabled():
            return build()
        return generations.kept(
            page_cache.request_key(f"helix:posts:{kind}", self.request, timezone.localdate(), count_cap()),
            [page_cache.DYNAMIC_KEY],
            build,
            seconds=getattr(settings, "HELIX_PAGE_CACHE_DYNAMIC_SECONDS", 60),
        )

    def _shared_list(self) -> dict:
        """A page of the list as every signed-in reader sees it (``_kept``). What differs between
        readers is left out and laid over it by ``_for_reader``: ``is_saved``, ``can_edit`` and
        ``moderation_note``, from ``owners`` (each post's key, author, organisation and note),
        which never leaves the server; ``json`` is the page rendered for a reader with nothing of
        their own on it."""
        params = PostFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        posts = self._filtered(params.validated_data, request_language())
        rows = Post.objects.select_related("organisation", "author").only(*LISTED_COLUMNS)
        page = with_sector_slugs(self.paginate_queryset(KeysFirst(posts, rows=rows)))
        answer = dict(self.get_paginated_response(self.get_serializer(page, many=True).data).data)
        answer["results"] = [
            {**item, "is_saved": False, "can_edit": False, "moderation_note": None}
            for item in answer["results"]
        ]
        answer["json"] = JSONRenderer().render(answer)
        answer["owners"] = [
            (post.pk, post.author_id, post.organisation_id, post.moderation_note or None) for post in page
        ]
        return answer

    def _for_reader(self, shared: dict) -> dict:
        """``shared`` with what is the reader's own: which posts they saved (one statement for
        the page), and on the posts they may edit ``can_edit`` and the moderator's note."""
        user = self.request.user
        owners = shared["owners"]
        saved = set()
        if owners:
            # The reader's saves between the page's lowest and highest key: two parameters, where
            # an ``IN`` of a hundred keys costs more to build than to run (the (user, post) index).
            keys = [owner[0] for owner in owners]
            between = SavedPost.objects.filter(user=user, post_id__gte=min(keys), post_id__lte=max(keys))
            saved = set(between.values_list("post_id", flat=True)).intersection(keys)
        results, edits, own = [], {}, False  # asked once per author and organisation, not per post
        for item, (pk, author_id, organisation_id, note) in zip(shared["results"], owners, strict=True):
            owned = Owned(author_id, organisation_id)
            editor = edits.get(owned)
            if editor is None:
                editor = edits[owned] = actions.can_edit(user, owned)
            if editor or pk in saved:
                own = True
                item = {
                    **item,
                    "is_saved": pk in saved,
                    "can_edit": editor,
                    "moderation_note": note if editor else None,
                }
            results.append(item)
        answer = {name: value for name, value in shared.items() if name not in ("owners", "json")}
        if not own:  # nothing of the reader's own on this page: the kept bytes are the answer
            return Rendered(answer, shared["json"])
        answer["results"] = results
        return answer

    def retrieve(self, request, id=None):
        """One post, with the ids of its translations."""
        post = self.get_object()
        data = self.get_serializer(post).data
        data["translations"] = [
            {"id": str(pid), "locale": locale}
            for pid, locale in Post.objects.live()
            .filter(translation_key=post.translation_key)
            .exclude(pk=post.pk)
            .values_list("public_id", "locale")
        ]
        return Response(data)

    @extend_schema(responses=PostSerializer(many=True))
    @action(detail=False, methods=["get"])
    def mine(self, request):
        """Posts I wrote or my organisation published, in every state (published, withdrawn,
        unpublished by an admin with the reason, expired)."""
        user = request.user
        posts = Post.objects.filter(
            Q(author=user) | Q(organisation_id__in=staff_organisation_ids(user))
        ).order_by("-updated_at", "-id")
        page = self.paginate_queryset(KeysFirst(posts, rows=self._listed(Post.objects.all())))
        return self.get_paginated_response(self.get_serializer(with_sector_slugs(page), many=True).data)

    # --- writing --------------------------------------------------------------------------
    def create(self, request):
        """Publish a post (mentors, organisations, employers and admins; approved accounts)."""
        actions.can_post(request.user)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.setdefault("locale", request_language())
        post = actions.create_post(
            request.user,
            data,
            sectors=data.pop("sectors", []),
            image=data.pop("image", None),
            organisation=data.pop("organisation", None),
            translation_of=data.pop("translation_of", None),
        )
        post = self._annotated(Post.objects.filter(pk=post.pk)).get()
        return Response(self.get_serializer(post).data, status=status.HTTP_201_CREATED)

    def _update(self, request, partial: bool):
        post = self.get_object()
        if not actions.can_edit(request.user, post):
            raise exceptions.PermissionDenied(_("You can only change your own posts or your organisation's."))
        serializer = self.get_serializer(post, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        image = data.pop("image", None) if "image" in data else None
        remove_image = "image" in request.data and not request.data.get("image")
        data.pop("organisation", None)
        data.pop("translation_of", None)
        post = actions.update_post(
            post,
            by=request.user,
            data=data,
            sectors=data.pop("sectors", None),
            image=image,
            remove_image=remove_image,
            reason=data.pop("reason", ""),
        )
        post = self._annotated(Post.objects.filter(pk=post.pk)).get()
        return Response(self.get_serializer(post).data)

    def update(self, request, id=None):
        """Change a post (its author, its organisation's staff, or an admin giving a reason)."""
        return self._update(request, partial=False)

    def partial_update(self, request, id=None):
        """Change some fields of a post."""
        return self._update(request, partial=True)

    @extend_schema(responses={204: None})
    def destroy(self, request, id=None):
        """Withdraw a post: it disappears from lists and pages; it stays in ``mine``."""
        post = self.get_object()
        if not actions.can_edit(request.user, post):
            raise exceptions.PermissionDenied(
                _("You can only withdraw your own posts or your organisation's.")
            )
        actions.withdraw_post(post, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=PostSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, id=None):
        """Publish a withdrawn post again (an unpublished one: admins only)."""
        post = self.get_object()
        if not actions.can_edit(request.user, post):
            raise exceptions.PermissionDenied()
        post = actions.republish_post(post, by=request.user)
        return Response(self.get_serializer(self._annotated(Post.objects.filter(pk=post.pk)).get()).data)

    @extend_schema(request=ReasonSerializer, responses=PostSerializer)
    @action(detail=True, methods=["post"])
    def unpublish(self, request, id=None):
        """Admins: take any post off the platform; the author receives the reason by e-mail."""
        post = self.get_object()
        body = ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        post = actions.unpublish_post(post, by=request.user, reason=body.validated_data["reason"])
        return Response(self.get_serializer(self._annotated(Post.objects.filter(pk=post.pk)).get()).data)

    # --- saving ---------------------------------------------------------------------------
    @extend_schema(methods=["post"], request=None, responses={201: PostSerializer, 200: PostSerializer})
    @extend_schema(methods=["delete"], request=None, responses={204: None})
    @action(detail=True, methods=["post", "delete"], url_path="save")
    def save_post(self, request, id=None):
        """Save a post for later (POST) or forget it (DELETE)."""
        IsApproved().has_permission(request, self)  # a pending account saves nothing yet (403)
        post = self.get_object()
        if request.method == "DELETE":
            actions.unsave_post(request.user, post)
            return Response(status=status.HTTP_204_NO_CONTENT)
        _saved, created = actions.save_post(request.user, post)
        post.is_saved = True
        return Response(self.get_serializer(post).data, status=201 if created else 200)

    @extend_schema(responses=PostSerializer(many=True))
    @action(detail=False, methods=["get"])
    def saved(self, request):
        """My saved posts, last saved first (with their state: a withdrawn post says so)."""
        saves = SavedPost.objects.filter(user=request.user).values_list("post_id", flat=True)
        page = self.paginate_queryset(saves)
        posts = with_sector_slugs(in_key_order(self._listed(Post.objects.all()), list(page)))
        return self.get_paginated_response(self.get_serializer(posts, many=True).data)

    # --- suggesting -----------------------------------------------------------------------
    @extend_schema(request=SuggestRequestSerializer, responses={201: SuggestionSerializer})
    @action(detail=True, methods=["post"])
    def suggest(self, request, id=None):
        """Suggest this post to a talent you are connected with (mentors and organisations)."""
        post = self.get_object()
        body = SuggestRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        talent = User.objects.filter(public_id=body.validated_data["talent"], erased_at=None).first()
        if talent is None:
            raise serializers.ValidationError({"talent": [_("There is no such user.")]})
        suggestion = actions.suggest_post(
            post, by=request.user, talent=talent, note=body.validated_data.get("note", "")
        )
        return Response(
            SuggestionSerializer(suggestion, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("sent", OpenApiTypes.BOOL, description="The suggestions I made instead."),
            OpenApiParameter("dismissed", OpenApiTypes.BOOL, description="Include dismissed ones."),
        ],
        responses=SuggestionSerializer(many=True),
    )
    @action(detail=False, methods=["get"])
    def suggestions(self, request):
        """Posts suggested to me, with who suggested them (``?sent=true``: the ones I suggested)."""
        user = request.user
        if request.query_params.get("sent") in ("1", "true"):
            rows = Suggestion.objects.filter(suggested_by=user)
        else:
            rows = Suggestion.objects.filter(talent=user)
            if request.query_params.get("dismissed") not in ("1", "true"):
                rows = rows.filter(dismissed_at=None)
            rows = rows.filter(post__status=Post.Status.PUBLISHED)
        rows = (
            rows.select_related("post__organisation", "post__author", "suggested_by", "talent")
            .prefetch_related(Prefetch("post__sectors", queryset=Sector.objects.only("id", "slug")))
            .annotate(is_saved=Exists(SavedPost.objects.filter(user=user, post=OuterRef("post_id"))))
        )
        page = self.paginate_queryset(rows)
        for row in page:
            row.post.is_saved = row.is_saved
        return self.get_paginated_response(
            SuggestionSerializer(page, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(request=None, responses=SuggestionSerializer)
    @action(
        detail=False, methods=["post"], url_path=r"suggestions/(?P<suggestion_id>[0-9a-fA-F-]{36})/dismiss"
    )
    def dismiss(self, request, suggestion_id=None):
        """Dismiss a suggestion made to me."""
        suggestion = get_object_or_404(
            Suggestion.objects.select_related("post__organisation", "post__author", "suggested_by", "talent"),
            public_id=suggestion_id,
            talent=request.user,
        )
        suggestion = actions.dismiss_suggestion(suggestion, by=request.user)
        return Response(SuggestionSerializer(suggestion, context=self.get_serializer_context()).data)

    # --- digest ---------------------------------------------------------------------------
    @extend_schema(methods=["get"], responses=DigestSerializer)
    @extend_schema(methods=["put"], request=DigestSerializer, responses=DigestSerializer)
    @action(detail=False, methods=["get", "put"])
    def digest(self, request):
        """My digest of new posts in my sectors: daily, weekly (the default) or off. It needs the
        newsletter consent (``/api/v1/me/consents/``)."""
        from cms.accounts.actions import active_consent
        from cms.accounts.models import Consent

        user = request.user
        if request.method == "PUT":
            body = DigestSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            actions.set_digest_frequency(user, body.validated_data["frequency"])
        subscription = DigestSubscription.objects.filter(user=user).first()
        return Response(
            {
                "frequency": subscription.frequency if subscription else DigestSubscription.Frequency.WEEKLY,
                "consent": active_consent(user, Consent.Purpose.NEWSLETTER) is not None,
                "last_digest_at": subscription.last_digest_at if subscription else None,
            }
        )

    @extend_schema(
        methods=["get"],
        request=None,
        responses={
            (200, "application/json"): inline_serializer(
                "UnsubscribeLink", {"kind": serializers.CharField()}
            ),
            (200, "text/html"): OpenApiResponse(
                OpenApiTypes.STR, description="The confirmation page, for a browser."
            ),
            400: OpenApiResponse(description="The link is not valid or has expired."),
        },
    )
    @extend_schema(
        methods=["post"],
        request=None,
        responses={
            (200, "application/json"): inline_serializer(
                "Unsubscribed", {"unsubscribed": serializers.CharField()}
            ),
            (200, "text/html"): OpenApiResponse(OpenApiTypes.STR, description="The page saying it is done."),
            400: OpenApiResponse(description="The link is not valid or has expired."),
        },
    )
    @action(detail=False, methods=["get", "post"], url_path=r"unsubscribe/(?P<token>[A-Za-z0-9_:.\-]+)")
    def unsubscribe(self, request, token=None):
        """The unsubscribe link of a digest or newsletter; no sign-in needed.

        ``GET`` only shows what the link does (a confirmation page in the person's language for
        a browser, ``{"kind": ...}`` otherwise) and changes nothing, so a mail scanner that
        follows links unsubscribes nobody. ``POST`` unsubscribes: the page's button, or a mail
        program's RFC 8058 one-click (body ``List-Unsubscribe=One-Click``). The link expires
        after ``unsubscribe_link_days`` (90 by default).
        """
        html = isinstance(request.accepted_renderer, TemplateHTMLRenderer)
        try:
            if request.method == "POST":
                user, kind = mailing.unsubscribe(token)
            else:
                user, kind = mailing.read_unsubscribe_token(token)
        except mailing.UnsubscribeLinkExpired as exc:
            message = _("This unsubscribe link has expired. Change your e-mail settings in your profile.")
            if html:
                return self._unsubscribe_page(exc.user, {"state": "expired"}, status=400)
            raise HelixError(message, code="expired_token")
        except mailing.UnsubscribeLinkInvalid:
            if html:
                return self._unsubscribe_page(None, {"state": "invalid"}, status=400)
            raise HelixError(_("This unsubscribe link is not valid."), code="invalid_token")
        done = request.method == "POST"
        if html:
            return self._unsubscribe_page(user, {"state": "done" if done else "confirm", "kind": kind})
        return Response({"unsubscribed": kind} if done else {"kind": kind})

    def _unsubscribe_page(self, user, context: dict, status: int = 200) -> Response:
        """The unsubscribe page, in its owner's language (the request's for a forged link)."""
        from django.utils import translation

        language = (user.preferred_language if user else None) or translation.get_language()
        translation.activate(language)
        self.request.LANGUAGE_CODE = language
        return Response(
            {
                **context,
                "lang": language,
                "dir": "rtl" if translation.get_language_bidi() else "ltr",
                "site_url": settings.HELIX_SITE_URL,
            },
            status=status,
            template_name="posts/unsubscribed.html",
        )
