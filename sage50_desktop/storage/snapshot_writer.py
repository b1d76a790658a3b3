"""The write side of the snapshot store: one ingest transaction, retention, GC.

Everything here runs on a raw :mod:`sqlite3` connection (bulk paths use
``executemany``) in a worker thread, inside ONE transaction opened with
``BEGIN IMMEDIATE``. The snapshot row is inserted last, in that transaction,
so a reader either sees the whole new snapshot or only the previous one; a
rollback (error, cancellation, crash) leaves no trace.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from sage50_desktop.storage.snapshot_pins import pinned
from sage50_desktop.storage.snapshot_records import search_text
from sage50_desktop.storage.snapshot_sort import drop_scope_indexes

#: (record_id, content hash, body: compact JSON as UTF-8 bytes or text; stored as TEXT)
Row = tuple[str, int, bytes | str]
CHUNK = 128  # rows per multi-row INSERT statement

VALID_AT = "({a}.first_seq <= {s} AND ({a}.end_seq IS NULL OR {a}.end_seq > {s}))"


def valid_at(alias: str, seq: str) -> str:
    """SQL condition: span ``alias`` holds in the snapshot of sequence ``seq``."""
    return VALID_AT.format(a=alias, s=seq)


class DuplicateRecordId(ValueError):
    """Two records of one file have the same id."""

    def __init__(self, record_id: str) -> None:
        super().__init__(record_id)
        self.record_id = record_id


class VersionAlreadyStored(ValueError):
    """The scope already has a snapshot of this version (one per version: the schema says so)."""

    def __init__(self, version: str, snapshot_id: int) -> None:
        super().__init__(f"version {version} is already stored")
        self.version = version
        self.snapshot_id = snapshot_id

    def __reduce__(self) -> tuple[type[VersionAlreadyStored], tuple[str, int]]:
        # pickled by the ingest child process (services/ingest_process)
        return (type(self), (self.version, self.snapshot_id))


@dataclass(slots=True)
class WriteResult:
    snapshot_id: int
    seq: int
    records: int
    added: int
    changed: int
    removed: int
    first_load: bool


def scope_row(
    conn: sqlite3.Connection, profile_id: str, domain: str, scope: str, create: bool
) -> int | None:
    row = conn.execute(
        "SELECT id FROM snap_scopes WHERE profile_id=? AND domain=? AND scope=?",
        (profile_id, domain, scope),
    ).fetchone()
    if row:
        return int(row[0])
    if not create:
        return None
    cur = conn.execute(
        "INSERT INTO snap_scopes(profile_id, domain, scope) VALUES (?,?,?)",
        (profile_id, domain, scope),
    )
    return int(cur.lastrowid)  # type: ignore[arg-type]


class SnapshotWriter:
    """Writes one new snapshot of a scope in a single transaction.

    Usage: ``begin()``, ``add(rows)`` any number of times, then ``commit(...)``
    or ``rollback()``. The first snapshot of a scope (no open spans) writes
    spans directly; a later one stages (record_id, hash) in a temp table and
    compares with the previous snapshot in SQL at commit.
    """

    def __init__(
        self, conn: sqlite3.Connection, profile_id: str, domain: str, scope: str, version: str
    ) -> None:
        self.conn = conn
        self.profile_id, self.domain, self.scope, self.version = profile_id, domain, scope, version
        self.scope_id = 0
        self.seq = 0
        self.first_load = True
        self.records = 0
        self._open = False
        self._sql: dict[int, tuple[str, str]] = {}  # row count → (bodies, members) INSERTs

    def begin(self) -> None:
        conn = self.conn
        conn.execute("PRAGMA cache_size=-65536")  # 64 MB page cache for the bulk writes
        conn.execute("BEGIN IMMEDIATE")
        self._open = True
        scope_id = scope_row(conn, self.profile_id, self.domain, self.scope, create=True)
        assert scope_id is not None
        self.scope_id = scope_id
        stored = conn.execute(
            "SELECT id FROM snap_snapshots WHERE scope_id=? AND version=?", (scope_id, self.version)
        ).fetchone()
        if stored is not None:  # checked under the write lock: another process stored it
            raise VersionAlreadyStored(self.version, int(stored[0]))
        self.seq = conn.execute(
            "SELECT next_seq FROM snap_scopes WHERE id=?", (scope_id,)
        ).fetchone()[0]
        conn.execute("UPDATE snap_scopes SET next_seq=? WHERE id=?", (self.seq + 1, scope_id))
        exists = conn.execute(
            "SELECT 1 FROM snap_spans WHERE scope_id=? AND end_seq IS NULL LIMIT 1", (scope_id,)
        ).fetchone()
        self.first_load = exists is None
        if not self.first_load:
            conn.execute("DROP TABLE IF EXISTS temp.snap_stage")
            conn.execute(
                "CREATE TEMP TABLE snap_stage (record_id TEXT PRIMARY KEY, "
                "hash INTEGER NOT NULL) WITHOUT ROWID"
            )

    def add(self, rows: Sequence[Row]) -> None:
        """Store a batch: bodies once per hash, membership (record_id → hash).

        Up to :data:`CHUNK` rows per ``INSERT`` statement (multi-row ``VALUES``;
        the scope and sequence as literals): one statement per chunk instead of
        one per row (statement start, the AUTOINCREMENT counter's write, reset)
        takes ~10% off the insert; a failing statement stores none of its rows.
        A body given as bytes (UTF-8) is stored as TEXT (``CAST``): no decoding
        into a ``str`` that binding would encode back."""
        conn = self.conn
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            bodies, members = self._statements(len(chunk))
            conn.execute(bodies, [v for r, h, b in chunk for v in (h, r, b)])
            try:
                conn.execute(members, [v for r, h, _b in chunk for v in (r, h)])
            except sqlite3.IntegrityError:
                raise DuplicateRecordId(self._find_duplicate(rows, chunk)) from None
        self.records += len(rows)

    def _statements(self, count: int) -> tuple[str, str]:
        """The INSERTs of ``count`` bodies and of ``count`` membership rows."""
        sql = self._sql.get(count)
        if sql is None:
            sc, seq = int(self.scope_id), int(self.seq)  # integers from the database
            # scope_id tags the body for the per-scope sort indexes; a body another scope
            # already stored becomes shared (0), which sorted pages handle (snapshot_sort)
            bodies = (
                "INSERT INTO snap_bodies(hash, record_id, body, scope_id) VALUES "
                + ",".join([f"(?,?,CAST(? AS TEXT),{sc})"] * count)
                + " ON CONFLICT(hash) DO UPDATE SET scope_id=0 "
                "WHERE scope_id IS NOT excluded.scope_id"
            )
            if self.first_load:
                members = "INSERT INTO snap_spans(scope_id, record_id, first_seq, hash) VALUES "
                members += ",".join([f"({sc},?,{seq},?)"] * count)
            else:
                members = "INSERT INTO temp.snap_stage(record_id, hash) VALUES "
                members += ",".join(["(?,?)"] * count)
            sql = self._sql[count] = (bodies, members)
        return sql

    def _find_duplicate(self, rows: Sequence[Row], failed: Sequence[Row]) -> str:
        """The id of the batch ``rows`` that is there twice; ``failed``: the rows of the
        statement that failed (rolled back by SQLite), a part of ``rows``."""
        seen: set[str] = set()
        for record_id, _h, _b in rows:
            if record_id in seen:
                return record_id
            seen.add(record_id)
        # no id twice in the batch: a row of the failed statement repeats an earlier batch
        for record_id, _h, _b in failed:
            if self.first_load:
                hit = self.conn.execute(
                    "SELECT 1 FROM snap_spans WHERE scope_id=? AND record_id=? AND first_seq=?",
                    (self.scope_id, record_id, self.seq),
                ).fetchone()
            else:
                hit = self.conn.execute(
                    "SELECT 1 FROM temp.snap_stage WHERE record_id=?", (record_id,)
                ).fetchone()
            if hit:
                return record_id
        return "?"

    def commit(
        self,
        *,
        sha256: str | None,
        size: int | None,
        warnings: int,
        warnings_checked: int,
        warning_examples: list[dict[str, Any]],
        retention: int | None,
        downloaded_at: datetime | None = None,
    ) -> WriteResult:
        conn, sc, seq = self.conn, self.scope_id, self.seq
        added = changed = removed = 0
        if self.first_load:
            added = self.records
        else:
            closed = conn.execute(
                "UPDATE snap_spans SET end_seq=? WHERE scope_id=? AND end_seq IS NULL "
                "AND NOT EXISTS (SELECT 1 FROM temp.snap_stage s WHERE "
                "s.record_id=snap_spans.record_id AND s.hash=snap_spans.hash)",
                (seq, sc),
            ).rowcount
            opened = conn.execute(
                "INSERT INTO snap_spans(scope_id, record_id, first_seq, hash) "
                "SELECT ?, s.record_id, ?, s.hash FROM temp.snap_stage s WHERE NOT EXISTS "
                "(SELECT 1 FROM snap_spans p WHERE p.scope_id=? AND p.record_id=s.record_id "
                "AND p.end_seq IS NULL)",
                (sc, seq, sc),
            ).rowcount
            changed = conn.execute(
                "SELECT count(*) FROM snap_spans n WHERE n.scope_id=? AND n.first_seq=? AND "
                "EXISTS (SELECT 1 FROM snap_spans o WHERE o.scope_id=n.scope_id AND "
                "o.record_id=n.record_id AND o.end_seq=?)",
                (sc, seq, seq),
            ).fetchone()[0]
            added, removed = opened - changed, closed - changed
            conn.execute("DROP TABLE temp.snap_stage")
        when = (downloaded_at or datetime.now(UTC)).astimezone(UTC)
        cur = conn.execute(
            "INSERT INTO snap_snapshots(scope_id, seq, version, downloaded_at, records, added, "
            "changed, removed, warnings, warnings_checked, warning_examples, sha256, size, "
            "status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?, 'complete')",
            (
                sc,
                seq,
                self.version,
                when.isoformat().replace("+00:00", "Z"),
                self.records,
                added,
                changed,
                removed,
                warnings,
                warnings_checked,
                orjson.dumps(warning_examples).decode(),
                sha256,
                size,
            ),
        )
        snapshot_id = int(cur.lastrowid)  # type: ignore[arg-type]
        if retention:
            apply_retention(conn, sc, retention)
        conn.execute("COMMIT")
        self._open = False
        return WriteResult(snapshot_id, seq, self.records, added, changed, removed, self.first_load)

    def rollback(self) -> None:
        if self._open:
            self._open = False
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass


# --- retention and garbage collection (inside the caller's transaction) ---------
def _main_file(conn: sqlite3.Connection) -> Path | None:
    for _seq, name, file in conn.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file)
    return None


def apply_retention(conn: sqlite3.Connection, scope_id: int, keep: int) -> list[int]:
    """Delete all but the newest ``keep`` snapshots of a scope; returns deleted ids.

    A version a window page is showing (pinned, :mod:`snapshot_pins`) is skipped:
    it goes at a later download's retention, once the page let go of it.
    """
    old = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM snap_snapshots WHERE scope_id=? ORDER BY seq DESC LIMIT -1 OFFSET ?",
            (scope_id, keep),
        )
    ]
    cache = _main_file(conn)
    if cache is not None:
        old = [snapshot_id for snapshot_id in old if not pinned(cache, snapshot_id)]
    if old:
        delete_snapshots(conn, scope_id, old)
    return old


def delete_snapshots(conn: sqlite3.Connection, scope_id: int, snapshot_ids: list[int]) -> None:
    """Delete snapshots, then the spans and bodies no remaining snapshot needs."""
    latest = conn.execute(
        "SELECT max(seq) FROM snap_snapshots WHERE scope_id=?", (scope_id,)
    ).fetchone()[0]
    marks = ",".join("?" * len(snapshot_ids))
    seqs = [
        r[0]
        for r in conn.execute(
            f"SELECT seq FROM snap_snapshots WHERE scope_id=? AND id IN ({marks})",
            (scope_id, *snapshot_ids),
        )
    ]
    conn.execute(
        f"DELETE FROM snap_snapshots WHERE scope_id=? AND id IN ({marks})",
        (scope_id, *snapshot_ids),
    )
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS snap_gc (hash INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.snap_gc")
    remaining = conn.execute(
        "SELECT max(seq) FROM snap_snapshots WHERE scope_id=?", (scope_id,)
    ).fetchone()[0]
    if remaining is None:
        conn.execute(
            "INSERT OR IGNORE INTO temp.snap_gc SELECT hash FROM snap_spans WHERE scope_id=?",
            (scope_id,),
        )
        conn.execute("DELETE FROM snap_spans WHERE scope_id=?", (scope_id,))
        drop_scope_indexes(conn, scope_id)
    else:
        if latest in seqs:
            # the latest went: spans opened after the new latest go, the ones it closed reopen
            conn.execute(
                "INSERT OR IGNORE INTO temp.snap_gc SELECT hash FROM snap_spans "
                "WHERE scope_id=? AND first_seq>?",
                (scope_id, remaining),
            )
            conn.execute(
                "DELETE FROM snap_spans WHERE scope_id=? AND first_seq>?", (scope_id, remaining)
            )
            conn.execute(
                "UPDATE snap_spans SET end_seq=NULL WHERE scope_id=? AND end_seq>?",
                (scope_id, remaining),
            )
        dead = (
            "scope_id=? AND end_seq IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
            "snap_snapshots s WHERE s.scope_id=snap_spans.scope_id AND "
            "s.seq>=snap_spans.first_seq AND s.seq<snap_spans.end_seq)"
        )
        conn.execute(
            f"INSERT OR IGNORE INTO temp.snap_gc SELECT hash FROM snap_spans WHERE {dead}",
            (scope_id,),
        )
        conn.execute(f"DELETE FROM snap_spans WHERE {dead}", (scope_id,))
    collect_bodies(conn)


def collect_bodies(conn: sqlite3.Connection, chunk: int = 2000) -> int:
    """Delete the candidate bodies (temp.snap_gc) no span refers to, and their index entries."""
    rows = conn.execute(
        "SELECT b.id, d.body_id IS NOT NULL FROM temp.snap_gc g "
        "JOIN snap_bodies b ON b.hash=g.hash LEFT JOIN snap_fts_docs d ON d.body_id=b.id "
        "WHERE NOT EXISTS (SELECT 1 FROM snap_spans m WHERE m.scope_id IN "
        "(SELECT id FROM snap_scopes) AND m.record_id=b.record_id AND m.hash=g.hash)"
    ).fetchall()
    indexed = [body_id for body_id, in_fts in rows if in_fts]
    for start in range(0, len(indexed), chunk):
        ids = indexed[start : start + chunk]
        marks = ",".join("?" * len(ids))
        texts = [
            (i, search_text(orjson.loads(body)))
            for i, body in conn.execute(
                f"SELECT id, body FROM snap_bodies WHERE id IN ({marks})", ids
            )
        ]
        conn.executemany(
            "INSERT INTO snap_fts(snap_fts, rowid, text) VALUES ('delete', ?, ?)", texts
        )
        conn.executemany("DELETE FROM snap_fts_docs WHERE body_id=?", [(i,) for i in ids])
    conn.executemany("DELETE FROM snap_bodies WHERE id=?", [(r[0],) for r in rows])
    conn.execute("DELETE FROM temp.snap_gc")
    return len(rows)
