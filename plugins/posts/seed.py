"""Demo posts for ``seed_demo``: real kinds of Flemish offers, every one in three languages."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from pathlib import Path

import yaml
from django.utils import timezone

from cms.accounts.demo import DEMO_ACCOUNTS
from cms.accounts.models import User
from cms.sectors.models import Sector

CONTENT = Path(__file__).parent / "content" / "demo_posts.yaml"
NAMESPACE = uuid.UUID("6f1c2b1e-3c1d-4f7e-9a59-1d2f6e0b7a10")


def load() -> list[dict]:
    return yaml.safe_load(CONTENT.read_text(encoding="utf-8"))["posts"]


def _when(days) -> datetime | None:
    if days is None:
        return None
    day = timezone.localdate() + timedelta(days=int(days))
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def seed_posts(locales: list[str]) -> list:
    """Create the demo posts that do not exist yet (by offer and language); returns the new ones."""
    from plugins.posts.actions import create_post, refresh_translation_groups
    from plugins.posts.models import Post

    authors = {
        account.role: User.objects.filter(email=account.email).first()
        for account in DEMO_ACCOUNTS
        if account.approval == "approved"
    }
    sectors = {s.slug: s for s in Sector.source_rows()}
    created = []
    now = timezone.now()
    keys = set()
    for index, spec in enumerate(load()):
        key = uuid.uuid5(NAMESPACE, spec["key"])
        author = authors.get(spec["author"]) or authors.get("admin")
        if author is None:
            continue
        for locale in locales:
            text = spec["text"].get(locale)
            if text is None or Post.objects.filter(translation_key=key, locale=locale).exists():
                continue
            data = {
                "type": spec["type"],
                "locale": locale,
                "title": text["title"],
                "summary": text["summary"],
                "body": text.get("body") or "",
                "link": spec["link"],
                "organisation_name": spec.get("organisation_name") or "",
                "starts_at": _when(spec.get("starts_in_days")),
                "ends_at": _when(spec.get("ends_in_days")),
                "city": spec.get("city") or "",
                "online": bool(spec.get("online")),
                "language": spec.get("language") or "",
                "dutch_level": spec.get("dutch_level") or "",
                "tags": spec.get("tags") or [],
            }
            post = create_post(
                author, data, sectors=[sectors[s] for s in spec.get("sectors") or [] if s in sectors]
            )
            Post.objects.filter(pk=post.pk).update(
                translation_key=key, published_at=now - timedelta(hours=5 * index + 1)
            )
            keys.add(key)
            created.append(post)
    refresh_translation_groups(keys)
    _seed_saves_and_suggestions(authors)
    return created


def _seed_saves_and_suggestions(authors: dict) -> None:
    """The demo talent has saved two posts and got a suggestion from the demo organisation."""
    from plugins.posts.models import Post, SavedPost, Suggestion

    talent, staff = authors.get("talent"), authors.get("organisation")
    if talent is None or SavedPost.objects.filter(user=talent).exists():
        return
    language = talent.preferred_language
    for post in Post.objects.live().filter(locale=language, type__in=["study", "vacancy"])[:2]:
        SavedPost.objects.get_or_create(user=talent, post=post)
    event = Post.objects.live().filter(locale=language, type="event").first()
    if staff is not None and event is not None:
        Suggestion.objects.get_or_create(
            post=event,
            talent=talent,
            suggested_by=staff,
            defaults={"note": "A good chance to meet employers from your sector."},
        )
