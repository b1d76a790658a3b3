"""The Uploads panel's history: restart mid-tracking, re-upload, expired links, fix and retry."""

from __future__ import annotations

import asyncio
import json

from PySide6.QtCore import Qt
from qt_helpers import wait_until
from upload_panel_support import CUSTOMER_ID, UNKNOWN_PRODUCT, make_order, settle

from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.storage.upload_store import LocalState
from sage50_desktop.ui import i18n
from sage50_desktop.ui.uploads.record_form import PATH_ROLE


def row_is(panel, upload_id, **values):
    """The history row of ``upload_id`` exists and has these field values."""
    record = panel.model.record(upload_id)
    return record is not None and all(getattr(record, k) == v for k, v in values.items())


async def _upload(panel, path):
    panel.choose_file(path)
    await wait_until(panel.can_upload, message="file checked")
    task = panel.start_upload()
    await task
    return panel.selected_id


async def test_restart_mid_tracking_resumes_to_the_end(
    make_panel, make_service, write_orders, control
):
    control.processing(stepDelay=0.2)
    first_service = make_service()
    first = make_panel(first_service)
    upload_id = await _upload(first, write_orders([make_order(1)]))
    await wait_until(lambda: first.service.get(upload_id).status != UploadStatus.PENDING)
    await first.aclose()  # the app quits mid-tracking
    await first_service.aclose()
    assert first_service.get(upload_id).state == LocalState.TRACKING
    assert not first_service.get(upload_id).terminal

    second = make_panel(make_service())  # next start: new service and panel, same data folder
    await wait_until(lambda: second.selected_id == upload_id, message="history loaded")
    await wait_until(
        lambda: second.result_view.summary is not None, timeout=20, message="resumed to the result"
    )
    await wait_until(lambda: row_is(second, upload_id, status=UploadStatus.ACCEPTED))
    reached = second.timeline.model.reached()
    assert list(reached)[0] == UploadStatus.PENDING and UploadStatus.ACCEPTED in reached
    assert [u["uploadId"] for u in control.uploads()] == [upload_id]
    await settle(second)


async def test_reupload_creates_a_new_linked_upload(
    make_panel, service, write_orders, control, qtbot
):
    panel = make_panel(service)
    first_id = await _upload(panel, write_orders([make_order(1)]))
    await wait_until(lambda: row_is(panel, first_id, state=LocalState.DONE), timeout=20)
    panel.select(first_id)
    await wait_until(lambda: panel.reupload_button.isEnabled())
    qtbot.mouseClick(panel.reupload_button, Qt.MouseButton.LeftButton)
    # its order was accepted: the duplicate-order guard asks first, naming the count
    await wait_until(
        lambda: panel.resend_dialog is not None and panel.resend_dialog.isVisible(),
        message="duplicate-order question",
    )
    dialog = panel.resend_dialog
    assert dialog.send_button.text().startswith("Send 1 order")
    assert "ORD-1" in dialog.informativeText() and first_id in dialog.informativeText()
    assert [u["uploadId"] for u in control.uploads()] == [first_id]  # nothing sent yet
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: panel.selected_id not in (None, first_id), message="re-upload")
    second_id = panel.selected_id
    await wait_until(lambda: row_is(panel, second_id, state=LocalState.DONE), timeout=20)
    second = panel.model.record(second_id)
    assert second.parent_id == first_id and second.file_name == "orders.json"
    assert panel.model.rowCount() == 2
    assert {u["uploadId"] for u in control.uploads()} == {first_id, second_id}
    panel.history_search.setText(first_id)  # the link is searchable in the history
    assert panel.proxy.rowCount() == 2
    panel.history_search.setText("")
    panel.history_group.setCurrentIndex(panel.history_group.findData("active"))
    assert panel.proxy.rowCount() == 0
    await settle(panel)


async def test_duplicate_orders_question_cancel_sends_nothing(
    make_panel, service, write_orders, control, qtbot
):
    panel = make_panel(service)
    first_id = await _upload(panel, write_orders([make_order(1), make_order(2)]))
    await wait_until(lambda: row_is(panel, first_id, state=LocalState.DONE), timeout=20)
    # a new file with both accepted orders and a new one
    panel.choose_file(write_orders([make_order(1), make_order(2), make_order(3)], "more.json"))
    await wait_until(panel.can_upload, message="file checked")
    await panel.start_upload()
    dialog = panel.resend_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.text().startswith("2 order")
    assert dialog.send_button.text().startswith("Send 2 order")
    assert dialog.defaultButton() is dialog.cancel_button
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: not dialog.isVisible())
    assert [u["uploadId"] for u in control.uploads()] == [first_id]
    assert panel.model.rowCount() == 1 and panel.can_upload()  # the file stays chosen
    # confirmed this time: sent
    await panel.start_upload()
    panel.resend_dialog.send_button.click()
    await wait_until(lambda: len(control.uploads()) == 2, message="sent after confirmation")
    await wait_until(lambda: panel.model.rowCount() == 2)
    await settle(panel)


async def test_expired_upload_link_says_so_and_reuploads(
    make_panel, service, write_orders, control
):
    control.processing(uploadUrlLifetime=0)  # the sandbox rounds up: it lives < 1 s
    real_put = service.connection.client.upload_file

    async def slow_put(url, file, **kwargs):
        await asyncio.sleep(1.05)  # the link expires before the bytes go
        return await real_put(url, file, **kwargs)

    service.connection.client.upload_file = slow_put
    panel = make_panel(service)
    panel.choose_file(write_orders([make_order(1)]))
    await wait_until(panel.can_upload)
    panel.start_upload()
    await wait_until(
        lambda: panel.notice.isVisible() and panel.notice.action_button.isVisible(),
        message="expired-link notice",
    )
    assert "expired" in panel.notice.text()
    [expired] = service.list_uploads()
    assert expired.state == LocalState.URL_EXPIRED
    control.processing(uploadUrlLifetime=900)
    service.connection.client.upload_file = real_put
    panel.notice.action_button.click()  # "Re-upload"
    await wait_until(lambda: len(service.list_uploads()) == 2, message="re-uploaded")
    newest = service.list_uploads()[0]
    assert newest.parent_id == expired.id
    await wait_until(lambda: service.get(newest.id).status == UploadStatus.ACCEPTED, timeout=20)
    await settle(panel)


async def test_fix_rejected_orders_in_the_form(make_panel, service, write_orders, control):
    """The sandbox rejects two of three orders; the form names the faulty fields, checks each
    edit live (in the registry, off the GUI thread), and the fixed orders are accepted."""
    i18n.install("en")  # English plurals ("1 problem") from the catalogues
    registry = TaskRegistry()
    panel = make_panel(service, tasks=registry)
    first_id = await _upload(
        panel,
        write_orders(
            [
                make_order(1),
                make_order(2, product=UNKNOWN_PRODUCT),
                make_order(3, customer="C9999999"),
            ]
        ),
    )
    await wait_until(lambda: panel.result_view.summary is not None, timeout=20)
    assert panel.result_view.summary.rejected == 2
    started = []
    registry.started.connect(started.append)
    await panel.fix_rejected(first_id)
    editor = panel.editor
    form = editor.form
    assert editor.in_form() and editor.modes.tabText(1) == "JSON text"
    assert [form.orders.item(i).data(PATH_ROLE) for i in range(2)] == ["ORD-2", "ORD-3"]
    assert form.orders.item(0).text() == "ORD-2 · 1 problem"  # the result named one field
    # the fields the result named are highlighted, with Sage 50's message
    assert form.current_index() == 0
    assert form.is_highlighted("lines.0.productId")
    row = form.row_of("lines.0.productId")
    assert "unknown product" in form.fields.item(row, 2).text()
    assert form.fields.item(row, 1).text() == UNKNOWN_PRODUCT
    assert row == 0  # the faulty fields come first
    assert not form.is_highlighted("customer.id") and not form.is_highlighted("lines.0.quantity")
    await wait_until(lambda: editor.report_view.state == "ok", message="first check")
    # a wrong edit: checked live against the schema, highlighted, the button stays off
    form.set_value("lines.0.quantity", "many")
    await wait_until(lambda: editor.report_view.state == "errors", message="live check")
    assert not editor.upload_button.isEnabled()
    assert editor.report_view.model.issues()[0].path == "lines.0.quantity"
    assert form.is_highlighted("lines.0.quantity")
    assert "number" in form.fields.item(form.row_of("lines.0.quantity"), 2).text()
    form.set_value("lines.0.quantity", "3")
    form.set_value("lines.0.productId", "P0000002")  # the fix: a known product
    await wait_until(lambda: editor.report_view.state == "ok", message="valid again")
    assert not form.is_highlighted("lines.0.productId")  # changed: no longer the rejected value
    assert form.records[0]["lines"][0] == {
        "productId": "P0000002",
        "quantity": 3,
        "netPrice": 24.5,
        "tax": 20,
    }
    # the second order: its customer
    form.select(1)
    assert form.is_highlighted("customer.id")
    assert "unknown customer" in form.fields.item(form.row_of("customer.id"), 2).text()
    form.set_value("customer.id", CUSTOMER_ID)
    await wait_until(editor.upload_button.isEnabled, message="all valid")
    checks = [t for t in started if "record-check" in t.name]
    assert checks and all(t.quiet for t in checks)  # the checks ran as registry tasks
    editor.upload_button.click()
    await wait_until(lambda: panel.selected_id not in (None, first_id), message="fix sent")
    fix_id = panel.selected_id
    await wait_until(lambda: service.get(fix_id).status == UploadStatus.ACCEPTED, timeout=20)
    fixed = service.get(fix_id)
    assert fixed.parent_id == first_id and fixed.record_count == 2
    await wait_until(
        lambda: panel.result_view.summary is not None and panel.result_view.record.id == fix_id,
        timeout=20,
    )
    assert panel.result_view.summary.accepted == 2 and panel.result_view.summary.rejected == 0
    await settle(panel)


async def test_fix_rejected_orders_as_json_text(make_panel, service, write_orders, control):
    panel = make_panel(service)
    first_id = await _upload(
        panel, write_orders([make_order(1), make_order(2, product=UNKNOWN_PRODUCT)])
    )
    await wait_until(lambda: panel.result_view.summary is not None, timeout=20)
    assert panel.details.currentIndex() == 1  # the result tab opened by itself
    await panel.fix_rejected(first_id)
    editor = panel.editor
    editor.modes.setCurrentIndex(1)  # "JSON text"
    records = json.loads(editor.editor.toPlainText())
    assert [r["id"] for r in records] == ["ORD-2"]
    records[0]["lines"][0]["quantity"] = "many"  # invalid: the button stays off
    editor.editor.setPlainText(json.dumps(records))
    await wait_until(lambda: editor.report_view.state == "errors", message="live check")
    assert not editor.upload_button.isEnabled()
    assert editor.report_view.model.issues()[0].path == "lines.0.quantity"
    editor.editor.setPlainText("[{")  # not JSON: the form cannot take it
    editor.modes.setCurrentIndex(0)
    assert editor.modes.currentIndex() == 1
    await wait_until(lambda: editor.report_view.state == "errors")
    # a structural change the form cannot make: a second order line, then back to the form
    records[0]["lines"][0] = {"productId": "P0000002", "quantity": 1, "netPrice": 5, "tax": 21}
    records[0]["lines"].append({"productId": "P0000003", "quantity": 2, "netPrice": 5, "tax": 21})
    editor.editor.setPlainText(json.dumps(records))
    editor.modes.setCurrentIndex(0)
    assert editor.in_form()
    assert editor.form.row_of("lines.1.productId") >= 0
    await wait_until(editor.upload_button.isEnabled, message="valid again")
    editor.upload_button.click()
    await wait_until(lambda: panel.selected_id not in (None, first_id), message="fix sent")
    fix_id = panel.selected_id
    await wait_until(lambda: service.get(fix_id).status == UploadStatus.ACCEPTED, timeout=20)
    fixed = service.get(fix_id)
    assert fixed.parent_id == first_id and fixed.record_count == 1
    await settle(panel)


async def test_fixed_orders_go_through_the_duplicate_order_guard(
    make_panel, service, write_orders, control
):
    """An order the platform accepted is not sent again from the form without asking."""
    panel = make_panel(service)
    first_id = await _upload(
        panel, write_orders([make_order(1), make_order(2, product=UNKNOWN_PRODUCT)])
    )
    await wait_until(lambda: panel.result_view.summary is not None, timeout=20)
    await panel.fix_rejected(first_id)
    editor = panel.editor
    editor.form.set_value("id", "ORD-1")  # now the id of the accepted order
    editor.form.set_value("lines.0.productId", "P0000002")
    await wait_until(editor.upload_button.isEnabled)
    editor.upload_button.click()
    await wait_until(lambda: panel.resend_dialog is not None, message="the guard asks")
    assert len(service.list_uploads()) == 1  # nothing sent
    await settle(panel)


async def test_corrected_file_is_linked(make_panel, service, write_orders, control):
    panel = make_panel(service)
    first_id = await _upload(panel, write_orders([make_order(2, product=UNKNOWN_PRODUCT)]))
    await wait_until(lambda: panel.result_view.summary is not None, timeout=20)
    panel.choose_file(write_orders([make_order(2)], "fixed.json"), link_to=first_id)
    assert panel.link_bar.isVisible()
    await wait_until(panel.can_upload)
    await panel.start_upload()
    assert service.get(panel.selected_id).parent_id == first_id
    await settle(panel)
