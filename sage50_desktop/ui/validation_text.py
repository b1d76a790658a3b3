"""Local validation messages in the UI language.

:mod:`sage50_desktop.services.validation` words its problems in English (the
CLI prints them, the log keeps them). The GUI shows them translated: each
English template below (``%1``, ``%2`` … mark the variable parts) is matched
against the message and its translation (context ``Validation``) filled with
the same parts. The type and format names inside messages are translated
too. A message that matches no template is shown as it is.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# the English templates of services/validation.py, most specific first
TEMPLATES = [
    QT_TRANSLATE_NOOP("Validation", "required field is missing"),
    QT_TRANSLATE_NOOP("Validation", "should be %1, not %2"),
    QT_TRANSLATE_NOOP("Validation", "must not be empty"),
    QT_TRANSLATE_NOOP("Validation", "must have at least %1 characters"),
    QT_TRANSLATE_NOOP("Validation", "must have at most %1 characters"),
    QT_TRANSLATE_NOOP("Validation", "needs at least %1 items"),
    QT_TRANSLATE_NOOP("Validation", "may have at most %1 items"),
    QT_TRANSLATE_NOOP("Validation", "must be at least %1 (is %2)"),
    QT_TRANSLATE_NOOP("Validation", "must be at most %1 (is %2)"),
    QT_TRANSLATE_NOOP("Validation", "must be greater than %1 (is %2)"),
    QT_TRANSLATE_NOOP("Validation", "must be less than %1 (is %2)"),
    QT_TRANSLATE_NOOP("Validation", "has the wrong format (%1 does not match %2)"),
    QT_TRANSLATE_NOOP("Validation", "must be one of %1"),
    QT_TRANSLATE_NOOP("Validation", "is not a valid %1 (%2)"),
    QT_TRANSLATE_NOOP("Validation", "must be %1"),
    QT_TRANSLATE_NOOP("Validation", "duplicate id: record #%1 has the same id"),
    QT_TRANSLATE_NOOP("Validation", "The file cannot be read: %1."),
    QT_TRANSLATE_NOOP("Validation", "The file is not UTF-8 text (invalid bytes at byte %1)."),
    QT_TRANSLATE_NOOP("Validation", "The file is not valid JSON after %1 record(s) (%2)."),
    QT_TRANSLATE_NOOP("Validation", "The file is not valid JSON (%1)."),
    # the record editor's own checks (ui/uploads/record_editor.py)
    QT_TRANSLATE_NOOP("Validation", "The text is not valid JSON (line %1, column %2): %3."),
    QT_TRANSLATE_NOOP("Validation", "The text must be a JSON array of orders, inside [ … ]."),
    QT_TRANSLATE_NOOP("Validation", "There are no orders to upload."),
]

# names used inside the messages (services/validation.py _TYPE_NAMES, _FORMAT_NAMES)
NAMES = [
    QT_TRANSLATE_NOOP("Validation", "an object"),
    QT_TRANSLATE_NOOP("Validation", "a list"),
    QT_TRANSLATE_NOOP("Validation", "text"),
    QT_TRANSLATE_NOOP("Validation", "a number"),
    QT_TRANSLATE_NOOP("Validation", "a whole number"),
    QT_TRANSLATE_NOOP("Validation", "true or false"),
    QT_TRANSLATE_NOOP("Validation", "date and time (like 2025-01-31T12:00:00Z)"),
    QT_TRANSLATE_NOOP("Validation", "e-mail address"),
]


def _t(text: str) -> str:
    return QCoreApplication.translate("Validation", text)


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    found: list[tuple[re.Pattern[str], str]] = []
    for entry in TEMPLATES:
        template = str(entry)
        parts = re.split(r"(%\d)", template)
        regex = "".join("(.+?)" if re.fullmatch(r"%\d", p) else re.escape(p) for p in parts)
        found.append((re.compile(f"^{regex}$", re.DOTALL), template))
    return found


def _name(part: str) -> str:
    if " or " in part and part not in NAMES:
        return " / ".join(_name(p) for p in part.split(" or "))
    return _t(part) if part in NAMES else part


def message(text: str) -> str:
    """A validation message of the service, in the UI language."""
    for pattern, template in _patterns():
        match = pattern.match(text)
        if match is None:
            continue
        result = _t(template)
        for number, part in enumerate(match.groups(), start=1):
            result = result.replace(f"%{number}", _name(part))
        return result
    return text
