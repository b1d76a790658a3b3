"""Search through the index's key table (schema step 3), the step's backfill, the pause of
background index builds during a sync, and the GC freeze around an ingest."""

from __future__ import annotations

import gc
import sqlite3
import threading
from pathlib import Path

import pytest
from snapshot_support import product, write_json

from sage50_desktop.services.ingest import IngestError, ingest_file
from sage50_desktop.storage.db import open_engine
from sage50_desktop.storage.snapshot_schema import COMPONENT, STEPS
from sage50_desktop.storage.snapshot_store import SnapshotStore


@pytest.fixture
def local_store(tmp_path: Path):
    st = SnapshotStore(tmp_path / "cache.sqlite3")
    yield st
    st.close()


def load(store: SnapshotStore, path: Path, version: str):
    conn = store.connect()
    try:
        return ingest_file(
            conn,
            path,
            profile_id="p1",
            domain="ecommerce",
            scope="products",
            version=version,
            retention=10,
        )
    finally:
        conn.close()


def indexed(store: SnapshotStore, snapshot_id: int) -> None:
    store.build_index(snapshot_id)
    assert store.wait_index(snapshot_id, 30)


def two_versions(store: SnapshotStore, tmp_path: Path) -> tuple[int, int]:
    v1 = [product(i) for i in range(300)]
    # v2 (300 records): 0-49 changed, 250-299 removed, 300-349 added
    v2 = [product(i, rev=1 if i < 50 else 0) for i in range(250)] + [
        product(i) for i in range(300, 350)
    ]
    a = load(store, write_json(tmp_path / "v1.json", v1), "v1").snapshot_id
    b = load(store, write_json(tmp_path / "v2.json", v2), "v2").snapshot_id
    indexed(store, a)
    indexed(store, b)
    return a, b


def test_fts_keys_match_bodies(local_store, tmp_path):
    two_versions(local_store, tmp_path)
    raw = sqlite3.connect(local_store.path)
    try:
        mismatched = raw.execute(
            "SELECT count(*) FROM snap_fts_docs d LEFT JOIN snap_bodies b ON b.id = d.body_id "
            "WHERE b.id IS NULL OR d.record_id IS NOT b.record_id OR d.hash IS NOT b.hash"
        ).fetchone()[0]
        docs = raw.execute("SELECT count(*) FROM snap_fts_docs").fetchone()[0]
    finally:
        raw.close()
    assert mismatched == 0
    assert docs == 400  # 300 bodies of v1, 50 changed and 50 added in v2


@pytest.mark.parametrize("descending", [False, True])
def test_search_totals_and_pages_per_version(local_store, tmp_path, descending):
    a, b = two_versions(local_store, tmp_path)
    for snap, rev1, expected in ((a, 0, 300), (b, 50, 300)):
        page = local_store.page(snap, 0, 400, None, descending, "cuchillo")
        assert page.mode == "fts" and page.total == expected and page.total_exact
        ids = [r["id"] for r in page.rows]
        assert ids == sorted(ids, reverse=descending) and len(ids) == expected
        assert local_store.count(snap, "cuchillo") == expected
        assert local_store.count(snap, "rev1") == rev1
        assert local_store.page(snap, 0, 10, None, False, "rev1").total == rev1
        # a filter still goes through the bodies: same answers
        filtered = local_store.page(snap, 0, 400, None, False, "cuchillo", {"tax": 21})
        assert filtered.total == expected
        assert local_store.count(snap, "cuchillo", {"tax": 21}) == expected
        # sorted FTS page: counted through the keys as well
        by_price = local_store.page(snap, 0, 5, "netPrice", True, "cuchillo")
        assert by_price.total == expected and len(by_price.rows) == 5
    # a record only in v2 is found in v2 only
    assert local_store.count(b, "P00320") == 1
    assert local_store.count(a, "P00320") == 0


def test_gc_of_old_version_removes_keys(local_store, tmp_path):
    a, b = two_versions(local_store, tmp_path)
    local_store.delete_snapshot(a)
    raw = sqlite3.connect(local_store.path)
    try:
        docs = raw.execute("SELECT count(*) FROM snap_fts_docs").fetchone()[0]
        bodies = raw.execute("SELECT count(*) FROM snap_bodies").fetchone()[0]
    finally:
        raw.close()
    assert docs == bodies == 300
    assert local_store.count(b, "cuchillo") == 300
    assert local_store.count(b, "rev1") == 50


def test_step3_backfills_index_keys(tmp_path):
    path = tmp_path / "cache.sqlite3"
    store = SnapshotStore(path)
    try:
        a, _b = two_versions(store, tmp_path)
    finally:
        store.close()
    # back to a step-2 database: keys gone, as an older app left them
    raw = sqlite3.connect(path)
    raw.execute("ALTER TABLE snap_fts_docs DROP COLUMN hash")
    raw.execute("ALTER TABLE snap_fts_docs DROP COLUMN record_id")
    raw.execute("DROP INDEX snap_snapshots_one_version")  # and step 4's unique version
    raw.execute("CREATE INDEX snap_snapshots_version ON snap_snapshots(scope_id, version)")
    raw.execute("UPDATE schema_versions SET version=2 WHERE component=?", (COMPONENT,))
    raw.commit()
    raw.close()
    store = SnapshotStore(path)  # runs step 3
    try:
        engine = store.engine
        with engine.connect() as conn:
            version = conn.exec_driver_sql(
                "SELECT version FROM schema_versions WHERE component='snapshots'"
            ).scalar()
            missing = conn.exec_driver_sql(
                "SELECT count(*) FROM snap_fts_docs WHERE record_id IS NULL OR hash IS NULL"
            ).scalar()
        assert version == len(STEPS) and missing == 0
        assert store.count(a, "cuchillo") == 300
    finally:
        store.close()
    open_engine(path).dispose()


def test_background_paused_holds_index_builds(local_store, tmp_path):
    snap = load(
        local_store, write_json(tmp_path / "v1.json", [product(i) for i in range(50)]), "v1"
    ).snapshot_id
    with local_store.background_paused():
        with local_store.background_paused():  # nestable
            local_store.build_index(snap)
            assert not local_store.wait_index(snap, 0.3)
            assert not local_store.snapshot(snap).fts_ready
        assert not local_store.wait_index(snap, 0.2)
    assert local_store.wait_index(snap, 30)
    assert local_store.snapshot(snap).fts_ready


def test_close_while_paused_does_not_hang(tmp_path):
    store = SnapshotStore(tmp_path / "cache.sqlite3")
    snap = load(
        store, write_json(tmp_path / "v1.json", [product(i) for i in range(20)]), "v1"
    ).snapshot_id
    done = threading.Event()
    with store.background_paused():
        store.build_index(snap)
        closer = threading.Thread(target=lambda: (store.close(), done.set()))
        closer.start()
        assert done.wait(10)
        closer.join()


def test_ingest_freezes_gc_only_while_it_runs(local_store, tmp_path):
    assert gc.get_freeze_count() == 0
    seen: list[int] = []
    conn = local_store.connect()
    try:
        ingest_file(
            conn,
            write_json(tmp_path / "v1.json", [product(i) for i in range(20)]),
            profile_id="p1",
            domain="ecommerce",
            scope="products",
            version="v1",
            progress=lambda _n: seen.append(gc.get_freeze_count()),
        )
        bad = tmp_path / "bad.json"
        bad.write_bytes(b'[{"id": "a"}, {"id": "a"}]')
        with pytest.raises(IngestError):
            ingest_file(
                conn, bad, profile_id="p1", domain="ecommerce", scope="products", version="v2"
            )
    finally:
        conn.close()
    assert seen and all(n > 0 for n in seen)
    assert gc.get_freeze_count() == 0


def test_sorted_plan_counts_the_sort_index_once_not_at_every_plan(tmp_path):
    """A sorted view's plan needs the number of bodies in the sort index (all of them
    this snapshot's: the index alone is the order). The build counts it, so the first
    sorted view after the background indexing scans nothing; a new process that finds
    the index on disk plans a ``probe`` (exact, no scan before the first rows) and counts
    it once afterwards (``complete_order``), which turns the plan into an ``index`` one;
    a new version is counted again."""
    from sage50_desktop.storage.snapshot_view import (
        ViewSpec,
        count_sort_index,
        plan_hashes,
        plan_view,
    )

    def counts(scans: list[str]) -> int:
        return sum(1 for sql in scans if "count(*)" in sql and "INDEXED BY" in sql)

    path = write_json(tmp_path / "v1.json", [product(i) for i in range(300)])
    store = SnapshotStore(tmp_path / "cache.sqlite3")
    scans: list[str] = []
    try:
        snap = load(store, path, "v1").snapshot_id
        store.build_sort_index(snap, "netPrice")
        assert store.wait_sort_index(snap, "netPrice", 30)
        spec = ViewSpec(snap, "netPrice", True)
        conn = store.connect()
        conn.set_trace_callback(scans.append)
        try:
            plan = plan_view(conn, store, spec)
            expected = list(plan_hashes(conn, plan, 0, 300))
        finally:
            conn.close()
        assert plan.strategy == "index" and counts(scans) == 0  # counted by the build
        assert len(expected) == 300
    finally:
        store.close()
    store = SnapshotStore(tmp_path / "cache.sqlite3")  # a new process: index on disk
    try:
        conn = store.connect()
        scans.clear()
        conn.set_trace_callback(scans.append)
        try:
            plan = plan_view(conn, store, spec, first=100)
            assert plan.strategy == "probe" and not plan.index_counted
            assert [r["id"] for r in plan.first_rows or []] == [
                r["id"]
                for r in store.page(snap, 0, 100, sort_column="netPrice", descending=True).rows
            ]
            assert list(plan_hashes(conn, plan, 0, 300)) == expected  # exact before the count
            assert counts(scans) == 0
            assert count_sort_index(conn, store, plan)  # the background step
            assert plan.strategy == "index" and list(plan_hashes(conn, plan, 0, 300)) == expected
            for _ in range(3):
                plan = plan_view(conn, store, spec)
                assert plan.strategy == "index"
                assert list(plan_hashes(conn, plan, 0, 300)) == expected
            assert counts(scans) == 1
            # a second version: both versions' bodies are in the index, spans are probed
            v2 = [product(i, rev=1 if i < 50 else 0) for i in range(300)]
            snap2 = load(store, write_json(tmp_path / "v2.json", v2), "v2").snapshot_id
            plan = plan_view(conn, store, ViewSpec(snap2, "netPrice", True))
            assert plan.strategy == "probe" and len(plan_hashes(conn, plan, 0, 400)) == 300
            assert not count_sort_index(conn, store, plan) and plan.strategy == "probe"
            assert counts(scans) == 2
        finally:
            conn.close()
    finally:
        store.close()
