"""Keep secrets out of logs, tracebacks and reports.

Known secret values (API keys, secrets) are registered as the app learns them
and replaced wherever they appear; pre-signed URLs lose their query string and
any token-like path segment; ``apikey``/``secret`` header or field values are
masked by pattern as well. :func:`strip_controls` removes terminal control
sequences (ESC, BEL, CR, C1, bidi overrides) from outside text before it
reaches a terminal or the log.
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
    re.compile(
        r"""(?i)(["']?(?:apikey|api_key|secret|passcode_secret)["']?\s*[:=]\s*["']?)([^\s"',;&}]+)"""
    ),
    # query strings of URLs
    re.compile(r"""(https?://[^\s?#"'<>]+)\?[^\s"'<>]*"""),
]
_URL = re.compile(r"""https?://[^\s"'<>]+""")
# a path segment that looks like a token: long, only token characters, letters and digits
_TOKEN_SEGMENT = re.compile(r"^(?=[^/]*[A-Za-z])(?=[^/]*[0-9])[A-Za-z0-9_\-.~%+=]{24,}$")
# C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])"  # CSI, OSC, 2-byte
    r"|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x1b\x9c]*(?:\x07|\x9c)?"
)  # C1 CSI and OSC


def strip_controls(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` without terminal escape sequences and control characters.

    Tabs (and newlines unless ``keep_newlines`` is false) are kept; every other
    control character is removed, ANSI/OSC escape sequences as a whole.
    """
    if not text:
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROLS.sub("", text)
    return text if keep_newlines else text.replace("\n", " ")


def _redact_path(path: str) -> str:
    return "/".join(MASK if _TOKEN_SEGMENT.match(seg) else seg for seg in path.split("/"))


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
    return _URL.sub(lambda m: _redact_url_path(m.group(0)), text)


def _redact_url_path(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return MASK
    return urlunsplit(
        (parts.scheme, parts.netloc, _redact_path(parts.path), parts.query, parts.fragment)
    )


def redact_url(url: str) -> str:
    """A URL without credentials, query string, fragment and token-like path segments."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return MASK
    query = MASK if parts.query else ""
    netloc = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, netloc, _redact_path(parts.path), query, ""))


class RedactingFilter(logging.Filter):
    """Rewrites every record's message with :func:`redact`, exception text included."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the raw template
            message = str(record.msg)
        record.msg = strip_controls(redact(message))
        record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            formatter = logging.Formatter()
            record.exc_text = strip_controls(redact(formatter.formatException(record.exc_info)))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
