"""Qt-free reads of one snapshot view on worker threads: pages, counts, interruptible.

A small adapter over the snapshot engine (no Qt here). The browser needs two
things :meth:`SnapshotStore.page` does not give:

* a page **without** its total: ``page()`` recounts the view on every call,
  which for a ``LIKE`` search (index not built yet) is a full scan per page;
  the table counts once per view and then only fetches rows;
* **cancellation**: search-as-you-type supersedes queries that may still be
  scanning; each worker has its own SQLite connection, so a superseded query
  is stopped with ``sqlite3.Connection.interrupt()`` instead of finishing.

The SQL is the engine's own (``build_view``/``column_expr`` from
:mod:`sage50_desktop.storage.snapshot_search`, ``indexed_sql`` from
:mod:`sage50_desktop.storage.snapshot_pages`, the sort indexes of
:mod:`sage50_desktop.storage.snapshot_sort`), so results match ``page()`` and
``count()`` exactly.

**Plans** (:func:`plan_view`, run on a worker when a view is shown): a view is
read in the cheapest exact way the engine allows, and nothing proportional to
the snapshot is built before the first rows:

* ``id``: no search/filter, id order — the count is the snapshot's record
  count; a page is ``LIMIT/OFFSET`` over the spans' primary key (hashes only,
  then ``limit`` bodies): ~2 ms at offset 0, ~0.1 s at offset 900,000 (1M);
* ``index``: no search/filter, sorted by a column whose sort index is built and
  holds exactly the snapshot's bodies (one version kept): a page is an
  index-only ``LIMIT/OFFSET`` walk (~0.15 µs a skipped row: ~0.13 s at
  900,000), then ``limit`` bodies;
* ``probe``: the same with older versions' bodies in the index — the engine's
  indexed query (a span probe per row, ~7 µs: fast near the top); the full
  order is then built in the background (:meth:`QueryRunner.complete_order`)
  and deep pages become direct lookups. An index not counted yet (found on
  disk by a new process) is planned as ``probe`` too — exact at once — and
  counted by ``complete_order``, which makes it an ``index`` plan in place
  when it holds just the snapshot's bodies (no order built);
* ``id``, ``index`` and ``probe`` plans carry their first rows (``first_rows``:
  a view, also the records a window opens on at start, is shown with its rows);
  ``id`` and ``index`` plans never build a full order: their deep pages are
  ``LIMIT/OFFSET`` walks of a B-tree on a worker, with the GIL released;
* ``first``: searches and filters — the engine's first-page query
  (:func:`~sage50_desktop.storage.snapshot_pages.read_page`, as
  ``SnapshotStore.page()``) gives the first rows and the count (for sorted or
  filtered full-text searches capped at ``COUNT_CAP``: ``ViewPlan.exact`` False,
  a lower bound). A common word in id order with no filter is read by walking
  the spans instead (:func:`~sage50_desktop.storage.snapshot_pages.fts_first_page`):
  the first rows without joining every hit, the count the index's hit count
  (``ViewPlan.upper_bound``: an upper bound, exact once the order is built, at
  once in the background). Further pages are
  ``LIMIT/OFFSET`` queries until the full order is built in the background
  (:meth:`QueryRunner.complete_order`, started for an inexact count or a page
  past the top); then they are direct lookups and the count is exact;
* ``list``: sorts without a usable index (the scan), and searches whose first
  page the LIKE fallback's time budget cut — the hashes in display order
  (8 bytes a record), fetched in chunks off the GUI thread; its length is the
  count.

A sorted view whose index is not built yet is ``waiting``: the index build is
started (``SnapshotStore.build_sort_index``) and the caller keeps showing what
it showed, asking again (:meth:`QueryRunner.sort_status`) until it is ready.
"""

from __future__ import annotations

import functools
import itertools
import sqlite3
import threading
from array import array
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, TypeVar

import orjson

from sage50_desktop.storage.snapshot_pages import (
    SnapRef,
    body_texts,
    fts_first_page,
    indexed_sql,
    read_page,
)
from sage50_desktop.storage.snapshot_search import build_view, column_expr, fts_key_view
from sage50_desktop.storage.snapshot_sort import has_shared_bodies, index_name, sort_key_sql
from sage50_desktop.storage.snapshot_store import SnapshotNotFound, SnapshotStore
from sage50_desktop.storage.snapshot_writer import valid_at

T = TypeVar("T")

FILTER_OPS = ("contains", "=", "!=", "<", "<=", ">", ">=", "startswith")


class QueryCancelled(Exception):
    """A newer query of the same lane replaced this one."""


@dataclass(frozen=True, slots=True)
class ViewSpec:
    """What the table shows: a snapshot, searched, filtered and sorted (hashable)."""

    snapshot_id: int
    sort_column: str | None = None
    descending: bool = False
    search: str = ""
    filters: tuple[tuple[str, str, Any], ...] = field(default=())

    def filter_map(self) -> dict[str, Any]:
        """Filters as the engine takes them: ``{path: (op, value)}``."""
        return {path: (op, value) for path, op, value in self.filters}


def _snapshot_row(conn: sqlite3.Connection, snapshot_id: int) -> tuple[int, int, bool]:
    row = conn.execute(
        "SELECT scope_id, seq, fts_ready FROM snap_snapshots WHERE id=?", (snapshot_id,)
    ).fetchone()
    if row is None:
        raise SnapshotNotFound(f"snapshot {snapshot_id} does not exist")
    return int(row[0]), int(row[1]), bool(row[2])


def count_view(conn: sqlite3.Connection, spec: ViewSpec) -> tuple[int, str | None]:
    """(records matching the view, search mode: None, ``fts`` or ``like``)."""
    scope_id, seq, fts = _snapshot_row(conn, spec.snapshot_id)
    view = build_view(scope_id, seq, fts, spec.search, spec.filter_map())
    if view.mode is None and not spec.filters:
        row = conn.execute(
            "SELECT records FROM snap_snapshots WHERE id=?", (spec.snapshot_id,)
        ).fetchone()
        return int(row[0]), None
    return int(conn.execute(f"SELECT count(*) {view.sql}", view.params).fetchone()[0]), view.mode


def view_order(conn: sqlite3.Connection, spec: ViewSpec) -> tuple[array[int], str | None]:
    """The body hashes of the view's records in display order, and the search mode.

    Eight bytes per record (8 MB at 1,000,000), never the records: with it the
    count is its length and any page is a direct lookup of ``limit`` bodies,
    where ``LIMIT … OFFSET`` would re-run the join (and the sort) up to the
    offset for every page (seconds deep in a million-record snapshot).
    """
    scope_id, seq, fts = _snapshot_row(conn, spec.snapshot_id)
    view = build_view(scope_id, seq, fts, spec.search, spec.filter_map())
    direction = "DESC" if spec.descending else "ASC"
    params = dict(view.params)
    order = column_expr(spec.sort_column or "id", params, "sortcol")
    keys = fts_key_view(scope_id, seq, fts, spec.search) if not spec.filters else None
    if view.mode is None and not spec.filters and order == "m.record_id":
        # the plain view in id order: the spans' primary key alone, no body touched
        sql = (
            f"SELECT m.hash FROM snap_spans m WHERE m.scope_id=:sc AND "
            f"{valid_at('m', ':seq')} ORDER BY m.record_id {direction}"
        )
        params = {"sc": scope_id, "seq": seq}
    elif keys is not None and order == "m.record_id":
        # a search in id order: hits reach their spans through the index's keys, not the
        # bodies (the exact count of a common word's first rows; ~2x fewer page reads)
        sql = f"SELECT m.hash {keys.sql} ORDER BY m.record_id {direction}"
        params = keys.params
    else:
        tiebreak = "" if order == "m.record_id" else f", m.record_id {direction}"
        sql = f"SELECT m.hash {view.sql} ORDER BY {order} {direction}{tiebreak}"
    return _hash_array(conn.execute(sql, params)), view.mode


PROBE_DEEP = 10_000  # rows a page of an uncounted probe plan skips by probing (~7 µs a row)
ORDER_CHUNK = 5000  # rows a worker turns into hashes at once while holding the GIL


def _hash_array(cursor: sqlite3.Cursor) -> array[int]:
    """The first column of every row as an ``array('q')``, in small chunks and in C
    (``map(itemgetter(0))``, no Python loop): a worker building the order of a large
    view holds the GIL for ~0.2 ms at a time — with a per-row generator it held it
    for whole switch intervals, and every cell the GUI thread painted meanwhile
    waited for it (each ``data()`` call of a paint needs the GIL back)."""
    hashes = array("q")
    first = itemgetter(0)
    while chunk := cursor.fetchmany(ORDER_CHUNK):
        hashes.extend(map(first, chunk))
    return hashes


def bodies(conn: sqlite3.Connection, hashes: Sequence[int]) -> list[dict[str, Any]]:
    """The records stored under ``hashes``, in that order."""
    return [orjson.loads(text) for text in body_texts(conn, hashes)]


def fetch_rows(
    conn: sqlite3.Connection, spec: ViewSpec, offset: int, limit: int
) -> list[dict[str, Any]]:
    """Records ``offset .. offset+limit`` of the view, in order (same SQL as ``page()``)."""
    scope_id, seq, fts = _snapshot_row(conn, spec.snapshot_id)
    view = build_view(scope_id, seq, fts, spec.search, spec.filter_map())
    params = dict(view.params, lim=limit, off=offset)
    order = column_expr(spec.sort_column or "id", params, "sortcol")
    direction = "DESC" if spec.descending else "ASC"
    tiebreak = "" if order == "m.record_id" else f", m.record_id {direction}"
    sql = f"SELECT b.body {view.sql} ORDER BY {order} {direction}{tiebreak} LIMIT :lim OFFSET :off"
    return [orjson.loads(body) for (body,) in conn.execute(sql, params)]


ID, INDEX, PROBE, FIRST, LIST, WAITING = "id", "index", "probe", "first", "list", "waiting"


@dataclass(eq=False, slots=True)
class ViewPlan:
    """How one view is read (see the module doc): its count and how to get a page.

    ``order`` is the view's hashes in display order when known (``list`` plans;
    ``probe`` and ``first`` plans once :meth:`QueryRunner.complete_order` ran); pages
    then are direct lookups. ``page_sql`` returns the hashes of ``:lim`` rows at
    ``:off``. ``first`` plans carry their first rows (``first_rows``, rows from
    ``first_offset``: sorted plans may bring the rows at a kept place) and ``exact``
    (False: ``count`` is a lower bound until the order is complete — an upper bound,
    the index's hit count, when ``upper_bound``: a common word's first rows). A ``probe`` plan
    whose sort index was not counted yet (``index_counted`` False: found on disk by a
    new process) may become an ``index`` plan once :meth:`QueryRunner.complete_order`
    has counted it.
    """

    spec: ViewSpec
    strategy: str
    count: int
    mode: str | None = None
    page_sql: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    order: array[int] | None = None
    first_rows: list[dict[str, Any]] | None = None
    exact: bool = True
    index_counted: bool = True
    first_offset: int = 0
    upper_bound: bool = False

    @property
    def sort(self) -> str | None:
        """How rows are ordered: None (id order), ``index`` or ``scan``."""
        if self.spec.sort_column in (None, "", "id"):
            return None
        return INDEX if self.strategy in (INDEX, PROBE) else "scan"


def _sorted_by_field(spec: ViewSpec) -> bool:
    return spec.sort_column not in (None, "", "id")


def plan_view(
    conn: sqlite3.Connection,
    store: SnapshotStore,
    spec: ViewSpec,
    wait_for_index: bool = True,
    first: int = 0,
    at: int = 0,
) -> ViewPlan:
    """The cheapest way to read ``spec`` (runs on a worker; bounded work except
    ``list`` plans, whose cost is the scan itself). ``first`` > 0: searches and
    filters are ``first`` plans carrying their first ``first`` rows, and sorted
    ``index``/``probe`` plans carry rows too (the sorted view is shown with its
    rows, one worker round trip fewer): ``first`` rows from the top, or — ``at`` > 0,
    the place a re-sorted view keeps — ``2 * first`` rows from ``at``
    (``ViewPlan.first_offset``); so do plain ``id`` plans (a page of the id order, as
    at start)."""
    scope_id, seq, fts = _snapshot_row(conn, spec.snapshot_id)
    plain = not spec.filters and not (spec.search and spec.search.strip())
    if not plain and first > 0:
        plan = _first_page_plan(conn, spec, scope_id, seq, fts, first)
        if plan is not None:
            return plan
    direction = "DESC" if spec.descending else "ASC"
    if plain and not _sorted_by_field(spec):
        records = conn.execute(
            "SELECT records FROM snap_snapshots WHERE id=?", (spec.snapshot_id,)
        ).fetchone()[0]
        sql = (
            f"SELECT m.hash FROM snap_spans m WHERE m.scope_id=:sc AND "
            f"{valid_at('m', ':seq')} ORDER BY m.record_id {direction} "
            f"LIMIT :lim OFFSET :off"
        )
        plan = ViewPlan(spec, ID, int(records), None, sql, {"sc": scope_id, "seq": seq})
        if first > 0 and plan.count:  # the records' first page, e.g. at start
            _bring_rows(conn, plan, first, at)
        return plan
    if plain and not has_shared_bodies(conn):
        column = str(spec.sort_column)
        ready = store.sort_ready(spec.snapshot_id, column)
        if not ready and wait_for_index and _start_sort_index(store, spec.snapshot_id, column):
            return ViewPlan(spec, WAITING, 0)
        if ready or store.sort_ready(spec.snapshot_id, column):  # (or built meanwhile)
            plan = _indexed_plan(conn, store, spec, scope_id, seq, column, direction)
            if first > 0:  # an index walk: ~1-7 ms at the top, ~0.15 s at 1,000,000
                if (
                    plan.strategy == PROBE
                    and not plan.index_counted
                    and _page_start(plan, first, at) >= PROBE_DEEP
                ):
                    count_sort_index(conn, store, plan)  # cheaper than probing every row
                _bring_rows(conn, plan, first, at)
            return plan
    hashes, mode = view_order(conn, spec)
    return ViewPlan(spec, LIST, len(hashes), mode, order=hashes)


def _page_start(plan: ViewPlan, first: int, at: int) -> int:
    """Where a plan's rows start: ``at`` within the view, page-aligned (0: the top)."""
    at = max(0, min(at, plan.count - 1))
    return at - at % first


def _bring_rows(conn: sqlite3.Connection, plan: ViewPlan, first: int, at: int) -> None:
    """Give ``plan`` its rows (one worker round trip fewer before they are shown):
    ``first`` rows from the top, or ``2 * first`` rows from the page-aligned ``at``."""
    start = _page_start(plan, first, at)
    plan.first_offset = start
    plan.first_rows = bodies(conn, plan_hashes(conn, plan, start, 2 * first if start else first))


class _NoSortIndex:
    """For :func:`read_page`: filtered views are read in the scan order of
    :func:`view_order` (so the first page is the first page of the full order)."""

    def ready(self, conn: sqlite3.Connection, scope_id: int, column: str) -> bool:
        return False


def _first_page_plan(
    conn: sqlite3.Connection, spec: ViewSpec, scope_id: int, seq: int, fts: bool, limit: int
) -> ViewPlan | None:
    """A ``first`` plan from the engine's page query, or None when the LIKE fallback's
    time budget cut the page or its count (then the full list is built instead)."""
    records = int(
        conn.execute(
            "SELECT records FROM snap_snapshots WHERE id=?", (spec.snapshot_id,)
        ).fetchone()[0]
    )
    snap = SnapRef(scope_id, seq, fts, records)
    walked = (
        fts_first_page(conn, snap, limit, spec.descending, spec.search)
        if not spec.filters and not _sorted_by_field(spec)
        else None
    )
    if walked is not None:  # a common word: first rows by walking the spans, count later
        raw, sql, params = walked
        mode: str | None = raw.mode
    else:
        raw = read_page(
            conn,
            snap,
            0,
            limit,
            spec.sort_column or None,
            spec.descending,
            spec.search or None,
            spec.filter_map() or None,
            _NoSortIndex(),  # type: ignore[arg-type]
            lambda _column: None,
        )
        if not raw.rows_complete or (raw.mode == "like" and not raw.total_exact):
            return None
        view = build_view(scope_id, seq, fts, spec.search, spec.filter_map())
        params = dict(view.params)
        order = column_expr(spec.sort_column or "id", params, "sortcol")
        direction = "DESC" if spec.descending else "ASC"
        tiebreak = "" if order == "m.record_id" else f", m.record_id {direction}"
        sql = (
            f"SELECT m.hash {view.sql} ORDER BY {order} {direction}{tiebreak} "
            f"LIMIT :lim OFFSET :off"
        )
        mode = view.mode
    rows = [orjson.loads(b) for b in raw.bodies]
    count = max(int(raw.total), len(rows))
    return ViewPlan(
        spec,
        FIRST,
        count,
        mode,
        sql,
        params,
        first_rows=rows,
        exact=bool(raw.total_exact),
        upper_bound=raw.upper_bound and not raw.total_exact,
    )


def _start_sort_index(store: SnapshotStore, snapshot_id: int, column: str) -> bool:
    """Start the sort index build (unless one runs); True when one is running now
    (else no index can be had, e.g. the scope has its maximum: sort by scan)."""
    if not store.wait_sort_index(snapshot_id, column, 0):
        return True
    store.build_sort_index(snapshot_id, column)
    return not store.wait_sort_index(snapshot_id, column, 0)


def _indexed_plan(
    conn: sqlite3.Connection,
    store: SnapshotStore,
    spec: ViewSpec,
    scope_id: int,
    seq: int,
    column: str,
    direction: str,
) -> ViewPlan:
    records = int(
        conn.execute(
            "SELECT records FROM snap_snapshots WHERE id=?", (spec.snapshot_id,)
        ).fetchone()[0]
    )
    params = {"sc": scope_id, "seq": seq}  # (the index-only query ignores them)
    # counted by the index build, or once (a scan of the whole index: 0.2-1.5 s at 1M)
    # by complete_order after the first rows are shown — never here
    in_index = store.known_sort_index_rows(conn, scope_id, column)
    if in_index == records:
        return ViewPlan(
            spec, INDEX, records, None, _index_only_sql(scope_id, column, direction), params
        )
    sql = indexed_sql(scope_id, column, direction, [])
    assert sql.startswith("SELECT b.body ")
    sql = "SELECT b.hash " + sql[len("SELECT b.body ") :]
    return ViewPlan(spec, PROBE, records, None, sql, params, index_counted=in_index is not None)


def _index_only_sql(scope_id: int, column: str, direction: str) -> str:
    """A page of an ``index`` plan: every body in the index is one of this snapshot's
    records (bodies are distinct per record and none is shared), so the index alone is
    the order — rows skipped by ``OFFSET`` are index entries, no span is probed."""
    return (
        f"SELECT b.hash FROM snap_bodies b INDEXED BY {index_name(scope_id, column)} "
        f"WHERE b.scope_id = {int(scope_id)} ORDER BY {sort_key_sql(column)} "
        f"{direction}, b.record_id {direction} LIMIT :lim OFFSET :off"
    )


def count_sort_index(conn: sqlite3.Connection, store: SnapshotStore, plan: ViewPlan) -> bool:
    """Count the sort index of a ``probe`` plan not counted yet; when it holds exactly
    the snapshot's records the plan becomes an ``index`` plan in place (its pages an
    index-only walk; no order to build) and True is returned."""
    scope_id, column = int(plan.params["sc"]), str(plan.spec.sort_column)
    in_index = store.sort_index_rows(conn, scope_id, column)
    plan.index_counted = True
    if in_index != plan.count:
        return False
    direction = "DESC" if plan.spec.descending else "ASC"
    # a page job reading the plan meanwhile sees either query; both take these params
    plan.page_sql = _index_only_sql(scope_id, column, direction)
    plan.strategy = INDEX
    return True


def plan_hashes(conn: sqlite3.Connection, plan: ViewPlan, offset: int, limit: int) -> Sequence[int]:
    """The hashes of rows ``offset .. offset+limit`` of a planned view."""
    if plan.order is not None:
        return plan.order[offset : offset + limit]
    params = dict(plan.params, lim=limit, off=offset)
    return [h for (h,) in conn.execute(plan.page_sql, params)]


def full_order(conn: sqlite3.Connection, plan: ViewPlan) -> array[int]:
    """The whole order of a ``probe`` plan (chunked; interruptible)."""
    sql = plan.page_sql.replace(" LIMIT :lim OFFSET :off", "")
    return _hash_array(conn.execute(sql, plan.params))


class QueryRunner:
    """Runs read queries on a few worker threads, each with its own SQLite connection.

    ``submit(lane, work)`` runs ``work(conn)`` on a worker; a later submit on
    the same lane cancels the earlier job if it has not started and interrupts
    it if it is running (its future then raises :class:`QueryCancelled`).
    Lanes are strings chosen by the caller (``"count:<view>"``, ``"rows"``…);
    ``lane=None`` never cancels anything.

    Attributes:
        rows_fetched: records read by :meth:`rows` so far (tests, benchmarks).
        queries: queries run so far.
    """

    def __init__(self, store: SnapshotStore, workers: int = 3) -> None:
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="browser-db")
        self._local = threading.local()
        self._lock = threading.Lock()
        self._count_lock = threading.Lock()
        self._conns: list[sqlite3.Connection] = []
        self._lanes: dict[str, tuple[int, Future[Any]]] = {}
        self._running: dict[int, sqlite3.Connection] = {}
        self._cancelled: set[int] = set()
        self._ids = itertools.count(1)
        self._closed = False
        self.rows_fetched = 0
        self.queries = 0

    # --- running ------------------------------------------------------------------------
    def submit(self, lane: str | None, work: Callable[[sqlite3.Connection], T]) -> Future[T]:
        if self._closed:
            raise RuntimeError("the query runner is closed")
        job = next(self._ids)
        with self._lock:
            if lane is not None:
                previous = self._lanes.get(lane)
                if previous is not None:
                    self._cancel_locked(*previous)
            future = self._pool.submit(self._run, job, work)
            if lane is not None:
                self._lanes[lane] = (job, future)
                future.add_done_callback(functools.partial(self._forget_done, lane, job))
        return future

    @property
    def closed(self) -> bool:
        return self._closed

    def cancel_lane(self, lane: str) -> None:
        with self._lock:
            previous = self._lanes.pop(lane, None)
            if previous is not None:
                self._cancel_locked(*previous)

    def rows(
        self, spec: ViewSpec, offset: int, limit: int, lane: str | None = None
    ) -> Future[list[dict[str, Any]]]:
        def work(conn: sqlite3.Connection) -> list[dict[str, Any]]:
            rows = fetch_rows(conn, spec, offset, limit)
            with self._lock:
                self.rows_fetched += len(rows)
            return rows

        return self.submit(lane, work)

    def plan(
        self,
        spec: ViewSpec,
        lane: str | None = None,
        wait_for_index: bool = True,
        first: int = 0,
        at: int = 0,
    ) -> Future[ViewPlan]:
        """How to read ``spec`` (:func:`plan_view`); a ``waiting`` plan when its sort
        index is being built (ask :meth:`sort_status`, then plan again). ``first``:
        searches/filters come with their first rows (``first`` plans), plain and
        sorted plans with rows from the top or from ``at`` (see :func:`plan_view`)."""

        def work(conn: sqlite3.Connection) -> ViewPlan:
            plan = plan_view(conn, self.store, spec, wait_for_index, first, at)
            if plan.first_rows:
                with self._lock:
                    self.rows_fetched += len(plan.first_rows)
            return plan

        return self.submit(lane, work)

    def page(
        self, plan: ViewPlan, offset: int, limit: int, wanted: Callable[[], bool] | None = None
    ) -> Future[list[dict[str, Any]]]:
        """Rows ``offset .. offset+limit`` of a planned view. ``wanted()`` is asked when
        the job starts: a page nobody looks at any more is skipped (QueryCancelled)."""

        def work(conn: sqlite3.Connection) -> list[dict[str, Any]]:
            if wanted is not None and not wanted():
                raise QueryCancelled()
            if plan.strategy == PROBE and not plan.index_counted and offset >= PROBE_DEEP:
                # deep in an uncounted probe plan (a jump, or a reload deep in the view): count
                # the index first (bounded, GIL released) rather than probe every skipped row
                self._count_index(conn, plan)
            rows = bodies(conn, plan_hashes(conn, plan, offset, limit))
            with self._lock:
                self.rows_fetched += len(rows)
            return rows

        return self.submit(None, work)

    def complete_order(self, plan: ViewPlan, lane: str | None = None) -> Future[ViewPlan]:
        """Build the full order of a ``probe`` or ``first`` plan in the background (then
        deep pages are direct lookups, and its length is the exact count); the plan's
        ``order`` is set in place (the caller updates the count). A ``probe`` plan whose
        sort index was not counted is counted first, and becomes an ``index`` plan
        (no order) when the index holds exactly its snapshot's records."""

        def work(conn: sqlite3.Connection) -> ViewPlan:
            if plan.strategy == PROBE and not plan.index_counted:
                self._count_index(conn, plan)
                if plan.strategy == INDEX:
                    return plan  # an index plan now: its pages need no order
            if plan.order is None and plan.strategy != INDEX:
                plan.order = (
                    view_order(conn, plan.spec)[0]
                    if plan.strategy == FIRST
                    else full_order(conn, plan)
                )
            return plan

        return self.submit(lane, work)

    def sort_status(self, spec: ViewSpec) -> Future[str]:
        """``ready``, ``building`` or ``none`` (no index can be built: sort by scan)."""

        def work() -> str:
            column = str(spec.sort_column)
            if self.store.sort_ready(spec.snapshot_id, column):
                return "ready"
            return "none" if self.store.wait_sort_index(spec.snapshot_id, column, 0) else "building"

        return self.call(work)

    def order(
        self, spec: ViewSpec, lane: str | None = None
    ) -> Future[tuple[array[int], str | None]]:
        return self.submit(lane, lambda conn: view_order(conn, spec))

    def bodies(self, hashes: Sequence[int]) -> Future[list[dict[str, Any]]]:
        def work(conn: sqlite3.Connection) -> list[dict[str, Any]]:
            rows = bodies(conn, hashes)
            with self._lock:
                self.rows_fetched += len(rows)
            return rows

        return self.submit(None, work)

    def count(self, spec: ViewSpec, lane: str | None = None) -> Future[tuple[int, str | None]]:
        return self.submit(lane, lambda conn: count_view(conn, spec))

    def call(self, work: Callable[[], T]) -> Future[T]:
        """Run plain blocking work (store calls, exports) on a worker."""
        return self._pool.submit(work)

    def close(self) -> None:
        """Interrupt what runs, wait for the workers, close their connections."""
        with self._lock:
            self._closed = True
            for conn in self._running.values():
                conn.interrupt()
        self._pool.shutdown(wait=True, cancel_futures=True)
        for conn in self._conns:
            conn.close()
        self._conns.clear()

    # --- internals --------------------------------------------------------------------------
    def _count_index(self, conn: sqlite3.Connection, plan: ViewPlan) -> None:
        """:func:`count_sort_index` once per plan (a deep page and ``complete_order``
        may both need it: the second waits for the first's count)."""
        with self._count_lock:
            if not plan.index_counted:
                count_sort_index(conn, self.store, plan)

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self.store.connect()
            conn.execute("PRAGMA query_only=1")
            conn.execute("PRAGMA cache_size=-32768")  # 32 MB: pages of bodies stay hot
            self._local.conn = conn
            with self._lock:
                self._conns.append(conn)
        return conn

    def _run(self, job: int, work: Callable[[sqlite3.Connection], T]) -> T:
        conn = self._connection()
        with self._lock:
            if job in self._cancelled or self._closed:
                self._cancelled.discard(job)
                raise QueryCancelled()
            self._running[job] = conn
        try:
            self.queries += 1
            return work(conn)
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc):
                raise QueryCancelled() from None
            raise
        finally:
            with self._lock:
                self._running.pop(job, None)

    def _cancel_locked(self, job: int, future: Future[Any]) -> None:
        # never future.cancel(): an awaiting coroutine would see CancelledError, which
        # means "you were cancelled" in asyncio; a skipped job raises QueryCancelled
        if future.done():
            return
        conn = self._running.get(job)
        if conn is not None:
            conn.interrupt()
        else:
            self._cancelled.add(job)

    def _forget_done(self, lane: str, job: int, _future: Future[Any]) -> None:
        self._forget(lane, job)

    def _forget(self, lane: str, job: int) -> None:
        with self._lock:
            current = self._lanes.get(lane)
            if current is not None and current[0] == job:
                del self._lanes[lane]
