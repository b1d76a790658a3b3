"""The two-process ingest (services/ingest_process): the parse and the insert run in
separate child processes, store exactly what the threaded ingest stores, and a failure
or a kill of either stage stores nothing."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Any

import orjson
import pytest
from snapshot_support import product

from sage50_desktop.api.errors import DownloadCorrupt
from sage50_desktop.services.ingest import IngestCancelled, IngestError, ingest_file
from sage50_desktop.services.ingest_feed import FeedAborted
from sage50_desktop.services.ingest_process import NICER_BY, IngestProcess, supported
from sage50_desktop.services.schema_check import SchemaChecker
from sage50_desktop.storage.snapshot_store import SnapshotStore

pytestmark = pytest.mark.skipif(not supported(), reason="child interpreters: POSIX only")

RECORDS = 30_000
KEYS = {"profile_id": "p1", "domain": "ecommerce", "scope": "products"}


@pytest.fixture
def stores(tmp_path: Path):
    made: list[SnapshotStore] = []

    def make(name: str) -> SnapshotStore:
        store = SnapshotStore(tmp_path / name / "cache.sqlite3")
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


def _file(tmp_path: Path, records: list[dict[str, Any]], name: str = "products.json") -> Path:
    path = tmp_path / name
    path.write_bytes(orjson.dumps(records))
    return path


def _options(path: Path, version: str = "v1", **extra: Any) -> dict[str, Any]:
    data = path.read_bytes()
    options = {
        **KEYS,
        "version": version,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "retention": 3,
    }
    return {**options, **extra}


def _stored(store: SnapshotStore) -> tuple[Any, ...]:
    """Everything an ingest wrote: snapshot counts, spans, bodies (ids aside)."""
    raw = store.connect()
    try:
        return (
            raw.execute(
                "SELECT seq, version, records, added, changed, removed, warnings, "
                "warnings_checked, warning_examples, sha256, size FROM snap_snapshots ORDER BY seq"
            ).fetchall(),
            raw.execute(
                "SELECT record_id, first_seq, end_seq, hash FROM snap_spans "
                "ORDER BY record_id, first_seq"
            ).fetchall(),
            raw.execute("SELECT hash, record_id, body FROM snap_bodies ORDER BY hash").fetchall(),
        )
    finally:
        raw.close()


def _nothing_stored(store: SnapshotStore) -> bool:
    raw = store.connect()
    try:
        counts = [
            raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("snap_snapshots", "snap_bodies", "snap_spans")
        ]
    finally:
        raw.close()
    return counts == [0, 0, 0]


def _threaded(store: SnapshotStore, path: Path, **options: Any) -> Any:
    conn = store.connect()
    try:
        checker = SchemaChecker.for_scope(KEYS["domain"], KEYS["scope"])  # as the parser's
        return ingest_file(conn, path, checker=checker, **options)
    finally:
        conn.close()


def test_two_processes_store_exactly_what_the_threaded_ingest_stores(stores, tmp_path):
    first = [product(i) for i in range(RECORDS)]
    second = [product(i, rev=1) if i % 50 == 0 else product(i) for i in range(7, RECORDS + 20)]
    files = [_file(tmp_path, first, "v1.json"), _file(tmp_path, second, "v2.json")]
    threaded, processes = stores("threads"), stores("processes")
    for version, path in zip(("v1", "v2"), files, strict=True):
        expected = _threaded(threaded, path, **_options(path, version))
        child = IngestProcess(processes.path, path, None, _options(path, version))
        result = child.run()
        # the stages ran in two processes, neither of them this one
        assert len({result.stats.pid, result.stats.parse_pid, os.getpid()}) == 3
        assert result.stats.parse > 0 and result.stats.write > 0
        counts = ("records", "added", "changed", "removed")
        assert [getattr(result, n) for n in counts] == [getattr(expected, n) for n in counts]
    assert _stored(processes) == _stored(threaded)
    snap = processes.latest("p1", "ecommerce", "products")
    assert snap is not None and (snap.added, snap.changed, snap.removed) == (20, 599, 7)


def test_the_writer_answers_at_commit_then_copies_the_wal_into_the_database(stores, tmp_path):
    """The answer comes once the snapshot is committed; the writer then checkpoints the
    WAL on its own (its COMMIT does not): the database file itself holds the snapshot
    once the writer has ended, and the snapshot reads the same before and after."""
    store = stores("processes")
    path = _file(tmp_path, [product(i) for i in range(RECORDS)])
    before = store.path.stat().st_size
    child = IngestProcess(store.path, path, None, _options(path))
    assert child.run().records == RECORDS
    stored = _stored(store)  # committed: readable while the writer may still checkpoint
    assert child.wait_writer(60) == 0
    assert store.path.stat().st_size > before + path.stat().st_size // 2
    assert _stored(store) == stored


def _run_in_thread(child: IngestProcess) -> tuple[threading.Thread, dict[str, Any]]:
    outcome: dict[str, Any] = {"progress": threading.Event()}

    def run() -> None:
        try:
            outcome["result"] = child.run(lambda _records: outcome["progress"].set())
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def _half_downloaded(tmp_path: Path, stores) -> tuple[SnapshotStore, IngestProcess, Any]:
    """An ingest fed by a download that wrote half of the file and waits."""
    store = stores("half")
    data = orjson.dumps([product(i) for i in range(RECORDS)])
    dest = tmp_path / "download.json"
    part = tmp_path / "download.json.part"
    part.write_bytes(data[: len(data) // 2])
    options = {**KEYS, "version": "v1", "sha256": hashlib.sha256(data).hexdigest()}
    child = IngestProcess(store.path, dest, part, {**options, "size": len(data)})
    child.advance(len(data) // 2)
    thread, outcome = _run_in_thread(child)
    assert outcome["progress"].wait(60), outcome.get("error")
    return store, child, (thread, outcome)


def test_the_ingest_processes_run_at_a_lower_priority_than_the_app(stores, tmp_path):
    """Both cores go to the ingest for a large file: the app's event loop (and its
    download) must get a core as soon as it wakes."""
    _store, child, (thread, _outcome) = _half_downloaded(tmp_path, stores)
    try:
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        for pid in (child.pid, child.parser_pid):
            assert os.getpriority(os.PRIO_PROCESS, pid) == min(mine + NICER_BY, 19)
    finally:
        child.cancel()
        thread.join(60)


def test_a_killed_parser_process_stores_nothing(stores, tmp_path):
    store, child, (thread, outcome) = _half_downloaded(tmp_path, stores)
    child.kill_parser()
    thread.join(60)
    assert isinstance(outcome.get("error"), IngestError), outcome
    assert "stopped unexpectedly" in str(outcome["error"])
    assert _nothing_stored(store)


def test_a_killed_writer_process_stores_nothing(stores, tmp_path):
    store, child, (thread, outcome) = _half_downloaded(tmp_path, stores)
    child.kill()
    thread.join(60)
    assert isinstance(outcome.get("error"), IngestError), outcome
    assert _nothing_stored(store)


def test_a_failed_download_stores_nothing_in_the_processes(stores, tmp_path):
    store, child, (thread, outcome) = _half_downloaded(tmp_path, stores)
    child.fail("hash mismatch")
    thread.join(60)
    assert isinstance(outcome.get("error"), FeedAborted), outcome
    assert _nothing_stored(store)


def test_a_cancelled_process_ingest_stores_nothing(stores, tmp_path):
    store, child, (thread, outcome) = _half_downloaded(tmp_path, stores)
    child.cancel()
    thread.join(60)
    assert isinstance(outcome.get("error"), (IngestCancelled, FeedAborted)), outcome
    assert _nothing_stored(store)


def test_bad_json_found_by_the_parser_process_stores_nothing(stores, tmp_path):
    store = stores("bad")
    path = tmp_path / "bad.json"
    good = orjson.dumps([product(i) for i in range(RECORDS)])
    path.write_bytes(good[:-1] + b',{"id": "P9", oops}]')
    with pytest.raises(IngestError, match="not valid JSON"):
        IngestProcess(store.path, path, None, _options(path)).run()
    assert _nothing_stored(store)


def test_a_duplicate_id_found_by_the_writer_process_stores_nothing(stores, tmp_path):
    store = stores("dup")
    records = [product(i) for i in range(RECORDS)] + [product(123, rev=2)]
    path = _file(tmp_path, records)
    with pytest.raises(IngestError, match="P00123"):
        IngestProcess(store.path, path, None, _options(path)).run()
    assert _nothing_stored(store)


def test_a_wrong_sha256_of_the_bytes_parsed_stores_nothing(stores, tmp_path):
    store = stores("sha")
    path = _file(tmp_path, [product(i) for i in range(RECORDS)])
    with pytest.raises(DownloadCorrupt):
        IngestProcess(store.path, path, None, _options(path, sha256="0" * 64)).run()
    assert _nothing_stored(store)
