"""Posts (S-V-E-P-T), saved posts, suggestions, digest subscriptions and newsletters."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable, PreviewableMixin

from cms.accounts.models import CEFRLevel, Role
from cms.accounts.uploads import random_name


class PostType(models.TextChoices):
    STUDY = "study", _("Study")
    VACANCY = "vacancy", _("Vacancy")
    EVENT = "event", _("Event")
    PROJECT = "project", _("Project")
    TOOL = "tool", _("Tool")


# Vacancies (their deadline) and events end: after ``ends_at`` they are no longer shown.
EXPIRING_TYPES = (PostType.VACANCY, PostType.EVENT)
# Who may post (admins always): talents may not, as in the model.
POSTING_ROLES = (Role.MENTOR, Role.ORGANISATION, Role.EMPLOYER)
CEFR_ORDER = ["A1", "A2", "B1", "B2", "C1", "C2"]


# What the list filters published posts on, besides their order (see ``Post.Meta.indexes``).
LIST_COLUMNS = [
    "type",
    "locale",
    "group_first",
    "group_locales",
    "starts_at",
    "ends_at",
    "city",
    "online",
    "language",
    "dutch_level",
]


def post_image_path(instance, filename: str) -> str:
    """A public post image under a random name, never the uploaded one."""
    return random_name("public/posts", filename)


class PostQuerySet(models.QuerySet):
    def live(self, now=None):
        """Published and not past their end (vacancies and events expire by themselves)."""
        now = now or timezone.now()
        return self.filter(status=Post.Status.PUBLISHED).exclude(type__in=EXPIRING_TYPES, ends_at__lt=now)

    def one_per_translation(self, language: str):
        """One post per translation group: the one in ``language``, else the group's first.

        Posts that are translations of each other share a ``translation_key``; a list shows
        the reader's language where the author wrote it, and otherwise the original. The
        group's languages and its first post are kept on each post
        (:func:`plugins.posts.actions.refresh_translation_groups`), so this costs no subquery.
        """
        return self.filter(
            Q(locale=language) | (Q(group_first=True) & ~Q(group_locales__contains=f",{language},"))
        )


class Post(models.Model):
    """A short item pointing to an original source: a study, vacancy, event, project or tool."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn by its author")
        UNPUBLISHED = "unpublished", _("Unpublished by an administrator")
        EXPIRED = "expired", _("Expired")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    translation_key = models.UUIDField(default=uuid.uuid4, editable=False)
    type = models.CharField(_("type"), max_length=20, choices=PostType.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    locale = models.CharField(_("language of the text"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    body = models.TextField(_("body"), blank=True, help_text=_("Sanitised HTML."))
    link = models.URLField(_("original link"), max_length=500)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
        verbose_name=_("member organisation"),
    )
    organisation_name = models.CharField(_("organisation behind it"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    online = models.BooleanField(_("online"), default=False)
    sectors = models.ManyToManyField("sectors.Sector", blank=True, related_name="+")
    language = models.CharField(_("language of the activity"), max_length=12, blank=True)
    dutch_level = models.CharField(
        _("required Dutch level"), max_length=8, choices=CEFRLevel.choices, blank=True
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    image = models.ImageField(_("image"), upload_to=post_image_path, blank=True)
    moderation_note = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The live languages of this post's translation group (",en,nl,"), and whether this is the
    # group's first live post; a post without translations keeps the defaults.
    group_locales = models.CharField(max_length=60, blank=True, editable=False)
    group_first = models.BooleanField(default=True, editable=False)
    # Lower-case text of every searchable field (the portable search), and on PostgreSQL
    # the full-text vector built with the stemming of the post's language.
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            # The list's two orders, over published posts only. They carry every column the list
            # filters on, so the paginated count reads the index alone (an index-only scan on
            # PostgreSQL; SQLite ignores ``include``), and the page stops after 20 entries.
            models.Index(
                fields=["-published_at", "-id"],
                include=LIST_COLUMNS,
                condition=Q(status="published"),
                name="posts_live_newest",
            ),
            models.Index(
                fields=["starts_at", "-id"],
                include=[c for c in LIST_COLUMNS if c != "starts_at"],
                condition=Q(status="published", starts_at__isnull=False),
                name="posts_live_soonest",
            ),
            # A place's posts, newest first: "place=Ghent" (``city__iexact``) reads this index
            # alone, instead of every published post or the table's wide rows.
            models.Index(
                Upper("city"),
                F("published_at").desc(),
                F("id").desc(),
                include=LIST_COLUMNS,
                condition=Q(status="published"),
                name="posts_live_place",
            ),
            models.Index(fields=["translation_key", "locale"], name="posts_translation"),
            models.Index(fields=["type", "status", "ends_at"], name="posts_type_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()}: {self.title}"

    @property
    def is_live(self) -> bool:
        if self.status != self.Status.PUBLISHED:
            return False
        return not (self.type in EXPIRING_TYPES and self.ends_at and self.ends_at < timezone.now())


class SavedPost(models.Model):
    """A post a user keeps for later."""

    #: One reader's own state: no kept list or page is made of it (``cms.pages.cache``), so a save
    #: leaves every kept answer current (a reader's saves are laid over kept lists per request).
    helix_reader_state = True

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_posts")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="saves")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="posts_saved_once")]

    def __str__(self) -> str:
        return f"{self.user} saved {self.post}"


class Suggestion(models.Model):
    """A mentor or organisation points a talent they are connected with to a post."""

    helix_reader_state = True  # shown to the talent and the suggester only, never in a kept answer

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="suggestions")
    talent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="post_suggestions"
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="post_suggestions_made",
    )
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["post", "talent", "suggested_by"], name="posts_suggested_once")
        ]
        indexes = [models.Index(fields=["talent", "dismissed_at"])]

    def __str__(self) -> str:
        return f"{self.post} suggested to {self.talent}"


class DigestSubscription(models.Model):
    """How often a user wants the digest; no row means the default (weekly).

    The digest goes only to users with an active newsletter consent.
    """

    helix_reader_state = True  # one reader's setting: no kept answer is made of it

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")
        OFF = "off", _("Off")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts_digest"
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    last_digest_at = models.DateTimeField(
        null=True, blank=True, help_text=_("The end of the period the last digest covered.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user}: {self.frequency}"


class Newsletter(PreviewableMixin, ClusterableModel):
    """A newsletter an admin composes in the Wagtail admin and sends to chosen groups."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    title = models.CharField(_("internal title"), max_length=200)
    roles = ParentalManyToManyField(
        "auth.Group",
        blank=True,
        verbose_name=_("roles"),
        help_text=_("Send to these roles (none chosen: every role)."),
        limit_choices_to={"name__in": [role.value for role in Role]},
    )
    sectors = ParentalManyToManyField(
        "sectors.Sector",
        blank=True,
        verbose_name=_("sectors"),
        help_text=_("Only people with one of these sectors in their profile (none chosen: all)."),
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    projects = ParentalManyToManyField(
        "organisations.Project",
        blank=True,
        verbose_name=_("projects"),
        help_text=_("Only members and staff of these projects (none chosen: all)."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    recipients_total = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")

    def __str__(self) -> str:
        return self.title

    # --- Wagtail preview: one mode per language -------------------------------------
    @property
    def preview_modes(self):
        return list(settings.LANGUAGES)

    @property
    def default_preview_mode(self):
        return settings.LANGUAGE_CODE

    def get_preview_template(self, request, mode_name):
        return "posts/mail/newsletter_preview.html"

    def get_preview_context(self, request, mode_name):
        from plugins.posts.mailing import newsletter_context

        context = super().get_preview_context(request, mode_name)
        context.update(newsletter_context(self, mode_name, unsubscribe_url="#"))
        return context


class NewsletterIntro(Orderable):
    """The newsletter's subject and introduction in one language."""

    newsletter = ParentalKey(Newsletter, on_delete=models.CASCADE, related_name="intros")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    intro = models.TextField(_("introduction"))

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "language"], name="posts_newsletter_intro_language")
        ]


class NewsletterItem(Orderable):
    """A post chosen for the newsletter (readers get its version in their language if there is one)."""

    newsletter = ParentalKey(Newsletter, on_delete=models.CASCADE, related_name="items")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+", verbose_name=_("post"))


class NewsletterRecipient(models.Model):
    """One person a newsletter goes to, and the outbox row of their e-mail."""

    helix_reader_state = True  # written per reader by a newsletter's fan-out: no kept answer shows it

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="newsletters_received"
    )
    message = models.ForeignKey(
        "outbox.OutboxMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["newsletter", "user"], name="posts_newsletter_once")]

    def __str__(self) -> str:
        return f"{self.newsletter} to {self.user}"
