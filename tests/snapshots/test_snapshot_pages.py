"""Sort indexes, capped FTS counts and the budgeted LIKE fallback (small sizes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from snapshot_support import product, write_json

from sage50_desktop.services.ingest import ingest_file
from sage50_desktop.storage import snapshot_pages
from sage50_desktop.storage.snapshot_pages import indexed_sql
from sage50_desktop.storage.snapshot_sort import index_name, scope_indexes
from sage50_desktop.storage.snapshot_store import SnapshotStore


@pytest.fixture
def local_store(tmp_path: Path):
    st = SnapshotStore(tmp_path / "cache.sqlite3")
    yield st
    st.close()


def load(store, path, version, scope="products", profile="p1", retention=10):
    conn = store.connect()
    try:
        return ingest_file(
            conn,
            path,
            profile_id=profile,
            domain="ecommerce",
            scope=scope,
            version=version,
            retention=retention,
        )
    finally:
        conn.close()


def expected(records, column, descending):
    key = [(r.get(column), r["id"]) for r in records]
    none_first = sorted((k for k in key if k[0] is None), key=lambda k: k[1])
    rest = sorted(k for k in key if k[0] is not None)
    order = none_first + rest  # SQLite: NULL sorts first
    ids = [k[1] for k in order]
    return ids[::-1] if descending else ids


def test_sorted_page_uses_the_sort_index(local_store, tmp_path):
    records = [product(i, netPrice=float((i * 37) % 101)) for i in range(400)]
    del records[7]["netPrice"]  # a NULL key
    snap = load(local_store, write_json(tmp_path / "p.json", records), "v1").snapshot_id
    assert not local_store.sort_ready(snap, "netPrice")
    first = local_store.page(snap, 0, 10, "netPrice", True)  # starts the build
    assert first.sort == "scan"
    assert [r["id"] for r in first.rows] == expected(records, "netPrice", True)[:10]
    assert local_store.wait_sort_index(snap, "netPrice", 30)
    assert local_store.sort_ready(snap, "netPrice") and local_store.sort_ready(snap, "id")
    for descending in (False, True):
        for offset in (0, 5, 390):
            page = local_store.page(snap, offset, 10, "netPrice", descending)
            assert page.sort == "index" and page.total == 400
            assert [r["id"] for r in page.rows] == expected(records, "netPrice", descending)[
                offset : offset + 10
            ]
    filtered = local_store.page(snap, 0, 5, "netPrice", False, None, {"category": "Garden/Tools"})
    garden = [r for r in records if r["category"] == "Garden/Tools"]
    assert filtered.sort == "index" and filtered.total == len(garden)
    assert [r["id"] for r in filtered.rows] == expected(garden, "netPrice", False)[:5]
    raw = local_store.connect()
    try:
        sc = local_store.snapshot(snap).scope_id
        plan = raw.execute(
            "EXPLAIN QUERY PLAN " + indexed_sql(sc, "netPrice", "DESC", []),
            {"sc": sc, "seq": 1, "lim": 10, "off": 0},
        ).fetchall()
    finally:
        raw.close()
    details = " ".join(row[-1] for row in plan)
    assert index_name(sc, "netPrice") in details and "TEMP B-TREE" not in details


def test_sort_index_follows_new_versions_and_scope_deletion(local_store, tmp_path):
    v1 = [product(i) for i in range(100)]
    a = load(local_store, write_json(tmp_path / "1.json", v1), "v1")
    local_store.build_sort_index(a.snapshot_id, "name")
    assert local_store.wait_sort_index(a.snapshot_id, "name", 30)
    v2 = [product(i) for i in range(3, 100)] + [product(200, name="AAA primero")]
    v2[10] = product(13, name="ZZZ último")
    b = load(local_store, write_json(tmp_path / "2.json", v2), "v2")
    for snap, records in ((a.snapshot_id, v1), (b.snapshot_id, v2)):
        for descending in (False, True):
            page = local_store.page(snap, 0, 100, "name", descending)
            assert page.sort == "index"
            assert [r["id"] for r in page.rows] == expected(records, "name", descending)
    raw = local_store.connect()
    try:
        sc = local_store.snapshot(a.snapshot_id).scope_id
        assert scope_indexes(raw, sc)
        local_store.delete_snapshot(a.snapshot_id)
        local_store.delete_snapshot(b.snapshot_id)
        assert scope_indexes(raw, sc) == []  # the scope is empty: its indexes are gone
    finally:
        raw.close()


def test_bodies_shared_by_two_scopes_sort_exactly(local_store, tmp_path):
    records = [product(i) for i in range(50)]
    path = write_json(tmp_path / "p.json", records)
    a = load(local_store, path, "v1")
    local_store.build_sort_index(a.snapshot_id, "netPrice")
    local_store.wait_sort_index(a.snapshot_id, "netPrice", 30)
    b = load(local_store, path, "v1", profile="p2")  # the same bodies in another scope
    for snap in (a.snapshot_id, b.snapshot_id):
        page = local_store.page(snap, 0, 50, "netPrice", True)
        assert [r["id"] for r in page.rows] == expected(records, "netPrice", True)
        assert page.sort == "scan"  # shared bodies are in no sort index: exact by scan


def test_fts_count_is_capped(local_store, tmp_path, monkeypatch):
    monkeypatch.setattr(snapshot_pages, "COUNT_CAP", 25)
    snap = load(
        local_store, write_json(tmp_path / "p.json", [product(i) for i in range(60)]), "v1"
    ).snapshot_id
    local_store.build_index(snap)
    assert local_store.wait_index(snap, 30)
    many = local_store.page(snap, 0, 10, "name", False, "cuchillo")
    assert many.mode == "fts" and many.total == 25 and not many.total_exact
    records = [product(i) for i in range(60)]
    assert [r["id"] for r in many.rows] == expected(records, "name", False)[:10]
    by_id = local_store.page(snap, 55, 10, None, True, "cuchillo")  # one pass: exact
    assert by_id.total == 60 and by_id.total_exact
    assert [r["id"] for r in by_id.rows] == [f"P{i:05d}" for i in range(4, -1, -1)]
    assert local_store.count(snap, "cuchillo") == 60  # count() stays exact
    few = local_store.page(snap, 0, 10, None, False, "cuchillo 7")
    assert few.total_exact and few.total == 1


def test_like_fallback_is_budgeted(local_store, tmp_path, monkeypatch):
    records = [product(i) for i in range(300)]
    records[250]["name"] = "Sacacorchos raro"
    snap = load(local_store, write_json(tmp_path / "p.json", records), "v1").snapshot_id
    monkeypatch.setattr(snapshot_pages, "_LIKE_CHUNK", 40)
    page = local_store.page(snap, 0, 5, None, False, "sacacorchos")
    assert page.mode == "like" and page.total == 1 and page.total_exact and page.rows_complete
    page = local_store.page(snap, 3, 5, None, False, "cuchillo")
    assert [r["id"] for r in page.rows] == [f"P{i:05d}" for i in range(3, 8)]
    assert page.total == 299 and page.total_exact
    monkeypatch.setattr(snapshot_pages, "LIKE_BUDGET", -1.0)  # budget already spent
    cut = local_store.page(snap, 0, 5, None, False, "sacacorchos")
    assert not cut.rows_complete and not cut.total_exact and cut.rows == []
