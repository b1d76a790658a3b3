"""The store and ingest on local files: bad input, diff by field, search, export, growth."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import orjson
import pytest
from snapshot_support import product, write_json

from sage50_desktop.services.export import export_csv, export_json
from sage50_desktop.services.ingest import IngestError, ingest_file
from sage50_desktop.storage.snapshot_records import cell_text, flatten
from sage50_desktop.storage.snapshot_store import SnapshotStore


@pytest.fixture
def local_store(tmp_path: Path):
    st = SnapshotStore(tmp_path / "cache.sqlite3")
    yield st
    st.close()


def load(store: SnapshotStore, path: Path, version: str, retention: int | None = 10):
    conn = store.connect()
    try:
        return ingest_file(
            conn,
            path,
            profile_id="p1",
            domain="ecommerce",
            scope="products",
            version=version,
            retention=retention,
        )
    finally:
        conn.close()


BAD = {
    "malformed": (b'[{"id": "a"}, {"id": "b",,}]', "not valid JSON"),
    "object": (b'{"id": "a"}', "object"),
    "scalar": (b'"hello"', "not a JSON array"),
    "missing id": (b'[{"id": "a"}, {"name": "no id"}]', "no 'id'"),
    "duplicate": (b'[{"id": "a"}, {"id": "b"}, {"id": "a"}]', "more than once"),
    "empty": (b"", "empty"),
    "invalid utf-8": (b'[{"id": "a", "name": "caf\xe9"}]', "UTF-8"),
    "deep": (b"[" + b'{"id": "x", "v": ' + b"[" * 5000 + b"]" * 5000 + b"}]", "deep"),
    "truncated": (b'[{"id": "a"}, {"id": "b"', "not valid JSON"),
    "not objects": (b"[1, 2]", "not a JSON object"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_keeps_previous(local_store, tmp_path, case):
    good = load(
        local_store, write_json(tmp_path / "good.json", [product(i) for i in range(50)]), "v1"
    )
    content, message = BAD[case]
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(IngestError, match=message):
        load(local_store, bad, "v2")
    snaps = local_store.list_snapshots("p1", "ecommerce", "products")
    assert [s.id for s in snaps] == [good.snapshot_id]
    assert local_store.page(good.snapshot_id, 0, 100).total == 50
    assert len(local_store.page(good.snapshot_id, 0, 100).rows) == 50


def test_duplicates_across_blocks(local_store, tmp_path):
    records = [product(i, longDescription="x" * 3000) for i in range(3000)]
    records.append(product(5))
    with pytest.raises(IngestError, match="P00005"):
        load(local_store, write_json(tmp_path / "dup.json", records), "v1")
    assert local_store.latest("p1", "ecommerce", "products") is None


def test_nested_records_split_across_blocks(local_store, tmp_path):
    # objects inside arrays give false cut points: "},{" inside a record
    records = [
        dict(product(i), addresses=[{"c": "},{", "n": k} for k in range(3)], note="}, {" * 50)
        for i in range(4000)
    ]
    path = tmp_path / "nested.json"
    path.write_bytes(orjson.dumps(records, option=orjson.OPT_INDENT_2))
    result = load(local_store, path, "v1")
    assert result.records == 4000
    assert local_store.record(result.snapshot_id, "P03999") == records[-1]


def test_diff_by_field(local_store, tmp_path):
    v1 = [product(i) for i in range(100)]
    v2 = [product(i) for i in range(5, 100)] + [product(i) for i in range(100, 103)]
    v2[0] = product(5, rev=1, dimensions={"w": 99, "h": 3}, tags=["a"])
    a = load(local_store, write_json(tmp_path / "1.json", v1), "v1")
    b = load(local_store, write_json(tmp_path / "2.json", v2), "v2")
    assert (b.added, b.changed, b.removed) == (3, 1, 5)
    d = local_store.diff(a.snapshot_id, b.snapshot_id)
    assert (d.added, d.changed, d.removed) == (3, 1, 5)
    assert local_store.diff(b.snapshot_id, a.snapshot_id) == d  # old → new either way
    assert local_store.diff_ids(a.snapshot_id, b.snapshot_id, "removed") == [
        f"P{i:05d}" for i in range(5)
    ]
    assert local_store.diff_ids(a.snapshot_id, b.snapshot_id, "added", 1, 5) == ["P00101", "P00102"]
    changes = {
        c.path: (c.old, c.new, c.kind)
        for c in local_store.diff_record(a.snapshot_id, b.snapshot_id, "P00005")
    }
    assert changes == {
        "name": ("Cuchillo 5 rev0", "Cuchillo 5 rev1", "changed"),
        "netPrice": (7.5, 8.5, "changed"),
        "dimensions.w": (5, 99, "changed"),
        "tags.1": ("t2", None, "removed"),
    }
    # a third version reverting the change: diff 1→3 sees it unchanged
    c = load(local_store, write_json(tmp_path / "3.json", v1), "v3")
    assert (c.added, c.changed, c.removed) == (5, 1, 3)
    d13 = local_store.diff(a.snapshot_id, c.snapshot_id)
    assert (d13.added, d13.changed, d13.removed) == (0, 0, 0)


def test_page_sort_filter_and_search(local_store, tmp_path):
    records = [product(i) for i in range(300)]
    records[42]["name"] = "Sacacorchos Único dorado"
    snap = load(local_store, write_json(tmp_path / "p.json", records), "v1").snapshot_id
    page = local_store.page(snap, 0, 5, "netPrice", True)
    assert [r["id"] for r in page.rows] == ["P00299", "P00298", "P00297", "P00296", "P00295"]
    assert page.total == 300
    page = local_store.page(snap, 10, 5, "id", False, None, {"category": "Garden/Tools"})
    assert page.total == 150 and [r["id"] for r in page.rows][0] == "P00020"
    assert local_store.count(snap, None, {"netPrice": (">=", 447), "dimensions.w": 4}) == 1
    # while the index is not built, search falls back to LIKE
    like = local_store.page(snap, 0, 10, None, False, "sacacorchos")
    assert like.mode == "like" and [r["id"] for r in like.rows] == ["P00042"]
    local_store.build_index(snap)
    assert local_store.wait_index(snap, 30)
    fts = local_store.page(snap, 0, 10, None, False, "unico DOR")
    assert fts.mode == "fts" and [r["id"] for r in fts.rows] == ["P00042"] and fts.total == 1
    assert local_store.count(snap, "cuchillo") == 299
    sorted_search = local_store.page(
        snap, 0, 3, "netPrice", True, "cuchillo", {"category": ("startswith", "Home")}
    )
    assert [r["id"] for r in sorted_search.rows] == ["P00299", "P00297", "P00295"]
    assert local_store.snapshot(snap).fts_ready


def test_index_of_new_version_and_gc(local_store, tmp_path):
    v1 = [product(i) for i in range(100)]
    a = load(local_store, write_json(tmp_path / "1.json", v1), "v1", retention=1)
    local_store.build_index(a.snapshot_id)
    local_store.wait_index(a.snapshot_id, 30)
    v2 = list(v1)
    v2[3] = product(3, name="Tijeras nuevas")
    b = load(local_store, write_json(tmp_path / "2.json", v2), "v2", retention=1)
    assert [s.id for s in local_store.list_snapshots("p1", "ecommerce", "products")] == [
        b.snapshot_id
    ]
    local_store.build_index(b.snapshot_id)
    local_store.wait_index(b.snapshot_id, 30)
    assert local_store.count(b.snapshot_id, "tijeras") == 1
    assert local_store.count(b.snapshot_id, "rev0") == 99  # the old body of P00003 is gone
    raw = local_store.connect()
    try:
        assert raw.execute("SELECT count(*) FROM snap_bodies").fetchone()[0] == 100
        assert raw.execute("SELECT count(*) FROM snap_fts_docs").fetchone()[0] == 100
    finally:
        raw.close()
    local_store.delete_snapshot(b.snapshot_id)
    raw = local_store.connect()
    try:
        assert raw.execute("SELECT count(*) FROM snap_bodies").fetchone()[0] == 0
        assert raw.execute("SELECT count(*) FROM snap_spans").fetchone()[0] == 0
    finally:
        raw.close()


def test_delete_latest_reopens_previous(local_store, tmp_path):
    v1 = [product(i) for i in range(20)]
    a = load(local_store, write_json(tmp_path / "1.json", v1), "v1")
    b = load(local_store, write_json(tmp_path / "2.json", v1[:10]), "v2")
    local_store.delete_snapshot(b.snapshot_id)
    c = load(local_store, write_json(tmp_path / "3.json", v1[:15]), "v3")
    assert (c.added, c.changed, c.removed) == (0, 0, 5)
    assert (
        local_store.count(a.snapshot_id) == 20 and len(local_store.page(a.snapshot_id).rows) == 20
    )


def test_export_round_trip(local_store, tmp_path):
    records = [product(i, note='comillas "dobles"; punto y coma, coma\nlínea') for i in range(120)]
    records[7]["extra"] = {"deep": {"x": None}}
    snap = load(local_store, write_json(tmp_path / "p.json", records), "v1").snapshot_id
    out = tmp_path / "out.json"
    assert export_json(local_store, snap, out) == 120
    assert orjson.loads(out.read_bytes()) == records
    for semicolon in (False, True):
        out = tmp_path / f"out{semicolon}.csv"
        assert export_csv(local_store, snap, out, semicolon=semicolon) == 120
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(
            csv.reader(
                io.StringIO(raw.decode("utf-8-sig"), newline=""),
                delimiter=";" if semicolon else ",",
            )
        )
        header, body = rows[0], rows[1:]
        assert "dimensions.w" in header and "tags.1" in header and "extra.deep.x" in header
        expected = [[cell_text(flatten(r).get(h)) for h in header] for r in records]
        assert body == expected
    filtered = tmp_path / "filtered.json"
    assert export_json(local_store, snap, filtered, filters={"category": "Garden/Tools"}) == 60
    empty = tmp_path / "empty.json"
    assert export_json(local_store, snap, empty, filters={"category": "none"}) == 0
    assert orjson.loads(empty.read_bytes()) == []


def test_storage_growth_ten_versions(tmp_path):
    import random

    rng = random.Random(7)
    store = SnapshotStore(tmp_path / "growth.sqlite3")
    records = {i: product(i, longDescription=f"Descripción larga {i} " * 12) for i in range(10_000)}
    ids = list(records)
    sizes = []
    try:
        for version in range(10):
            if version:
                for i in rng.sample(ids, 100):  # 1% churn
                    records[i] = product(
                        i, rev=version, longDescription=f"Descripción larga {i} " * 12
                    )
            path = write_json(tmp_path / f"v{version}.json", list(records.values()))
            result = load(store, path, f"v{version}")
            if version in (0, 9):  # the index of v9 adds the bodies of v1..v9 as well
                store.build_index(result.snapshot_id)
                store.wait_index(result.snapshot_id, 60)
            if version == 0:
                sizes.append(_vacuumed_size(store))
        assert len(store.list_snapshots("p1", "ecommerce", "products")) == 10
        sizes.append(_vacuumed_size(store))
    finally:
        store.close()
    assert sizes[1] < 1.5 * sizes[0], sizes


def _vacuumed_size(store: SnapshotStore) -> int:
    raw = store.connect()
    try:
        raw.execute("VACUUM")
    finally:
        raw.close()
    return store.storage_bytes()
