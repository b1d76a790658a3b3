"""The snapshot store: every downloaded version of every scope, in ``cache.sqlite3``.

Model (tables in :mod:`snapshot_schema`): each distinct record body is stored
once (compact JSON, keyed by a 64-bit content hash); a snapshot is its
membership (record id → body hash) stored as validity spans over snapshot
sequence numbers, so an unchanged record costs one row across all versions.
Ten versions of a catalogue with 1% churn cost about one catalogue plus 10%.

Reads (this module) use SQLAlchemy Core on the shared engine; bulk writes run
in worker threads on raw connections (:mod:`snapshot_writer`,
:mod:`sage50_desktop.services.ingest`). Snapshots appear only when their
ingest transaction commits.

The GUI's lazy table model calls::

    page = store.page(snapshot_id, offset, limit, sort_column, descending,
                      search_text, filters)     # -> Page(rows, total, mode)
    total = store.count(snapshot_id, search_text, filters)

``rows`` are record dicts in order; ``sort_column``/``filters`` keys are
dotted record paths (``"name"``, ``"addresses.0.city"``) or ``"id"``;
``filters`` values are a value (equality) or ``(op, value)`` with op in
``= != < <= > >= contains startswith``; ``search_text`` matches every word as
a prefix through FTS5, or with ``LIKE`` while the index is still being built
(``Page.mode`` says which).

Additions (backwards compatible): ``Page.sort`` (``None``/``"index"``/``"scan"``),
``Page.total_exact``, ``Page.rows_complete`` (:mod:`snapshot_pages`); sort
indexes on any column (:mod:`snapshot_sort`): :meth:`SnapshotStore.sort_ready`,
:meth:`~SnapshotStore.build_sort_index`, :meth:`~SnapshotStore.wait_sort_index`
and the ``sort_index_ready`` signal.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, text

from sage50_desktop.api.errors import Sage50Error
from sage50_desktop.events import Signal
from sage50_desktop.storage.data_folder import DataFolderUnavailable, unwritable
from sage50_desktop.storage.db import migrate, open_engine, read_only_reason
from sage50_desktop.storage.db_health import (
    DatabaseDamaged,
    connect_immutable,
    move_aside,
    problem,
)
from sage50_desktop.storage.locks import migration_lock
from sage50_desktop.storage.snapshot_diff import (
    KINDS,
    DiffRow,
    DiffSummary,
    FieldChange,
    diff_counts,
    diff_ids,
    diff_rows,
    field_changes,
)
from sage50_desktop.storage.snapshot_pages import SnapRef, read_page
from sage50_desktop.storage.snapshot_pins import Pins
from sage50_desktop.storage.snapshot_schema import COMPONENT, STEPS
from sage50_desktop.storage.snapshot_search import IndexBuilder, build_view, fts_key_view
from sage50_desktop.storage.snapshot_sort import SortIndexer
from sage50_desktop.storage.snapshot_writer import apply_retention as _apply_retention
from sage50_desktop.storage.snapshot_writer import delete_snapshots, valid_at


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """One stored snapshot (a version of a scope file)."""

    id: int
    profile_id: str
    domain: str
    scope: str
    version: str
    seq: int
    downloaded_at: datetime
    records: int
    added: int
    changed: int
    removed: int
    warnings: int
    warnings_checked: int
    warning_examples: list[dict[str, Any]] = field(default_factory=list)
    sha256: str | None = None
    size: int | None = None
    status: str = "complete"
    fts_ready: bool = False
    scope_id: int = 0


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a snapshot view: the records, the total matching, the search mode."""

    rows: list[dict[str, Any]]
    total: int
    offset: int
    limit: int
    mode: str | None = None  # None, "fts" or "like"
    #: how the order was produced: None (id order, the primary key), "index" (the
    #: scope's sort index on that column) or "scan" (full sort; the index is building)
    sort: str | None = None
    #: False when ``total`` is a lower bound: an FTS search with more than
    #: ``snapshot_pages.COUNT_CAP`` hits (show "10,000+"), or a LIKE search whose
    #: count ran out of its time budget (``count()`` gives the exact number)
    total_exact: bool = True
    #: False when a LIKE search ran out of its time budget before filling the page
    rows_complete: bool = True


CACHE_REBUILT = "The local cache was damaged and has been rebuilt; download the data sets again."


class SnapshotNotFound(Sage50Error, LookupError):
    """No snapshot with that id (deleted by retention?)."""

    hint = (
        "This version of the data set is no longer stored (retention or a purge removed "
        "it). Choose another version, or download the data set again."
    )


_SELECT = (
    "SELECT s.id, c.profile_id, c.domain, c.scope, s.version, s.seq, s.downloaded_at, "
    "s.records, s.added, s.changed, s.removed, s.warnings, s.warnings_checked, "
    "s.warning_examples, s.sha256, s.size, s.status, s.fts_ready, s.scope_id "
    "FROM snap_snapshots s JOIN snap_scopes c ON c.id = s.scope_id "
)


def _sqlite(conn: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy one (same transaction)."""
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _info(row: Any) -> SnapshotInfo:
    values = list(row)
    values[6] = datetime.fromisoformat(values[6].replace("Z", "+00:00"))
    values[13] = orjson.loads(values[13] or "[]")
    values[17] = bool(values[17])
    return SnapshotInfo(*values)


class SnapshotStore:
    """Stored snapshots of scope files: list, read, page/search, diff, delete.

    Signals:
        changed(profile_id, domain, scope): a snapshot was added or deleted
            (emitted by whoever changed it: :meth:`notify_changed`).
        index_ready(snapshot_id): the full-text index of a snapshot is built
            (emitted from the builder thread).
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        #: why the cache was damaged when it was opened and rebuilt empty (None: it was fine)
        self.rebuilt: str | None = None
        try:
            self.engine: Engine = open_engine(self.path)
        except DatabaseDamaged as exc:  # the cache is rebuildable: move it aside, start afresh
            try:
                with migration_lock(self.path):
                    if problem(self.path) is not None:  # not moved by another process meanwhile
                        move_aside(self.path)
            except OSError as err:  # a read-only folder: cannot move it aside
                raise unwritable(err, self.path.parent) or exc from None
            self.rebuilt = exc.reason
            self.engine = open_engine(self.path)
        #: why the cache could only be opened read-only (full disk, read-only folder), or None
        self.read_only: DataFolderUnavailable | None = read_only_reason(self.engine)
        migrate(self.engine, COMPONENT, STEPS)
        self.changed = Signal("snapshots.changed")
        #: versions this process's pages show (kept by retention meanwhile)
        self.pins = Pins(self.path)
        self.index_ready = Signal("snapshots.index_ready")
        #: index_progress(snapshot_id, done, total): records of a search-index build done
        #: (from the builder thread)
        self.index_progress = Signal("snapshots.index_progress")
        self._indexer = IndexBuilder(self.connect)
        #: sort_index_ready(snapshot_id | None, column): a sort index was built
        #: (from the builder thread; snapshot_id None when page() started it)
        self.sort_index_ready = Signal("snapshots.sort_index_ready")
        self._sorter = SortIndexer(self.connect)

    # --- connections ------------------------------------------------------------
    def connect(self) -> sqlite3.Connection:
        """A new plain sqlite3 connection for a worker thread (caller closes it)."""
        if self.read_only is not None:  # see open_engine: no -shm can be made
            conn = connect_immutable(self.path, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=30000")
        return conn

    def close(self) -> None:
        self._indexer.stop()
        self._sorter.stop()
        self.pins.release_all()
        self.engine.dispose()

    def notify_changed(self, profile_id: str, domain: str, scope: str) -> None:
        self.changed.emit(profile_id, domain, scope)

    # --- snapshots ----------------------------------------------------------------
    def list_snapshots(self, profile_id: str, domain: str, scope: str) -> list[SnapshotInfo]:
        """Snapshots of a scope, newest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(
                    _SELECT + "WHERE c.profile_id=:p AND c.domain=:d AND "
                    "c.scope=:s ORDER BY s.seq DESC"
                ),
                {"p": profile_id, "d": domain, "s": scope},
            ).all()
        return [_info(r) for r in rows]

    def latest(self, profile_id: str, domain: str, scope: str) -> SnapshotInfo | None:
        """The newest snapshot of a scope, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                text(
                    _SELECT + "WHERE c.profile_id=:p AND c.domain=:d AND "
                    "c.scope=:s ORDER BY s.seq DESC LIMIT 1"
                ),
                {"p": profile_id, "d": domain, "s": scope},
            ).first()
        return _info(row) if row else None

    def find_version(
        self, profile_id: str, domain: str, scope: str, version: str
    ) -> SnapshotInfo | None:
        """The snapshot of ``version`` of a scope, or None (at most one: the schema says so)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                text(
                    _SELECT + "WHERE c.profile_id=:p AND c.domain=:d AND "
                    "c.scope=:s AND s.version=:v"
                ),
                {"p": profile_id, "d": domain, "s": scope, "v": version},
            ).first()
        return _info(row) if row else None

    def snapshot(self, snapshot_id: int) -> SnapshotInfo:
        """One snapshot by id (raises :class:`SnapshotNotFound`)."""
        with self.engine.connect() as conn:
            row = conn.execute(text(_SELECT + "WHERE s.id=:i"), {"i": snapshot_id}).first()
        if row is None:
            raise SnapshotNotFound(f"snapshot {snapshot_id} does not exist")
        return _info(row)

    def scopes(self, profile_id: str, domain: str) -> list[str]:
        """Scopes of a profile's domain that have at least one snapshot."""
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    text(
                        "SELECT DISTINCT c.scope FROM snap_scopes c JOIN snap_snapshots s ON "
                        "s.scope_id=c.id WHERE c.profile_id=:p AND c.domain=:d ORDER BY c.scope"
                    ),
                    {"p": profile_id, "d": domain},
                ).scalars()
            )

    # --- records ---------------------------------------------------------------------
    def record_body(self, snapshot_id: int, record_id: str) -> bytes | None:
        """The stored JSON bytes of one record in a snapshot, or None."""
        snap = self.snapshot(snapshot_id)
        with self.engine.connect() as conn:
            body = conn.execute(
                text(
                    f"SELECT b.body FROM snap_spans m JOIN snap_bodies b ON b.hash=m.hash "
                    f"WHERE m.scope_id=:sc AND m.record_id=:r AND {valid_at('m', ':seq')}"
                ),
                {"sc": snap.scope_id, "r": record_id, "seq": snap.seq},
            ).scalar()
        return body.encode() if isinstance(body, str) else body

    def record(self, snapshot_id: int, record_id: str) -> dict[str, Any] | None:
        """One record of a snapshot as a dict, or None."""
        body = self.record_body(snapshot_id, record_id)
        return orjson.loads(body) if body is not None else None

    def page(
        self,
        snapshot_id: int,
        offset: int = 0,
        limit: int = 100,
        sort_column: str | None = None,
        descending: bool = False,
        search_text: str | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> Page:
        """Records ``offset .. offset+limit`` of a (searched, filtered, sorted) view.

        Sorting by a record field uses the scope's sort index on that column; the
        first such call starts building it in the background (``Page.sort`` is
        ``"scan"`` until it is ready, then ``"index"``; see :meth:`sort_ready`).
        ``Page.total_exact``/``rows_complete`` flag a capped FTS count and a LIKE
        search cut by its time budget (:mod:`snapshot_pages`).
        """
        snap = self.snapshot(snapshot_id)
        ref = SnapRef(snap.scope_id, snap.seq, snap.fts_ready, snap.records)
        with self.engine.connect() as conn:
            raw = _sqlite(conn)
            result = read_page(
                raw,
                ref,
                offset,
                limit,
                sort_column,
                descending,
                search_text,
                filters,
                self._sorter,
                lambda column: self._start_sort(snap.scope_id, column, snapshot_id),
            )
        return Page(
            [orjson.loads(b) for b in result.bodies],
            result.total,
            offset,
            limit,
            result.mode,
            result.sort,
            result.total_exact,
            result.rows_complete,
        )

    def count(
        self,
        snapshot_id: int,
        search_text: str | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> int:
        """Records of a snapshot matching the search and filters."""
        return self._count(self.snapshot(snapshot_id), search_text, filters)

    def _count(
        self, snap: SnapshotInfo, search_text: str | None, filters: Mapping[str, Any] | None
    ) -> int:
        if not filters and not (search_text and search_text.strip()):
            return snap.records
        view = (
            None if filters else fts_key_view(snap.scope_id, snap.seq, snap.fts_ready, search_text)
        ) or build_view(snap.scope_id, snap.seq, snap.fts_ready, search_text, filters)
        with self.engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) {view.sql}"), view.params).scalar() or 0)

    def iter_bodies(
        self,
        snapshot_id: int,
        search_text: str | None = None,
        filters: Mapping[str, Any] | None = None,
        chunk: int = 5000,
    ) -> Iterator[bytes]:
        """Stored JSON bytes of a view's records in id order, fetched in chunks (exports)."""
        snap = self.snapshot(snapshot_id)
        view = build_view(snap.scope_id, snap.seq, snap.fts_ready, search_text, filters)
        last = None
        while True:
            params = dict(view.params, lim=chunk, last=last)
            after = "" if last is None else " AND m.record_id > :last"
            sql = f"SELECT m.record_id, b.body {view.sql}{after} ORDER BY m.record_id LIMIT :lim"
            with self.engine.connect() as conn:
                rows = conn.execute(text(sql), params).all()
            if not rows:
                return
            for _rid, body in rows:
                yield body.encode() if isinstance(body, str) else body
            last = rows[-1][0]

    # --- diff ---------------------------------------------------------------------------
    def _pair(self, a: int, b: int) -> tuple[SnapshotInfo, SnapshotInfo]:
        old, new = self.snapshot(a), self.snapshot(b)
        if old.scope_id != new.scope_id:
            raise ValueError("a diff needs two snapshots of the same scope")
        return (old, new) if old.seq <= new.seq else (new, old)

    def diff(self, snapshot_a: int, snapshot_b: int, search: str | None = None) -> DiffSummary:
        """Counts added/changed/removed from the older to the newer of two snapshots.

        ``search``: only records whose id or body (before or after) contains it.
        """
        old, new = self._pair(snapshot_a, snapshot_b)
        with self.engine.connect() as conn:
            raw = _sqlite(conn)
            added, changed, removed = diff_counts(raw, old.scope_id, old.seq, new.seq, search)
        return DiffSummary(old.id, new.id, added, changed, removed)

    def diff_rows(
        self,
        snapshot_a: int,
        snapshot_b: int,
        kind: str,
        *,
        after: str | None = None,
        limit: int = 200,
        search: str | None = None,
    ) -> list[DiffRow]:
        """A page of differing records (id, before, after) of ``kind``, ids after ``after``."""
        old, new = self._pair(snapshot_a, snapshot_b)
        with self.engine.connect() as conn:
            return diff_rows(
                _sqlite(conn),
                old.scope_id,
                old.seq,
                new.seq,
                kind,
                after=after,
                limit=limit,
                search=search,
            )

    def iter_diff(
        self,
        snapshot_a: int,
        snapshot_b: int,
        *,
        search: str | None = None,
        kinds: tuple[str, ...] = KINDS,
        chunk: int = 2000,
    ) -> Iterator[DiffRow]:
        """Every differing record, kind by kind in id order, fetched in chunks (exports)."""
        for kind in kinds:
            after: str | None = None
            while True:
                rows = self.diff_rows(
                    snapshot_a, snapshot_b, kind, after=after, limit=chunk, search=search
                )
                yield from rows
                if len(rows) < chunk:
                    break
                after = rows[-1].record_id

    def diff_ids(
        self, snapshot_a: int, snapshot_b: int, kind: str, offset: int = 0, limit: int = 100
    ) -> list[str]:
        """A page of record ids ``kind`` ("added", "changed", "removed"), in id order."""
        old, new = self._pair(snapshot_a, snapshot_b)
        with self.engine.connect() as conn:
            raw = _sqlite(conn)
            return diff_ids(raw, old.scope_id, old.seq, new.seq, kind, offset, limit)

    def diff_record(self, snapshot_a: int, snapshot_b: int, record_id: str) -> list[FieldChange]:
        """Changed fields of one record, old → new, as flattened dotted paths."""
        old, new = self._pair(snapshot_a, snapshot_b)
        return field_changes(self.record(old.id, record_id), self.record(new.id, record_id))

    # --- deletion, retention, index ---------------------------------------------------------
    def delete_snapshot(self, snapshot_id: int) -> None:
        """Delete one snapshot and garbage-collect what only it used."""
        snap = self.snapshot(snapshot_id)
        self._write(lambda conn: delete_snapshots(conn, snap.scope_id, [snapshot_id]))
        self.notify_changed(snap.profile_id, snap.domain, snap.scope)

    def delete_profile(self, profile_id: str) -> int:
        """Delete every snapshot of a connection (all its scopes); returns how many."""

        def work(conn: sqlite3.Connection) -> tuple[int, list[tuple[int, str, str]]]:
            scopes = conn.execute(
                "SELECT id, domain, scope FROM snap_scopes WHERE profile_id=?", (profile_id,)
            ).fetchall()
            count = 0
            for scope_id, _domain, _scope in scopes:
                ids = [
                    r[0]
                    for r in conn.execute(
                        "SELECT id FROM snap_snapshots WHERE scope_id=?", (scope_id,)
                    )
                ]
                if ids:
                    delete_snapshots(conn, scope_id, ids)
                    count += len(ids)
                conn.execute("DELETE FROM snap_spans WHERE scope_id=?", (scope_id,))
                conn.execute("DELETE FROM snap_scopes WHERE id=?", (scope_id,))
            return count, scopes

        count, scopes = self._write(work)
        for _id, domain, scope in scopes:
            self.notify_changed(profile_id, domain, scope)
        return int(count)

    def apply_retention(self, profile_id: str, domain: str, scope: str, keep: int) -> int:
        """Keep the newest ``keep`` snapshots of a scope; returns how many were deleted."""
        latest = self.latest(profile_id, domain, scope)
        if latest is None:
            return 0
        deleted = self._write(lambda conn: _apply_retention(conn, latest.scope_id, keep))
        if deleted:
            self.notify_changed(profile_id, domain, scope)
        return len(deleted)

    def _write(self, work: Any) -> Any:
        conn = self.connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = work(conn)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            return result
        finally:
            conn.close()

    # --- sort indexes (additions) ------------------------------------------------------------
    def sort_ready(self, snapshot_id: int, column: str) -> bool:
        """Is the sort index of the snapshot's scope on ``column`` built (``id``: always)?"""
        if column in ("id", "", None):
            return True
        snap = self.snapshot(snapshot_id)
        with self.engine.connect() as conn:
            raw = _sqlite(conn)
            return self._sorter.ready(raw, snap.scope_id, column)

    def sort_index_rows(self, conn: sqlite3.Connection, scope_id: int, column: str) -> int:
        """Bodies in a scope's built sort index (counted once per stored or deleted
        snapshot of the scope, and by the index build itself)."""
        return self._sorter.rows(conn, scope_id, column)

    def known_sort_index_rows(
        self, conn: sqlite3.Connection, scope_id: int, column: str
    ) -> int | None:
        """:meth:`sort_index_rows` if it needs no scan (counted already), else None."""
        return self._sorter.known_rows(conn, scope_id, column)

    def build_sort_index(self, snapshot_id: int, column: str) -> None:
        """Start building the sort index on ``column`` in the background (idempotent;
        ``page()`` does it on first use). ``sort_index_ready(snapshot_id, column)`` is
        emitted from the builder thread when it is ready."""
        if column not in ("id", "", None) and not self.sort_ready(snapshot_id, column):
            self._start_sort(self.snapshot(snapshot_id).scope_id, column, snapshot_id)

    def wait_sort_index(self, snapshot_id: int, column: str, timeout: float | None = None) -> bool:
        """Block until a sort index build of the snapshot's scope ends (tests, CLI)."""
        return self._sorter.wait(self.snapshot(snapshot_id).scope_id, column, timeout)

    def cancel_sort_index(self, snapshot_id: int, column: str) -> None:
        """Stop building a sort index (nothing of it stays; a later sort starts it again)."""
        self._sorter.cancel(self.snapshot(snapshot_id).scope_id, column)

    def _start_sort(self, scope_id: int, column: str, snapshot_id: int | None = None) -> None:
        if self.read_only is not None:
            return  # nothing can be written: pages sort without the index

        def ready(_scope_id: int, col: str) -> None:
            self.sort_index_ready.emit(snapshot_id, col)

        self._sorter.start(scope_id, column, ready)

    def build_index(self, snapshot_id: int) -> None:
        """Start building the search index of a snapshot in the background (idempotent).
        ``index_progress(snapshot_id, done, total)`` is emitted from the builder thread
        after each batch, ``index_ready(snapshot_id)`` at the end. Not while the cache
        is read-only (a full disk: searches go without the index)."""
        if self.read_only is not None:
            return
        self._indexer.start(snapshot_id, self.index_ready.emit, self.index_progress.emit)

    def cancel_index(self, snapshot_id: int) -> None:
        """Stop building a snapshot's search index (what is built stays; a later
        :meth:`build_index` or :meth:`ensure_indexes` resumes it)."""
        self._indexer.cancel(snapshot_id)

    @contextmanager
    def background_paused(self) -> Iterator[None]:
        """Hold background search-index builds (between batches) inside the block;
        ``SyncService`` wraps download + ingest in it so the builders do not compete
        with them for the GIL (event-loop stalls). Nestable."""
        self._indexer.pause()
        try:
            yield
        finally:
            self._indexer.resume()

    def index_building(self, snapshot_id: int) -> bool:
        return self._indexer.building(snapshot_id)

    def wait_index(self, snapshot_id: int, timeout: float | None = None) -> bool:
        """Block until the index build of a snapshot ends (tests, CLI)."""
        return self._indexer.wait(snapshot_id, timeout)

    def ensure_indexes(self) -> None:
        """Resume index builds left unfinished (call at start-up)."""
        with self.engine.connect() as conn:
            ids = (
                conn.execute(
                    text(
                        "SELECT s.id FROM snap_snapshots s WHERE fts_ready=0 AND "
                        "s.seq=(SELECT max(seq) FROM snap_snapshots x WHERE "
                        "x.scope_id=s.scope_id)"
                    )
                )
                .scalars()
                .all()
            )
        for snapshot_id in ids:
            self.build_index(snapshot_id)

    def storage_bytes(self) -> int:
        """Bytes of database pages in use (excluding free pages)."""
        with self.engine.connect() as conn:
            count = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)
            free = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar() or 0)
            size = int(conn.exec_driver_sql("PRAGMA page_size").scalar() or 0)
        return (count - free) * size
