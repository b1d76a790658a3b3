""" "Delete cached data" of a connection: asked first, run as a task, the pages then empty."""

from __future__ import annotations

from pathlib import Path

import orjson
from orders import make_order
from PySide6.QtWidgets import QMessageBox, QWidget
from qt_helpers import wait_until

from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.services import activity as A
from sage50_desktop.services.activity import target_for
from sage50_desktop.storage.upload_store import LocalState
from sage50_desktop.ui import menus
from sage50_desktop.ui.activity_dock import RECORD_ROLE
from sage50_desktop.ui.pages import PAGE_CONNECTION
from sage50_desktop.ui.widgets import state_view


def _exist(*paths: Path) -> list[bool]:
    return [p.exists() for p in paths]


async def test_delete_cached_data_asks_runs_as_a_task_and_empties_the_pages(shell, tmp_path):
    window, runtime = shell.window, shell.runtime
    session = shell.sessions.get(shell.sandbox_profile.id)
    pid = session.id
    # a downloaded data set, its page open; a finished upload with its copy and result
    download = session.download("products")
    await wait_until(lambda: download.state != "running", timeout=60, message="the download")
    assert download.state == A.SUCCEEDED, download.error
    assert runtime.snapshots.latest(pid, session.domain, "products") is not None
    products = target_for(pid, session.domain, "products")
    assert window.open_target(products)
    page = window.pages[products]
    await wait_until(lambda: page.view.state == state_view.CONTENT, message="the data shown")
    orders = tmp_path / "orders.json"
    orders.write_bytes(orjson.dumps([make_order("CACHED-1")]))
    record = await session.uploads.upload(orders, "orders")
    final = await session.uploads.wait(record.id, limit=60)
    assert final.status == UploadStatus.ACCEPTED and final.result_path
    copy, result = Path(final.local_path), Path(final.result_path)
    assert _exist(copy, result) == [True, True]
    listing_file = runtime.data_dir / "listings"
    assert any(listing_file.iterdir())
    await wait_until(
        lambda: any(
            e.target and e.target.startswith(session.target) for e in shell.activity.entries()
        ),
        message="activity rows of the connection",
    )

    # the sidebar menu offers it; the dialog says what goes and what stays; Cancel keeps all
    menu = menus.sidebar_menu(window, session.target, PAGE_CONNECTION)
    assert menu is not None
    [action] = [a for a in menu.actions() if a.text() == "&Delete cached data…"]
    action.trigger()
    box = window.profile_actions.dialog
    assert isinstance(box, QMessageBox) and box.objectName() == "deleteCachedDialog"
    words = box.informativeText()
    for what in (
        "downloaded data sets",
        "saved copies",
        "result files",
        "cached listing",
        "Activity",
        "Kept: the connection and its credentials",
        "upload history",
    ):
        assert what in words, what
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert runtime.snapshots.latest(pid, session.domain, "products") is not None

    window.actions_["delete_cached"].trigger()  # the Connection menu (current: this one)
    box = window.profile_actions.dialog
    box.findChild(QWidget, "confirmDeleteCached").click()
    name = window.profile_actions.delete_task_name(pid)
    await wait_until(
        lambda: any(
            e.task_name == name and e.state == A.SUCCEEDED for e in shell.activity.entries()
        ),
        timeout=30,
        message="the task done, in Activity",
    )
    assert runtime.snapshots.latest(pid, session.domain, "products") is None
    assert _exist(copy, result) == [False, False]
    assert not any(listing_file.iterdir())
    # the connection, its credentials and the upload history stay
    assert runtime.profiles.find(pid) is not None
    assert runtime.credentials_for(session.profile).get_apikey(pid) is not None
    kept = session.uploads.get(record.id)
    assert kept.state == LocalState.DONE and kept.result_path is None
    # the connection's Activity rows went (the deletion's own entry stays), also in the dock
    rows = [e for e in shell.activity.entries() if e.target and e.target.startswith(session.target)]
    assert [e.task_name for e in rows] == [name]
    model = window.activity_dock.model
    dock_rows = [model.data(model.index(r, 0), RECORD_ROLE) for r in range(model.rowCount())]
    assert [r.task_name for r in dock_rows if r.target and r.target.startswith(session.target)] == [
        name
    ]
    # the data set's page shows its empty state
    await wait_until(lambda: page.view.state == state_view.EMPTY, message="the empty state")
