"""``/api/v1/talent-pool/`` (employers), ``/api/v1/employer-connections/`` and
``/api/v1/me/cv-views/`` (talents)."""

from __future__ import annotations

import functools

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections as databases
from django.db import router
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.files import CV_DOWNLOAD_RESPONSES, cv_download
from api.pagination import count_cap, in_key_order
from api.permissions import IsSignedIn
from api.renderers import JSONRenderer, Rendered
from api.serializers.people import UUID
from cms import generations
from cms.accounts.models import CEFRLevel, EducationLevel, EmployerProfile, Role, TalentProfile, User
from cms.connections.kinds import GRANTED, PROFILE
from cms.connections.models import Connection, TalentProfileUserObjectPermission
from cms.connections.selectors import talents_visible_to
from cms.errors import ContactFirst, require_capability
from cms.pages import cache as page_cache
from cms.sectors.models import Sector
from plugins.employers import actions, pool
from plugins.employers.actions import TALENT_EMPLOYER
from plugins.employers.models import BlindConnection, CvView, EmployerDetails, EmployerRelation, Offer

CEFR_ORDER = ["A1", "A2", "B1", "B2", "C1", "C2", "native"]


# --- serializers ---------------------------------------------------------------------------


class PoolCompetencesSerializer(serializers.Serializer):
    soft_skills = serializers.ListField(child=serializers.CharField())
    digital_skills = serializers.ListField(child=serializers.CharField())
    key_areas_of_expertise = serializers.CharField()
    core_strengths = serializers.CharField()
    career_objective = serializers.CharField()
    work_experience = serializers.CharField()


# DRF's own conversion of a date and time (the reader's time zone, ISO 8601, "Z" for UTC), kept
# once rather than built per serializer.
_WHEN = serializers.DateTimeField()


def _texts(values) -> list:
    """A list of strings as ``ListField(child=CharField())`` gives it."""
    return [None if value is None else str(value) for value in values or ()]


def _sector_slugs(profile: TalentProfile) -> list[str]:
    listed = profile.__dict__.get("sector_slugs")
    return [sector.slug for sector in profile.sectors.all()] if listed is None else listed


def with_sector_slugs(profiles: list[TalentProfile]) -> list[TalentProfile]:
    """Each profile's sector slugs in one statement (``sector_slugs``), in the sectors' order: the
    pairs only, where a prefetch would build a sector and a related manager per profile."""
    slugs = {profile.pk: [] for profile in profiles}
    if slugs:
        pairs = (
            TalentProfile.sectors.through.objects.filter(talentprofile_id__in=slugs)
            .order_by("sector__sort_order", "sector__slug")
            .values_list("talentprofile_id", "sector__slug")
        )
        for profile_id, slug in pairs:
            slugs[profile_id].append(slug)
    for profile in profiles:
        profile.sector_slugs = slugs[profile.pk]
    return profiles


class PoolTalentSerializer(serializers.Serializer):
    """A connected talent as an employer sees them; ``name`` is empty in a blind listing until the
    talent accepts contact."""

    id = serializers.UUIDField()
    name = serializers.CharField(allow_null=True)
    blind = serializers.BooleanField()
    contact = serializers.ChoiceField(choices=EmployerRelation.Contact.choices, allow_blank=True)
    sectors = serializers.ListField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.DictField())
    dutch_level = serializers.CharField(allow_blank=True)
    education_level = serializers.CharField(allow_blank=True)
    education_field = serializers.CharField(allow_blank=True)
    competences = PoolCompetencesSerializer()
    has_cv = serializers.BooleanField()
    connected_at = serializers.DateTimeField(allow_null=True)

    @staticmethod
    def row(profile: TalentProfile) -> dict:
        """What DRF's field walk reads of a profile (``serializers.Serializer.to_representation``);
        ``to_representation`` gives the same answer without the walk."""
        visible = not profile.made_blind or profile.contact_state == EmployerRelation.Contact.ACCEPTED
        return {
            "id": profile.user.public_id,
            "name": str(profile.user) if visible else None,
            "blind": not visible,
            "contact": profile.contact_state or "",
            "sectors": _sector_slugs(profile),
            "languages": profile.languages or [],
            "dutch_level": profile.dutch_level,
            "education_level": profile.education_level,
            "education_field": profile.education_field,
            "competences": {
                "soft_skills": profile.soft_skills or [],
                "digital_skills": profile.digital_skills or [],
                "key_areas_of_expertise": profile.key_areas_of_expertise,
                "core_strengths": profile.core_strengths,
                "career_objective": profile.career_objective,
                "work_experience": profile.work_experience,
            },
            "has_cv": bool(profile.cv),
            "connected_at": profile.connected_at,
        }

    def to_representation(self, profile: TalentProfile) -> dict:
        """The fields DRF's walk over ``row(profile)`` would give, written out.

        That walk deep-copies the serializer's fields (and the nested competences') for every
        list and asks each field for each row: most of the time the list spent outside SQL
        (bench/README.md). The answer is the same, key for key:
        ``test_the_pool_row_is_the_serializers`` compares the two over talents of every kind, so a
        field added to the serializer and not here fails it."""
        user = profile.user
        visible = not profile.made_blind or profile.contact_state == EmployerRelation.Contact.ACCEPTED
        return {
            "id": str(user.public_id),
            "name": str(user) if visible else None,
            "blind": not visible,
            "contact": profile.contact_state or "",
            "sectors": _sector_slugs(profile),
            "languages": [
                None if language is None else {str(key): value for key, value in language.items()}
                for language in profile.languages or ()
            ],
            "dutch_level": str(profile.dutch_level),
            "education_level": str(profile.education_level),
            "education_field": str(profile.education_field),
            "competences": {
                "soft_skills": _texts(profile.soft_skills),
                "digital_skills": _texts(profile.digital_skills),
                "key_areas_of_expertise": str(profile.key_areas_of_expertise),
                "core_strengths": str(profile.core_strengths),
                "career_objective": str(profile.career_objective),
                "work_experience": str(profile.work_experience),
            },
            "has_cv": bool(profile.cv),
            "connected_at": _WHEN.to_representation(profile.connected_at),
        }


class PoolFilterSerializer(serializers.Serializer):
    sector = serializers.CharField(required=False, help_text="Sector slugs, comma-separated.")
    language = serializers.CharField(
        required=False, max_length=8, help_text="A language code the talent speaks."
    )
    dutch_level = serializers.ChoiceField(
        choices=CEFRLevel.choices, required=False, help_text="At least this level."
    )
    education_level = serializers.ChoiceField(choices=EducationLevel.choices, required=False)
    q = serializers.CharField(
        required=False, max_length=200, help_text="Words in the competences and experience."
    )

    def validate_sector(self, value: str) -> list[str]:
        slugs = [s.strip() for s in value.split(",") if s.strip()]
        known = set(Sector.source_rows().filter(slug__in=slugs).values_list("slug", flat=True))
        unknown = sorted(set(slugs) - known)
        if unknown:
            raise serializers.ValidationError(_("Unknown sector: %(slugs)s") % {"slugs": ", ".join(unknown)})
        return slugs


class ContactRequestSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=2000, help_text="Why you would like to get in touch.")


class EmployerPoolProfileSerializer(serializers.Serializer):
    company = serializers.CharField(read_only=True)
    sectors = serializers.ListField(child=serializers.CharField(), read_only=True)
    size = serializers.CharField(read_only=True)
    places = serializers.ListField(child=serializers.CharField(max_length=120), max_length=30)
    offers = serializers.ListField(child=serializers.ChoiceField(choices=Offer.choices), max_length=3)
    blind_listings = serializers.BooleanField()


class EmployerConnectionSerializer(serializers.Serializer):
    """An employer connected with me (a talent), because I publish my CV and our sectors overlap."""

    id = serializers.UUIDField(help_text="The employer's user id.")
    company = serializers.CharField()
    sectors = serializers.ListField(child=serializers.CharField())
    offers = serializers.ListField(child=serializers.CharField())
    places = serializers.ListField(child=serializers.CharField())
    contact = serializers.CharField(allow_blank=True)
    contact_message = serializers.CharField(allow_blank=True)
    decision = serializers.CharField(allow_blank=True)
    connected = serializers.BooleanField()
    connected_at = serializers.DateTimeField(allow_null=True)


class CvViewSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    employer = serializers.SerializerMethodField()

    class Meta:
        model = CvView
        fields = ["id", "employer", "company", "kind", "at"]
        read_only_fields = fields

    def get_employer(self, view) -> str | None:
        return str(view.employer.public_id) if view.employer_id and view.employer else None


# --- the employer's talent pool ------------------------------------------------------------


class _CountedApart:
    """A page's rows from one query, the total from another that selects the same rows but is
    shaped for counting (what Django's paginator reads: ``count()`` and slices).

    The two shapes suit different lists. Walking my connections newest first and checking each
    row stops after a page when many match; when few match (a narrow search), it would check all
    of them to find those few. So once the count has shown that at most ``HELIX_API_COUNT_CAP``
    rows match, the page's keys come from the counting shape (a hash of my permission rows, a
    sort of the few matches) and only those rows are read in full."""

    ordered = True

    def __init__(self, rows, counted, order):
        self.rows, self.counted, self.order = rows, counted, order
        self.few = False

    def count(self) -> int:
        return self.counted.count()

    def count_up_to(self, limit: int) -> int:
        """At most ``limit`` (what the API's paginator asks, ``api.pagination``), in no order, so
        PostgreSQL stops at the limit instead of sorting every match."""
        found = self.counted.order_by().values("pk")[:limit].count()
        self.few = found < limit
        return found

    def __getitem__(self, index):
        if not self.few or not isinstance(index, slice):
            return self.rows[index]
        keys = list(self.counted.order_by(*self.order).values_list("pk", flat=True)[index])
        return in_key_order(self.rows, keys)

    def __len__(self) -> int:
        return self.count()


POOL_ORDER = ("-activated_at", "-pk")
# What a listed row reads (``_profile_of``, ``PoolTalentSerializer.to_representation``): of the
# connection its time, of the talent their id and name, of the profile what the row shows (not the
# experience, motivations and values it does not). A column missing here would be read again per
# row: ``test_the_pool_row_is_the_serializers`` fails then.
LISTED_COLUMNS = [
    "activated_at",
    "talent",
    *(f"talent__{name}" for name in ("public_id", "first_name", "last_name", "email")),
    *(
        f"talent__talent_profile__{name}"
        for name in (
            "user",
            "languages",
            "dutch_level",
            "education_level",
            "education_field",
            "soft_skills",
            "digital_skills",
            "key_areas_of_expertise",
            "core_strengths",
            "career_objective",
            "work_experience",
            "cv",
        )
    ),
]
COMPETENCE_FIELDS = (
    "soft_skills",
    "digital_skills",
    "key_areas_of_expertise",
    "core_strengths",
    "education_field",
    "work_experience",
    "career_objective",
)


class Lines(Func):
    """Fields as text, one per line: ``(a)::text || E'\\n' || (b)::text || …``.

    On PostgreSQL each word of the pool's ``q`` is one ``UPPER(…) LIKE UPPER('%word%')`` on
    ``Lines(*COMPETENCE_FIELDS)``, the expression of the trigram index of migration
    ``employers.0003`` (which spells it out: keep the two the same). A word has no whitespace, so
    it is in the joined text exactly when it is in one of the fields: the same talents as one
    ``icontains`` per field."""

    arg_joiner = " || E'\\n' || "
    template = "(%(expressions)s)"
    output_field = TextField()

    def __init__(self, *fields: str):
        super().__init__(*(Cast(field, TextField()) for field in fields))


def text_filtered(rows, data: dict, profile: str = ""):
    """The pool's text filters on ``rows``, which reach the talent's profile through ``profile`` (a
    lookup prefix): ``language``, a whole code (quoted) in the text of the languages' JSON, and each
    word of ``q`` in one of the ``COMPETENCE_FIELDS``, in any case (``icontains``).

    On PostgreSQL both are the expressions of the trigram indexes of ``employers.0003``:
    ``UPPER(languages::text) LIKE …`` and one ``UPPER(Lines(…)) LIKE …`` per word, so the planner
    can find the matching profiles in an index, and knows from the index's statistics how many
    match. Elsewhere a word is one ``icontains`` per field (the same talents, no index)."""
    if data.get("language"):
        rows = rows.filter(**{f"{profile}languages__icontains": f'"{data["language"].lower()}"'})
    words = (data.get("q") or "").split()[:5]
    if words and databases[rows.db].vendor == "postgresql":
        rows = rows.alias(competences=Lines(*(f"{profile}{field}" for field in COMPETENCE_FIELDS)))
        for word in words:
            rows = rows.filter(competences__icontains=word)
        return rows
    for word in words:
        condition = Q()
        for field in COMPETENCE_FIELDS:
            condition |= Q(**{f"{profile}{field}__icontains": word})
        rows = rows.filter(condition)
    return rows


def _profile_of(connection: Connection) -> TalentProfile:
    """The talent's profile of a pool connection, carrying what the pool row shows of it."""
    profile = connection.talent.talent_profile
    profile.connected_at = connection.activated_at
    profile.contact_state = connection.contact_state
    profile.made_blind = connection.made_blind
    return profile


def _details_of(employer: User) -> EmployerDetails:
    return EmployerDetails.objects.filter(user=employer).first() or EmployerDetails(user=employer)


@functools.lru_cache(maxsize=1)
def _in_pool_sql() -> str:
    """``in_pool``'s statement, written once from the models' tables and columns."""
    c, u, p = Connection._meta, User._meta, TalentProfile._meta
    g, perm, ct = TalentProfileUserObjectPermission._meta, Permission._meta, ContentType._meta

    def col(meta, name):
        return meta.get_field(name).column

    return (
        f"SELECT c.{col(c, 'talent')} FROM {c.db_table} c"
        f" JOIN {u.db_table} u ON u.{col(u, 'id')} = c.{col(c, 'talent')}"
        f" JOIN {p.db_table} p ON p.{col(p, 'user')} = u.{col(u, 'id')}"
        f" JOIN {g.db_table} g ON g.{col(g, 'content_object')} = p.{col(p, 'id')}"
        f" AND g.{col(g, 'user')} = %s AND g.{col(g, 'permission')} IN ("
        f"SELECT pm.{col(perm, 'id')} FROM {perm.db_table} pm JOIN {ct.db_table} ct"
        f" ON ct.{col(ct, 'id')} = pm.{col(perm, 'content_type')}"
        f" WHERE ct.{col(ct, 'app_label')} = %s AND pm.{col(perm, 'codename')} = %s)"
        f" WHERE c.{col(c, 'kind')} = %s AND c.{col(c, 'employer')} = %s AND c.{col(c, 'state')} = %s"
        f" AND u.{col(u, 'is_active')} = %s AND u.{col(u, 'erased_at')} IS NULL"
        f" AND c.{col(c, 'talent')} IN ({{talents}})"
    )


def in_pool(employer_id: int, talents: list[int]) -> list[int]:
    """Which of ``talents`` are in this employer's pool, as ``TalentPoolViewSet._pool_connections``
    has it: an active connection of this kind with the employer, the permission on the talent's
    profile it grants, an active account that is not erased. One statement, written out (from
    the models' metadata): built with the ORM it cost more than the kept page it checks
    (bench/README.md). ``test_in_pool_is_the_pools_own_rule`` compares it with the pool's query
    shape as each condition is taken away."""
    if not talents:
        return []
    app_label, codename = GRANTED[PROFILE].split(".")
    sql = _in_pool_sql().format(talents=", ".join(["%s"] * len(talents)))
    params = [employer_id, app_label, codename, TALENT_EMPLOYER, employer_id, Connection.State.ACTIVE, True]
    with databases[router.db_for_read(Connection)].cursor() as cursor:
        cursor.execute(sql, [*params, *talents])
        return [row[0] for row in cursor.fetchall()]


class TalentPoolViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The talents connected with me (an approved employer): they publish their CV to employers and
    share a sector with my company. Every profile view and CV download is logged for the talent."""

    serializer_class = PoolTalentSerializer
    permission_classes = [IsSignedIn]
    lookup_field = "user__public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        actions.require_employer(request.user)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TalentProfile.objects.none()
        employer = self.request.user
        connections = Connection.objects.filter(
            kind=TALENT_EMPLOYER,
            employer=employer,
            talent=OuterRef("user"),
            state=Connection.State.ACTIVE,
        )
        relation = EmployerRelation.objects.filter(employer=employer, talent=OuterRef("user"))
        blind = BlindConnection.objects.filter(
            connection__kind=TALENT_EMPLOYER,
            connection__employer=employer,
            connection__talent=OuterRef("user"),
            connection__state__in=Connection.OPEN_STATES,
        )
        return (
            talents_visible_to(employer)
            .filter(user__erased_at=None, user__is_active=True)
            .annotate(
                connected_at=Subquery(connections.order_by("-pk").values("activated_at")[:1]),
                contact_state=Subquery(relation.values("contact")[:1]),
                made_blind=Exists(blind),
            )
            .filter(connected_at__isnull=False)
            .select_related("user")
            .prefetch_related(Prefetch("sectors", queryset=Sector.objects.only("id", "slug")))
            .order_by("-connected_at", "pk")
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("sector", OpenApiTypes.STR, description="Sector slugs, comma-separated."),
            OpenApiParameter(
                "language", OpenApiTypes.STR, description="A language the talent speaks (code)."
            ),
            OpenApiParameter("dutch_level", OpenApiTypes.STR, description="At least this CEFR level."),
            OpenApiParameter("education_level", OpenApiTypes.STR),
            OpenApiParameter("q", OpenApiTypes.STR, description="Words in competences and experience."),
        ]
    )
    def list(self, request):
        """Search my connected talents by sector, language, Dutch level, education and competences."""
        entry = self._kept_page()
        return Response(Rendered(entry["answer"], entry["json"]))

    def _kept_page(self) -> dict:
        """The page, kept for this employer until something it shows may have changed, and
        checked before it is answered again (``plugins.employers.pool``)."""
        if not page_cache.enabled():
            return self._page()
        return generations.kept(
            page_cache.request_key("helix:employers:pool", self.request, self.request.user.pk, count_cap()),
            [pool.GENERATION_KEY],
            self._page,
            seconds=pool.POOL_SECONDS,
            still=self._still_listed,
        )

    def _page(self) -> dict:
        """The page built: the answer, its JSON, and the talents on it (``talents``, kept beside
        it and never sent)."""
        params = PoolFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        filters = params.validated_data
        rows, counted = self._pool_connections()
        page = self.paginate_queryset(
            _CountedApart(
                self._filtered_connections(rows, filters),
                self._filtered_connections(counted, filters),
                POOL_ORDER,
            )
        )
        profiles = with_sector_slugs([_profile_of(connection) for connection in page])
        answer = dict(self.get_paginated_response(PoolTalentSerializer(profiles, many=True).data).data)
        answer["results"] = list(answer["results"])
        return {
            "answer": answer,
            "json": JSONRenderer().render(answer),
            "talents": [connection.talent_id for connection in page],
        }

    def _still_listed(self, entry: dict) -> bool:
        """Every talent on a kept page is still in my pool (``in_pool``)."""
        talents = entry["talents"]
        return not talents or set(in_pool(self.request.user.pk, talents)) == set(talents)

    def _pool_connections(self):
        """The list, driven by my active connections, newest first, and the same rows shaped for
        counting them all.

        The list walks the partial index ``(employer, kind, state, -activated_at, -id)`` of
        connections and stops after a page, instead of asking each talent I may see for their
        connection with me (which grew with my connections: bench/README.md). The permission and
        the talent's account are still checked per row. The counting shape has the permission as
        a plain ``EXISTS``, which PostgreSQL hashes once. Both are built from one base (its
        conditions resolved once); the list reads only the columns a row shows
        (``LISTED_COLUMNS``).
        """
        employer = self.request.user
        app_label, codename = GRANTED[PROFILE].split(".")
        permission = Exists(
            TalentProfileUserObjectPermission.objects.filter(
                user=employer,
                # Looked up once per query (an init plan), not joined for every row.
                permission_id=Subquery(
                    Permission.objects.filter(content_type__app_label=app_label, codename=codename).values(
                        "pk"
                    )[:1]
                ),
                content_object_id=OuterRef("talent__talent_profile__id"),
            )
        )
        blind = BlindConnection.objects.filter(connection=OuterRef("pk"))
        relation = EmployerRelation.objects.filter(employer=employer, talent=OuterRef("talent_id"))
        connections = Connection.objects.filter(
            kind=TALENT_EMPLOYER,
            employer=employer,
            state=Connection.State.ACTIVE,
            talent__erased_at=None,
            talent__is_active=True,
            talent__talent_profile__isnull=False,
        )
        rows = (
            connections
            # Inside a CASE the check stays a per-row test of the rows walked in order; as a plain
            # EXISTS PostgreSQL turns it into a join from all my permission rows and sorts them.
            .alias(
                allowed=Case(
                    When(permission, then=Value(True)), default=Value(False), output_field=BooleanField()
                )
            )
            .filter(allowed=True)
            .annotate(contact_state=Subquery(relation.values("contact")[:1]), made_blind=Exists(blind))
            .select_related("talent__talent_profile")
            .only(*LISTED_COLUMNS)
            .order_by(*POOL_ORDER)
        )
        return rows, connections.filter(permission)

    @staticmethod
    def _filtered_connections(connections, data: dict):
        """The list's filters (validated), on the talents' profiles of my connections."""
        profile = "talent__talent_profile__"
        if data.get("sector"):
            connections = connections.filter(
                Exists(
                    TalentProfile.sectors.through.objects.filter(
                        talentprofile_id=OuterRef(f"{profile}id"), sector__slug__in=data["sector"]
                    )
                )
            )
        if data.get("dutch_level"):
            levels = CEFR_ORDER[CEFR_ORDER.index(data["dutch_level"]) :]
            connections = connections.filter(**{f"{profile}dutch_level__in": levels})
        if data.get("education_level"):
            connections = connections.filter(**{f"{profile}education_level": data["education_level"]})
        return text_filtered(connections, data, profile)

    def retrieve(self, request, id=None):
        """One connected talent's profile and competences (the view is logged)."""
        profile = self.get_object()
        actions.record_view(request.user, profile.user, CvView.Kind.PROFILE)
        return Response(PoolTalentSerializer(profile).data)

    @extend_schema(responses={**CV_DOWNLOAD_RESPONSES, 404: OpenApiResponse()})
    @action(detail=True, methods=["get"])
    def cv(self, request, id=None):
        """Download the talent's CV (logged). Blind listings: once the talent accepted contact."""
        require_capability(request.user, "employers.download_cv")
        profile = self.get_object()
        if not profile.cv:
            raise exceptions.NotFound(_("This talent has not uploaded a CV."))
        if profile.made_blind and profile.contact_state != EmployerRelation.Contact.ACCEPTED:
            raise ContactFirst()
        actions.record_view(request.user, profile.user, CvView.Kind.DOWNLOAD)
        return cv_download(profile, f"cv.{profile.cv.name.rsplit('.', 1)[-1]}")

    @extend_schema(request=ContactRequestSerializer, responses={201: PoolTalentSerializer})
    @action(detail=True, methods=["post"])
    def contact(self, request, id=None):
        """Ask the talent for contact, with a short message; they are e-mailed and decide."""
        profile = self.get_object()
        body = ContactRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        actions.request_contact(request.user, profile.user, body.validated_data["message"])
        profile = self.get_queryset().get(pk=profile.pk)
        return Response(PoolTalentSerializer(profile).data, status=201)

    @extend_schema(methods=["get"], responses=EmployerPoolProfileSerializer)
    @extend_schema(
        methods=["put"], request=EmployerPoolProfileSerializer, responses=EmployerPoolProfileSerializer
    )
    @action(detail=False, methods=["get", "put"])
    def profile(self, request):
        """What my company offers (jobs, internships, language on the job), where, and whether my
        listings are blind. Company name, sectors and size are edited at ``/api/v1/me/``."""
        if request.method == "PUT":
            body = EmployerPoolProfileSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            actions.update_details(request.user, **body.validated_data)
        company = EmployerProfile.objects.filter(user=request.user).prefetch_related("sectors").first()
        details = _details_of(request.user)
        return Response(
            {
                "company": company.company if company else "",
                "sectors": [s.slug for s in company.sectors.all()] if company else [],
                "size": company.size if company else "",
                "places": details.places,
                "offers": details.offers,
                "blind_listings": details.blind_listings,
            }
        )


# --- the talent's side ---------------------------------------------------------------------


class EmployerConnectionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Employers connected with me, a talent who publishes their CV (and those I declined or blocked):
    accept their contact, decline them, block them."""

    serializer_class = EmployerConnectionSerializer
    permission_classes = [IsSignedIn]
    lookup_value_regex = UUID
    lookup_url_kwarg = "id"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.user.role != Role.TALENT:
            raise exceptions.PermissionDenied(_("Only talents have employer connections."))

    def get_queryset(self):
        return EmployerRelation.objects.none()

    def _rows(self, employer_ids=None) -> list[dict]:
        talent = self.request.user
        matches = Connection.objects.filter(
            kind=TALENT_EMPLOYER, talent=talent, state=Connection.State.ACTIVE
        )
        relations = EmployerRelation.objects.filter(talent=talent)
        if employer_ids is not None:
            matches, relations = (
                matches.filter(employer_id__in=employer_ids),
                relations.filter(employer_id__in=employer_ids),
            )
        connected = dict(matches.values_list("employer_id", "activated_at"))
        rels = {r.employer_id: r for r in relations.exclude(decision="", contact="")}
        ids = set(connected) | set(rels)
        employers = User.objects.filter(pk__in=ids, erased_at=None).select_related("employer_profile")
        profiles = {
            p.user_id: p
            for p in EmployerProfile.objects.filter(user__in=ids).prefetch_related(
                Prefetch("sectors", queryset=Sector.objects.only("id", "slug"))
            )
        }
        details = {d.user_id: d for d in EmployerDetails.objects.filter(user__in=ids)}
        rows = []
        for employer in employers:
            profile, detail, rel = profiles.get(employer.pk), details.get(employer.pk), rels.get(employer.pk)
            rows.append(
                {
                    "id": employer.public_id,
                    "company": (profile.company if profile else "") or str(employer),
                    "sectors": [s.slug for s in profile.sectors.all()] if profile else [],
                    "offers": detail.offers if detail else [],
                    "places": detail.places if detail else [],
                    "contact": rel.contact if rel else "",
                    "contact_message": rel.contact_message if rel else "",
                    "decision": rel.decision if rel else "",
                    "connected": employer.pk in connected,
                    "connected_at": connected.get(employer.pk),
                }
            )
        rows.sort(key=lambda r: (not r["connected"], r["company"].lower()))
        return rows

    def list(self, request):
        """My employer connections, connected ones first."""
        rows = self._rows()
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(EmployerConnectionSerializer(page, many=True).data)

    def _employer(self, id) -> User:
        employer = User.objects.filter(public_id=id, role=Role.EMPLOYER).first()
        if employer is None or not (
            Connection.objects.filter(
                kind=TALENT_EMPLOYER, talent=self.request.user, employer=employer
            ).exists()
            or EmployerRelation.objects.filter(talent=self.request.user, employer=employer).exists()
        ):
            raise exceptions.NotFound()
        return employer

    def _answer(self, employer):
        rows = self._rows([employer.pk])
        return Response(
            EmployerConnectionSerializer(rows[0]).data if rows else {"id": str(employer.public_id)}
        )

    @extend_schema(request=None, responses=EmployerConnectionSerializer)
    @action(detail=True, methods=["post"], url_path="accept-contact")
    def accept_contact(self, request, id=None):
        """Accept the employer's contact: they see my name and CV and may write to me."""
        employer = self._employer(id)
        actions.accept_contact(request.user, employer)
        return self._answer(employer)

    @extend_schema(methods=["post"], request=None, responses=EmployerConnectionSerializer)
    @extend_schema(methods=["delete"], request=None, responses={204: None})
    @action(detail=True, methods=["post", "delete"])
    def decline(self, request, id=None):
        """Decline the employer (POST): the connection closes and is not made again. DELETE undoes it."""
        employer = self._employer(id)
        if request.method == "DELETE":  # the employer may be in my list again, or not: ask again
            actions.undo_decline(request.user, employer)
            return Response(status=204)
        else:
            actions.decide(request.user, employer, EmployerRelation.Decision.DECLINED)
        return self._answer(employer)

    @extend_schema(request=None, responses=EmployerConnectionSerializer)
    @action(detail=True, methods=["post"])
    def block(self, request, id=None):
        """Block the employer: no access, no messages, never connected again."""
        employer = self._employer(id)
        actions.decide(request.user, employer, EmployerRelation.Decision.BLOCKED)
        return self._answer(employer)


class CvViewViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Which employers looked at my profile or downloaded my CV, and when (talents)."""

    serializer_class = CvViewSerializer
    permission_classes = [IsSignedIn]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CvView.objects.none()
        if self.request.user.role != Role.TALENT:
            raise exceptions.PermissionDenied(_("Only talents have a CV-view log."))
        return CvView.objects.filter(talent=self.request.user).select_related("employer")
