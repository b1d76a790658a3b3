"""Reading one page of a snapshot view (raw sqlite3; used by ``SnapshotStore.page``).

Three things make a page cheap at 1,000,000 records:

* **sorted by a record field**: served by the scope's sort index
  (:mod:`snapshot_sort`) once built — a B-tree walk, ~1 ms for the first
  page; until then by a full scan (seconds) while the index builds;
* **full-text search** in id order: one pass over the hits gives the page and
  the exact total (the old page query + count joined every hit twice); sorted
  or filtered FTS views count only up to :data:`COUNT_CAP` (``Page.total_exact``
  False beyond: show "10,000+"); ``SnapshotStore.count`` stays exact. With no
  filter, hits reach their spans through the (body id → record id, hash) keys
  in ``snap_fts_docs`` (``fts_key_view``) instead of the body rows: a 12,500-hit
  page + count at 1M went from ~80-100 ms to ~50-60 ms (idle machine); the
  joined keys are materialized once in SQLite, counted and sorted for the page
  there (:func:`_keys_page`: ~35 ms of CPU for those 12,500 hits, ~44 ms when
  the page was a walk of the spans plus a count);
* **LIKE fallback** (index not built yet): the page stops at ``limit`` matches
  in id order and both rows and count run under a time budget
  (:data:`LIKE_BUDGET`); what the budget cut is flagged (``rows_complete``,
  ``total_exact``) instead of making the GUI wait seconds.

The browser's first rows of a **common word** in id order with no filter (at
least ``sqrt((offset+limit) × records)`` hits) come from walking the
snapshot's spans in id order, each kept when its body is a hit
(:func:`~sage50_desktop.storage.snapshot_search.fts_walk_view`): ~2,000 span
steps for the first 100 rows of a 50,000-hit word at 1M, where joining every
hit to its span first cost ~250 ms (idle). They (:func:`fts_first_page`) skip
the exact count: the total is the index's hit count, an upper bound
(``RawPage.upper_bound``), and the exact count follows in the background (the
view's order). ``page()``, which gives the exact total with its rows, joins
every hit anyway: its page comes from that same pass (:func:`_keys_page`),
not from a walk.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sage50_desktop.storage.snapshot_search import (
    build_view,
    column_expr,
    fts_hits,
    fts_key_view,
    fts_walk_view,
)
from sage50_desktop.storage.snapshot_sort import (
    SortIndexer,
    has_shared_bodies,
    index_name,
    sort_key_sql,
)
from sage50_desktop.storage.snapshot_writer import valid_at

COUNT_CAP = 10_000  # FTS totals are exact up to this many hits
LIKE_BUDGET = 0.25  # seconds a LIKE page (rows, then count) may scan
_LIKE_CHUNK = 5_000  # records counted per LIKE count step
_TICK = 5_000  # SQLite VM steps between budget checks


@dataclass(slots=True)
class RawPage:
    bodies: list[Any]
    total: int
    mode: str | None
    sort: str | None
    total_exact: bool = True
    rows_complete: bool = True
    upper_bound: bool = False  # an inexact total is an upper bound (else a lower bound)


@dataclass(frozen=True, slots=True)
class SnapRef:
    scope_id: int
    seq: int
    fts_ready: bool
    records: int


def read_page(
    conn: sqlite3.Connection,
    snap: SnapRef,
    offset: int,
    limit: int,
    sort_column: str | None,
    descending: bool,
    search_text: str | None,
    filters: Mapping[str, Any] | None,
    sorter: SortIndexer,
    start_sort: Callable[[str], None],
) -> RawPage:
    view = build_view(snap.scope_id, snap.seq, snap.fts_ready, search_text, filters)
    column = sort_column or "id"
    direction = "DESC" if descending else "ASC"
    params = dict(view.params, lim=limit, off=offset)
    sort: str | None = None
    sql = None
    if column != "id":
        sort = "scan"
        if view.mode is None and not has_shared_bodies(conn):
            if sorter.ready(conn, snap.scope_id, column):
                sort = "index"
                sql = indexed_sql(snap.scope_id, column, direction, view.filters)
            else:
                start_sort(column)
    if sql is None:
        order = column_expr(column, params, "sortcol")
        tiebreak = "" if order == "m.record_id" else f", m.record_id {direction}"
        sql = (
            f"SELECT b.body {view.sql} ORDER BY {order} {direction}{tiebreak} "
            f"LIMIT :lim OFFSET :off"
        )
    if view.mode == "like":
        return _like_page(conn, snap, sql, params, view.sql, view.params, sort)
    # no filter: FTS hits reach the spans through snap_fts_docs' keys, not the bodies
    keys = (
        fts_key_view(snap.scope_id, snap.seq, snap.fts_ready, search_text)
        if view.mode == "fts" and not filters
        else None
    )
    counted = keys or view
    if keys is not None and column == "id":
        return _keys_page(conn, keys.sql, keys.params, offset, limit, direction)
    if view.mode == "fts" and column == "id":  # filtered: the hits joined to the bodies
        return _fts_page(conn, view.sql, view.params, offset, limit, descending)
    bodies = [r[0] for r in conn.execute(sql, params)]
    if view.mode is None and not filters:
        return RawPage(bodies, snap.records, None, sort)
    if view.mode == "fts":
        total, exact = capped_count(conn, counted.sql, counted.params, COUNT_CAP)
        return RawPage(bodies, total, "fts", sort, exact)
    total = conn.execute(f"SELECT count(*) {view.sql}", view.params).fetchone()[0]
    return RawPage(bodies, int(total), view.mode, sort)


@dataclass(slots=True)
class _Walk:
    bodies: list[Any]
    hits: int  # the index's hits: an upper bound of the view's matches
    page_sql: str  # SELECT m.hash … LIMIT :lim OFFSET :off
    params: dict[str, Any]


def _walk_page(
    conn: sqlite3.Connection,
    snap: SnapRef,
    offset: int,
    limit: int,
    descending: bool,
    search_text: str | None,
) -> _Walk | None:
    """Rows ``offset .. offset+limit`` of an id-ordered FTS view by walking the spans
    (:func:`fts_walk_view`); None for no FTS search or a rare word (fewer than
    ``sqrt((offset+limit) × records)`` hits: the walk would step over more spans than
    there are hits to join to their spans)."""
    walk = fts_walk_view(snap.scope_id, snap.seq, snap.fts_ready, search_text)
    if walk is None:
        return None
    hits = fts_hits(conn, walk.params["q"])
    if hits * hits < (offset + limit) * snap.records:
        return None
    direction = "DESC" if descending else "ASC"
    page_sql = f"SELECT m.hash {walk.sql} ORDER BY m.record_id {direction} LIMIT :lim OFFSET :off"
    # hashes first, then the page's bodies: selecting b.body in the walk read the body
    # row of every span stepped over (~1.7x slower)
    hashes = [h for (h,) in conn.execute(page_sql, dict(walk.params, lim=limit, off=offset))]
    return _Walk(body_texts(conn, hashes), hits, page_sql, walk.params)


def body_texts(conn: sqlite3.Connection, hashes: Sequence[int]) -> list[Any]:
    """The JSON texts of the bodies stored under ``hashes``, in that order (a hash
    whose body is gone meanwhile is left out)."""
    if not hashes:
        return []
    marks = ",".join("?" * len(hashes))
    found = dict(
        conn.execute(
            f"SELECT hash, body FROM snap_bodies WHERE hash IN ({marks})", list(hashes)
        ).fetchall()
    )
    return [found[h] for h in hashes if h in found]


def fts_first_page(
    conn: sqlite3.Connection, snap: SnapRef, limit: int, descending: bool, search_text: str | None
) -> tuple[RawPage, str, dict[str, Any]] | None:
    """The first ``limit`` rows of an id-ordered full-text search with no filter, without
    its exact count, by walking the spans (:func:`fts_walk_view`); with the page query
    of that walk (``SELECT m.hash … LIMIT :lim OFFSET :off``) and its parameters.

    The total is the index's hit count (:func:`fts_hits`), an upper bound
    (``total_exact`` False, ``upper_bound``) — exact when the walk ended before
    ``limit`` rows. None for a rare word (then :func:`read_page` gives the rows and
    the exact count cheaper) or no FTS search."""
    walk = _walk_page(conn, snap, 0, limit, descending, search_text)
    if walk is None:
        return None
    if len(walk.bodies) < limit:  # every span was walked: the count is exact
        return RawPage(walk.bodies, len(walk.bodies), "fts", None), walk.page_sql, walk.params
    return (
        RawPage(
            walk.bodies, max(walk.hits, limit), "fts", None, total_exact=False, upper_bound=True
        ),
        walk.page_sql,
        walk.params,
    )


def indexed_sql(scope_id: int, column: str, direction: str, filters: list[str]) -> str:
    """A sorted page walking the scope's sort index (bodies drive, spans probed)."""
    key = sort_key_sql(column)
    extra = "".join(f" AND {term}" for term in filters)
    return (
        f"SELECT b.body FROM snap_bodies b INDEXED BY {index_name(scope_id, column)} "
        f"CROSS JOIN snap_spans m ON m.scope_id = :sc AND m.record_id = b.record_id "
        f"AND m.hash = b.hash WHERE b.scope_id = {int(scope_id)} AND "
        f"{valid_at('m', ':seq')}{extra} "
        f"ORDER BY {key} {direction}, b.record_id {direction} LIMIT :lim OFFSET :off"
    )


def _keys_page(
    conn: sqlite3.Connection,
    keys_sql: str,
    params: dict[str, Any],
    offset: int,
    limit: int,
    direction: str,
) -> RawPage:
    """An id-ordered full-text page with no filter and its exact total from ONE pass
    over the hits joined to their spans (``keys_sql``: :func:`fts_key_view`): the hits'
    (record id, hash) are materialized once in SQLite, counted, and the page is their
    first ``offset + limit`` in id order (a bounded sort); then the page's bodies. No
    row of a common word's 50,000 hits comes to Python, and no spans are walked: the
    walk for the page plus a count joining every hit again cost ~20 % more (12,500
    hits at 1M)."""
    rows = conn.execute(
        f"WITH hits AS MATERIALIZED (SELECT m.record_id AS rid, m.hash AS h {keys_sql}) "
        f"SELECT (SELECT count(*) FROM hits), h FROM hits ORDER BY rid {direction} "
        "LIMIT :lim OFFSET :off",
        dict(params, lim=limit, off=offset),
    ).fetchall()
    if rows:
        total = rows[0][0]
    else:  # no hits, or a page past the last: the total alone
        total = conn.execute(f"SELECT count(*) {keys_sql}", params).fetchone()[0]
    return RawPage(body_texts(conn, [h for _total, h in rows]), int(total), "fts", None)


def _fts_page(
    conn: sqlite3.Connection,
    view_sql: str,
    params: dict[str, Any],
    offset: int,
    limit: int,
    descending: bool,
) -> RawPage:
    """FTS hits of a filtered view in id order in ONE pass over the join (page and
    exact count together), then only the page's bodies are read — half the work of a
    page query + a count."""
    hits = conn.execute(f"SELECT m.record_id, b.id {view_sql}", params).fetchall()
    hits.sort(reverse=descending)
    ids = [body_id for _rid, body_id in hits[offset : offset + limit]]
    found = (
        dict(
            conn.execute(
                f"SELECT id, body FROM snap_bodies WHERE id IN ({','.join('?' * len(ids))})", ids
            ).fetchall()
        )
        if ids
        else {}
    )
    return RawPage([found[i] for i in ids], len(hits), "fts", None)


def capped_count(
    conn: sqlite3.Connection, view_sql: str, params: dict[str, Any], cap: int
) -> tuple[int, bool]:
    """(matches, exact): counting stops after ``cap`` matches (then ``exact`` is False)."""
    n = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 {view_sql} LIMIT :cap1)", dict(params, cap1=cap + 1)
    ).fetchone()[0]
    return (cap, False) if n > cap else (int(n), True)


def _like_page(
    conn: sqlite3.Connection,
    snap: SnapRef,
    sql: str,
    params: dict[str, Any],
    view_sql: str,
    view_params: dict[str, Any],
    sort: str | None,
) -> RawPage:
    deadline = time.monotonic() + LIKE_BUDGET
    bodies: list[Any] = []
    conn.set_progress_handler(lambda: time.monotonic() > deadline, _TICK)
    try:
        complete = _collect(conn, sql, params, bodies)
        total, exact = _like_count(conn, view_sql, view_params) if complete else (0, False)
    finally:
        conn.set_progress_handler(None, 0)
    if not exact:
        total = max(total, params["off"] + len(bodies))
    return RawPage([r[0] for r in bodies], total, "like", sort, exact, complete)


def _collect(conn: sqlite3.Connection, sql: str, params: dict[str, Any], out: list[Any]) -> bool:
    """Rows (tuples) of ``sql`` into ``out``; False when the progress handler cut it."""
    try:
        for row in conn.execute(sql, params):
            out.append(row)
    except sqlite3.OperationalError as exc:
        if "interrupt" not in str(exc):
            raise
        return False
    return True


def _like_count(
    conn: sqlite3.Connection, view_sql: str, params: dict[str, Any]
) -> tuple[int, bool]:
    """Matches counted in id-ordered chunks until done (exact) or the budget (the
    caller's progress handler) cuts it: then the count so far, not exact."""
    where = view_sql.split(" WHERE ", 1)[1]
    total, last = 0, ""
    while True:
        row: list[Any] = []
        if not _collect(
            conn,
            (
                f"SELECT max(k.rid), count(*), sum(CASE WHEN EXISTS (SELECT 1 FROM snap_spans m "
                f"JOIN snap_bodies b ON b.hash = m.hash WHERE m.scope_id = :sc AND "
                f"m.record_id = k.rid AND m.hash = k.h AND {where}) THEN 1 ELSE 0 END) "
                f"FROM (SELECT s.record_id AS rid, s.hash AS h FROM snap_spans s "
                f"WHERE s.scope_id = :sc AND {valid_at('s', ':seq')} AND s.record_id > :last "
                f"ORDER BY s.record_id LIMIT {_LIKE_CHUNK}) k"
            ),
            dict(params, last=last),
            row,
        ):
            return total, False
        rid, scanned, hits = row[0] if row else (None, 0, 0)
        if not scanned or rid is None:
            return total, True
        total += int(hits or 0)
        last = str(rid)
        if scanned < _LIKE_CHUNK:
            return total, True
