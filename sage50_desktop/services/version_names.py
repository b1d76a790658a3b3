"""How a version is named for people: its date and a short id, never a raw hash alone.

The platform's version strings are ``<seq>.<hash>`` (``2.3b5b5bdd003e``).
People see ``2026-12-01 22:07 · 3b5b5bd`` (the CLI) or the same in the UI
language's date format (``ui/browser/versions.py``); the full string stays in
JSON output and tooltips. Qt-free, so the CLI and the services share it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

SHORT = 7


def short_id(version: str) -> str:
    """``2.3b5b5bdd003e`` → ``3b5b5bd``; other strings are cut to 12 characters."""
    head, dot, tail = version.partition(".")
    if dot and head.isdigit() and tail:
        return tail[:SHORT]
    return version if len(version) <= 12 else version[:11] + "…"


def text_label(version: str, when: datetime | None) -> str:
    """``2026-12-01 22:07 · 3b5b5bd`` in local time (the CLI's text output)."""
    if when is None:
        return short_id(version)
    return f"{when.astimezone().strftime('%Y-%m-%d %H:%M')} · {short_id(version)}"


def matches(version: str, wanted: str) -> bool:
    """``wanted`` names ``version``: the full string or its short id (or a longer prefix of it)."""
    if wanted == version:
        return True
    _head, dot, tail = version.partition(".")
    return bool(dot) and len(wanted) >= 4 and tail.startswith(wanted)


def find(versions: Iterable[str], wanted: str) -> list[str]:
    """The versions that ``wanted`` names (an exact match wins over short-id matches)."""
    versions = list(versions)
    if wanted in versions:
        return [wanted]
    return [v for v in versions if matches(v, wanted)]
