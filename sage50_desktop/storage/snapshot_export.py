"""The records of a snapshot view in the order the table shows them, streamed (exports).

:meth:`SnapshotStore.iter_bodies` walks a view in record-id order in chunks;
an export of "the current view" also needs the table's **sort order**. One
query is run and its rows fetched a batch at a time (never all in memory):
through the scope's sort index when it is built (a B-tree walk), else with
SQLite's own sorter (which spills to temporary files, not RAM). The order is
exactly the table's: the sort key, then the record id, in the same direction.

Blocking: call it from a worker thread.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from sage50_desktop.storage.snapshot_pages import indexed_sql
from sage50_desktop.storage.snapshot_search import build_view, column_expr
from sage50_desktop.storage.snapshot_sort import has_shared_bodies

if TYPE_CHECKING:
    from sage50_desktop.storage.snapshot_store import SnapshotStore

BATCH = 2000


def iter_view_bodies(
    store: SnapshotStore,
    snapshot_id: int,
    *,
    search_text: str | None = None,
    filters: Mapping[str, Any] | None = None,
    sort_column: str | None = None,
    descending: bool = False,
    batch: int = BATCH,
) -> Iterator[bytes]:
    """Stored JSON bytes of a (searched, filtered, sorted) view's records, in the view's order."""
    column = sort_column or "id"
    if column == "id" and not descending:
        yield from store.iter_bodies(snapshot_id, search_text, filters)
        return
    snap = store.snapshot(snapshot_id)
    view = build_view(snap.scope_id, snap.seq, snap.fts_ready, search_text, filters)
    direction = "DESC" if descending else "ASC"
    params = dict(view.params)
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None  # a live pooled connection has its sqlite3 connection
        sql = None
        if (
            column != "id"
            and view.mode is None
            and not has_shared_bodies(raw)
            and store.sort_ready(snapshot_id, column)
        ):
            sql = indexed_sql(snap.scope_id, column, direction, view.filters)
            sql = sql[: sql.rindex(" LIMIT ")]
        if sql is None:
            order = column_expr(column, params, "sortcol")
            tiebreak = "" if order == "m.record_id" else f", m.record_id {direction}"
            sql = f"SELECT b.body {view.sql} ORDER BY {order} {direction}{tiebreak}"
        cursor = raw.execute(sql, params)
        try:
            while rows := cursor.fetchmany(batch):
                for (body,) in rows:
                    yield body.encode() if isinstance(body, str) else body
        finally:
            cursor.close()
