"""Sync against a live sandbox: full load, versions, 304, faults, cancellation, retention."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from sage50_desktop.api.errors import DownloadCorrupt
from sage50_desktop.services import ingest as ingest_mod
from sage50_desktop.services import settings as S


def _leftovers(downloads: Path) -> list[Path]:
    return list(downloads.glob("*")) if downloads.exists() else []


async def test_first_load_then_versions_match_publish(sync, control, store):
    control.set_records("products", 2000)
    events = []
    sync.download_progress.connect(lambda *a: events.append(("bytes", a)))
    sync.ingest_progress.connect(lambda *a: events.append(("records", a)))
    first = await sync.sync("products")
    assert not first.unchanged and first.records == 2000 and first.added == 2000
    assert first.changed == first.removed == 0
    assert any(k == "bytes" for k, _ in events) and events[-1] == ("records", ("products", 2000))
    for churn in (
        {"changed": 0.02, "added": 0.01, "removed": 0.005},
        {"changed_count": 7, "added_count": 0, "removed_count": 3},
    ):
        published = control.publish("products", **churn)
        result = await sync.sync("products")
        assert (result.added, result.changed, result.removed) == (
            published["added"],
            published["changed"],
            published["removed"],
        )
        assert result.version == published["version"]
    snaps = store.list_snapshots(sync.profile_id, sync.domain, "products")
    assert [s.version for s in snaps][0] == result.version and len(snaps) == 3
    assert snaps[0].records == store.count(snaps[0].id)
    assert _leftovers(sync.downloads_dir) == []


async def test_unchanged_costs_no_download(sync, control):
    await sync.sync("customers")
    control.reset_counters()
    result = await sync.sync("customers")
    assert result.unchanged
    counters = control.counters()
    assert not any(
        "download" in name or "presigned" in name.lower() for name in counters if counters[name]
    ), counters


async def test_drop_and_resume(sync, control, store):
    control.set_records("products", 3000)
    control.faults(dropAfterBytes=200_000, dropMode="once")
    result = await sync.sync("products")
    assert result.records == 3000
    assert store.latest(sync.profile_id, sync.domain, "products").records == 3000


async def test_corrupt_download_is_never_stored(sync, control, store):
    await sync.sync("products")
    before = store.latest(sync.profile_id, sync.domain, "products")
    control.publish("products", changed_count=5)
    control.faults(corruptNextDownload=True)
    with pytest.raises(DownloadCorrupt):
        await sync.sync("products")
    after = store.latest(sync.profile_id, sync.domain, "products")
    assert after.id == before.id and after.version == before.version
    assert _leftovers(sync.downloads_dir) == []
    result = await sync.sync("products")  # the next try works
    assert result.changed == 5


async def test_exception_mid_ingest_leaves_previous(sync, control, store, monkeypatch):
    control.set_records("products", 1500)
    first = await sync.sync("products")
    control.publish("products", changed=0.1, added=0.1)
    real_add = ingest_mod.SnapshotWriter.add
    calls = {"n": 0}

    def failing_add(self, rows):
        calls["n"] += 1
        real_add(self, rows)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ingest_mod.SnapshotWriter, "add", failing_add)
    with pytest.raises(RuntimeError, match="disk on fire"):
        await sync.sync("products")
    assert calls["n"] == 1
    snaps = store.list_snapshots(sync.profile_id, sync.domain, "products")
    assert [s.id for s in snaps] == [first.snapshot_id]
    assert store.count(first.snapshot_id) == 1500
    page = store.page(first.snapshot_id, 0, 5000)
    assert len(page.rows) == 1500
    assert _leftovers(sync.downloads_dir) == []
    monkeypatch.undo()
    second = await sync.sync("products")
    assert second.records == store.count(second.snapshot_id)


async def test_cancel_during_ingest(sync, control, store, monkeypatch):
    control.set_records("products", 2500)
    first = await sync.sync("products")
    control.publish("products", changed=0.05)
    real_add = ingest_mod.SnapshotWriter.add
    started = asyncio.Event()
    loop = asyncio.get_running_loop()

    def slow_add(self, rows):
        real_add(self, rows)
        loop.call_soon_threadsafe(started.set)
        import time

        time.sleep(0.3)

    monkeypatch.setattr(ingest_mod.SnapshotWriter, "add", slow_add)
    task = asyncio.create_task(sync.sync("products"))
    await asyncio.wait_for(started.wait(), 30)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    latest = store.latest(sync.profile_id, sync.domain, "products")
    assert latest.id == first.snapshot_id
    assert _leftovers(sync.downloads_dir) == []


async def test_cancel_during_download(sync, control, store):
    control.set_records("products", 4000)
    control.faults(dropAfterBytes=100_000, dropMode="always")
    task = asyncio.create_task(sync.sync("products"))
    await asyncio.sleep(0.2)
    task.cancel()
    with pytest.raises((asyncio.CancelledError, Exception)):
        await task
    assert store.latest(sync.profile_id, sync.domain, "products") is None
    assert _leftovers(sync.downloads_dir) == []


async def test_retention_and_garbage_collection(sync, control, store, runtime):
    runtime.settings.set(S.SNAPSHOT_RETENTION, 3)
    control.set_records("customers", 300)
    results = [await sync.sync("customers")]
    for _ in range(4):
        control.publish("customers", changed_count=10)
        results.append(await sync.sync("customers"))
    snaps = store.list_snapshots(sync.profile_id, sync.domain, "customers")
    assert [s.id for s in snaps] == [r.snapshot_id for r in results[-3:]][::-1]
    raw = store.connect()
    try:
        bodies = raw.execute("SELECT count(*) FROM snap_bodies").fetchone()[0]
        referenced = raw.execute("SELECT count(DISTINCT hash) FROM snap_spans").fetchone()[0]
    finally:
        raw.close()
    # 300 current bodies + 10 changed per kept older version, nothing unreferenced
    assert bodies == referenced == 300 + 2 * 10
    assert store.page(snaps[-1].id, 0, 1).total == 300


# --- large files: the ingest runs in a child process ------------------------------------
@pytest.fixture
def in_child(monkeypatch):
    """Every file counts as large: ingested in a child process."""
    from sage50_desktop.services import sync as sync_mod

    monkeypatch.setattr(sync_mod, "MIN_PROCESS_BYTES", 0)


async def test_large_file_is_ingested_in_a_child_process(sync, control, store, in_child):
    import os

    control.set_records("products", 3000)
    events = []
    sync.ingest_progress.connect(lambda *a: events.append(a))
    first = await sync.sync("products")
    assert sync.last_ingest.stats.pid != os.getpid()
    assert first.records == 3000 and events[-1] == ("products", 3000)
    published = control.publish("products", changed_count=30, added_count=5, removed_count=2)
    second = await sync.sync("products")
    assert (second.added, second.changed, second.removed) == (5, 30, 2)
    assert sync.last_ingest.stats.pid != os.getpid()
    assert store.count(second.snapshot_id) == 3003 and second.version == published["version"]
    assert _leftovers(sync.downloads_dir) == []


async def test_child_process_ingest_of_a_corrupt_download_stores_nothing(
    sync, control, store, in_child
):
    await sync.sync("products")
    before = store.latest(sync.profile_id, sync.domain, "products")
    control.publish("products", changed_count=5)
    control.faults(corruptNextDownload=True)
    with pytest.raises(DownloadCorrupt):
        await sync.sync("products")
    assert store.latest(sync.profile_id, sync.domain, "products").id == before.id
    assert _leftovers(sync.downloads_dir) == []
    assert (await sync.sync("products")).changed == 5


async def test_killed_ingest_process_keeps_the_previous_snapshot(
    sync, control, store, in_child, monkeypatch
):
    from sage50_desktop.services import sync as sync_mod
    from sage50_desktop.services.ingest import IngestError

    control.set_records("products", 1000)
    first = await sync.sync("products")
    control.set_records("products", 40_000)
    killed = asyncio.Event()
    children = []

    class Recorded(sync_mod.IngestProcess):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            children.append(self)

    monkeypatch.setattr(sync_mod, "IngestProcess", Recorded)

    def kill_child(_scope, _records):
        if children and not killed.is_set():
            children[-1].kill()
            killed.set()

    sync.ingest_progress.connect(kill_child)
    with pytest.raises(IngestError, match="stopped unexpectedly"):
        await sync.sync("products")
    assert killed.is_set()
    sync.ingest_progress.disconnect(kill_child)
    assert store.latest(sync.profile_id, sync.domain, "products").id == first.snapshot_id
    assert store.count(first.snapshot_id) == 1000
    assert _leftovers(sync.downloads_dir) == []
    assert (await sync.sync("products")).records == 40_000
