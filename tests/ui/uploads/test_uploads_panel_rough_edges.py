"""Rough edges of the Uploads panel: one highlighted history row, no jump as results arrive."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QRegion
from qt_helpers import wait_until
from upload_panel_support import make_order, settle

from sage50_desktop.storage.upload_store import LocalState
from sage50_desktop.ui.uploads.history_model import IdRole


async def _upload(panel, path):
    panel.choose_file(path)
    await wait_until(panel.can_upload, message="file checked")
    task = panel.start_upload()
    await task
    return panel.selected_id


def _y(widget, panel):
    return widget.mapTo(panel, QPoint(0, 0)).y()


async def test_the_history_does_not_jump_as_results_arrive(make_panel, service, write_orders):
    panel = make_panel(service)
    await wait_until(lambda: panel.history_pane.isVisible())
    positions = [("start", _y(panel.history_pane, panel))]
    panel.choose_file(write_orders([make_order(1)]))
    await wait_until(panel.can_upload, message="file checked")
    positions.append(("checked", _y(panel.history_pane, panel)))
    task = panel.start_upload()
    await task
    upload_id = panel.selected_id
    positions.append(("sent", _y(panel.history_pane, panel)))
    await wait_until(
        lambda: (
            panel.model.record(upload_id) is not None
            and panel.model.record(upload_id).state == LocalState.DONE
        ),
        timeout=20,
    )
    await wait_until(lambda: panel.result_view.summary is not None, message="result shown")
    await settle(panel)
    positions.append(("result", _y(panel.history_pane, panel)))
    assert panel.notice.isVisible()  # the upload's end is announced, beside the history
    assert len({y for _, y in positions}) == 1, f"the history moved: {positions}"


class _PaintSpy(QObject):
    """Collects the regions a widget repaints."""

    def __init__(self, widget):
        super().__init__(widget)
        self.region = QRegion()
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):  # Qt override
        if event.type() == QEvent.Type.Paint:
            self.region = self.region.united(event.region())
        return False


async def test_two_history_rows_are_never_highlighted_at_once(
    make_panel, service, write_orders, qtbot
):
    panel = make_panel(service)
    first = await _upload(panel, write_orders([make_order(1)], "a.json"))
    second = await _upload(panel, write_orders([make_order(2)], "b.json"))
    await wait_until(lambda: panel.model.rowCount() == 2)
    history = panel.history
    await wait_until(lambda: panel.selected_id == second)

    def row_of(upload_id):
        return next(
            r
            for r in range(panel.proxy.rowCount())
            if panel.proxy.index(r, 0).data(IdRole) == upload_id
        )

    # the new upload is the one selected, shown and highlighted (not the row the old one
    # moved to)
    assert [i.row() for i in history.selectionModel().selectedRows()] == [row_of(second)]
    assert history.currentIndex().row() == row_of(second)
    history.selectRow(row_of(first))  # the user picks the older upload
    await wait_until(lambda: panel.selected_id == first)
    old_rect = history.visualRect(panel.proxy.index(row_of(first), 0))
    spy = _PaintSpy(history.viewport())
    panel.select(second)  # the app selects another one (a new upload, an Activity click)
    await wait_until(lambda: not spy.region.isEmpty(), message="a repaint")
    await settle(panel)
    assert [i.row() for i in history.selectionModel().selectedRows()] == [row_of(second)]
    assert history.currentIndex().row() == row_of(second)
    # the unselected row is repainted: it is not left drawn as selected
    assert spy.region.intersects(old_rect), "the old row kept its highlight"
