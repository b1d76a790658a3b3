"""The schema check of a downloaded file: records are stored as delivered, and the
snapshot says how many of the checked records break the scope's schema, with examples
(record id, path, jsonschema's message) — the same whether the file is ingested in
threads or in the two child processes, and whether the fast judge or jsonschema
decides (services/schema_check.py)."""

from __future__ import annotations

import orjson
import pytest
from snapshot_support import product

from sage50_desktop.services.ingest import ingest_file
from sage50_desktop.services.ingest_process import IngestProcess, supported
from sage50_desktop.services.schema_check import SchemaChecker
from sage50_desktop.storage.snapshot_store import SnapshotStore

KEYS = {"profile_id": "p1", "domain": "ecommerce", "scope": "products", "version": "v1"}
BROKEN = {7: {"netPrice": "cheap"}, 1599: {"tax": -4}, 2998: {"name": 42}}


def _file(tmp_path, count: int = 3000):
    records = [product(n, **BROKEN.get(n, {})) for n in range(count)]
    path = tmp_path / "products.json"
    path.write_bytes(orjson.dumps(records))
    return path


def _warnings(store: SnapshotStore) -> tuple[int, int, list[dict[str, str]]]:
    conn = store.connect()
    try:
        row = conn.execute(
            "SELECT warnings, warnings_checked, warning_examples FROM snap_snapshots"
        ).fetchone()
    finally:
        conn.close()
    return row[0], row[1], orjson.loads(row[2])


def _expected_examples() -> list[tuple[str, str]]:
    return [("P00007", "netPrice"), ("P01599", "tax"), ("P02998", "name")]


def test_broken_records_are_stored_and_counted_with_examples(tmp_path):
    store = SnapshotStore(tmp_path / "cache.sqlite3")
    path = _file(tmp_path)
    checker = SchemaChecker.for_scope("ecommerce", "products")
    assert checker is not None and checker.valid is not None  # the fast judge is on
    conn = store.connect()
    try:
        result = ingest_file(conn, path, checker=checker, **KEYS)
    finally:
        conn.close()
    assert result.records == 3000  # stored as delivered, the broken ones too
    invalid, checked, examples = _warnings(store)
    # the first 2,000 records, then every 100th
    assert (invalid, checked) == (
        2,
        2000 + 10,
    )  # #1600: in the first 2,000; #2999: not
    assert [(e["id"], e["path"]) for e in examples] == _expected_examples()[:2]
    assert "'cheap' is not of type 'number'" in examples[0]["message"]
    store.close()


def test_the_fast_judge_and_jsonschema_alone_find_the_same(tmp_path):
    path = _file(tmp_path)
    found = []
    for fast in (True, False):
        checker = SchemaChecker.for_scope("ecommerce", "products", full_up_to=10**6)
        assert checker is not None
        if not fast:
            checker.valid = None
        store = SnapshotStore(tmp_path / f"fast-{fast}" / "cache.sqlite3")
        conn = store.connect()
        try:
            ingest_file(conn, path, checker=checker, **KEYS)
        finally:
            conn.close()
        found.append(_warnings(store))
        store.close()
    assert found[0] == found[1]
    assert found[0][:2] == (3, 3000)
    assert [(e["id"], e["path"]) for e in found[0][2]] == _expected_examples()


@pytest.mark.skipif(not supported(), reason="child interpreters: POSIX only")
def test_the_parser_process_reports_the_same_warnings(tmp_path):
    store = SnapshotStore(tmp_path / "cache.sqlite3")
    path = _file(tmp_path)
    result = IngestProcess(store.path, path, None, {**KEYS, "size": None}).run()
    assert (result.warnings, result.warnings_checked) == (2, 2010)
    assert [(e["id"], e["path"]) for e in result.warning_examples] == _expected_examples()[:2]
    assert _warnings(store)[:2] == (2, 2010)
    store.close()
