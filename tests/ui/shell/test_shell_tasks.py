"""The Qt-free task registry: names, progress, one way for errors, cancellation."""

from __future__ import annotations

import asyncio

import pytest

from sage50_desktop.api.errors import ServerUnreachable
from sage50_desktop.services.tasks import (
    CANCELLED,
    TaskInfo,
    TaskRegistry,
    TaskRunning,
    report_progress,
)


@pytest.mark.log_warnings_expected("a task fails on purpose: the registry logs its failure")
async def test_shell_task_registry_lifecycle():
    tasks = TaskRegistry()
    events: list[tuple[str, str]] = []
    tasks.started.connect(lambda info: events.append(("started", info.name)))
    tasks.progressed.connect(lambda info: events.append(("progress", f"{info.done}/{info.total}")))
    tasks.finished.connect(lambda info: events.append((info.state, info.name)))

    async def work() -> int:
        report_progress(1, 2)
        await asyncio.sleep(0)
        return 7

    info = tasks.start("a", work(), kind="download")
    assert tasks.is_running("a") and len(tasks) == 1
    with pytest.raises(TaskRunning):
        tasks.start("a", work())
    assert tasks.start("a", work(), if_running="keep") is info
    assert await info.task == 7
    assert events == [("started", "a"), ("progress", "1/2"), ("succeeded", "a")]

    async def boom() -> None:
        raise ServerUnreachable("down")

    failed = tasks.start("b", boom())
    assert await failed.task is None  # errors are reported, not raised at the awaiter
    assert failed.state == "failed" and isinstance(failed.error, ServerUnreachable)

    async def forever() -> None:
        await asyncio.sleep(3600)

    slow = tasks.start("c", forever())
    await asyncio.sleep(0)
    await tasks.cancel_all()
    assert slow.state == "cancelled" and len(tasks) == 0
    with pytest.raises(RuntimeError):
        tasks.start("d", forever())


def test_a_task_stepped_after_its_loop_ended_is_cancelled_not_failed():
    """qasync runs queued callbacks once more as its loop ends, with no running loop:
    a task stepped then ends as cancelled (the app is closing), not as a failure."""
    tasks = TaskRegistry()
    ended: list[TaskInfo] = []
    tasks.finished.connect(ended.append)
    info = TaskInfo(name="late", kind="poll", registry=tasks)

    async def work() -> None:
        await asyncio.to_thread(lambda: None)  # needs a running loop

    step = tasks._run(info, work())
    with pytest.raises(StopIteration):
        step.send(None)  # outside any running loop
    assert ended == [info] and info.state == CANCELLED and info.error is None
