"""The Uploads panel's actions run in the app's task registry when the host hands one in."""

from __future__ import annotations

from orders import make_order
from qt_helpers import wait_until

from sage50_desktop.services import tasks as T
from sage50_desktop.services.tasks import TaskRegistry


async def test_panel_actions_are_registry_tasks(make_panel, service, write_orders, control):
    registry = TaskRegistry()
    started: list[T.TaskInfo] = []
    registry.started.connect(started.append)
    panel = make_panel(service, tasks=registry)
    panel.choose_file(write_orders([make_order(1)]))
    await wait_until(panel.can_upload, message="file checked")
    before = len(started)
    task = panel.start_upload()
    assert task is not None
    mine = [
        i for i in started[before:] if i.name.startswith(f"uploads-panel:{service.profile_id}:")
    ]
    assert len(mine) == 1, [i.name for i in started]
    [info] = mine
    assert info.quiet and info.kind == "upload" and info.target.endswith("/orders")
    await task
    await wait_until(
        lambda: not any(i.name.startswith("uploads-panel:") for i in registry.running()),
        message="action ended",
    )
    assert info.state == T.SUCCEEDED
    await wait_until(panel.is_idle, timeout=30, message="the upload tracked to its end")
