"""Full-text search of posts, with the stemming of each post's language.

On PostgreSQL every post carries a ``tsvector`` built with the text-search
configuration of its language (English, Dutch, Arabic), weighted title first; a
query is parsed with the same configuration as the post it is matched against,
so "trainingen" finds "training" in Dutch posts and "تدريب" finds Arabic ones.
Other databases (the embedded SQLite default) match every word of the query
against the lower-cased text of the post.
"""

from __future__ import annotations

import re
from html import unescape

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q
from django.utils.html import strip_tags

# PostgreSQL text-search configurations per language; "simple" for any other.
TS_CONFIGS = {"en": "english", "nl": "dutch", "ar": "arabic", "fr": "french", "de": "german"}
MAX_WORDS = 12


def ts_config(language: str) -> str:
    return TS_CONFIGS.get(language, "simple")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unescape(strip_tags(text or ""))).strip().lower()


def search_text_of(post) -> str:
    """The lower-cased text the portable search looks in."""
    parts = [
        post.title,
        post.summary,
        post.body,
        " ".join(post.tags or []),
        post.organisation_name,
        post.city,
    ]
    return normalise(" ".join(p for p in parts if p))


def words(query: str) -> list[str]:
    return [w for w in normalise(query).split() if w][:MAX_WORDS]


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def refresh_vectors(post_ids) -> None:
    """Rebuild the full-text vectors of these posts (PostgreSQL only; one statement)."""
    if not uses_postgres():
        return
    ids = list(post_ids)
    if not ids:
        return
    cases = " ".join(f"WHEN '{code}' THEN '{cfg}'" for code, cfg in TS_CONFIGS.items())
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE posts_post AS p
               SET search_vector =
                   setweight(to_tsvector(c.cfg, coalesce(p.title, '')), 'A')
                || setweight(to_tsvector(c.cfg, coalesce(p.search_text, '')), 'B')
              FROM (SELECT id, (CASE locale {cases} ELSE 'simple' END)::regconfig AS cfg
                      FROM posts_post WHERE id = ANY(%s)) AS c
             WHERE p.id = c.id
            """,
            [ids],
        )


def search_filter(query: str) -> Q:
    """A filter matching posts that contain the query, each in its own language."""
    terms = words(query)
    if not terms:
        return Q()
    if uses_postgres():
        text = " ".join(terms)
        languages = [code for code, _name in settings.LANGUAGES]
        condition = Q()
        for code in languages:
            condition |= Q(
                locale=code,
                search_vector=SearchQuery(text, config=ts_config(code), search_type="websearch"),
            )
        return condition
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=term)
    return condition
