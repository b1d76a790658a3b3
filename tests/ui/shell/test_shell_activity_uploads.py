"""Activity: uploads listed while tracked with their progress, a click opens the upload on
the Uploads page, the "platform forgot this upload" stop recorded; index builds visible."""

from __future__ import annotations

import orjson
import pytest
from orders import make_order
from qt_helpers import wait_until

from sage50_desktop.services import activity as A
from sage50_desktop.services.activity import parse_target, target_for
from sage50_desktop.services.tasks import SUCCEEDED
from sage50_desktop.ui.activity_dock import FRACTION_ROLE, detail_text
from sage50_desktop.ui.browser.page import ScopePage
from sage50_desktop.ui.overview.page import ConnectionOverviewPage
from sage50_desktop.ui.uploads.history_model import IdRole
from sage50_desktop.ui.uploads.page import UploadsPage


def _uploads_panel(window, session):
    window.open_target(target_for(session.id, "ecommerce", "orders"))
    page = window.current_page()
    assert isinstance(page, UploadsPage)
    return page


async def _send(panel, path):
    panel.choose_file(path)
    await wait_until(panel.can_upload, message="file checked")
    await panel.start_upload()
    return panel.selected_id


def _upload_rows(shell, upload_id):
    return [
        r
        for r in shell.activity.entries()
        if r.kind == A.KIND_UPLOAD and r.target and r.target.endswith(f"/upload/{upload_id}")
    ]


async def test_an_upload_is_listed_while_tracked_and_a_click_opens_it(shell, tmp_path):
    window, dock = shell.window, shell.window.activity_dock
    session = shell.sessions.get(shell.sandbox_profile.id)
    shell.sandbox.control.processing(stepDelay=0.4)
    panel = _uploads_panel(window, session).panel
    await wait_until(lambda: panel is not None and panel.history_pane.isVisible())
    first_file, second_file = tmp_path / "first.json", tmp_path / "second.json"
    first_file.write_bytes(orjson.dumps([make_order(1001)]))
    second_file.write_bytes(orjson.dumps([make_order(1002)]))
    first = await _send(panel, first_file)

    # while it is tracked: a running row, with the platform's status and progress
    await wait_until(lambda: _upload_rows(shell, first), message="the upload's Activity row")
    row = _upload_rows(shell, first)[0]
    assert parse_target(row.target).upload_id == first
    assert parse_target(row.target).page == target_for(session.id, "ecommerce", "orders")

    def running_with_progress():
        model = dock.model
        r = model.row_of(_upload_rows(shell, first)[0].id)
        entry = model._rows[r]
        return (
            entry.state == "running"
            and entry.done is not None
            and model.index(r, 2).data(FRACTION_ROLE) is not None
            and detail_text(entry) not in ("", entry.detail)
        )

    await wait_until(running_with_progress, timeout=20, message="progress while tracked")
    await wait_until(lambda: _upload_rows(shell, first)[0].state == SUCCEEDED, timeout=30)
    assert detail_text(_upload_rows(shell, first)[0]) == "Accepted"
    second = await _send(panel, second_file)
    await wait_until(lambda: panel.selected_id == second)

    # elsewhere in the window, a click on the first upload's row opens it on the Uploads page
    window.open_target(target_for(session.id))
    assert isinstance(window.current_page(), ConnectionOverviewPage)
    index = dock.model.index(dock.model.row_of(_upload_rows(shell, first)[0].id), 1)
    dock.table.clicked.emit(index)
    await wait_until(lambda: isinstance(window.current_page(), UploadsPage), message="jumped")
    await wait_until(lambda: panel.selected_id == first, message="that upload selected")
    await wait_until(lambda: panel.history.currentIndex().data(IdRole) == first)
    shell.sandbox.control.processing(stepDelay=0.05)


@pytest.mark.log_warnings_expected("the forgotten upload is logged as a failed task")
async def test_the_platform_forgetting_an_upload_is_recorded(shell, tmp_path):
    window = shell.window
    session = shell.sessions.get(shell.sandbox_profile.id)
    shell.sandbox.control.processing(stepDelay=30)  # it stays in its first status
    panel = _uploads_panel(window, session).panel
    await wait_until(lambda: panel is not None and panel.history_pane.isVisible())
    path = tmp_path / "orders.json"
    path.write_bytes(orjson.dumps([make_order(1003)]))
    upload_id = await _send(panel, path)
    await wait_until(lambda: _upload_rows(shell, upload_id), message="tracked")
    shell.sandbox.control.reset()  # the platform forgets every upload
    await wait_until(
        lambda: _upload_rows(shell, upload_id)[0].state == "failed",
        timeout=30,
        message="the stop recorded",
    )
    row = _upload_rows(shell, upload_id)[0]
    assert row.error_type == "UploadForgotten"
    assert "no longer knows this upload" in detail_text(row)
    assert "upload the file again" in detail_text(row)


async def test_background_index_builds_are_visible_with_progress(shell):
    window = shell.window
    session = shell.sessions.get(shell.sandbox_profile.id)
    window.open_target(target_for(session.id, "ecommerce", "products"))
    page = window.current_page()
    assert isinstance(page, ScopePage)
    seen = []
    shell.tasks.progressed.connect(
        lambda info: seen.append((info.done, info.total)) if info.kind == A.KIND_INDEX else None
    )
    info = page.download_now()
    await wait_until(lambda: info.state == SUCCEEDED, timeout=30)

    def index_row():
        rows = [r for r in shell.activity.entries() if r.kind == A.KIND_INDEX]
        return rows[-1] if rows else None

    await wait_until(lambda: index_row() is not None, message="the index build in Activity")
    row = index_row()
    assert row.target == target_for(session.id, "ecommerce", "products")
    assert row.task_name == f"index:{session.id}/ecommerce/products"
    await wait_until(lambda: index_row().state == SUCCEEDED, timeout=30, message="indexes built")
    assert seen and any(total for _done, total in seen), "no progress reported"
    row_text = window.activity_dock.model.index(
        window.activity_dock.model.row_of(index_row().id), 1
    ).data()
    assert row_text.startswith("Indexing")
