"""Uploads run in the app's task registry: visible while tracked, a true duration, the right end."""

from __future__ import annotations

import pytest
from upload_support import FAST, UNKNOWN_PRODUCT, make_order

from sage50_desktop.services import tasks as T
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.services.uploads import TASK_PREFIX, UploadPartlyRejected, UploadService


def _service(runtime, profile, tasks):
    return UploadService(runtime, runtime.connect(profile), policy=FAST, tasks=tasks)


async def test_tracked_upload_is_a_running_registry_task(runtime, profile, write_orders, control):
    control.processing(stepDelay=0.1)
    tasks = TaskRegistry()
    ended: list[T.TaskInfo] = []
    tasks.finished.connect(ended.append)
    service = _service(runtime, profile, tasks)
    try:
        record = await service.upload(write_orders([make_order(1)]), "orders")
        name = TASK_PREFIX + record.id
        assert tasks.is_running(name) and len(tasks) == 1
        info = tasks.get(name)
        assert info.kind == "upload" and info.subject == record.file_name
        # the target names the upload itself (an Activity click opens it on the Uploads page)
        assert info.target.endswith(f"/orders/upload/{record.id}")
        await service.wait(record.id, limit=20)
    finally:
        await service.aclose()
        await service.connection.aclose()
    [done] = [i for i in ended if i.name == name]
    assert done.state == T.SUCCEEDED and done.done == done.total == 100
    assert (done.finished_at - done.started_at).total_seconds() >= 0.3  # the steps took time


@pytest.mark.log_warnings_expected("a partly rejected upload is logged as a failed task")
async def test_partly_rejected_upload_fails_pointing_to_rejected_orders(
    runtime, profile, write_orders, control
):
    tasks = TaskRegistry()
    ended: list[T.TaskInfo] = []
    tasks.finished.connect(ended.append)
    service = _service(runtime, profile, tasks)
    try:
        path = write_orders([make_order(1), make_order(2, product=UNKNOWN_PRODUCT)])
        record = await service.upload(path, "orders")
        await service.wait(record.id, limit=20)
    finally:
        await service.aclose()
        await service.connection.aclose()
    [done] = [i for i in ended if i.name == TASK_PREFIX + record.id]
    assert done.state == T.FAILED and isinstance(done.error, UploadPartlyRejected)
    assert (done.error.rejected, done.error.total) == (1, 2)
    assert "rejected orders" in done.error.hint
