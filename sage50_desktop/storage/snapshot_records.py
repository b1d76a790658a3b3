"""Pure helpers on record bodies: canonical bytes, content hash, flattening, text.

Shared by ingest, diff, search and export so they agree on one definition.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import orjson


def canonical(record: Any) -> bytes:
    """The compact JSON bytes a record body is stored as (keys as delivered)."""
    return orjson.dumps(record)


def content_hash(body: bytes) -> int:
    """64-bit signed content key of a body (BLAKE2b, 8 bytes).

    Bodies always contain their record id, so two bodies only share a key by
    a hash collision (about 1 in 10^7 for 10^6 distinct bodies); ingest checks
    equality when a changed record hits an existing key.
    """
    return int.from_bytes(hashlib.blake2b(body, digest_size=8).digest(), "big", signed=True)


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested objects/lists as one level with dotted paths (``addresses.0.city``).

    Empty objects and lists stay as values (``{}``/``[]``) so nothing is lost.
    """
    out: dict[str, Any] = {}
    _flatten_into(value, prefix, out)
    return out


def _flatten_into(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict) and value:
        for key, item in value.items():
            _flatten_into(item, f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            _flatten_into(item, f"{prefix}.{index}" if prefix else str(index), out)
    else:
        out[prefix] = value


def iter_strings(value: Any) -> Iterator[str]:
    """Every string value (not keys) of a record, depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from iter_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from iter_strings(item)


def search_text(record: Any) -> str:
    """The text the full-text index holds for a record: its string values.

    Deterministic: the index deletes a body by recomputing this text.
    """
    return " ".join(iter_strings(record))


def cell_text(value: Any) -> str:
    """A flattened value as CSV cell text (null → empty, JSON for the rest)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return orjson.dumps(value).decode()


def json_path(column: str) -> str:
    """A dotted column name as a SQLite JSON path (``addresses.0.city`` →
    ``$."addresses"[0]."city"``)."""
    parts = []
    for part in column.split("."):
        if part.isdigit():
            parts.append(f"[{part}]")
        else:
            parts.append('."' + part.replace('"', '\\"') + '"')
    return "$" + "".join(parts)


#: SQL twin of :func:`search_text` over a body column ``{body}`` (JSON text): the
#: same string values in the same order (``json_tree`` walks depth first in
#: document order, as :func:`iter_strings` does; bodies are orjson output, so no
#: duplicate keys), computed in SQLite's C code — for the search-index build, which
#: then needs no Python per body (``tests/snapshots/test_index_build.py`` checks
#: that the two agree). SQLite cuts a string short at an escaped NUL
#: (``\u0000``), so a body holding that escape sequence is not handled here:
#: :data:`SEARCH_TEXT_SQL_SAFE` tells which ones are (the others go through
#: :func:`search_text`).
SEARCH_TEXT_SQL = (
    "coalesce((SELECT group_concat(value, ' ') FROM json_tree({body}) WHERE type = 'text'), '')"
)
SEARCH_TEXT_SQL_SAFE = "instr({body}, '\\u0000') = 0"
