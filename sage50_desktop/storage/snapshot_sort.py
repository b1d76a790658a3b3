"""Sort on any column by the database: per-scope expression indexes built on demand.

Sorting a snapshot view by a record field (``netPrice``, ``name``,
``addresses.0.city``…) with ``ORDER BY json_extract(body, …)`` parses every
body of the scope (seconds at 1,000,000 records). A **sort index** makes it a
walk of a B-tree instead::

    CREATE INDEX snap_sort_<scope>_<digest> ON snap_bodies(
        json_extract(body, '$."netPrice"'), record_id, hash) WHERE scope_id = <scope>

* partial (``WHERE scope_id = <scope>``): it holds one scope's bodies only, and
  ingest of other scopes pays nothing for it;
* ``record_id`` is the tie-break of every sorted view, ``hash`` makes the
  membership check (a primary-key probe of ``snap_spans``) need no table row,
  so rows skipped by ``OFFSET`` are never read;
* SQLite maintains it on every insert/delete: a new version only pays for its
  changed bodies; nothing else to keep in step.

Measured at 1M records (2 cores): a build takes ~6 s (one pass over the
bodies, in the background, in its own short write transaction); a page of 50
at offset 0 then takes ~1 ms, at offset 5,000 ~40 ms, at 100,000 ~0.6 s (OFFSET still walks the index and
probes a span per skipped row: ~6 µs each); the same page by a full scan takes
~8 s. Each index costs ~30-40 bytes per
record on disk and ~5 µs per *new* body at ingest.

Indexes are created on first use of a column (``SnapshotStore.page``) and
kept; at most :data:`MAX_PER_SCOPE` per scope (more columns sort by scan).
They are dropped when their scope loses its last snapshot.

Bodies shared by two scopes (identical bytes — rare) carry ``scope_id = 0``
and are in no sort index; while a scope has such bodies its sorted pages fall
back to the scan, so results are always exact.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable

from sage50_desktop.storage.snapshot_records import json_path

log = logging.getLogger(__name__)

MAX_PER_SCOPE = 12
PREFIX = "snap_sort_"


def sort_key_sql(column: str, alias: str = "b") -> str:
    """The sort expression of a column with its path inlined (an expression index
    only serves a query whose expression is the same text, not a parameter)."""
    path = json_path(column).replace("'", "''")
    return f"json_extract({alias}.body, '{path}')"


def index_name(scope_id: int, column: str) -> str:
    digest = hashlib.blake2b(column.encode(), digest_size=8).hexdigest()
    return f"{PREFIX}{int(scope_id)}_{digest}"


def create_sql(scope_id: int, column: str) -> str:
    path = json_path(column).replace("'", "''")
    return (
        f"CREATE INDEX IF NOT EXISTS {index_name(scope_id, column)} ON snap_bodies("
        f"json_extract(body, '{path}'), record_id, hash) WHERE scope_id = {int(scope_id)}"
    )


def index_exists(conn: sqlite3.Connection, name: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='index' AND name=?", (name,)
        ).fetchone()
        is not None
    )


def scope_indexes(conn: sqlite3.Connection, scope_id: int) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='index' AND name LIKE ? ESCAPE '\\'",
            (PREFIX.replace("_", "\\_") + f"{int(scope_id)}\\_%",),
        )
    ]


def has_shared_bodies(conn: sqlite3.Connection) -> bool:
    """Any body shared by several scopes (they are in no sort index)?"""
    return (
        conn.execute(
            "SELECT 1 FROM snap_bodies INDEXED BY snap_bodies_shared WHERE scope_id = 0 LIMIT 1"
        ).fetchone()
        is not None
    )


def drop_scope_indexes(conn: sqlite3.Connection, scope_id: int) -> None:
    """Drop the sort indexes of a scope (it has no snapshot left)."""
    for name in scope_indexes(conn, scope_id):
        conn.execute(f"DROP INDEX IF EXISTS {name}")


class SortIndexer:
    """Builds sort indexes in background threads, one per (scope, column).

    ``on_ready(scope_id, column)`` is called from the builder thread when an
    index has been created.
    """

    def __init__(self, connect: Callable[[], sqlite3.Connection]) -> None:
        self._connect = connect
        self._lock = threading.Lock()
        self._threads: dict[tuple[int, str], threading.Thread] = {}
        self._ready: set[tuple[int, str]] = set()
        self._building: dict[tuple[int, str], sqlite3.Connection] = {}
        self._cancelled: set[tuple[int, str]] = set()
        # bodies in each index, with the state of the scope's snapshots they were
        # counted at (a count scans the whole index: ~0.2-1.5 s at 1M)
        self._rows: dict[tuple[int, str], tuple[tuple[int, ...], int]] = {}

    # --- how many bodies an index holds (a scan of the whole index: counted once) ------
    @staticmethod
    def _stamp(conn: sqlite3.Connection, scope_id: int) -> tuple[int, ...]:
        """The state of a scope's snapshots: its bodies change only when one is stored
        or deleted (a few rows; the snapshot table is tiny)."""
        row = conn.execute(
            "SELECT count(*), coalesce(max(seq), 0), coalesce(max(id), 0), coalesce(sum(id), 0) "
            "FROM snap_snapshots WHERE scope_id=?",
            (scope_id,),
        ).fetchone()
        return tuple(int(x) for x in row)

    def _count(self, conn: sqlite3.Connection, scope_id: int, column: str) -> None:
        stamp = self._stamp(conn, scope_id)
        rows = conn.execute(
            f"SELECT count(*) FROM snap_bodies INDEXED BY {index_name(scope_id, column)} "
            f"WHERE scope_id = {int(scope_id)}"
        ).fetchone()[0]
        with self._lock:
            self._rows[(scope_id, column)] = (stamp, int(rows))

    def rows(self, conn: sqlite3.Connection, scope_id: int, column: str) -> int:
        """Bodies in the scope's (built) index on ``column``: counted once per state of
        the scope's snapshots (after every build, by the builder thread: the first
        sorted view after the background indexing needs no scan)."""
        known = self.known_rows(conn, scope_id, column)
        if known is not None:
            return known
        self._count(conn, scope_id, column)
        with self._lock:
            return self._rows[(scope_id, column)][1]

    def known_rows(self, conn: sqlite3.Connection, scope_id: int, column: str) -> int | None:
        """:meth:`rows` if already counted at the scope's current state, else None
        (never scans: a new process that finds the index on disk has not counted it)."""
        stamp = self._stamp(conn, scope_id)
        with self._lock:
            known = self._rows.get((scope_id, column))
        return known[1] if known is not None and known[0] == stamp else None

    def ready(self, conn: sqlite3.Connection, scope_id: int, column: str) -> bool:
        key = (scope_id, column)
        if key in self._ready:
            if index_exists(conn, index_name(scope_id, column)):
                return True
            self._ready.discard(key)  # dropped (scope emptied)
            return False
        if index_exists(conn, index_name(scope_id, column)):
            self._ready.add(key)
            return True
        return False

    def start(
        self, scope_id: int, column: str, on_ready: Callable[[int, str], None] | None = None
    ) -> None:
        key = (scope_id, column)
        with self._lock:
            thread = self._threads.get(key)
            if thread is not None and thread.is_alive():
                return
            self._cancelled.discard(key)
            thread = threading.Thread(
                target=self._run,
                args=(scope_id, column, on_ready),
                name=f"sort-{scope_id}-{column}",
                daemon=True,
            )
            self._threads[key] = thread
            thread.start()

    def cancel(self, scope_id: int, column: str) -> None:
        """Stop a build (its CREATE INDEX is interrupted and rolled back)."""
        key = (scope_id, column)
        with self._lock:
            self._cancelled.add(key)
            conn = self._building.get(key)
            if conn is not None:
                conn.interrupt()

    def building(self, scope_id: int, column: str) -> bool:
        thread = self._threads.get((scope_id, column))
        return thread is not None and thread.is_alive()

    def wait(self, scope_id: int, column: str, timeout: float | None = None) -> bool:
        thread = self._threads.get((scope_id, column))
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def stop(self) -> None:
        for thread in list(self._threads.values()):
            thread.join()

    def _run(self, scope_id: int, column: str, on_ready: Callable[[int, str], None] | None) -> None:
        conn = self._connect()
        key = (scope_id, column)
        with self._lock:
            self._building[key] = conn
        try:
            started = time.monotonic()
            name = index_name(scope_id, column)
            while True:
                if key in self._cancelled:
                    return
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:  # a long ingest holds the lock
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.5)
            try:
                if not index_exists(conn, name):
                    if len(scope_indexes(conn, scope_id)) >= MAX_PER_SCOPE:
                        conn.execute("ROLLBACK")
                        log.info(
                            "sort index on %s not built: %d per scope at most",
                            column,
                            MAX_PER_SCOPE,
                        )
                        return
                    conn.execute(create_sql(scope_id, column))
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # an interrupt may have rolled it back already
                    conn.execute("ROLLBACK")
                raise
            self._count(conn, scope_id, column)  # the first sorted view needs no scan
            self._ready.add((scope_id, column))
            log.info(
                "sort index on %s of scope %s ready in %.1f s",
                column,
                scope_id,
                time.monotonic() - started,
            )
            if on_ready is not None:
                on_ready(scope_id, column)
        except sqlite3.OperationalError as exc:
            if key in self._cancelled and "interrupt" in str(exc):
                log.info("sort index on %s cancelled", column)
            else:
                log.exception("building the sort index on %s failed", column)
        except Exception:
            log.exception("building the sort index on %s failed", column)
        finally:
            with self._lock:
                self._building.pop(key, None)
            conn.close()
