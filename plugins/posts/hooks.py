"""The posts plugin's answers to the core's hooks."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Value, When
from django.db.models.functions import TruncWeek
from django.utils import timezone

from cms.jobs.periodic import PeriodicJob
from cms.plugins import hookimpl

MODELS = (
    "posts.post",
    "posts.savedpost",
    "posts.suggestion",
    "posts.digestsubscription",
    "posts.newsletter",
    "posts.newsletterrecipient",
)


@hookimpl
def api_routes(router):
    from plugins.posts.api import PostViewSet

    router.register("posts", PostViewSet, basename="post")


@hookimpl
def capabilities() -> list:
    from django.utils.translation import gettext_lazy as _

    from cms.capabilities import Capability
    from plugins.posts.models import POSTING_ROLES

    return [
        Capability(
            "posts.publish_post",
            "posts.post",
            _("Publish posts"),
            _("Publish study offers, vacancies, events, projects and tools, and edit one's own."),
            default_roles=(*POSTING_ROLES, "admin"),
        ),
        Capability(
            "posts.suggest_post",
            "posts.post",
            _("Suggest posts to connected talents"),
            _("Point a talent one is connected with to a post that fits their plan."),
            default_roles=("mentor", "organisation"),
        ),
        Capability(
            "posts.send_newsletter",
            "posts.newsletter",
            _("Send newsletters"),
            _("Send a test of a newsletter and send it to everyone who agreed to receive newsletters."),
            default_roles=("admin",),
        ),
        Capability(
            "posts.moderate_posts",
            "posts.post",
            _("Moderate posts"),
            _("Unpublish anyone's post with a reason the author receives by e-mail, and restore it."),
            default_roles=("admin",),
        ),
    ]


@hookimpl
def role_permissions() -> dict[str, list[str]]:
    reading = ["posts.view_post", "posts.add_savedpost", "posts.delete_savedpost"]
    posting = [*reading, "posts.add_post", "posts.change_post"]
    return {
        "talent": [*reading, "posts.view_suggestion", "posts.change_suggestion"],
        "mentor": [*posting, "posts.add_suggestion"],
        "organisation": [*posting, "posts.add_suggestion"],
        "employer": posting,
        "admin": [
            f"posts.{action}_{model}"
            for model in (
                "post",
                "savedpost",
                "suggestion",
                "digestsubscription",
                "newsletter",
                "newsletterintro",
                "newsletteritem",
                "newsletterrecipient",
            )
            for action in ("add", "change", "delete", "view")
        ],
    }


def post_card(post, request_locale: str) -> dict:
    """A post as an item of an information page's "latest posts" block."""
    return {
        "id": str(post.public_id),
        "type": post.type,
        "title": post.title,
        "summary": post.summary,
        "link": post.link,
        "organisation": post.organisation_name,
        "starts_at": post.starts_at.isoformat() if post.starts_at else None,
        "ends_at": post.ends_at.isoformat() if post.ends_at else None,
        "city": post.city,
        "online": post.online,
        "locale": post.locale,
        "dir": "rtl" if post.locale in settings.LANGUAGES_BIDI else "ltr",
        "image": post.image.url if post.image else None,
    }


@hookimpl
def page_dynamic_content(page, locale, block):
    """The newest live posts of the block's types and sectors, in the page's language first."""
    from plugins.posts.models import Post, PostType

    types = [t for t in (block.get("post_types") or []) if t in PostType.values] or list(PostType.values)
    posts = Post.objects.live().filter(type__in=types).one_per_translation(locale)
    sectors = block.get("sectors") or []
    if sectors:
        posts = posts.filter(
            Exists(Post.sectors.through.objects.filter(post=OuterRef("pk"), sector__slug__in=sectors))
        )
    limit = int(block.get("limit") or 5)
    posts = posts.annotate(
        in_locale=Case(When(locale=locale, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("in_locale", "-published_at", "-id")[:limit]
    return [post_card(post, locale) for post in posts]


@hookimpl
def profile_sections(user):
    from plugins.posts.models import DigestSubscription, SavedPost, Suggestion

    subscription = DigestSubscription.objects.filter(user=user).first()
    return {
        "posts": {
            "saved": SavedPost.objects.filter(user=user).count(),
            "open_suggestions": Suggestion.objects.filter(talent=user, dismissed_at=None).count(),
            "digest": subscription.frequency if subscription else DigestSubscription.Frequency.WEEKLY,
        }
    }


@hookimpl
def dashboard_stats(since) -> dict[str, Any]:
    from plugins.posts.models import Post, SavedPost, Suggestion

    live = Post.objects.live()
    per_type = dict(live.values_list("type").annotate(n=Count("id")).values_list("type", "n"))
    weeks_from = timezone.now() - timedelta(weeks=8)
    per_week = (
        Post.objects.filter(published_at__gte=weeks_from)
        .annotate(week=TruncWeek("published_at"))
        .values("week")
        .annotate(n=Count("id"))
        .order_by("week")
    )
    return {
        "posts_live_by_type": [{"label": t, "value": per_type.get(t, 0)} for t in sorted(per_type)],
        "posts_published_per_week": [
            {"label": row["week"].date().isoformat(), "value": row["n"]} for row in per_week
        ],
        "posts_new": Post.objects.filter(published_at__gte=since).count(),
        "posts_saves": SavedPost.objects.filter(created_at__gte=since).count(),
        "posts_suggestions": Suggestion.objects.filter(created_at__gte=since).count(),
    }


@hookimpl
def dashboard_figures(projects, since, until) -> list[dict]:
    """Posts published per type, and how many people each newsletter sent in the period reached
    (with projects chosen: posts of their organisations, and the recipients who are members)."""
    from django.utils.translation import gettext_lazy as _

    from plugins.posts.models import NewsletterRecipient, Post, PostType

    posts = Post.objects.filter(published_at__gte=since, published_at__lt=until)
    recipients = NewsletterRecipient.objects.filter(
        newsletter__sent_at__gte=since, newsletter__sent_at__lt=until
    )
    if projects is not None:
        posts = posts.filter(organisation__projects__in=projects)
        recipients = recipients.filter(user__project_memberships__project__in=projects)
    per_type = dict(posts.values_list("type").annotate(n=Count("pk", distinct=True)).order_by())
    reach = (
        recipients.values("newsletter_id", "newsletter__title", "newsletter__sent_at")
        .annotate(n=Count("user", distinct=True))
        .order_by("newsletter__sent_at", "newsletter_id")
    )
    return [
        {
            "key": "posts.by_type",
            "title": _("Posts per type"),
            "kind": "bar",
            "labels": [label for _value, label in PostType.choices],
            "series": [
                {"label": _("Posts"), "data": [per_type.get(value, 0) for value, _l in PostType.choices]}
            ],
        },
        {
            "key": "posts.newsletter_reach",
            "title": _("Newsletter reach"),
            "kind": "bar",
            "labels": [row["newsletter__title"] for row in reach],
            "series": [{"label": _("Recipients"), "data": [row["n"] for row in reach]}],
        },
    ]


@hookimpl
def impact_figures(projects, since, until) -> list[dict]:
    """Posts published per type in the period, and the people who saved a post of each type
    (two queries; the impact report suppresses small cells)."""
    from django.utils.translation import gettext_lazy as _

    from plugins.posts.models import Post, PostType, SavedPost

    posts = Post.objects.filter(published_at__gte=since, published_at__lt=until)
    saves = SavedPost.objects.filter(created_at__gte=since, created_at__lt=until)
    if projects is not None:
        posts = posts.filter(organisation__projects__in=list(projects))
        saves = saves.filter(
            post__organisation__projects__in=list(projects),
            user__project_memberships__project__in=list(projects),
        )
    published = dict(posts.values_list("type").annotate(n=Count("pk", distinct=True)).order_by())
    savers = dict(saves.values_list("post__type").annotate(n=Count("user", distinct=True)).order_by())
    types = [value for value, _label in PostType.choices]
    return [
        {
            "key": "posts.published_and_saved",
            "title": _("Posts and their saves"),
            "description": _(
                "Posts published in the period per type, and the members who saved a post of that type."
            ),
            "kind": "bar",
            "labels": [label for _value, label in PostType.choices],
            "series": [
                {"label": _("Posts published"), "data": [published.get(v, 0) for v in types]},
                {"label": _("People who saved one"), "data": [savers.get(v, 0) for v in types]},
            ],
        }
    ]


@hookimpl
def periodic_jobs():
    return [
        PeriodicJob("posts.expire", "5 * * * *", "Mark vacancies and events past their end as expired"),
        PeriodicJob("posts.send_digests", "20 * * * *", "Send the digests that are due"),
    ]


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from plugins.posts.models import (
        DigestSubscription,
        Newsletter,
        NewsletterRecipient,
        Post,
        SavedPost,
        Suggestion,
    )

    return {
        "posts.post": [
            {
                "id": str(p.public_id),
                "type": p.type,
                "status": p.status,
                "locale": p.locale,
                "title": p.title,
                "summary": p.summary,
                "body": p.body,
                "link": p.link,
                "organisation": p.organisation_name,
                "published_at": p.published_at,
                "moderation_note": p.moderation_note,
            }
            for p in Post.objects.filter(author=user)
        ],
        "posts.post_moderated": list(
            Post.objects.filter(moderated_by=user).values_list("public_id", flat=True)
        ),
        "posts.savedpost": list(
            SavedPost.objects.filter(user=user).values("post__public_id", "post__title", "created_at")
        ),
        "posts.suggestion": [
            {
                "post": str(s.post.public_id),
                "post_title": s.post.title,
                "direction": "received" if s.talent_id == user.pk else "made",
                "note": s.note,
                "created_at": s.created_at,
                "dismissed_at": s.dismissed_at,
            }
            for s in Suggestion.objects.filter(talent=user).select_related("post")
            | Suggestion.objects.filter(suggested_by=user).select_related("post")
        ],
        "posts.digestsubscription": list(
            DigestSubscription.objects.filter(user=user).values("frequency", "last_digest_at")
        ),
        "posts.newsletter": list(
            Newsletter.objects.filter(created_by=user).values("title", "created_at")
            | Newsletter.objects.filter(sent_by=user).values("title", "created_at")
        ),
        "posts.newsletterrecipient": list(
            NewsletterRecipient.objects.filter(user=user).values("newsletter__title", "created_at")
        ),
    }


@hookimpl
def erase_user_data(user) -> list[str]:
    """Saved posts, suggestions received, digest settings and newsletter receipts are deleted.
    Authored posts stay with the organisation behind them, without the person."""
    from plugins.posts.actions import erase_user_posts_data

    erase_user_posts_data(user)
    return list(MODELS)


@hookimpl
def on_text_scrubbed(model_label: str, pks: list) -> None:
    """A post's text changed without ``save()`` (an erasure took a person out of it): its search
    text and, on PostgreSQL, its full-text vector are rebuilt, so the name is not found either."""
    if model_label == "posts.post":
        from plugins.posts.actions import rebuild_search

        rebuild_search(pks)


@hookimpl
def seed_demo(locales):
    from plugins.posts.seed import seed_posts

    seed_posts(locales)
