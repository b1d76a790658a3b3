"""Local validation of an upload file against its scope's JSON Schema (contract 5, 7).

The file is read as a stream: ``ijson`` yields the records of the top-level
array one by one and each is validated against the scope's *item* schema
(Draft 2020-12, with a :mod:`referencing` registry of every schema of the
domain so cross-file ``$ref``\\ s resolve offline). Memory use does not grow
with the file; a 256 MiB file is fine.

Every problem is a :class:`ValidationIssue` that names the record (its ``id``,
else ``#<0-based index>`` as the result file does), the path inside the
record (``customer.addresses[0].city``) and a plain message. File-level
problems (not UTF-8, not JSON, not an array, empty, too large) are one issue
with ``record`` ``None``. The report keeps at most ``max_errors`` issues but
counts all of them.

:func:`validate_file` is blocking; :func:`validate_file_async` runs it in a
worker thread so the event loop (and the GUI) stays responsive.
"""

from __future__ import annotations

import ast
import asyncio
import codecs
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ijson

from sage50_desktop.api import contract
from sage50_desktop.api.errors import Sage50Error

if TYPE_CHECKING:  # jsonschema (~0.3 s to import) loads when a file is first validated
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

log = logging.getLogger(__name__)

DEFAULT_MAX_ERRORS = 1000
READ_CHUNK = 1 << 16
_WHITESPACE = b" \t\r\n"


class SchemaUnavailable(Sage50Error, LookupError):
    """No schema is shipped for this domain and scope."""

    hint = (
        "The app ships no format description for this data set, so it cannot check or "
        "upload it. Choose a data set Sage 50 accepts uploads for."
    )


@dataclass(frozen=True, slots=True)
class ValidationIssue:
    """One problem. ``record`` is the record's id (or ``#<n>``); ``None`` for the whole file."""

    record: str | None
    index: int | None
    path: str
    message: str

    def __str__(self) -> str:
        if self.record is None:
            return self.message
        where = f"{self.record}" + (f" at {self.path}" if self.path else "")
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ValidationReport:
    """The outcome of validating one file (or a list of records)."""

    domain: str
    scope: str
    size: int = 0
    records: int = 0
    error_count: int = 0
    issues: list[ValidationIssue] = field(default_factory=list)
    max_errors: int = DEFAULT_MAX_ERRORS

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    @property
    def truncated(self) -> bool:
        """More errors were found than are listed in ``issues``."""
        return self.error_count > len(self.issues)

    @property
    def file_error(self) -> ValidationIssue | None:
        return next((i for i in self.issues if i.record is None), None)

    @property
    def rejected_records(self) -> int:
        return len({i.index for i in self.issues if i.index is not None})

    def add(self, issue: ValidationIssue) -> None:
        self.error_count += 1
        if len(self.issues) < self.max_errors:
            self.issues.append(issue)

    def summary(self) -> str:
        if self.ok:
            return f"{self.records} record(s), no problems found."
        fe = self.file_error
        if fe is not None and self.records == 0:
            return fe.message
        more = f" (showing the first {len(self.issues)})" if self.truncated else ""
        return (
            f"{self.error_count} problem(s) in {self.records} record(s){more}. "
            "Nothing is sent until they are fixed."
        )


class ValidationFailed(Exception):
    """Raised by the upload service when local validation found problems; nothing was sent."""

    hint = "Fix the problems listed and try again. Nothing was sent."

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(report.summary())
        self.report = report


# --- schemas -----------------------------------------------------------------------
def item_validator(domain: str, scope: str) -> Draft202012Validator:
    """A validator of one record of ``scope`` (the ``items`` of the scope's array schema)."""
    from sage50_desktop import schemas

    try:
        return schemas.record_validator(domain, scope)
    except FileNotFoundError:
        raise SchemaUnavailable(f"no schemas for domain {domain!r}") from None
    except KeyError:
        raise SchemaUnavailable(f"no schema for {domain}/{scope}") from None


# --- messages --------------------------------------------------------------------------
_FORMAT_NAMES = {
    "date-time": "date and time (like 2025-01-31T12:00:00Z)",
    "email": "e-mail address",
}
_TYPE_NAMES = {
    "object": "an object",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "null",
}


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, int | float):
        return "number"
    return "null" if value is None else type(value).__name__


def format_path(parts: Iterable[Any]) -> str:
    """``("lines", 0, "productId")`` -> ``lines.0.productId`` (the result file's style)."""
    return ".".join(str(part) for part in parts)


def _short(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plain_error(error: ValidationError) -> tuple[str, str]:
    """(path relative to the record, plain message) of a jsonschema error."""
    path = list(error.absolute_path)
    v, arg, inst = error.validator, error.validator_value, error.instance
    if v == "required":
        missing = None
        suffix = " is a required property"
        if error.message.endswith(suffix):
            try:
                missing = ast.literal_eval(error.message[: -len(suffix)])
            except (ValueError, SyntaxError):
                missing = None
        if isinstance(missing, str):
            return format_path([*path, missing]), "required field is missing"
    if v == "type":
        wanted = arg if isinstance(arg, list) else [arg]
        names = " or ".join(str(_TYPE_NAMES.get(w, w)) for w in wanted)
        got = _TYPE_NAMES.get(_json_type(inst), _json_type(inst))
        return format_path(path), f"should be {names}, not {got}"
    messages: dict[str, Callable[[], str]] = {
        "minLength": lambda: (
            "must not be empty" if arg == 1 else f"must have at least {arg} characters"
        ),
        "maxLength": lambda: f"must have at most {arg} characters",
        "minItems": lambda: "must not be empty" if arg == 1 else f"needs at least {arg} items",
        "maxItems": lambda: f"may have at most {arg} items",
        "minimum": lambda: f"must be at least {arg} (is {_short(inst)})",
        "maximum": lambda: f"must be at most {arg} (is {_short(inst)})",
        "exclusiveMinimum": lambda: f"must be greater than {arg} (is {_short(inst)})",
        "exclusiveMaximum": lambda: f"must be less than {arg} (is {_short(inst)})",
        "pattern": lambda: f"has the wrong format ({_short(inst)} does not match {arg})",
        "enum": lambda: f"must be one of {', '.join(_short(a) for a in arg)}",
        "const": lambda: f"must be {_short(arg)}",
        "format": lambda: f"is not a valid {_FORMAT_NAMES.get(arg, arg)} ({_short(inst)})",
        "additionalProperties": lambda: error.message,
    }
    maker = messages.get(str(v))
    return format_path(path), (maker() if maker else error.message)


def record_key(record: Any, index: int) -> str:
    """The record's ``id`` when it has a usable one, else ``#<index>`` (contract 6.2)."""
    if isinstance(record, dict):
        rid = record.get("id")
        if isinstance(rid, str) and rid:
            return rid
        if isinstance(rid, int) and not isinstance(rid, bool):
            return str(rid)
    return contract.record_key_for_index(index)


def check_record(
    validator: Draft202012Validator,
    record: Any,
    index: int,
    report: ValidationReport,
    seen: dict[str, int] | None = None,
) -> None:
    """Validate one record, adding its issues to ``report``."""
    key = record_key(record, index)
    if not isinstance(record, dict):
        report.add(
            ValidationIssue(
                key,
                index,
                "",
                f"should be an object, not {_TYPE_NAMES.get(_json_type(record), 'a value')}",
            )
        )
        return
    found = sorted(
        (plain_error(error) for error in validator.iter_errors(record)), key=lambda pm: pm[0]
    )
    for path, message in found:
        report.add(ValidationIssue(key, index, path, message))
    if seen is not None and not key.startswith("#"):
        first = seen.setdefault(key, index)
        if first != index:
            report.add(
                ValidationIssue(key, index, "id", f"duplicate id: record #{first} has the same id")
            )


# --- streaming ----------------------------------------------------------------------------
class _NotUtf8(Exception):
    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


class _Utf8CheckingReader:
    """A binary file wrapper that checks UTF-8 incrementally while ijson reads it."""

    def __init__(self, fh: Any, start: int = 0) -> None:
        self._fh = fh
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.offset = start

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._fh.read(size)
        try:
            self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise _NotUtf8(self.offset + max(0, exc.start)) from None
        self.offset += len(data)
        return data


MAX_DEPTH = 512  # nesting deeper than this is refused (no record of the contract nests that deep)


class _TooDeep(Exception):
    pass


def _iter_records(reader: Any) -> Iterable[Any]:
    """The items of the top-level array, built from ``ijson.basic_parse`` events.

    Unlike ``ijson.items`` (whose event prefixes grow with the nesting, so a
    100,000-deep file takes gigabytes and minutes), this refuses nesting
    deeper than :data:`MAX_DEPTH` at once.
    """
    depth = 0
    builder: ijson.ObjectBuilder | None = None
    for event, value in ijson.basic_parse(reader, use_float=True, buf_size=READ_CHUNK):
        if event == "start_map" or event == "start_array":
            depth += 1
            if depth > MAX_DEPTH:
                raise _TooDeep()
            if depth == 1:
                continue  # the top-level array
            if builder is None:
                builder = ijson.ObjectBuilder()
            builder.event(event, value)
        elif event == "end_map" or event == "end_array":
            depth -= 1
            if depth == 0:
                continue
            assert builder is not None
            builder.event(event, value)
            if depth == 1:
                yield builder.value
                builder = None
        elif builder is not None:
            builder.event(event, value)
        elif depth == 1:
            yield value  # a scalar item: check_record reports it


def _head(fh: Any) -> bytes:
    """The first few bytes after leading whitespace (``b""`` when there are none)."""
    while True:
        block: bytes = fh.read(READ_CHUNK)
        if not block:
            return b""
        stripped = block.lstrip(_WHITESPACE)
        if stripped:
            return stripped[:8]


def validate_file(
    path: Path,
    domain: str,
    scope: str,
    *,
    max_errors: int = DEFAULT_MAX_ERRORS,
    size_limit: int = contract.UPLOAD_SIZE_LIMIT,
) -> ValidationReport:
    """Validate the upload file at ``path`` (blocking; streams the file)."""
    path = Path(path)
    report = ValidationReport(domain, scope, max_errors=max_errors)
    validator = item_validator(domain, scope)

    def file_error(message: str) -> ValidationReport:
        report.add(ValidationIssue(None, None, "", message))
        return report

    try:
        report.size = path.stat().st_size
    except OSError as exc:
        return file_error(f"The file cannot be read: {exc.strerror or exc}.")
    if report.size > size_limit:
        return file_error(
            f"The file is {report.size:,} bytes; the platform accepts at most "
            f"{size_limit:,} bytes ({size_limit // (1024 * 1024)} MiB). "
            "Split it into smaller files."
        )
    if report.size == 0:
        return file_error("The file is empty. It must be a JSON array of records.")
    seen: dict[str, int] = {}
    with path.open("rb") as fh:
        head = fh.read(3)
        if head == codecs.BOM_UTF8:
            return file_error(
                "The file starts with a byte-order mark (BOM); save it as UTF-8 without BOM."
            )
        fh.seek(0)
        try:
            head = _head(_Utf8CheckingReader(fh))
        except _NotUtf8 as exc:
            return file_error(f"The file is not UTF-8 text (invalid bytes at byte {exc.offset}).")
        first = head[:1]
        if not first:
            return file_error(
                "The file holds only blank space. It must be a JSON array of records."
            )
        if first != b"[":
            kind = {b"{": "a single JSON object", b'"': "a JSON string"}.get(first)
            if kind is None and first in b"-0123456789":
                kind = "a JSON number"
            if kind is None and head.startswith((b"true", b"false", b"null")):
                kind = "a JSON literal"
            if kind:
                return file_error(
                    f"The file holds {kind}, not an array of records. Put the records inside [ … ]."
                )
            return file_error(
                "The file is not JSON: it must be an array of records, starting with '['."
            )
        fh.seek(0)
        reader = _Utf8CheckingReader(fh)
        index = -1
        try:
            for index, record in enumerate(_iter_records(reader)):
                check_record(validator, record, index, report, seen)
            report.records = index + 1
        except _TooDeep:
            report.records = index + 1
            return file_error(
                f"The file nests objects or arrays more than {MAX_DEPTH} levels "
                f"deep (in record #{index + 1}); it is not a valid upload file."
            )
        except _NotUtf8 as exc:
            report.records = index + 1
            return file_error(f"The file is not UTF-8 text (invalid bytes at byte {exc.offset}).")
        except ijson.JSONError as exc:
            report.records = index + 1
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else "broken JSON"
            where = f" after {index + 1} record(s)" if index >= 0 else ""
            return file_error(f"The file is not valid JSON{where} ({detail}).")
        except (ValueError, UnicodeDecodeError) as exc:
            report.records = index + 1
            return file_error(f"The file is not valid JSON ({exc}).")
    if report.records == 0 and report.ok:
        return file_error("The file holds an empty array: there are no records to upload.")
    return report


async def validate_file_async(
    path: Path, domain: str, scope: str, **kwargs: Any
) -> ValidationReport:
    """:func:`validate_file` in a worker thread."""
    return await asyncio.to_thread(validate_file, path, domain, scope, **kwargs)


def validate_records(
    records: list[Any], domain: str, scope: str, *, max_errors: int = DEFAULT_MAX_ERRORS
) -> ValidationReport:
    """Validate records already in memory (e.g. edited rejected orders)."""
    report = ValidationReport(domain, scope, max_errors=max_errors)
    validator = item_validator(domain, scope)
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        check_record(validator, record, index, report, seen)
    report.records = len(records)
    if not records:
        report.add(ValidationIssue(None, None, "", "There are no records to upload."))
    return report
