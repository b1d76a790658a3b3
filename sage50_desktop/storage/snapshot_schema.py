"""Tables of the snapshot store in ``cache.sqlite3`` and their migration steps.

Layout (see :mod:`sage50_desktop.storage.snapshot_store` for the model):

* ``snap_scopes`` — one row per (profile_id, domain, scope) with the next
  snapshot sequence number (sequence numbers are never reused).
* ``snap_snapshots`` — one row per committed snapshot: version, counts,
  schema warnings, sha256, size, status. Written last, in the ingest
  transaction, so a snapshot exists only when complete.
* ``snap_bodies`` — each distinct record body once (compact JSON bytes),
  keyed by a 64-bit content hash, with the record id it belongs to; ``id`` is an AUTOINCREMENT rowid (never
  reused) that the full-text index is keyed by.
* ``snap_spans`` — membership as validity spans: record ``record_id`` had
  body ``hash`` in every snapshot of the scope with ``first_seq <= seq <
  end_seq`` (``end_seq`` NULL: still in the latest). An unchanged record costs
  one row for all versions, so ten versions with 1% churn cost about one.
* ``snap_fts`` (FTS5, contentless) over the text fields of bodies, rowid =
  ``snap_bodies.id``; ``snap_fts_docs`` lists the bodies already indexed.

Step 2 adds ``snap_bodies.scope_id``: the scope a body belongs to, or ``0`` when
two scopes share the very same body (rare: identical bytes). It is what lets a
sort index cover one scope only: sort indexes (:mod:`snapshot_sort`) are
partial expression indexes ``ON snap_bodies(json_extract(body, path),
record_id) WHERE scope_id = <scope>``, created on demand and maintained by
SQLite itself on every insert and delete.

Step 3 adds ``record_id`` and ``hash`` to ``snap_fts_docs`` (filled by the index
builder with the body's keys): a search resolves its hits to spans through this
small table instead of the bodies' rows (~1 KB each, one page read per hit), so
a page + count over 12,500 hits touches a few hundred pages, not 12,500.

Step 4 makes a version unique per scope (``UNIQUE (scope_id, version)``):
duplicates stored by processes that raced before there were cross-process
locks are merged first, keeping the oldest snapshot of each version.
"""

from __future__ import annotations

from sqlalchemy import Connection

from sage50_desktop.storage.snapshot_writer import delete_snapshots

_STEP1 = [
    """CREATE TABLE snap_scopes (
        id INTEGER PRIMARY KEY,
        profile_id TEXT NOT NULL,
        domain TEXT NOT NULL,
        scope TEXT NOT NULL,
        next_seq INTEGER NOT NULL DEFAULT 1,
        UNIQUE (profile_id, domain, scope))""",
    """CREATE TABLE snap_snapshots (
        id INTEGER PRIMARY KEY,
        scope_id INTEGER NOT NULL REFERENCES snap_scopes(id),
        seq INTEGER NOT NULL,
        version TEXT NOT NULL,
        downloaded_at TEXT NOT NULL,
        records INTEGER NOT NULL,
        added INTEGER NOT NULL,
        changed INTEGER NOT NULL,
        removed INTEGER NOT NULL,
        warnings INTEGER NOT NULL DEFAULT 0,
        warnings_checked INTEGER NOT NULL DEFAULT 0,
        warning_examples TEXT NOT NULL DEFAULT '[]',
        sha256 TEXT,
        size INTEGER,
        status TEXT NOT NULL DEFAULT 'complete',
        fts_ready INTEGER NOT NULL DEFAULT 0,
        UNIQUE (scope_id, seq))""",
    "CREATE INDEX snap_snapshots_version ON snap_snapshots(scope_id, version)",
    """CREATE TABLE snap_bodies (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        hash INTEGER NOT NULL UNIQUE,
        record_id TEXT NOT NULL,
        body TEXT NOT NULL)""",
    """CREATE TABLE snap_spans (
        scope_id INTEGER NOT NULL,
        record_id TEXT NOT NULL,
        first_seq INTEGER NOT NULL,
        end_seq INTEGER,
        hash INTEGER NOT NULL,
        PRIMARY KEY (scope_id, record_id, first_seq)) WITHOUT ROWID""",
    # partial: only closed spans (churn) are indexed, so a full load pays nothing for it
    "CREATE INDEX snap_spans_end ON snap_spans(scope_id, end_seq) WHERE end_seq IS NOT NULL",
    """CREATE VIRTUAL TABLE snap_fts USING fts5(
        text, content='', tokenize='unicode61 remove_diacritics 2')""",
    "CREATE TABLE snap_fts_docs (body_id INTEGER PRIMARY KEY)",
]


def _step1(conn: Connection) -> None:
    for statement in _STEP1:
        conn.exec_driver_sql(statement)


_STEP2 = [
    "ALTER TABLE snap_bodies ADD COLUMN scope_id INTEGER",
    # existing bodies: the scope of their spans, 0 when several scopes share one
    """UPDATE snap_bodies SET scope_id = (
        SELECT CASE WHEN min(m.scope_id) = max(m.scope_id) THEN min(m.scope_id) ELSE 0 END
        FROM snap_spans m WHERE m.scope_id IN (SELECT id FROM snap_scopes)
        AND m.record_id = snap_bodies.record_id AND m.hash = snap_bodies.hash)""",
    # tiny: finds the (rare) bodies shared by several scopes
    "CREATE INDEX snap_bodies_shared ON snap_bodies(record_id) WHERE scope_id = 0",
]


def _step2(conn: Connection) -> None:
    for statement in _STEP2:
        conn.exec_driver_sql(statement)


_STEP3 = [
    "ALTER TABLE snap_fts_docs ADD COLUMN record_id TEXT",
    "ALTER TABLE snap_fts_docs ADD COLUMN hash INTEGER",
    # bodies indexed before this step: their keys from snap_bodies
    """UPDATE snap_fts_docs SET (record_id, hash) = (
        SELECT b.record_id, b.hash FROM snap_bodies b WHERE b.id = snap_fts_docs.body_id)""",
]


def _step3(conn: Connection) -> None:
    for statement in _STEP3:
        conn.exec_driver_sql(statement)


def _step4(conn: Connection) -> None:
    """One snapshot per (scope, version): merge duplicates (keep the oldest), then enforce it."""
    raw = conn.connection.driver_connection  # the same sqlite3 connection, same transaction
    assert raw is not None
    duplicates = conn.exec_driver_sql(
        "SELECT s.scope_id, s.id FROM snap_snapshots s WHERE EXISTS (SELECT 1 FROM "
        "snap_snapshots o WHERE o.scope_id = s.scope_id AND o.version = s.version "
        "AND o.seq < s.seq) ORDER BY s.scope_id, s.seq DESC"
    ).all()
    for scope_id, snapshot_id in duplicates:
        delete_snapshots(raw, scope_id, [snapshot_id])
    conn.exec_driver_sql("DROP INDEX IF EXISTS snap_snapshots_version")
    conn.exec_driver_sql(
        "CREATE UNIQUE INDEX IF NOT EXISTS snap_snapshots_one_version "
        "ON snap_snapshots(scope_id, version)"
    )


STEPS = [_step1, _step2, _step3, _step4]
COMPONENT = "snapshots"
