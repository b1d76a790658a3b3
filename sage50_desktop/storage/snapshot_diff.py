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


def diff_counts(
    conn: sqlite3.Connection, scope_id: int, seq_a: int, seq_b: int
) -> tuple[int, int, int]:
    params = {"sc": scope_id, "a": seq_a, "b": seq_b}
    counts = []
    for kind in KINDS:
        counts.append(
            conn.execute(f"SELECT count(*) FROM ({_kind_sql(kind)})", params).fetchone()[0]
        )
    return counts[0], counts[1], counts[2]


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
