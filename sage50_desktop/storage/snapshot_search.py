"""Query building for pages, counts and exports, and the background full-text index.

A view of a snapshot = its spans joined with their bodies, optionally narrowed
by a search text and column filters, ordered by a column — all done by SQLite:

* search: FTS5 ``MATCH`` (every word, as a prefix) once the snapshot's index is
  built; until then ``LIKE '%word%'`` on the body text (slower, same meaning
  for plain words).
* filters: ``{column: value}`` or ``{column: (op, value)}`` with op one of
  ``= != < <= > >= contains startswith``; columns are dotted paths into the
  record (``json_extract``), ``id`` is the record id.
* order: ``id`` (the primary key; cheap) or any dotted column via
  ``json_extract`` (a full scan with a top-N sort).
"""

from __future__ import annotations

import logging
import queue
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from sage50_desktop.storage.snapshot_records import json_path, search_text
from sage50_desktop.storage.snapshot_writer import valid_at

log = logging.getLogger(__name__)

_OPS = {"=": "=", "==": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class ViewQuery:
    """FROM/WHERE of a snapshot view with its parameters; ``mode`` is how search ran."""

    sql: str
    params: dict[str, Any]
    mode: str | None  # None (no search), "fts" or "like"
    filters: list[str] = field(default_factory=list)  # the filter terms alone (AND)


def fts_query(text: str) -> str | None:
    words = _WORD.findall(text)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def column_expr(column: str, params: dict[str, Any], name: str) -> str:
    if column in ("id", "", None):
        return "m.record_id"
    params[name] = json_path(column)
    return f"json_extract(b.body, :{name})"


def build_view(
    scope_id: int, seq: int, fts_ready: bool, search: str | None, filters: Mapping[str, Any] | None
) -> ViewQuery:
    params: dict[str, Any] = {"sc": scope_id, "seq": seq}
    sql = "FROM snap_spans m JOIN snap_bodies b ON b.hash = m.hash"
    where = [f"m.scope_id = :sc AND {valid_at('m', ':seq')}"]
    mode = None
    if search and search.strip():
        words = _WORD.findall(search)
        if fts_ready and words:
            mode = "fts"
            params["q"] = fts_query(search)
            sql = (
                "FROM (SELECT rowid AS hit FROM snap_fts WHERE snap_fts MATCH :q) f "
                "CROSS JOIN snap_bodies b ON b.id = f.hit "  # CROSS: FTS drives the join
                "CROSS JOIN snap_spans m ON m.scope_id = :sc AND m.record_id = b.record_id "
                "AND m.hash = b.hash"
            )
        elif words:
            mode = "like"
            for i, word in enumerate(words):
                params[f"w{i}"] = "%" + _like_escape(word) + "%"
                where.append(f"b.body LIKE :w{i} ESCAPE '\\'")
    terms = filter_terms(filters, params)
    where.extend(terms)
    sql += " WHERE " + " AND ".join(where)
    return ViewQuery(sql, params, mode, terms)


def fts_key_view(scope_id: int, seq: int, fts_ready: bool, search: str | None) -> ViewQuery | None:
    """The FTS view without bodies: hits → ``snap_fts_docs`` keys → spans (aliases
    ``d``, ``m``; no ``b``). Far fewer page reads than joining the bodies; for
    counts and id-ordered pages with no filter. None when search is not FTS."""
    query = fts_query(search) if fts_ready and search and search.strip() else None
    if query is None:
        return None
    sql = (
        "FROM (SELECT rowid AS hit FROM snap_fts WHERE snap_fts MATCH :q) f "
        "CROSS JOIN snap_fts_docs d ON d.body_id = f.hit "
        "CROSS JOIN snap_spans m ON m.scope_id = :sc AND m.record_id = d.record_id "
        f"AND m.hash = d.hash WHERE m.scope_id = :sc AND {valid_at('m', ':seq')}"
    )
    return ViewQuery(sql, {"sc": scope_id, "seq": seq, "q": query}, "fts")


def filter_terms(filters: Mapping[str, Any] | None, params: dict[str, Any]) -> list[str]:
    """SQL terms (over ``b.body``/``m.record_id``) of column filters; fills ``params``."""
    where: list[str] = []
    for i, (column, condition) in enumerate((filters or {}).items()):
        op, value = condition if isinstance(condition, tuple) else ("=", condition)
        expr = column_expr(column, params, f"fc{i}")
        if op == "contains":
            params[f"fv{i}"] = "%" + _like_escape(str(value)) + "%"
            where.append(f"{expr} LIKE :fv{i} ESCAPE '\\'")
        elif op == "startswith":
            params[f"fv{i}"] = _like_escape(str(value)) + "%"
            where.append(f"{expr} LIKE :fv{i} ESCAPE '\\'")
        elif op in _OPS:
            if value is None:
                where.append(f"{expr} IS {'NOT ' if op == '!=' else ''}NULL")
            else:
                params[f"fv{i}"] = int(value) if isinstance(value, bool) else value
                where.append(f"{expr} {_OPS[op]} :fv{i}")
        else:
            raise ValueError(f"unknown filter operator {op!r}")
    return where


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --- the background full-text index -------------------------------------------------
def _not_indexed(conn: sqlite3.Connection, todo: list[Any], chunk: int = 900) -> list[Any]:
    """The entries of ``todo`` (body id first) whose body is not in ``snap_fts_docs``."""
    present: set[int] = set()
    for start in range(0, len(todo), chunk):
        ids = [t[0] for t in todo[start : start + chunk]]
        present.update(
            r[0]
            for r in conn.execute(
                f"SELECT body_id FROM snap_fts_docs WHERE body_id IN ({','.join('?' * len(ids))})",
                ids,
            )
        )
    return [t for t in todo if t[0] not in present] if present else todo


class IndexBuilder:
    """Builds the FTS5 index of a snapshot's bodies in background threads.

    Two stages overlap: a reader thread pages through the snapshot's keys in
    id order and turns the bodies not indexed yet into their search text (a
    read transaction, Python: ``orjson.loads`` + string values), while the
    builder thread inserts them into ``snap_fts`` (SQLite's C tokenizer, the
    GIL released) in write transactions of :attr:`batch` bodies — short enough
    that an ingest never waits long for the lock, large enough that FTS5 does
    not flush a small segment per transaction. Only bodies not indexed yet are
    added, so the index of a new version costs only its changed records, and a
    cancelled or interrupted build resumes where it stopped. When done, the
    snapshot's ``fts_ready`` is set and ``on_ready(snapshot_id)`` is called from
    the builder thread; ``progress(snapshot_id, done, total)`` after each batch.

    :meth:`pause`/:meth:`resume` (counted) hold builds between batches while a
    sync runs (they would only compete with it for the GIL and the write lock);
    :meth:`cancel` stops one build at its next batch.
    """

    def __init__(self, connect: Callable[[], sqlite3.Connection], batch: int = 10_000) -> None:
        self._connect = connect
        self.batch = batch
        self._lock = threading.Lock()
        self._threads: dict[int, threading.Thread] = {}
        self._cancels: dict[int, threading.Event] = {}
        self._stop = threading.Event()
        self._paused = 0
        self._gate = threading.Condition()

    def pause(self) -> None:
        """Hold builds at their next batch until :meth:`resume` (nestable)."""
        with self._gate:
            self._paused += 1

    def resume(self) -> None:
        with self._gate:
            self._paused = max(0, self._paused - 1)
            if not self._paused:
                self._gate.notify_all()

    def _wait_resumed(self, cancel: threading.Event) -> None:
        with self._gate:
            while self._paused and not self._stop.is_set() and not cancel.is_set():
                self._gate.wait(0.5)

    def start(
        self,
        snapshot_id: int,
        on_ready: Callable[[int], None] | None = None,
        progress: Callable[[int, int, int], None] | None = None,
    ) -> None:
        with self._lock:
            thread = self._threads.get(snapshot_id)
            if thread is not None and thread.is_alive():
                return
            cancel = self._cancels[snapshot_id] = threading.Event()
            thread = threading.Thread(
                target=self._run,
                args=(snapshot_id, on_ready, progress, cancel),
                name=f"fts-{snapshot_id}",
                daemon=True,
            )
            self._threads[snapshot_id] = thread
            thread.start()

    def cancel(self, snapshot_id: int) -> None:
        """Stop the build of a snapshot at its next batch (what is built stays)."""
        event = self._cancels.get(snapshot_id)
        if event is not None:
            event.set()
            with self._gate:
                self._gate.notify_all()

    def building(self, snapshot_id: int) -> bool:
        thread = self._threads.get(snapshot_id)
        return thread is not None and thread.is_alive()

    def wait(self, snapshot_id: int, timeout: float | None = None) -> bool:
        thread = self._threads.get(snapshot_id)
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def stop(self) -> None:
        self._stop.set()
        with self._gate:
            self._gate.notify_all()
        for thread in list(self._threads.values()):
            thread.join()

    def _run(
        self,
        snapshot_id: int,
        on_ready: Callable[[int], None] | None,
        progress: Callable[[int, int, int], None] | None,
        cancel: threading.Event,
    ) -> None:
        conn = self._connect()
        try:
            if self._build(conn, snapshot_id, cancel, progress) and on_ready is not None:
                on_ready(snapshot_id)
        except Exception:
            log.exception("building the search index of snapshot %s failed", snapshot_id)
        finally:
            conn.close()

    def _halted(self, cancel: threading.Event) -> bool:
        return self._stop.is_set() or cancel.is_set()

    def _build(
        self,
        conn: sqlite3.Connection,
        snapshot_id: int,
        cancel: threading.Event,
        progress: Callable[[int, int, int], None] | None = None,
    ) -> bool:
        row = conn.execute(
            "SELECT scope_id, seq, records FROM snap_snapshots WHERE id=?", (snapshot_id,)
        ).fetchone()
        if row is None:
            return False
        scope_id, seq, total = row
        started = time.monotonic()
        batches: queue.Queue[Any] = queue.Queue(maxsize=2)
        halt = threading.Event()
        reader = threading.Thread(
            target=self._read,
            name=f"fts-read-{snapshot_id}",
            args=(scope_id, seq, batches, halt),
            daemon=True,
        )
        reader.start()
        done = 0
        try:
            while True:
                self._wait_resumed(cancel)
                if self._halted(cancel):
                    return False
                try:
                    item = batches.get(timeout=0.2)
                except queue.Empty:
                    continue
                if isinstance(item, BaseException):
                    raise item
                if item is None:  # every key read
                    break
                keys, todo = item
                self._begin(conn)
                try:
                    if (
                        conn.execute(
                            "SELECT 1 FROM snap_snapshots WHERE id=?", (snapshot_id,)
                        ).fetchone()
                        is None
                    ):
                        conn.execute("ROLLBACK")
                        return False
                    # another build (an older version of the scope) may have indexed
                    # some of these since they were read: never index a body twice
                    todo = _not_indexed(conn, todo)
                    if todo:
                        conn.executemany(
                            "INSERT INTO snap_fts(rowid, text) VALUES (?,?)",
                            [(i, text) for i, text, _r, _h in todo],
                        )
                        conn.executemany(
                            "INSERT INTO snap_fts_docs(body_id, record_id, hash) VALUES (?,?,?)",
                            [(i, r, h) for i, _t, r, h in todo],
                        )
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                done += keys
                if progress is not None:
                    progress(snapshot_id, min(done, total), total)
            self._begin(conn)
            conn.execute("UPDATE snap_snapshots SET fts_ready=1 WHERE id=?", (snapshot_id,))
            conn.execute("COMMIT")
            log.info(
                "search index of snapshot %s ready in %.1f s",
                snapshot_id,
                time.monotonic() - started,
            )
            return True
        finally:
            halt.set()
            reader.join()

    def _read(self, scope_id: int, seq: int, out: queue.Queue[Any], halt: threading.Event) -> None:
        """Reader thread: batches of (keys read, [(body id, text, record id, hash)])
        not indexed yet, in id order; then None (or the error)."""
        conn = self._connect()

        def put(item: Any) -> bool:
            while not halt.is_set():
                try:
                    out.put(item, timeout=0.2)
                    return True
                except queue.Full:
                    continue
            return False

        try:
            last = ""
            while not halt.is_set():
                # one pass over a batch of keys in id order, with the bodies not indexed
                # yet (a body already indexed is not even read: CASE loads it lazily)
                keys = conn.execute(
                    "SELECT m.record_id, m.hash, b.id, CASE WHEN d.body_id IS NULL THEN b.body END "
                    "FROM snap_spans m CROSS JOIN snap_bodies b ON b.hash = m.hash "
                    "LEFT JOIN snap_fts_docs d ON d.body_id = b.id "
                    f"WHERE m.scope_id=? AND {valid_at('m', '?')} AND m.record_id > ? "
                    "ORDER BY m.record_id LIMIT ?",
                    (scope_id, seq, seq, last, self.batch),
                ).fetchall()
                if not keys:
                    put(None)
                    return
                last = keys[-1][0]
                bodies = {i: (r, h, body) for r, h, i, body in keys if body is not None}
                # in rowid order: FTS5 appends to its pending doclists only while rowids
                # grow, and flushes a segment at every step back (a random order made
                # the build ~2.5x slower than a bulk insert)
                todo = [
                    (i, search_text(orjson.loads(body)), r, h)
                    for i, (r, h, body) in sorted(bodies.items())
                ]
                if not put((len(keys), todo)):
                    return
        except BaseException as exc:  # forwarded to the builder thread
            put(exc)
        finally:
            conn.close()

    @staticmethod
    def _begin(conn: sqlite3.Connection) -> None:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:  # locked past busy_timeout: wait more
                if "locked" not in str(exc):
                    raise
                time.sleep(0.5)
