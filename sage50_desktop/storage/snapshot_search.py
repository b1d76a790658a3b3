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
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from sage50_desktop.storage.snapshot_records import (
    SEARCH_TEXT_SQL,
    SEARCH_TEXT_SQL_SAFE,
    json_path,
    search_text,
)
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


def fts_walk_view(scope_id: int, seq: int, fts_ready: bool, search: str | None) -> ViewQuery | None:
    """The FTS view driven by the snapshot's spans (aliases ``m``, ``b``): spans in
    record id order, each kept when its body is a hit. The hits are read once into a
    temporary index (``+b.id IN (…)``: the ``+`` stops SQLite probing the body index
    once per hit for every span). Its first ``n`` rows in id order cost about
    ``n × records / hits`` span steps and no hit is joined to its span: cheap for
    common words, where :func:`fts_key_view` joins every hit before the first row.
    Same rows as :func:`build_view` (a record's span is valid once at ``seq``, a
    body belongs to one record). None when search is not FTS."""
    query = fts_query(search) if fts_ready and search and search.strip() else None
    if query is None:
        return None
    sql = (
        "FROM snap_spans m CROSS JOIN snap_bodies b ON b.hash = m.hash "
        f"WHERE m.scope_id = :sc AND {valid_at('m', ':seq')} "
        "AND +b.id IN (SELECT rowid FROM snap_fts WHERE snap_fts MATCH :q)"
    )
    return ViewQuery(sql, {"sc": scope_id, "seq": seq, "q": query}, "fts")


def fts_hits(conn: sqlite3.Connection, query: str) -> int:
    """Bodies of every scope and version matching an FTS query: an upper bound of a
    snapshot's matches (exact when the index holds that snapshot's bodies alone)."""
    return int(
        conn.execute(
            "SELECT count(*) FROM snap_fts WHERE snap_fts MATCH :q", {"q": query}
        ).fetchone()[0]
    )


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
#: FTS5 keeps up to this many bytes of new doclists in memory before it writes a
#: segment (default 1 MB): fewer, larger level-0 segments, so less merging — about
#: 15-20% less work for a bulk build; the memory is the builder's while it runs
HASHSIZE = 16 * 2**20
_SAFE = SEARCH_TEXT_SQL_SAFE.format(body="b.body")
_TEXT = SEARCH_TEXT_SQL.format(body="b.body")
_BATCH_TABLE = (
    "CREATE TEMP TABLE IF NOT EXISTS snap_fts_batch "
    "(record_id TEXT NOT NULL, hash INTEGER NOT NULL, body_id INTEGER NOT NULL)"
)
#: the next keys of a snapshot (id order, from ``record_id > :last``) whose body is
#: not indexed yet; spans that began at or before ``:ready`` (a snapshot of the scope
#: whose index is complete) are skipped unread: their bodies were indexed with it
_NEXT_KEYS = (
    "INSERT INTO temp.snap_fts_batch(record_id, hash, body_id) "
    "SELECT m.record_id, m.hash, b.id FROM snap_spans m "
    "CROSS JOIN snap_bodies b ON b.hash = m.hash "
    f"WHERE m.scope_id = :sc AND {valid_at('m', ':seq')} AND m.first_seq > :ready "
    "AND m.record_id > :last "
    "AND NOT EXISTS (SELECT 1 FROM snap_fts_docs d WHERE d.body_id = b.id) "
    "ORDER BY m.record_id LIMIT :n"
)
#: their search text into the index, made and tokenized by SQLite in one statement (no
#: Python per body, the GIL released), in rowid order: FTS5 appends to its pending
#: doclists only while rowids grow and flushes a segment at every step back
_INSERT_TEXTS = (
    f"INSERT INTO snap_fts(rowid, text) SELECT b.id, {_TEXT} FROM temp.snap_fts_batch k "
    f"CROSS JOIN snap_bodies b ON b.id = k.body_id WHERE {_SAFE} ORDER BY b.id"
)
#: the rare bodies whose text only Python makes (see :data:`SEARCH_TEXT_SQL_SAFE`)
_ODD_BODIES = (
    "SELECT b.id, b.body FROM temp.snap_fts_batch k "
    f"CROSS JOIN snap_bodies b ON b.id = k.body_id WHERE NOT {_SAFE} ORDER BY b.id"
)


def _configure(conn: sqlite3.Connection) -> None:
    """Set ``snap_fts``'s :data:`HASHSIZE` if it is not yet (in a write transaction)."""
    row = conn.execute("SELECT v FROM snap_fts_config WHERE k='hashsize'").fetchone()
    if row is None or row[0] != HASHSIZE:
        conn.execute("INSERT INTO snap_fts(snap_fts, rank) VALUES ('hashsize', ?)", (HASHSIZE,))


class IndexBuilder:
    """Builds the FTS5 index of a snapshot's bodies in a background thread.

    Each batch is one write transaction of three statements that run wholly in
    SQLite (the GIL released, no Python per body): the next :attr:`batch` keys
    whose body is not indexed yet (id order), their search text
    (:data:`~sage50_desktop.storage.snapshot_records.SEARCH_TEXT_SQL`) into
    ``snap_fts`` in rowid order, and their keys into ``snap_fts_docs``.
    Transactions are short enough that an ingest never waits long for the lock,
    large enough that FTS5 writes one segment per transaction (``hashsize``
    :data:`HASHSIZE`). Only bodies not indexed yet are added — and spans older
    than a snapshot of the scope whose index is complete are not even read — so
    the index of a new version costs only its changed records, and a cancelled
    or interrupted build resumes where it stopped. When done, the snapshot's
    ``fts_ready`` is set and ``on_ready(snapshot_id)`` is called from the
    builder thread; ``progress(snapshot_id, done, total)`` after each batch.

    :meth:`pause`/:meth:`resume` (counted) hold builds between batches while a
    sync runs (they would only compete with it for the CPU and the write lock);
    :meth:`cancel` stops one build at its next batch.
    """

    def __init__(self, connect: Callable[[], sqlite3.Connection], batch: int = 20_000) -> None:
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
        # a batch's bodies stay in the page cache from the text insert to the odd-body check
        conn.execute("PRAGMA cache_size=-32768")
        conn.execute(_BATCH_TABLE)
        conn.execute("DELETE FROM temp.snap_fts_batch")
        params = {"sc": scope_id, "seq": seq, "last": "", "n": self.batch, "ready": 0}
        done = 0
        while True:
            self._wait_resumed(cancel)
            if self._halted(cancel):
                return False
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
                if done == 0:
                    _configure(conn)
                    # the latest snapshot of the scope before this one whose index is
                    # complete: the bodies of the spans this one shares with it are
                    # indexed (and stay so while a span refers to them, even if it goes)
                    params["ready"] = conn.execute(
                        "SELECT coalesce(max(seq), 0) FROM snap_snapshots "
                        "WHERE scope_id=? AND seq<? AND fts_ready=1",
                        (scope_id, seq),
                    ).fetchone()[0]
                conn.execute(_NEXT_KEYS, params)
                keys, last = conn.execute(
                    "SELECT count(*), max(record_id) FROM temp.snap_fts_batch"
                ).fetchone()
                if keys:
                    conn.execute(_INSERT_TEXTS)
                    odd = [
                        (i, search_text(orjson.loads(body)))
                        for i, body in conn.execute(_ODD_BODIES)
                    ]
                    if odd:
                        conn.executemany("INSERT INTO snap_fts(rowid, text) VALUES (?,?)", odd)
                    conn.execute(
                        "INSERT INTO snap_fts_docs(body_id, record_id, hash) "
                        "SELECT body_id, record_id, hash FROM temp.snap_fts_batch"
                    )
                    conn.execute("DELETE FROM temp.snap_fts_batch")
                else:  # every key indexed: the snapshot's index is complete
                    conn.execute("UPDATE snap_snapshots SET fts_ready=1 WHERE id=?", (snapshot_id,))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")  # the batch table's rows too
                raise
            if not keys:
                break
            params["last"] = last
            done += keys
            if progress is not None:
                progress(snapshot_id, min(done, total), total)
        if progress is not None and done < total:  # keys skipped as indexed before
            progress(snapshot_id, total, total)
        log.info(
            "search index of snapshot %s ready in %.1f s", snapshot_id, time.monotonic() - started
        )
        return True

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
