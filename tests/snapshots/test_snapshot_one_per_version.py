"""One snapshot per (scope, version), enforced by the schema (step 4 merges old duplicates)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from snapshot_support import product, write_json

from sage50_desktop.services.ingest import ingest_file
from sage50_desktop.storage.snapshot_schema import COMPONENT, STEPS
from sage50_desktop.storage.snapshot_store import SnapshotStore
from sage50_desktop.storage.snapshot_writer import VersionAlreadyStored


def _load(store: SnapshotStore, path: Path, version: str) -> int:
    conn = store.connect()
    try:
        return ingest_file(
            conn, path, profile_id="p1", domain="ecommerce", scope="products", version=version
        ).snapshot_id
    finally:
        conn.close()


def _ids(store: SnapshotStore, snapshot_id: int) -> list[tuple[str, str]]:
    rows = store.page(snapshot_id, 0, 1000).rows
    return sorted((str(r["id"]), str(r["name"])) for r in rows)


def test_storing_a_version_twice_is_refused_and_nothing_changes(tmp_path):
    store = SnapshotStore(tmp_path / "cache.sqlite3")
    try:
        v1 = write_json(tmp_path / "v1.json", [product(i) for i in range(20)])
        first = _load(store, v1, "v1")
        with pytest.raises(VersionAlreadyStored) as raised:
            _load(store, v1, "v1")
        assert raised.value.snapshot_id == first
        assert [s.id for s in store.list_snapshots("p1", "ecommerce", "products")] == [first]
        assert store.find_version("p1", "ecommerce", "products", "v1").id == first
        assert store.find_version("p1", "ecommerce", "products", "v2") is None
    finally:
        store.close()


def test_step4_merges_duplicates_keeping_the_oldest(tmp_path):
    path = tmp_path / "cache.sqlite3"
    v1 = [product(i) for i in range(100)]
    v2 = [product(i, rev=1 if i < 10 else 0) for i in range(90)] + [
        product(i) for i in range(100, 120)
    ]
    f1, f2 = write_json(tmp_path / "v1.json", v1), write_json(tmp_path / "v2.json", v2)
    store = SnapshotStore(path)
    try:
        a = _load(store, f1, "v1")
        a_dup = _load(store, f1, "tmp-a")
        b = _load(store, f2, "v2")
        b_dup = _load(store, f2, "tmp-b")
        expected_a, expected_b = _ids(store, a), _ids(store, b)
    finally:
        store.close()
    # as a step-3 database with duplicates stored by racing processes left it
    raw = sqlite3.connect(path)
    raw.execute("DROP INDEX snap_snapshots_one_version")
    raw.execute("CREATE INDEX snap_snapshots_version ON snap_snapshots(scope_id, version)")
    raw.execute("UPDATE snap_snapshots SET version='v1' WHERE id=?", (a_dup,))
    raw.execute("UPDATE snap_snapshots SET version='v2' WHERE id=?", (b_dup,))
    raw.execute("UPDATE schema_versions SET version=3 WHERE component=?", (COMPONENT,))
    raw.commit()
    raw.close()
    store = SnapshotStore(path)  # runs step 4
    try:
        snaps = store.list_snapshots("p1", "ecommerce", "products")
        assert [(s.id, s.version) for s in snaps] == [(b, "v2"), (a, "v1")]
        assert _ids(store, a) == expected_a and _ids(store, b) == expected_b
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql(
                "SELECT version FROM schema_versions WHERE component='snapshots'"
            ).scalar() == len(STEPS)
        with pytest.raises(VersionAlreadyStored):
            _load(store, f2, "v2")
    finally:
        store.close()
