"""The HTML a post's body may hold, and the HTML it may never hold."""

from __future__ import annotations

from html.parser import HTMLParser

import nh3
from django.utils.translation import gettext as _

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# Markup that is never harmless: refused with an error rather than silently dropped, so
# the author knows what was wrong.
FORBIDDEN_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "svg",
    "math",
    "link",
    "meta",
}


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"{name}=")
            if name.lower() in ("href", "src") and value and not _safe_url(value):
                self.problems.append(f"{name}={value.split(':', 1)[0]}:")


def _safe_url(value: str) -> bool:
    cleaned = "".join(value.split()).lower()
    return cleaned.startswith(("http://", "https://", "mailto:", "/", "#")) or ":" not in cleaned


def forbidden_markup(html: str) -> list[str]:
    """What in ``html`` is dangerous (scripts, event handlers, javascript: links)."""
    scan = _Scan()
    scan.feed(html or "")
    scan.close()
    return sorted(set(scan.problems))


def clean_body(html: str) -> str:
    """Keep the harmless formatting tags; links open safely."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def validate_body(html: str) -> str:
    """Return the cleaned body, or raise ``ValueError`` with a message naming the problem."""
    problems = forbidden_markup(html)
    if problems:
        raise ValueError(
            _("The text contains markup that is not allowed: %(items)s.") % {"items": ", ".join(problems)}
        )
    return clean_body(html)
