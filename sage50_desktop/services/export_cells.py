"""How one value becomes a CSV or XLSX cell: locale flavour, types, CSV-injection guard.

**CSV for Excel.** Excel reads a CSV with the separators of the system's
locale: a Spanish Excel wants ``;`` between fields and a decimal comma, and
turns any run of digits into a number (a barcode ``8412345678901`` becomes
``8,41235E+12``, a post code ``08001`` becomes ``8001``). So a CSV cell is:

* a number: plain digits, the flavour's decimal mark (``12,5``), no grouping;
* a date-time column: local time in the flavour's format (``01/12/2026 19:28``);
* a string of digits that Excel would mangle (a leading zero, or 12 digits
  and more; also integers beyond 15 significant digits): ``="08001"``, which
  Excel shows as the text ``08001``;
* a string that Excel would run as a formula (it starts with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return; OWASP "CSV Injection"): the
  same text after a leading ``'`` so Excel shows it as text and runs nothing;
* nested values: their JSON text.

**XLSX** cells are typed (number, boolean, date-time, text); a text cell is
never a formula, so XLSX text needs no guard and keeps its exact value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from sage50_desktop.api.models import parse_timestamp

TEXT, NUMBER, BOOLEAN, DATETIME, COUNT = "text", "number", "boolean", "datetime", "count"

#: the first characters that make a spreadsheet treat a cell as a formula (OWASP)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_DIGITS = re.compile(r"[0-9]+")
_FORMULA_CHARS = frozenset(FORMULA_START)
_EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number


@dataclass(frozen=True, slots=True)
class ExportColumn:
    """One exported column: the dotted record path, its header and its kind."""

    path: str
    label: str
    kind: str = TEXT


@dataclass(frozen=True, slots=True)
class CsvFlavour:
    """Separators and date format of a CSV for the user's Excel."""

    delimiter: str = ","
    decimal: str = "."
    date_format: str = "%m/%d/%Y %H:%M:%S"

    @classmethod
    def for_language(cls, language: str, *, semicolon: bool = False) -> CsvFlavour:
        """Spanish: ``;``, decimal comma, day/month/year; English: ``,`` (``;`` if asked)."""
        if language == "es":
            return cls(";", ",", "%d/%m/%Y %H:%M:%S")
        return cls(";" if semicolon else ",", ".", "%m/%d/%Y %H:%M:%S")


def value_at(record: Any, path: str, kind: str = TEXT) -> Any:
    """The value at a dotted path (``addresses.0.city``); a COUNT column counts the list."""
    value = record
    for part in path.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit():
            index = int(part)
            value = value[index] if index < len(value) else None
        else:
            return None
        if value is None:
            return None
    if kind == COUNT:
        return len(value) if isinstance(value, list) else None
    return value


def local_datetime(value: Any) -> datetime | None:
    """A timestamp string as a naive local date-time (None when it is not one)."""
    if not isinstance(value, str):
        return None
    try:
        return parse_timestamp(value).astimezone().replace(tzinfo=None)
    except Exception:  # not a timestamp: the cell keeps the text
        return None


def neutralise(text: str) -> str:
    """OWASP CSV-injection guard: a leading ``'`` on text a spreadsheet would run."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _as_text_digits(text: str) -> str:
    return f'="{text}"'


def _needs_text_guard(text: str) -> bool:
    return bool(_DIGITS.fullmatch(text)) and ((len(text) > 1 and text[0] == "0") or len(text) >= 12)


def csv_cell(value: Any, kind: str, flavour: CsvFlavour) -> str:
    """One CSV cell's text (see the module docs)."""
    if value is None:
        return ""
    if type(value) is str and kind != DATETIME:  # the common case, kept fast
        if not value:
            return value
        if value[0] in _FORMULA_CHARS:
            return "'" + value
        if (
            value.isdigit()
            and value.isascii()
            and (len(value) >= 12 or (len(value) > 1 and value[0] == "0"))
        ):
            return _as_text_digits(value)
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        text = str(value)
        return _as_text_digits(text) if len(text.lstrip("-")) > _EXCEL_DIGITS else text
    if isinstance(value, float):
        text = repr(value)
        return text.replace(".", flavour.decimal) if flavour.decimal != "." else text
    if isinstance(value, str):
        if kind == DATETIME:
            moment = local_datetime(value)
            if moment is not None:
                return moment.strftime(flavour.date_format)
        if _needs_text_guard(value):
            return _as_text_digits(value)
        return neutralise(value)
    return neutralise(orjson.dumps(value).decode())


def xlsx_value(value: Any, kind: str) -> tuple[str, Any]:
    """(type, value) of an XLSX cell: ``blank``, ``number``, ``boolean``, ``datetime``, ``text``."""
    if value is None:
        return "blank", None
    if isinstance(value, bool):
        return "boolean", value
    if isinstance(value, int | float):
        if isinstance(value, int) and len(str(abs(value))) > _EXCEL_DIGITS:
            return "text", str(value)  # a number Excel would round
        return "number", value
    if isinstance(value, str):
        if kind == DATETIME:
            moment = local_datetime(value)
            if moment is not None:
                return "datetime", moment
        return "text", value
    return "text", orjson.dumps(value).decode()


def write_xlsx_cell(sheet: Any, row: int, col: int, value: Any, kind: str, dates: Any) -> None:
    """Write ``value`` (of column kind ``kind``) as a typed cell; blanks stay empty.

    ``sheet`` is an XlsxWriter worksheet, ``dates`` its date cell format.
    """
    cell, typed = xlsx_value(value, kind)
    if cell == "number":
        sheet.write_number(row, col, typed)
    elif cell == "boolean":
        sheet.write_boolean(row, col, typed)
    elif cell == "datetime":
        sheet.write_datetime(row, col, typed, dates)
    elif cell == "text":
        sheet.write_string(row, col, typed)
