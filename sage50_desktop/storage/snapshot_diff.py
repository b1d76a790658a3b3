"""Differences between two snapshots of a scope, computed in SQL.

With span membership (see :mod:`snapshot_schema`) a record unchanged between
snapshots ``a`` and ``b`` (seq ``A < B``) is one span valid at both, so only
spans that start in ``(A, B]`` or end in ``(A, B]`` are candidates: removed
and changed-old rows come from the partial ``(scope_id, end_seq)`` index of
closed spans (churn only); added and changed-new rows from one scan of the
scope's spans. Neither side is ever loaded into Python.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

import orjson

from sage50_desktop.storage.snapshot_records import flatten
from sage50_desktop.storage.snapshot_writer import valid_at

KINDS = ("added", "changed", "removed")


@dataclass(frozen=True, slots=True)
class DiffSummary:
    """Counts of records added, changed and removed from ``old`` to ``new`` (snapshot ids)."""

    old: int
    new: int
    added: int
    changed: int
    removed: int


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One changed field of a record: dotted path, old value, new value (``None`` if absent)."""

    path: str
    old: Any
    new: Any
    kind: str  # "added", "removed" or "changed"


def _sql(kind: str) -> str:
    """Record ids of ``kind`` between seqs :a < :b of scope :sc."""
    if kind == "added" or kind == "changed_new":
        # spans valid at B that started after A
        other = "EXISTS" if kind == "changed_new" else "NOT EXISTS"
        same = " AND o.hash != n.hash" if kind == "changed_new" else ""
        return (
            f"SELECT n.record_id FROM snap_spans n WHERE n.scope_id=:sc AND "
            f"n.first_seq > :a AND n.first_seq <= :b AND (n.end_seq IS NULL OR "
            f"n.end_seq > :b) AND {other} (SELECT 1 FROM snap_spans o WHERE "
            f"o.scope_id=:sc AND o.record_id=n.record_id AND {valid_at('o', ':a')}{same})"
        )
    if kind == "removed":
        return (
            f"SELECT o.record_id FROM snap_spans o WHERE o.scope_id=:sc AND "
            f"o.end_seq > :a AND o.end_seq <= :b AND o.first_seq <= :a AND NOT EXISTS "
            f"(SELECT 1 FROM snap_spans n WHERE n.scope_id=:sc AND "
            f"n.record_id=o.record_id AND {valid_at('n', ':b')})"
        )
    raise ValueError(f"unknown diff kind {kind!r}")


def _kind_sql(kind: str) -> str:
    if kind == "changed":
        return _sql("changed_new")
    return _sql(kind)


def _rows_sql(kind: str, keyset: bool = False) -> str:
    """``(record_id, old body, new body)`` of ``kind`` between seqs :a < :b of scope :sc.

    The candidates are the same spans as :func:`_sql` (churn only, never a full
    side); their bodies are joined by content hash. ``keyset``: only ids after
    ``:after``, a condition on the outer span itself (put on the subquery's
    result, the planner may turn the inner span's id lookup into a range scan).
    """
    outer = "o" if kind == "removed" else "n"
    after = f" AND {outer}.record_id > :after" if keyset else ""
    return _kind_rows_sql(kind) + after


def _kind_rows_sql(kind: str) -> str:
    if kind == "added":
        return (
            f"SELECT n.record_id AS record_id, NULL AS old_body, nb.body AS new_body "
            f"FROM snap_spans n JOIN snap_bodies nb ON nb.hash = n.hash "
            f"WHERE n.scope_id=:sc AND n.first_seq > :a AND n.first_seq <= :b AND "
            f"(n.end_seq IS NULL OR n.end_seq > :b) AND NOT EXISTS (SELECT 1 FROM "
            f"snap_spans o WHERE o.scope_id=:sc AND o.record_id=n.record_id AND "
            f"{valid_at('o', ':a')})"
        )
    if kind == "changed":
        # CROSS JOIN keeps the churn (new spans) as the outer loop: otherwise the planner
        # may walk every span valid at A and read its body first; ``+n.record_id`` stops
        # it from turning a keyset ``n.record_id > :after`` into a range scan of ``o``
        return (
            f"SELECT n.record_id AS record_id, ob.body AS old_body, nb.body AS new_body "
            f"FROM snap_spans n CROSS JOIN snap_spans o CROSS JOIN snap_bodies ob "
            f"CROSS JOIN snap_bodies nb "
            f"WHERE n.scope_id=:sc AND n.first_seq > :a AND n.first_seq <= :b AND "
            f"(n.end_seq IS NULL OR n.end_seq > :b) AND o.scope_id = :sc AND "
            f"o.record_id = +n.record_id AND {valid_at('o', ':a')} AND o.hash != n.hash "
            f"AND ob.hash = o.hash AND nb.hash = n.hash"
        )
    if kind == "removed":
        return (
            f"SELECT o.record_id AS record_id, ob.body AS old_body, NULL AS new_body "
            f"FROM snap_spans o JOIN snap_bodies ob ON ob.hash = o.hash "
            f"WHERE o.scope_id=:sc AND o.end_seq > :a AND o.end_seq <= :b AND "
            f"o.first_seq <= :a AND NOT EXISTS (SELECT 1 FROM snap_spans n WHERE "
            f"n.scope_id=:sc AND n.record_id=o.record_id AND {valid_at('n', ':b')})"
        )
    raise ValueError(f"kind must be one of {KINDS}")


def like_pattern(search: str) -> str:
    """``search`` as a case-insensitive substring ``LIKE`` pattern (``\\`` escapes)."""
    escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_SEARCH = (
    " WHERE (d.record_id LIKE :q ESCAPE '\\' OR d.old_body LIKE :q ESCAPE '\\' "
    "OR d.new_body LIKE :q ESCAPE '\\')"
)


def _searched(kind: str, search: str | None, keyset: bool = False) -> tuple[str, dict[str, Any]]:
    """The rows of ``kind``, narrowed to those whose id or either body contains ``search``."""
    rows = _rows_sql(kind, keyset)
    if not search:
        return f"SELECT d.* FROM ({rows}) d", {}
    return f"SELECT d.* FROM ({rows}) d{_SEARCH}", {"q": like_pattern(search)}


def diff_counts(
    conn: sqlite3.Connection,
    scope_id: int,
    seq_a: int,
    seq_b: int,
    search: str | None = None,
) -> tuple[int, int, int]:
    params: dict[str, Any] = {"sc": scope_id, "a": seq_a, "b": seq_b}
    counts = []
    for kind in KINDS:
        if search:
            sql, extra = _searched(kind, search)
            row = conn.execute(f"SELECT count(*) FROM ({sql})", {**params, **extra}).fetchone()
        else:
            row = conn.execute(f"SELECT count(*) FROM ({_kind_sql(kind)})", params).fetchone()
        counts.append(row[0])
    return counts[0], counts[1], counts[2]


@dataclass(frozen=True, slots=True)
class DiffRow:
    """One differing record: its id, its kind, its body before and after (``None`` if absent)."""

    record_id: str
    kind: str
    old: Any
    new: Any

    def changes(self) -> list[FieldChange]:
        """The fields that differ (every field for an added or removed record)."""
        return field_changes(self.old, self.new)


def diff_rows(
    conn: sqlite3.Connection,
    scope_id: int,
    seq_a: int,
    seq_b: int,
    kind: str,
    *,
    after: str | None = None,
    limit: int = 200,
    search: str | None = None,
) -> list[DiffRow]:
    """A page of the records of ``kind`` in id order, after the id ``after`` (keyset paging).

    Each page is one indexed range over the scope's spans from ``after`` on, so
    paging deep into a million-record diff costs the same as the first page.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    sql, extra = _searched(kind, search, keyset=after is not None)
    params: dict[str, Any] = {"sc": scope_id, "a": seq_a, "b": seq_b, "lim": limit, **extra}
    if after is not None:
        params["after"] = after
    sql += " ORDER BY d.record_id LIMIT :lim"
    return [
        DiffRow(
            rid,
            kind,
            orjson.loads(old) if old is not None else None,
            orjson.loads(new) if new is not None else None,
        )
        for rid, old, new in conn.execute(sql, params)
    ]


def diff_ids(
    conn: sqlite3.Connection,
    scope_id: int,
    seq_a: int,
    seq_b: int,
    kind: str,
    offset: int = 0,
    limit: int = 100,
) -> list[str]:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    params = {"sc": scope_id, "a": seq_a, "b": seq_b, "lim": limit, "off": offset}
    sql = f"SELECT record_id FROM ({_kind_sql(kind)}) ORDER BY record_id LIMIT :lim OFFSET :off"
    return [r[0] for r in conn.execute(sql, params)]


def field_changes(old: Any, new: Any) -> list[FieldChange]:
    """Changed fields between two record bodies, as flattened dotted paths."""
    before = flatten(old) if old is not None else {}
    after = flatten(new) if new is not None else {}
    changes = []
    for path in list(before) + [p for p in after if p not in before]:
        if path not in after:
            changes.append(FieldChange(path, before[path], None, "removed"))
        elif path not in before:
            changes.append(FieldChange(path, None, after[path], "added"))
        elif before[path] != after[path] or type(before[path]) is not type(after[path]):
            changes.append(FieldChange(path, before[path], after[path], "changed"))
    return changes
