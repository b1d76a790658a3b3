"""Schema validation of uploaded files against the contract's scope schemas.

The schemas are loaded once per domain into a ``referencing`` registry keyed
by their ``$id``, so ``address.schema.json`` and
``customers.schema.json#/$defs/customer`` resolve between files.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from typing import Any

import orjson
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from sage50_desktop.api.contract import record_key_for_index
from sage50_desktop.resources import schema_dir

_REQUIRED = re.compile(r"^'(.+)' is a required property$")
_FORMATS = FormatChecker()


@_FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if "T" not in value.upper():
        raise ValueError("not an ISO-8601 date-time")
    datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value)
    return True


@_FORMATS.checks("email")
def _email(value: object) -> bool:
    return not isinstance(value, str) or ("@" in value and "." in value.rsplit("@", 1)[-1])


@cache
def _schemas(domain: str) -> tuple[Registry, dict[str, dict[str, Any]]]:
    by_scope: dict[str, dict[str, Any]] = {}
    resources = []
    for path in sorted(schema_dir(domain).glob("*.schema.json")):
        contents = orjson.loads(path.read_bytes())
        resources.append((contents["$id"], Resource.from_contents(contents)))
        by_scope[path.name.removesuffix(".schema.json")] = contents
    return Registry().with_resources(resources), by_scope


def validator(domain: str, scope: str) -> Draft202012Validator:
    """A validator of ``scope``'s file schema (KeyError for an unknown scope)."""
    registry, by_scope = _schemas(domain)
    return Draft202012Validator(by_scope[scope], registry=registry, format_checker=_FORMATS)


def _dotted(parts: Any) -> str:
    return ".".join(str(p) for p in parts)


def validate_file(domain: str, scope: str, raw: bytes
                  ) -> tuple[list[dict[str, str]], list[dict[str, Any]], list[Any]]:
    """Check an upload file.

    Returns:
        (file-level errors, per-record results, parsed records). A record result is
        ``{"id", "status", "errors"?}`` with paths relative to the record.
    """
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return [{"message": f"the file is not valid JSON: {exc}"}], [], []
    if not isinstance(data, list):
        return [{"message": "the file is not a JSON array"}], [], []
    errors_by_index: dict[int, list[dict[str, str]]] = {}
    for error in validator(domain, scope).iter_errors(data):
        path = list(error.absolute_path)
        if not path or not isinstance(path[0], int):
            continue
        rel = path[1:]
        match = _REQUIRED.match(error.message) if error.validator == "required" else None
        if match:
            rel.append(match.group(1))
        errors_by_index.setdefault(path[0], []).append(
            {"path": _dotted(rel), "message": error.message})
    results = []
    for index, record in enumerate(data):
        rid = record.get("id") if isinstance(record, dict) else None
        key = rid if isinstance(rid, str) and rid else record_key_for_index(index)
        errs = errors_by_index.get(index)
        results.append({"id": key, "status": "rejected", "errors": errs} if errs
                       else {"id": key, "status": "accepted"})
    return [], results, data
