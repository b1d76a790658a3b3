"""A common word's first rows by walking the spans (``fts_walk_view``): the same rows and
order as joining every hit, an upper-bound count until the view's order gives the exact
one, and a plan that walks the spans' key in order with the hits read once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import orjson
import pytest
from snapshot_support import product, write_json

from sage50_desktop.services.ingest import ingest_file
from sage50_desktop.storage.snapshot_pages import SnapRef, fts_first_page, read_page
from sage50_desktop.storage.snapshot_search import build_view, fts_walk_view
from sage50_desktop.storage.snapshot_store import SnapshotStore
from sage50_desktop.storage.snapshot_view import (
    FIRST,
    ViewSpec,
    count_view,
    fetch_rows,
    plan_hashes,
    plan_view,
    view_order,
)


@pytest.fixture
def two(tmp_path: Path):
    """v1: 300 products; v2: 0-49 changed, 250-299 removed, 300-349 added; both indexed.
    'cuchillo' is in all 400 bodies (the index's hits), in 300 records of each version."""
    store = SnapshotStore(tmp_path / "cache.sqlite3")
    v1 = [product(i) for i in range(300)]
    v2 = [product(i, rev=1 if i < 50 else 0) for i in range(250)] + [
        product(i) for i in range(300, 350)
    ]
    ids = []
    for version, records in (("v1", v1), ("v2", v2)):
        conn = store.connect()
        try:
            ids.append(
                ingest_file(
                    conn,
                    write_json(tmp_path / f"{version}.json", records),
                    profile_id="p1",
                    domain="ecommerce",
                    scope="products",
                    version=version,
                    retention=10,
                ).snapshot_id
            )
        finally:
            conn.close()
    for snapshot_id in ids:
        store.build_index(snapshot_id)
        assert store.wait_index(snapshot_id, 30)
    conn = store.connect()
    yield store, conn, ids
    conn.close()
    store.close()


def _ref(store: SnapshotStore, snapshot_id: int) -> SnapRef:
    snap = store.snapshot(snapshot_id)
    return SnapRef(snap.scope_id, snap.seq, snap.fts_ready, snap.records)


def _joined_order(conn: sqlite3.Connection, ref: SnapRef, word: str, descending: bool) -> list:
    """The hashes of the view in id order through the full join (the slow path)."""
    view = build_view(ref.scope_id, ref.seq, True, word, None)
    direction = "DESC" if descending else "ASC"
    return [
        h
        for (h,) in conn.execute(
            f"SELECT m.hash {view.sql} ORDER BY m.record_id {direction}", view.params
        )
    ]


@pytest.mark.parametrize("descending", [False, True])
def test_walked_pages_equal_the_joined_pages_per_version(two, descending):
    store, conn, ids = two
    for snapshot_id in ids:
        spec = ViewSpec(snapshot_id, descending=descending, search="cuchillo")
        exact = count_view(conn, spec)[0]
        assert exact == store.count(snapshot_id, "cuchillo") == 300
        # page() joins the 400 hits once for these pages and their exact count
        for offset in (0, 100, 250):
            page = store.page(snapshot_id, offset, 100, None, descending, "cuchillo")
            assert page.total == exact and page.total_exact and page.mode == "fts"
            assert page.rows == fetch_rows(conn, spec, offset, 100)
        # the browser's first plan: the first rows, the index's hits as an upper bound
        plan = plan_view(conn, store, spec, first=100)
        assert plan.strategy == FIRST and plan.mode == "fts"
        assert not plan.exact and plan.upper_bound and plan.count == 400 >= exact
        assert plan.first_rows == fetch_rows(conn, spec, 0, 100)
        # pages before the order is built walk too; the order is the exact view
        assert plan.order is None
        ref = _ref(store, snapshot_id)
        joined = _joined_order(conn, ref, "cuchillo", descending)
        assert list(plan_hashes(conn, plan, 100, 100)) == joined[100:200]
        order, mode = view_order(conn, spec)
        assert list(order) == joined and len(order) == exact and mode == "fts"


@pytest.mark.parametrize("descending", [False, True])
def test_a_page_and_its_exact_total_come_from_one_pass_over_the_hits(two, descending):
    """``page()`` of an id-ordered search with no filter: the page and the exact total
    from one statement over the index's hits (400 in the index, 300 in each version),
    at every offset — past the last row too, and for a word with no hit."""
    store, conn, ids = two
    for snapshot_id in ids:
        spec = ViewSpec(snapshot_id, descending=descending, search="cuchillo")
        ref = _ref(store, snapshot_id)
        for offset in (0, 299, 300, 1000):
            statements: list[str] = []
            conn.set_trace_callback(statements.append)
            try:
                # id order: no sort index is asked for (no sorter, no start)
                raw = read_page(
                    conn,
                    ref,
                    offset,
                    100,
                    None,
                    descending,
                    "cuchillo",
                    None,
                    None,
                    lambda _column: None,
                )
            finally:
                conn.set_trace_callback(None)
            assert raw.total == 300 and raw.total_exact and raw.mode == "fts"
            assert [orjson.loads(b) for b in raw.bodies] == fetch_rows(conn, spec, offset, 100)
            hits_read = [sql for sql in statements if "MATCH" in sql]
            # one pass (a page past the last counts again): no walk, no second count
            assert len(hits_read) == (1 if offset < 300 else 2)
        nothing = store.page(snapshot_id, 0, 100, None, descending, "zzzyyyxxx")
        assert (nothing.total, nothing.rows, nothing.mode) == (0, [], "fts")


def test_a_walk_that_ends_before_its_limit_is_an_exact_count(two):
    store, conn, ids = two
    ref = _ref(store, ids[1])
    walked = fts_first_page(conn, ref, 350, False, "cuchillo")  # 400 hits, 300 valid
    assert walked is not None
    raw, _sql, _params = walked
    assert raw.total == 300 and raw.total_exact and len(raw.bodies) == 300


def test_a_rare_word_is_read_by_joining_its_hits_with_its_exact_count(two):
    store, conn, ids = two
    ref = _ref(store, ids[1])
    # 50 hits: 50 * 50 < 100 * 300 records: joining them is cheaper than walking
    assert fts_first_page(conn, ref, 100, False, "rev1") is None
    plan = plan_view(conn, store, ViewSpec(ids[1], search="rev1"), first=100)
    assert plan.exact and not plan.upper_bound and plan.count == 50
    # sorted or filtered searches never walk (their order is not the spans')
    for spec in (
        ViewSpec(ids[1], sort_column="netPrice", search="cuchillo"),
        ViewSpec(ids[1], search="cuchillo", filters=(("tax", "=", 21),)),
    ):
        assert not plan_view(conn, store, spec, first=100).upper_bound


def test_the_walk_steps_through_the_spans_key_and_reads_the_hits_once(two):
    store, conn, ids = two
    ref = _ref(store, ids[1])
    walk = fts_walk_view(ref.scope_id, ref.seq, True, "cuchillo")
    assert walk is not None
    for direction in ("ASC", "DESC"):
        plan = [
            row[-1]
            for row in conn.execute(
                f"EXPLAIN QUERY PLAN SELECT m.hash {walk.sql} "
                f"ORDER BY m.record_id {direction} LIMIT 100",
                walk.params,
            )
        ]
        text = " | ".join(plan)
        assert "SEARCH m USING PRIMARY KEY" in text, text
        assert "TEMP B-TREE" not in text, text  # no sort: the key's order
        assert "LIST SUBQUERY" in text, text  # the hits, read once into a list
        # never a body-index probe per hit and span (the hits as an index key: minutes at 1M)
        assert "rowid=?" not in text, text
    assert fts_walk_view(ref.scope_id, ref.seq, False, "cuchillo") is None
    assert fts_walk_view(ref.scope_id, ref.seq, True, "  ") is None
