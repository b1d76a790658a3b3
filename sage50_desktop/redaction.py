"""Keep secrets out of logs, tracebacks and reports.

Known secret values (API keys, secrets) are registered as the app learns them
and replaced wherever they appear; pre-signed URLs lose their query string;
``apikey``/``secret`` header or field values are masked by pattern as well.
"""

from __future__ import annotations

import logging
import re
import threading
from urllib.parse import urlsplit, urlunsplit

MASK = "<redacted>"
_lock = threading.Lock()
_known: set[str] = set()

_PATTERNS = [
    # header- or JSON-style: apikey: xyz / "secret": "xyz" / apikey=xyz
    re.compile(r"""(?i)(["']?(?:apikey|api_key|secret|passcode_secret)["']?\s*[:=]\s*["']?)([^\s"',;&}]+)"""),
    # query strings of URLs
    re.compile(r"""(https?://[^\s?#"'<>]+)\?[^\s"'<>]*"""),
]


def register_secret(value: str | None) -> None:
    """Redact this exact value from now on (ignored when empty or very short)."""
    if value and len(value) >= 8:
        with _lock:
            _known.add(value)


def redact(text: str) -> str:
    if not text:
        return text
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, MASK)
    text = _PATTERNS[0].sub(lambda m: m.group(1) + MASK, text)
    text = _PATTERNS[1].sub(lambda m: m.group(1) + "?" + MASK, text)
    return text


def redact_url(url: str) -> str:
    """A URL without its query string and fragment (pre-signed tokens live there)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return MASK
    query = MASK if parts.query else ""
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


class RedactingFilter(logging.Filter):
    """Rewrites every record's message with :func:`redact`, exception text included."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the raw template
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            formatter = logging.Formatter()
            record.exc_text = redact(formatter.formatException(record.exc_info))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
