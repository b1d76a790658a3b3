"""Indexes after a download, as one named task: sort indexes of the default columns,
then the search index, with progress; cancelling stops the builds."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from snapshot_support import product, write_json

from sage50_desktop.services.indexing import build_indexes, index_task_name
from sage50_desktop.services.ingest import ingest_file
from sage50_desktop.services.tasks import CANCELLED, SUCCEEDED, TaskRegistry
from sage50_desktop.storage.snapshot_store import SnapshotStore

RECORDS = 25_000


@pytest.fixture
def loaded(tmp_path: Path):
    store = SnapshotStore(tmp_path / "cache.sqlite3")
    conn = store.connect()
    try:
        result = ingest_file(
            conn,
            write_json(tmp_path / "p.json", [product(i) for i in range(RECORDS)]),
            profile_id="p1",
            domain="ecommerce",
            scope="products",
            version="v1",
        )
    finally:
        conn.close()
    yield store, result.snapshot_id
    store.close()


async def _finished(tasks: TaskRegistry, name: str):
    done = asyncio.get_running_loop().create_future()
    tasks.finished.connect(
        lambda info: info.name == name and not done.done() and done.set_result(info)
    )
    return await asyncio.wait_for(done, 120)


async def test_index_task_builds_sort_then_search_indexes_with_progress(loaded):
    store, sid = loaded
    tasks = TaskRegistry()
    seen = []
    tasks.progressed.connect(lambda info: seen.append((info.done, info.total, info.detail)))
    name = index_task_name("p1", "ecommerce", "products")
    tasks.start(name, build_indexes(store, sid, ["id", "name", "netPrice"]), kind="index")
    info = await _finished(tasks, name)
    assert info.state == SUCCEEDED, info.error
    assert store.sort_ready(sid, "name") and store.sort_ready(sid, "netPrice")
    assert store.snapshot(sid).fts_ready
    assert any("sort index 1 of 2" in d for _n, _t, d in seen)
    records = [(n, t) for n, t, d in seen if d.startswith("search index:")]
    assert records and records[-1] == (RECORDS, RECORDS)
    assert [n for n, _t in records] == sorted(n for n, _t in records)
    page = store.page(sid, 0, 10, None, False, "Cuchillo 24999")
    assert page.mode == "fts" and [r["id"] for r in page.rows] == ["P24999"]


async def test_cancelling_the_index_task_stops_the_search_index_and_a_later_build_resumes(loaded):
    store, sid = loaded
    tasks = TaskRegistry()
    name = index_task_name("p1", "ecommerce", "products")
    waiting = asyncio.Event()
    tasks.progressed.connect(lambda info: info.detail == "search index" and waiting.set())
    with store.background_paused():  # the build waits at its first batch
        info = tasks.start(name, build_indexes(store, sid), kind="index")
        await asyncio.wait_for(waiting.wait(), 60)
        tasks.cancel(name)
        ended = await _finished(tasks, name) if info.running else info
    assert ended.state == CANCELLED
    assert store.wait_index(sid, 60)
    assert not store.snapshot(sid).fts_ready
    # the LIKE fallback still answers meanwhile
    assert store.page(sid, 0, 5, None, False, "Cuchillo").mode == "like"
    store.build_index(sid)
    assert store.wait_index(sid, 120) and store.snapshot(sid).fts_ready
    assert store.count(sid, "Cuchillo") == RECORDS
