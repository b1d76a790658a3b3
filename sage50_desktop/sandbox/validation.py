"""Schema validation of uploaded files against the contract's scope schemas.

The schemas, their registry and format checks come from
:mod:`sage50_desktop.schemas`, the same the app validates with.
"""

from __future__ import annotations

import re
from typing import Any

import orjson
from jsonschema import Draft202012Validator

from sage50_desktop import schemas
from sage50_desktop.api.contract import record_key_for_index

_REQUIRED = re.compile(r"^'(.+)' is a required property$")


def validator(domain: str, scope: str) -> Draft202012Validator:
    """A validator of ``scope``'s file schema (KeyError for an unknown scope)."""
    return schemas.file_validator(domain, scope)


def _dotted(parts: Any) -> str:
    return ".".join(str(p) for p in parts)


def validate_file(
    domain: str, scope: str, raw: bytes
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
            {"path": _dotted(rel), "message": error.message}
        )
    results = []
    for index, record in enumerate(data):
        rid = record.get("id") if isinstance(record, dict) else None
        key = rid if isinstance(rid, str) and rid else record_key_for_index(index)
        errs = errors_by_index.get(index)
        results.append(
            {"id": key, "status": "rejected", "errors": errs}
            if errs
            else {"id": key, "status": "accepted"}
        )
    return [], results, data
