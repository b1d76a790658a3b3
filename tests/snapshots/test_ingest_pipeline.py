"""Pipelined ingest: the file is parsed and stored while it is still being written,
and nothing is committed unless the download side says the file is complete."""

from __future__ import annotations

import threading
from pathlib import Path

import orjson
import pytest
from snapshot_support import product

from sage50_desktop.services.ingest import ingest_file
from sage50_desktop.services.ingest_feed import DownloadFeed, FeedAborted, FeedRestarted
from sage50_desktop.storage.snapshot_store import SnapshotStore

RECORDS = 20_000


@pytest.fixture
def local_store(tmp_path: Path):
    st = SnapshotStore(tmp_path / "cache.sqlite3")
    yield st
    st.close()


class Ingest(threading.Thread):
    """ingest_file on a feed, in a thread; records the progress it reports."""

    def __init__(self, store: SnapshotStore, source: Path, feed: DownloadFeed) -> None:
        super().__init__(daemon=True)
        self.store, self.source, self.feed = store, source, feed
        self.progressed = threading.Event()
        self.result = None
        self.error: BaseException | None = None

    def run(self) -> None:
        conn = self.store.connect()
        try:
            self.result = ingest_file(
                conn,
                self.source,
                profile_id="p1",
                domain="ecommerce",
                scope="products",
                version="v1",
                feed=self.feed,
                progress=lambda _n: self.progressed.set(),
            )
        except BaseException as exc:
            self.error = exc
        finally:
            conn.close()


def _payload() -> bytes:
    return orjson.dumps([product(i) for i in range(RECORDS)])


def _start(local_store: SnapshotStore, tmp_path: Path) -> tuple[bytes, Path, Ingest]:
    data = _payload()
    part = tmp_path / "products.json.part"
    feed = DownloadFeed(part, poll=0.05)
    worker = Ingest(local_store, tmp_path / "products.json", feed)
    worker.start()
    return data, part, worker


def _write(part: Path, feed: DownloadFeed, data: bytes, end: int, mode: str = "ab") -> None:
    with part.open(mode) as fh:
        fh.write(data[:end] if mode == "wb" else data[part.stat().st_size : end])
    feed.advance(end)


def test_records_are_stored_while_the_file_is_written_and_commit_waits_for_finish(
    local_store, tmp_path
):
    data, part, worker = _start(local_store, tmp_path)
    half = len(data) * 3 // 4
    _write(part, worker.feed, data, half, "wb")
    # the ingest works on the first part before the rest exists
    assert worker.progressed.wait(30)
    assert local_store.latest("p1", "ecommerce", "products") is None
    _write(part, worker.feed, data, len(data))
    # all bytes are there, but the download has not said "verified": no snapshot yet
    assert worker.is_alive()
    assert local_store.latest("p1", "ecommerce", "products") is None
    dest = part.with_name("products.json")
    part.rename(dest)  # what the download does after its SHA-256 check
    worker.feed.finish()
    worker.join(60)
    assert worker.error is None, worker.error
    snap = local_store.latest("p1", "ecommerce", "products")
    assert snap is not None and snap.records == RECORDS == worker.result.records
    assert local_store.record(snap.id, "P19999") == product(19_999)
    assert worker.result.stats.parse > 0 and worker.result.stats.write > 0


def test_a_failed_download_stores_nothing(local_store, tmp_path):
    data, part, worker = _start(local_store, tmp_path)
    _write(part, worker.feed, data, len(data) // 2, "wb")
    assert worker.progressed.wait(30)
    worker.feed.fail("hash mismatch")
    worker.join(60)
    assert isinstance(worker.error, FeedAborted)
    assert local_store.latest("p1", "ecommerce", "products") is None
    raw = local_store.connect()
    try:
        assert raw.execute("SELECT count(*) FROM snap_bodies").fetchone()[0] == 0
    finally:
        raw.close()


def test_a_download_that_starts_over_aborts_the_pipelined_ingest(local_store, tmp_path):
    data, part, worker = _start(local_store, tmp_path)
    _write(part, worker.feed, data, len(data) // 2, "wb")
    assert worker.progressed.wait(30)
    _write(part, worker.feed, data, 1000, "wb")  # the server ignored Range: from byte 0
    worker.join(60)
    assert isinstance(worker.error, FeedRestarted)
    assert local_store.latest("p1", "ecommerce", "products") is None


def test_a_missing_finished_file_is_not_read_through_the_feed(tmp_path):
    feed = DownloadFeed(tmp_path / "never.json.part", poll=0.05)
    feed.finish()
    with pytest.raises(FeedRestarted):
        feed.open()


def test_an_ingest_that_starts_after_the_download_reads_the_renamed_file(local_store, tmp_path):
    data = _payload()
    part = tmp_path / "products.json.part"
    feed = DownloadFeed(part, poll=0.05)
    part.write_bytes(data)
    feed.advance(len(data))
    part.rename(tmp_path / "products.json")
    feed.finish()
    worker = Ingest(local_store, tmp_path / "products.json", feed)
    worker.start()
    worker.join(60)
    assert worker.error is None and worker.result.records == RECORDS
