"""The Uploads panel end to end on the sandbox: check, upload, track, result."""

from __future__ import annotations

from PySide6.QtCore import Qt
from qt_helpers import wait_until
from upload_panel_support import UNKNOWN_PRODUCT, make_order, settle

from sage50_desktop.api.contract import UploadStatus


async def test_valid_file_is_uploaded_and_its_result_shown(
    make_panel, service, write_orders, control, qtbot
):
    panel = make_panel(service)
    await wait_until(lambda: panel.model.loaded, message="history loaded")
    assert panel.history_state.state == "empty"
    panel.choose_file(write_orders([make_order(1), make_order(2), make_order(3)]))
    assert not panel.upload_button.isEnabled()  # still being checked
    await wait_until(lambda: panel.upload_button.isEnabled(), message="file checked")
    assert panel.validation.state == "ok"
    qtbot.mouseClick(panel.upload_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: panel.selected_id is not None, message="upload selected")
    upload_id = panel.selected_id
    await wait_until(
        lambda: panel.result_view.summary is not None, timeout=20, message="result shown"
    )
    summary = panel.result_view.summary
    assert (summary.total, summary.accepted, summary.rejected) == (3, 3, 0)
    assert panel.result_view.model.rowCount() == 3
    timeline = panel.timeline
    reached = timeline.model.reached()
    assert UploadStatus.ACCEPTED in reached and UploadStatus.PENDING in reached
    assert timeline.record.id == upload_id and timeline.progress.value() == 100
    await wait_until(
        lambda: panel.model.record(upload_id).status == UploadStatus.ACCEPTED,
        message="history row redrawn",
    )
    assert [u["uploadId"] for u in control.uploads()] == [upload_id]
    await settle(panel)


async def test_invalid_file_is_blocked_locally(make_panel, service, write_orders, control, qtbot):
    bad = make_order(1)
    del bad["customer"]
    bad["lines"][0]["quantity"] = "two"
    panel = make_panel(service)
    panel.choose_file(write_orders([make_order(0), bad]))
    await wait_until(lambda: panel.validation.state == "errors", message="report")
    issues = panel.validation.model.issues()
    assert {(i.record, i.path) for i in issues} >= {
        ("ORD-1", "customer"),
        ("ORD-1", "lines.0.quantity"),
    }
    assert not panel.upload_button.isEnabled()
    qtbot.mouseClick(panel.upload_button, Qt.MouseButton.LeftButton)
    assert panel.start_upload() is None
    assert control.uploads() == []
    assert control.counters().get("createUpload", 0) == 0
    await settle(panel)


async def test_rejected_orders_show_their_errors(make_panel, service, write_orders, control):
    panel = make_panel(service)
    panel.choose_file(write_orders([make_order(1), make_order(2, product=UNKNOWN_PRODUCT)]))
    await wait_until(panel.can_upload, message="checked")
    panel.start_upload()
    await wait_until(lambda: panel.result_view.summary is not None, timeout=20)
    await wait_until(
        lambda: panel.model.record(panel.selected_id).status == UploadStatus.FAILED,
        message="history row redrawn",
    )
    rows = {r.record_id: r for r in panel.result_view.model.rows()}
    assert rows["ORD-1"].outcome == "accepted"
    assert rows["ORD-2"].outcome == "rejected"
    assert ("lines.0.productId", "unknown product") in rows["ORD-2"].errors
    panel.result_view.set_outcome_filter("rejected")
    assert panel.result_view.proxy.rowCount() == 1
    assert panel.result_view.fix_button.isVisible()
    await settle(panel)
