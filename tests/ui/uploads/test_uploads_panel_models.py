"""The panel's Qt models under the model tester; notices, drag and drop, cancel and resume."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from qt_helpers import wait_until
from upload_panel_support import UNKNOWN_PRODUCT, make_order, settle

from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.storage.upload_store import LocalState
from sage50_desktop.ui.uploads.history_model import TransferMeter


async def test_models_pass_the_model_tester(
    make_panel, service, write_orders, control, qtmodeltester, tmp_path
):
    panel = make_panel(service)
    bad = make_order(9)
    bad["totalAmount"] = "lots"
    panel.choose_file(write_orders([bad], "bad.json"))
    await wait_until(lambda: panel.validation.state == "errors")
    qtmodeltester.check(panel.validation.model)
    panel.choose_file(write_orders([make_order(1), make_order(2, product=UNKNOWN_PRODUCT)]))
    await wait_until(panel.can_upload)
    await panel.start_upload()
    await wait_until(lambda: panel.result_view.summary is not None, timeout=20)
    await settle(panel)
    for model in (
        panel.model,
        panel.proxy,
        panel.timeline.model,
        panel.result_view.model,
        panel.result_view.proxy,
    ):
        qtmodeltester.check(model)
    target = tmp_path / "saved-result.json"
    panel.save_result(panel.selected_id, target)
    await wait_until(target.exists, message="result saved")
    assert b"ORD-2" in target.read_bytes()
    await settle(panel)


async def test_end_while_unfocused_gives_a_notice(
    make_panel, service, write_orders, control, monkeypatch
):
    panel = make_panel(service)
    monkeypatch.setattr(panel.notifier, "window_focused", lambda: False)
    panel.choose_file(write_orders([make_order(1)]))
    await wait_until(panel.can_upload)
    await panel.start_upload()
    await wait_until(lambda: panel.notifier.sent, timeout=20, message="notified")
    channel, title, text = panel.notifier.sent[-1]
    assert channel == "app" and "orders.json" in text  # no tray here: the in-app notice
    assert panel.notice.isVisible() and "orders.json" in panel.notice.text()
    await settle(panel)


async def test_drop_a_file_and_cancel_then_resume_tracking(
    make_panel, service, write_orders, control
):
    control.processing(stepDelay=0.3)
    panel = make_panel(service)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(write_orders([make_order(1)], "dropped.json")))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.dropEvent(event)
    assert panel.file is not None and panel.file.name == "dropped.json"
    await wait_until(panel.can_upload)
    await panel.start_upload()
    upload_id = panel.selected_id
    await wait_until(panel.cancel_button.isEnabled)
    panel.cancel_button.click()
    await wait_until(lambda: service.get(upload_id).state == LocalState.CANCELLED)
    await wait_until(panel.resume_button.isEnabled, message="resumable")
    panel.resume_button.click()
    await wait_until(lambda: service.get(upload_id).status == UploadStatus.ACCEPTED, timeout=20)
    await settle(panel)


def test_transfer_meter_rolling_average():
    now = [0.0]
    meter = TransferMeter(total=1000, clock=lambda: now[0], window=2.0)
    assert meter.speed is None and meter.eta is None
    for second in range(1, 6):
        now[0] = float(second)
        meter.update(second * 100)
    assert meter.speed == 100.0 and meter.eta == 5.0 and meter.fraction == 0.5
    unknown = TransferMeter(total=None)
    unknown.update(10)
    assert unknown.fraction is None and unknown.eta is None
