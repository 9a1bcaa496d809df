"""No personal data in the logs: a filter on every log handler that replaces e-mail addresses.

Helix's own code logs ids, never people; libraries do not always (an address in an exception's
text, in a warning, in a URL). The filter rewrites each record before any handler formats it:
the message with its arguments, and the text of an exception.
"""

from __future__ import annotations

import logging
import re

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
REPLACEMENT = "[e-mail]"


def redact(text: str) -> str:
    """``text`` with every e-mail address replaced."""
    return EMAIL.sub(REPLACEMENT, text)


#: Loggers whose exceptions carry data, not code paths: Django's template engine logs (at DEBUG)
#: each variable it cannot resolve with an exception whose text is the whole template context
#: (the user, a verification key, a link). Their records keep the message, not the exception.
EXCEPTION_CARRIES_DATA = ("django.template",)


class RedactPersonalData(logging.Filter):
    """Replace e-mail addresses in a record's message and exception text (it never drops one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(EXCEPTION_CARRIES_DATA):
            record.exc_info, record.exc_text = None, None
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to the handler to report
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
