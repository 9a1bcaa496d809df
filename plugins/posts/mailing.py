"""Digests and newsletters: who gets one, what it holds, and sending it through the outbox.

Both are rendered in the recipient's language and carry a signed one-click
unsubscribe link that expires (and the ``List-Unsubscribe`` headers of RFC 8058). Sending is
crash-safe and exactly-once: each recipient's e-mail is an outbox row with a key
naming the recipient and the period (digest) or the newsletter, written in the
same transaction as the bookkeeping that says it was prepared.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connections, router, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import formats, timezone, translation

from cms.accounts.models import Consent, MentorProfile, Role, TalentProfile, User
from cms.outbox.api import enqueue_many
from cms.outbox.mail import (
    MAIL_ACTOR,
    NAME_MARK,
    URL_MARK,
    render,
    serialise,
    shape_key,
    shaped_payload,
    store_shapes,
)
from cms.sectors.models import Sector
from plugins.posts import conf
from plugins.posts.models import (
    DigestSubscription,
    Newsletter,
    NewsletterRecipient,
    Post,
)

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "helix.posts.unsubscribe"
DIGEST_ROLES = (Role.TALENT, Role.MENTOR)
DIGEST_MAX_ITEMS = 10
BATCH = 500
PERIODS = {
    DigestSubscription.Frequency.DAILY: timedelta(days=1),
    DigestSubscription.Frequency.WEEKLY: timedelta(days=7),
}
# A digest is due a little before its full period, so an hourly job keeps the rhythm.
SLACK = timedelta(hours=1)
# Someone who switches the digest on again after months gets the last two weeks, not everything.
MAX_LOOK_BACK = timedelta(days=14)


# --- unsubscribe links ----------------------------------------------------------------------


class UnsubscribeLinkInvalid(Exception):
    """The token is forged, damaged or names no account."""


class UnsubscribeLinkExpired(Exception):
    """The token is genuine but older than ``unsubscribe_link_days``; ``user`` is its owner."""

    def __init__(self, user: User | None):
        super().__init__("expired")
        self.user = user


def unsubscribe_signer() -> signing.TimestampSigner:
    """The signer of unsubscribe tokens: what ``signing.dumps`` uses with our salt. One serves a
    whole run (it reads the settings once); each token is still signed for its own reader."""
    return signing.TimestampSigner(salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user: User, kind: str, *, signer: signing.TimestampSigner | None = None) -> str:
    """A signed, timestamped token for ``kind`` ("digest" or "newsletter")."""
    return (signer or unsubscribe_signer()).sign_object({"u": str(user.public_id), "k": kind}, compress=True)


def _payload(data) -> tuple[str, str] | None:
    if not isinstance(data, dict) or data.get("k") not in ("digest", "newsletter"):
        return None
    return str(data.get("u")), data["k"]


def read_unsubscribe_token(token: str) -> tuple[User, str]:
    """The account and kind a token names. Raises ``UnsubscribeLinkExpired`` for a genuine
    token older than the configured days, ``UnsubscribeLinkInvalid`` for anything else."""
    max_age = timedelta(days=conf.get("unsubscribe_link_days"))
    try:
        read = _payload(signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=max_age))
    except signing.SignatureExpired:
        # Genuine but old: read it once more without the age, only to answer in its owner's
        # language; nothing is changed with it.
        read = _payload(signing.loads(token, salt=UNSUBSCRIBE_SALT))
        raise UnsubscribeLinkExpired(_owner(read)) from None
    except (signing.BadSignature, ValueError, UnicodeError):
        raise UnsubscribeLinkInvalid() from None
    user = _owner(read)
    if user is None:
        raise UnsubscribeLinkInvalid()
    return user, read[1]


def _owner(read: tuple[str, str] | None) -> User | None:
    if read is None:
        return None
    try:
        return User.objects.filter(public_id=read[0], erased_at=None).first()
    except (ValueError, DjangoValidationError):
        return None


def unsubscribe_url(user: User, kind: str, *, signer: signing.TimestampSigner | None = None) -> str:
    token = unsubscribe_token(user, kind, signer=signer)
    return f"{settings.HELIX_SITE_URL}/api/v1/posts/unsubscribe/{token}/"


def unsubscribe(token: str) -> tuple[User, str]:
    """Apply a token: a digest token switches the digest off; a newsletter token withdraws the
    newsletter consent (which stops digests too). Idempotent. Raises as
    ``read_unsubscribe_token`` does for a bad or expired token, changing nothing."""
    from cms.accounts.actions import withdraw_consent
    from cms.audit import record

    user, kind = read_unsubscribe_token(token)
    with transaction.atomic():
        if kind == "digest":
            DigestSubscription.objects.update_or_create(
                user=user, defaults={"frequency": DigestSubscription.Frequency.OFF}
            )
        else:
            withdraw_consent(user, Consent.Purpose.NEWSLETTER)
        record(user, f"posts.unsubscribed.{kind}", user)
    return user, kind


def _with_unsubscribe(message, url: str):
    message.extra_headers["List-Unsubscribe"] = f"<{url}>"
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


# --- posts as mail items ------------------------------------------------------------------


def post_item(post: Post, language: str) -> dict:
    """A post as a mail (or page block) item, with dates written for ``language``."""
    with translation.override(language):
        when = ""
        if post.starts_at and post.ends_at:
            when = (
                f"{formats.date_format(timezone.localtime(post.starts_at), 'SHORT_DATE_FORMAT')} – "
                f"{formats.date_format(timezone.localtime(post.ends_at), 'SHORT_DATE_FORMAT')}"
            )
        elif post.starts_at or post.ends_at:
            when = formats.date_format(
                timezone.localtime(post.starts_at or post.ends_at), "SHORT_DATE_FORMAT"
            )
        place = post.city
        if post.online:
            place = f"{place}, online" if place else "online"
        return {
            "id": str(post.public_id),
            "type": post.type,
            "type_label": str(post.get_type_display()),
            "title": post.title,
            "summary": post.summary,
            "link": post.link,
            "organisation": post.organisation_name,
            "when": when,
            "place": place,
            "locale": post.locale,
        }


def pick_translations(posts: Iterable[Post], language: str) -> list[Post]:
    """Keep one post per translation group: the one in ``language``, else the first seen."""
    chosen: dict = {}
    for post in posts:
        current = chosen.get(post.translation_key)
        if current is None or (post.locale == language and current.locale != language):
            chosen[post.translation_key] = post
    return list(chosen.values())


# --- digests --------------------------------------------------------------------------------


def _active_newsletter_consent():
    return Consent.objects.filter(user=OuterRef("pk"), purpose=Consent.Purpose.NEWSLETTER, withdrawn_at=None)


def subscribers():
    """Talents and mentors who consented and did not switch the digest off, with their frequency."""
    subscription = DigestSubscription.objects.filter(user=OuterRef("pk"))
    return (
        User.objects.filter(role__in=DIGEST_ROLES, is_active=True, erased_at=None)
        .filter(Exists(_active_newsletter_consent()))
        .annotate(
            digest_frequency=Coalesce(
                Subquery(subscription.values("frequency")[:1]), Value(DigestSubscription.Frequency.WEEKLY)
            ),
            digest_last=Subquery(subscription.values("last_digest_at")[:1]),
        )
        .exclude(digest_frequency=DigestSubscription.Frequency.OFF)
    )


def due_subscribers(now: datetime):
    condition = Q(digest_last__isnull=True)
    for frequency, period in PERIODS.items():
        condition |= Q(digest_frequency=frequency, digest_last__lte=now - period + SLACK)
    return subscribers().filter(condition).order_by("pk")


def period_key(frequency: str, now: datetime) -> str:
    local = timezone.localtime(now)
    if frequency == DigestSubscription.Frequency.DAILY:
        return local.date().isoformat()
    year, week, _day = local.isocalendar()
    return f"{year}-W{week:02d}"


def _user_sector_ids(user: User) -> set[int]:
    ids: set[int] = set()
    for name in ("talent_profile", "mentor_profile"):
        profile = getattr(user, name, None) if hasattr(user, name) else None
        if profile is not None:
            ids.update(s.pk for s in profile.sectors.all())
    return ids


def sector_ids_of(user_ids: list[int]) -> dict[int, frozenset[int]]:
    """The sectors of many readers' profiles (what :func:`_user_sector_ids` gives each), one
    query per kind of profile and no model instances. Made for a window of ids: the profiles of
    the range of ids are read (a range, not a list of 500 ids to send and parse)."""
    found: dict[int, set[int]] = {pk: set() for pk in user_ids}
    if not found:
        return {}
    for profile in (TalentProfile, MentorProfile):
        name = profile._meta.model_name
        rows = profile.sectors.through.objects.filter(
            **{f"{name}__user_id__gte": min(found), f"{name}__user_id__lte": max(found)}
        )
        for pk, sector_id in rows.values_list(f"{name}__user_id", "sector_id"):
            if pk in found:
                found[pk].add(sector_id)
    return {pk: frozenset(ids) for pk, ids in found.items()}


@dataclass(frozen=True)
class DigestPosts:
    """What a digest says about posts, shared by every reader with the same sectors, look-back
    and language; ``key`` names it in a shape's key."""

    items: list[dict]
    more: int
    count: int
    key: tuple


@dataclass
class DigestRun:
    considered: int = 0
    queued: int = 0
    nothing_new: int = 0


class CandidatePosts:
    """The live posts published in the look-back window, indexed by sector (newest first), so
    that each subscriber costs work in proportion to the posts that match them."""

    def __init__(self, since: datetime, now: datetime):
        self.all = list(
            Post.objects.live(now)
            .filter(published_at__gt=since, published_at__lte=now)
            .prefetch_related(Prefetch("sectors", queryset=Sector.objects.only("id")))
            .order_by("-published_at", "-id")
        )
        self.items: dict[tuple[int, str], dict] = {}
        self.chosen: dict[tuple, DigestPosts] = {}
        self.general: list[Post] = []
        self.by_sector: dict[int, list[Post]] = {}
        for post in self.all:
            sector_ids = [s.pk for s in post.sectors.all()]
            if not sector_ids:
                self.general.append(post)
            for sector_id in sector_ids:
                self.by_sector.setdefault(sector_id, []).append(post)

    def item(self, post: Post, language: str) -> dict:
        """The post as a digest item in ``language``, built once per run."""
        key = (post.pk, language)
        found = self.items.get(key)
        if found is None:
            found = self.items[key] = post_item(post, language)
        return found

    def for_reader(self, sectors: frozenset[int], since: datetime, language: str) -> DigestPosts:
        """The posts of a digest for readers of ``sectors`` since ``since`` in ``language``,
        chosen once per run for all readers who share them."""
        key = (sectors, since, language)
        found = self.chosen.get(key)
        if found is None:
            matching = pick_translations(self.matching(sectors, since), language)
            items = [self.item(p, language) for p in matching[:DIGEST_MAX_ITEMS]]
            found = self.chosen[key] = DigestPosts(
                items=items,
                more=max(0, len(matching) - DIGEST_MAX_ITEMS),
                count=len(matching),
                key=tuple(tuple(sorted(item.items())) for item in items),
            )
        return found

    def matching(self, sectors: set[int], since: datetime) -> list[Post]:
        lists = [self.all] if not sectors else [self.general, *(self.by_sector.get(s, []) for s in sectors)]
        found: dict[int, Post] = {}
        for posts in lists:
            for post in posts:
                if post.published_at <= since:
                    break  # newest first: the rest are older
                found[post.pk] = post
        return sorted(found.values(), key=lambda p: (p.published_at, p.pk), reverse=True)


def digest_for(
    user: User,
    posts: CandidatePosts,
    since: datetime,
    sections: list[dict],
    *,
    sectors: frozenset[int] | None = None,
) -> dict | None:
    """The digest's content for one user, or ``None`` when there is nothing new for them.
    ``sectors`` are the user's sectors when already read (:func:`sector_ids_of`)."""
    if sectors is None:
        sectors = frozenset(_user_sector_ids(user))
    chosen = posts.for_reader(sectors, since, user.preferred_language)
    if not chosen.count and not sections:
        return None
    return {
        "items": chosen.items,
        "more": chosen.more,
        "count": chosen.count,
        "sections": sections,
        "since": since,
        # Not for the template: names the items in the shape's key (DigestRenderer).
        "items_key": chosen.key,
    }


def _template_content(content: dict) -> dict:
    return {name: value for name, value in content.items() if name != "items_key"}


def render_digest(user: User, content: dict):
    url = unsubscribe_url(user, "digest")
    context = {
        "user": user,
        "site_url": settings.HELIX_SITE_URL,
        "unsubscribe_url": url,
        "frequency": getattr(user, "digest_frequency", DigestSubscription.Frequency.WEEKLY),
        **_template_content(content),
    }
    message = render("posts/mail/digest", context, user.preferred_language)
    message.to = [user.email]
    return _with_unsubscribe(message, url)


class _Stand:
    """A reader as the template sees them while a shape is rendered."""

    def __init__(self, language: str, frequency: str = DigestSubscription.Frequency.WEEKLY):
        self.preferred_language = language
        self.digest_frequency = frequency
        self.email = ""

    def __str__(self) -> str:
        return NAME_MARK

    def get_short_name(self) -> str:
        return NAME_MARK


class ShapeRenderer:
    """Render each distinct e-mail once and personalise it per reader (name, unsubscribe link,
    address), so a run costs a template render per shape (language, content), not per reader.
    The result is the message rendering it for the reader alone would give."""

    def __init__(self, template_prefix: str, kind: str):
        self.template_prefix, self.kind = template_prefix, kind
        self.shapes: dict = {}
        self.unsaved: dict[str, dict] = {}
        # One signer for the run; what lines of the shapes' text became in HTML (shared by shapes).
        self.signer = unsubscribe_signer()
        self.html_lines: dict[str, str] = {}

    def save(self) -> None:
        """Store the shapes rendered since the last call (one statement): before the outbox
        rows that use them are written, in the same transaction."""
        if self.unsaved:
            store_shapes(self.unsaved)
            self.unsaved = {}

    def payload(self, user: User, key: tuple, context, slow) -> dict:
        """The outbox payload of the e-mail for ``user``: the stored shape's key and the reader's
        own parts (:func:`cms.outbox.mail.expand` fills them in when it is sent).

        ``key`` names the shape, its language first; ``context(stand, url)`` builds the template
        context for a stand-in reader; ``slow()`` renders for the reader alone, the fallback
        when a translation moved a stand-in somewhere it cannot be replaced (the subject).
        """
        found = self.shapes.get(key)
        if found is None:
            stand = _Stand(key[0], *key[1:2])
            shape = serialise(
                render(self.template_prefix, context(stand, URL_MARK), key[0], html_lines=self.html_lines)
            )
            stored = None
            if NAME_MARK not in shape["subject"] and URL_MARK not in shape["subject"]:
                stored = shape_key(shape)
                self.unsaved[stored] = shape
            found = self.shapes[key] = (stored, shape)
        stored, shape = found
        if stored is None:
            return serialise(slow())
        return shaped_payload(
            stored,
            shape,
            to=user.email,
            name=user.get_short_name(),
            unsubscribe_url=unsubscribe_url(user, self.kind, signer=self.signer),
        )


class DigestRenderer(ShapeRenderer):
    """Digests, one render per language, frequency, items and sections."""

    def __init__(self):
        super().__init__("posts/mail/digest", "digest")

    def payload(self, user: User, content: dict) -> dict:  # type: ignore[override]
        items = content.get("items_key")
        if items is None:
            items = tuple(tuple(sorted(item.items())) for item in content["items"])
        sections = tuple(
            (str(section.get("title", "")), tuple(str(line) for line in section.get("items", [])))
            for section in content["sections"]
        )
        frequency = getattr(user, "digest_frequency", DigestSubscription.Frequency.WEEKLY)
        key = (user.preferred_language, frequency, items, content["more"], content["count"], sections)

        def context(stand, url):
            return {
                "user": stand,
                "site_url": settings.HELIX_SITE_URL,
                "unsubscribe_url": url,
                "frequency": frequency,
                **_template_content(content),
            }

        return super().payload(user, key, context, lambda: render_digest(user, content))


def mark_digested(user_ids: list[int], now: datetime) -> None:
    """Note that the readers ``user_ids`` got their digest up to ``now``, in one statement: their
    subscription rows get the date, those without one get a row (with the default frequency)."""
    connection = connections[router.db_for_write(DigestSubscription)]
    if connection.vendor != "postgresql":
        DigestSubscription.objects.bulk_create(
            [DigestSubscription(user_id=pk, last_digest_at=now) for pk in user_ids],
            update_conflicts=True,
            unique_fields=["user"],
            update_fields=["last_digest_at"],
        )
        return
    # PostgreSQL: the ids as one array of numbers, not 500 model instances prepared field by field.
    meta, quote = DigestSubscription._meta, connection.ops.quote_name
    user, frequency, last, updated = (
        quote(meta.get_field(name).column) for name in ("user", "frequency", "last_digest_at", "updated_at")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({user}, {frequency}, {last}, {updated}) "
            "SELECT reader, %s, %s, %s FROM UNNEST(%s::bigint[]) AS reader "
            f"ON CONFLICT ({user}) DO UPDATE SET {last} = EXCLUDED.{last}",
            [meta.get_field("frequency").get_default(), now, timezone.now(), list(user_ids)],
        )


def send_digests(now: datetime | None = None, *, project=None) -> DigestRun:
    """Queue the digests that are due. Each batch commits on its own: a crash loses nothing,
    a second run sends nobody a second digest for the same period."""
    from cms.organisations.models import Project
    from cms.plugins import calls

    now = now or timezone.now()
    project = project or Project.default()
    run = DigestRun()
    # New posts are read once for the whole run: at most the longest look-back of anyone due.
    posts = CandidatePosts(now - MAX_LOOK_BACK, now)
    renderer = DigestRenderer()
    periods: dict[str, str] = {}
    last_pk = 0
    while True:
        # Walk the readers' ids in windows along the primary key, then ask which of a window are
        # due: asking for "the next 500 due" would evaluate every remaining reader per batch.
        window = list(
            User.objects.filter(role__in=DIGEST_ROLES, pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not window:
            return run
        first_pk, last_pk = last_pk, window[-1]
        # The due readers of the window: those of its range of ids (the window holds them all).
        batch = list(due_subscribers(now).filter(pk__gt=first_pk, pk__lte=last_pk))
        if not batch:
            continue
        ids = [u.pk for u in batch]
        sectors = sector_ids_of(ids)
        sinces = {
            u.pk: max(u.digest_last or now - PERIODS[u.digest_frequency], now - MAX_LOOK_BACK) for u in batch
        }
        messages = []
        with transaction.atomic():
            sections = calls.newsletter_sections_many(project, batch, sinces)
            for user in batch:
                run.considered += 1
                since, own = sinces[user.pk], sections[user.pk]
                content = digest_for(user, posts, since, own, sectors=sectors[user.pk])
                if content is None:
                    run.nothing_new += 1
                    continue
                frequency = user.digest_frequency
                if frequency not in periods:
                    periods[frequency] = period_key(frequency, now)
                key = f"posts:digest:{user.pk}:{frequency}:{periods[frequency]}"
                messages.append((key, renderer.payload(user, content), user))
            renderer.save()
            run.queued += len(enqueue_many(MAIL_ACTOR, messages))
            mark_digested(ids, now)


# --- newsletters ----------------------------------------------------------------------------


def newsletter_recipients(newsletter: Newsletter):
    """Everyone in the chosen groups who consented to newsletters (one query)."""
    from cms.organisations.models import Organisation, ProjectMembership

    people = User.objects.filter(is_active=True, erased_at=None).filter(Exists(_active_newsletter_consent()))
    roles = [group.name for group in newsletter.roles.all()]
    if roles:
        people = people.filter(role__in=roles)
    sectors = list(newsletter.sectors.all())
    if sectors:
        from cms.accounts.models import EmployerProfile

        condition = Exists(Organisation.objects.filter(staff=OuterRef("pk"), sectors__in=sectors))
        for profile in (TalentProfile, MentorProfile, EmployerProfile):
            condition |= Exists(profile.objects.filter(user=OuterRef("pk"), sectors__in=sectors))
        people = people.filter(condition)
    projects = list(newsletter.projects.all())
    if projects:
        members = ProjectMembership.objects.filter(
            user=OuterRef("pk"), project__in=projects, status=ProjectMembership.Status.ACTIVE
        )
        staff = Organisation.objects.filter(staff=OuterRef("pk"), projects__in=projects)
        people = people.filter(Exists(members) | Exists(staff))
    return people


def newsletter_context(newsletter: Newsletter, language: str, *, unsubscribe_url: str, user=None) -> dict:
    """What the newsletter says in ``language`` (the intro falls back to the default language)."""
    intros = {intro.language: intro for intro in newsletter.intros.all()}
    intro = intros.get(language) or intros.get(settings.LANGUAGE_CODE) or next(iter(intros.values()), None)
    chosen = [item.post for item in newsletter.items.select_related("post").all()]
    keys = {p.translation_key for p in chosen}
    versions = Post.objects.live().filter(translation_key__in=keys)
    by_key = {p.translation_key: p for p in pick_translations(sorted(versions, key=lambda p: p.pk), language)}
    posts = [by_key.get(p.translation_key, p) for p in chosen]
    return {
        "newsletter": newsletter,
        "subject": intro.subject if intro else newsletter.title,
        "intro": intro.intro if intro else "",
        "items": [post_item(p, language) for p in posts],
        "unsubscribe_url": unsubscribe_url,
        "site_url": settings.HELIX_SITE_URL,
        "user": user,
        "lang": language,
        "dir": "rtl" if language in settings.LANGUAGES_BIDI else "ltr",
    }


def render_newsletter(newsletter: Newsletter, user: User, *, test: bool = False, language: str | None = None):
    language = language or user.preferred_language
    url = unsubscribe_url(user, "newsletter")
    context = newsletter_context(newsletter, language, unsubscribe_url=url, user=user)
    context["test"] = test
    message = render("posts/mail/newsletter", context, language)
    message.to = [user.email]
    return _with_unsubscribe(message, url)


def fan_out(newsletter: Newsletter) -> int:
    """Write one recipient row and one e-mail outbox row per recipient (idempotent by key);
    returns how many.

    Called by the action ``fan_out_newsletter``, inside the fan-out job's transaction: either
    every recipient is queued, or nobody and the job runs again.
    """
    total = 0
    last_pk = 0
    # The newsletter says the same to everyone reading a language: read and rendered once each.
    renderer = ShapeRenderer("posts/mail/newsletter", "newsletter")
    recipients = newsletter_recipients(newsletter).order_by("pk")
    while True:
        batch = list(recipients.filter(pk__gt=last_pk)[:BATCH])
        if not batch:
            break
        last_pk = batch[-1].pk
        messages = [
            (
                f"posts:newsletter:{newsletter.pk}:{user.pk}",
                renderer.payload(
                    user,
                    (user.preferred_language,),
                    lambda stand, url, language=user.preferred_language: (
                        newsletter_context(newsletter, language, unsubscribe_url=url, user=stand)
                        | {"test": False}
                    ),
                    lambda user=user: render_newsletter(newsletter, user),
                ),
                user,
            )
            for user in batch
        ]
        renderer.save()
        rows = enqueue_many(MAIL_ACTOR, messages, return_existing=True)
        NewsletterRecipient.objects.bulk_create(
            [
                NewsletterRecipient(newsletter=newsletter, user=user, message=row)
                for user, row in zip(batch, rows, strict=True)
            ],
            ignore_conflicts=True,
        )
        total += len(batch)
    return total


def progress(newsletter: Newsletter) -> dict:
    """Sent, to send and failed, from the recipients' outbox rows (one query)."""
    figures = NewsletterRecipient.objects.filter(newsletter=newsletter).aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(message__isnull=True) | Q(message__done_at__isnull=False)),
        failed=Count("pk", filter=Q(message__failed_at__isnull=False, message__done_at__isnull=True)),
    )
    total = newsletter.recipients_total if newsletter.recipients_total is not None else figures["total"]
    return {
        "total": total,
        "sent": figures["sent"],
        "failed": figures["failed"],
        "to_send": max(0, total - figures["sent"] - figures["failed"]),
        "prepared": newsletter.recipients_total is not None,
    }
