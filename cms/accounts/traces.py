"""What identifies a person in free text, and how to take it out (GDPR art. 17).

An erasure deletes the person's own rows; rows other people keep (a mentor's meeting report, the
other side's messages, a post quoting them, an e-mail sent to somebody else) may still name them.
:class:`PersonTraces` finds the person's e-mail address and names in such text and replaces them
with a neutral marker: "deleted user" for a name, :data:`ERASED_ADDRESS` for an address. It reads
and returns values only; the writes are the erasure actions' (``cms.accounts.actions``,
``cms.outbox.actions`` and each plugin's ``erase_user_data``).

Names are matched as whole words, case-insensitively, so "Ali" is taken out of "Ali's CV" but
"quality" stays as it is.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from html import escape
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

#: What an erased person's e-mail address becomes in text and in e-mail headers.
ERASED_ADDRESS = "deleted-user@erased.invalid"

# A name shorter than this is not looked for on its own: it would match too much.
MIN_NAME_LENGTH = 2


def deleted_user(language: str | None = None) -> str:
    """The marker that replaces an erased person's name, in ``language`` (default: the site's)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return gettext("deleted user")


def _unique(values) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        value = (value or "").strip()
        if value and value.lower() not in {s.lower() for s in seen}:
            seen[value] = None
    # Longest first: "Amal Haddad" is replaced before "Amal" alone is looked for.
    return tuple(sorted(seen, key=len, reverse=True))


@dataclass(frozen=True)
class PersonTraces:
    """The person's e-mail address and names, and a way to take them out of text.

    ``full`` holds what names the person unmistakably (the address, the full name in either
    order); ``parts`` adds the first and last name on their own, for rows known to be about the
    person (their meetings, their threads, their connections).
    """

    email: str
    full: tuple[str, ...]
    parts: tuple[str, ...]
    _patterns: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, user) -> PersonTraces:
        """The traces of ``user`` (read before the account is anonymised)."""
        first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
        full_names = [f"{first} {last}", f"{last} {first}"] if first and last else []
        parts = [name for name in (first, last) if len(name) >= MIN_NAME_LENGTH]
        return cls(
            email=(user.email or "").strip(),
            full=_unique(full_names),
            parts=_unique([*full_names, *parts]),
        )

    def address_only(self) -> PersonTraces:
        """The same person known by their address alone (their name is someone else's too)."""
        return PersonTraces(email=self.email, full=(), parts=())

    # --- finding ------------------------------------------------------------------------------

    def names(self, *, parts: bool = True) -> tuple[str, ...]:
        return self.parts if parts else self.full

    def search_forms(self, *, parts: bool = True) -> list[str]:
        """Every form the traces can take in a stored column: as written, HTML-escaped, and
        JSON-escaped (a JSON column on SQLite keeps non-ASCII letters as ``\\uXXXX``)."""
        forms: dict[str, None] = {}
        for term in (self.email, *self.names(parts=parts)):
            if not term:
                continue
            for form in (term, escape(term), json.dumps(term)[1:-1]):
                forms[form] = None
        return list(forms)

    def _pattern(self, parts: bool) -> re.Pattern | None:
        if parts not in self._patterns:
            names = [n for term in self.names(parts=parts) for n in dict.fromkeys((term, escape(term)))]
            alternatives = []
            if self.email:
                alternatives.append(f"(?P<email>{re.escape(self.email)})")
            if names:
                alternatives.append(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
            self._patterns[parts] = (
                re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None
            )
        return self._patterns[parts]

    def mentions(self, text: str, *, parts: bool = True) -> bool:
        """Whether ``text`` names the person."""
        pattern = self._pattern(parts)
        return bool(text and pattern and pattern.search(text))

    # --- taking out ---------------------------------------------------------------------------

    def scrub(self, text: str, *, language: str | None = None, parts: bool = True) -> str:
        """``text`` with the person's address and names replaced by neutral markers."""
        pattern = self._pattern(parts)
        if not text or pattern is None or not isinstance(text, str):
            return text
        marker = deleted_user(language)
        return pattern.sub(lambda m: ERASED_ADDRESS if m.groupdict().get("email") else marker, text)

    def scrub_value(self, value: Any, *, language: str | None = None, parts: bool = True) -> Any:
        """A JSON value with every string in it (keys too) scrubbed."""
        if isinstance(value, str):
            return self.scrub(value, language=language, parts=parts)
        if isinstance(value, list):
            return [self.scrub_value(v, language=language, parts=parts) for v in value]
        if isinstance(value, dict):
            return {
                self.scrub(k, language=language, parts=parts): self.scrub_value(
                    v, language=language, parts=parts
                )
                for k, v in value.items()
            }
        return value

    def scrub_calendar(self, ics: str, *, language: str | None = None, parts: bool = True) -> str:
        """An iCalendar text scrubbed: its long lines are folded (RFC 5545), so a name or an
        address may be split over two lines; they are unfolded first and folded again after."""
        unfolded = re.sub(r"\r?\n[ \t]", "", ics)
        if not self.mentions(unfolded, parts=parts):
            return ics
        scrubbed = self.scrub(unfolded, language=language, parts=parts)
        try:
            from icalendar import Calendar

            return Calendar.from_ical(scrubbed).to_ical().decode()
        except ValueError:
            return scrubbed

    def scrub_attachment(self, attachment: dict, *, language: str | None = None) -> dict | None:
        """A serialised e-mail attachment (base64 content) scrubbed; ``None`` when it is not
        text and names the person (it cannot be rewritten, so it is left out)."""
        try:
            raw = base64.b64decode(attachment.get("content", ""), validate=True)
        except (binascii.Error, ValueError):
            return attachment
        mimetype = attachment.get("mimetype", "") or ""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is None or not mimetype.startswith("text/"):
            lowered = raw.lower()
            if any(term.lower().encode() in lowered for term in (self.email, *self.parts) if term):
                return None
            return attachment
        if mimetype.startswith("text/calendar"):
            new = self.scrub_calendar(text, language=language)
        else:
            new = self.scrub(text, language=language)
        if new == text:
            return attachment
        return {**attachment, "content": base64.b64encode(new.encode("utf-8")).decode()}
