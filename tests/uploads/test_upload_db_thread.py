"""No app.sqlite3 work on the event loop's (the GUI's) thread: the upload service and its
tracker call the upload store through the app's one database worker thread."""

from __future__ import annotations

import threading

import pytest
from upload_support import FAST, UNKNOWN_PRODUCT, make_order

from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.services.uploads import UploadService
from sage50_desktop.storage.db_worker import DbWorker
from sage50_desktop.storage.upload_store import UploadStore

# the store's methods the service and the tracker use
WATCHED = (
    "add",
    "get",
    "find",
    "find_by_path",
    "set_state",
    "mark_sent",
    "record_status",
    "update",
    "records",
    "summary",
    "outcomes",
    "store_result",
)


@pytest.fixture
def store_threads(monkeypatch):
    """Which thread each upload-store call ran on: (method, thread name)."""
    calls: list[tuple[str, str]] = []
    for name in WATCHED:
        original = getattr(UploadStore, name)

        def watched(self, *args, __original=original, __name=name, **kwargs):
            calls.append((__name, threading.current_thread().name))
            return __original(self, *args, **kwargs)

        monkeypatch.setattr(UploadStore, name, watched)
    return calls


@pytest.mark.log_warnings_expected("a partly rejected upload is logged as a failed task")
async def test_upload_track_result_cancel_and_resume_never_touch_sqlite_on_the_loop(
    runtime, profile, write_orders, control, store_threads
):
    control.processing(stepDelay=0.05)
    loop_thread = threading.current_thread().name
    service = UploadService(runtime, runtime.connect(profile), policy=FAST, tasks=TaskRegistry())
    assert service.db is runtime.app_db
    try:
        path = write_orders([make_order(1), make_order(2, product=UNKNOWN_PRODUCT)])
        record = await service.upload(path, "orders")
        final = await service.wait(record.id, limit=20)
        assert final.status == "failed"  # one order rejected: a result file was stored
        assert await service.rejected_records(record.id)
        again = await service.reupload(record.id, allow_resend=True)
        await service.cancel(again.id)
        await service.resume(again.id)
        await service.wait(again.id, limit=20)
        await service.resume_all()
    finally:
        await service.aclose()
        await service.connection.aclose()
    used = {name for name, _thread in store_threads}
    assert {"add", "set_state", "record_status", "store_result", "outcomes"} <= used
    on_loop = [name for name, thread in store_threads if thread == loop_thread]
    assert on_loop == [], f"store calls on the event loop's thread: {on_loop}"
    # all of it on the one database thread, in the order it was asked for
    elsewhere = [call for call in store_threads if not call[1].startswith("app-sqlite3_")]
    assert elsewhere == []


async def test_the_db_worker_runs_calls_in_order_on_one_thread_and_closes():
    worker = DbWorker("probe-db")
    seen: list[tuple[int, str]] = []

    def note(i: int) -> int:
        seen.append((i, threading.current_thread().name))
        return i * 2

    results = [await worker.run(note, i) for i in range(5)]
    assert results == [0, 2, 4, 6, 8]
    assert [i for i, _t in seen] == list(range(5))
    assert len({t for _i, t in seen}) == 1 and seen[0][1].startswith("probe-db_")
    with pytest.raises(ZeroDivisionError):
        await worker.run(lambda: 1 / 0)
    worker.close()
    with pytest.raises(RuntimeError):
        await worker.run(note, 9)
