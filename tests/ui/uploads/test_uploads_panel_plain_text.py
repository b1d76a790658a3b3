"""Issue 16 — text from outside is shown as plain text, never rendered as HTML.

Markup goes in through every way the Uploads panel shows outside text: the
file name, record ids, the platform's tracking status, and the result's
record errors. Every label that ends up showing it is in plain-text format,
and every tooltip that carries it is shown literally.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QToolTip, QWidget
from qt_helpers import wait_until
from upload_panel_support import make_order, settle

from sage50_desktop.ui.plain_text import install_plain_tooltips, plain_tip

H1 = "<h1>BIG</h1>"
IMG = "<img src=x.png>"
LINK = "<a href=file:etc>open</a>"
MARKERS = ("<h1>", "<img", "<a href=file")


def labels_showing_markup(root: QWidget) -> list[QLabel]:
    """Labels under ``root`` whose text carries one of the markers."""
    return [label for label in root.findChildren(QLabel) if any(m in label.text() for m in MARKERS)]


def assert_plain(root: QWidget) -> int:
    shown = labels_showing_markup(root)
    rendered = [
        (lb.objectName(), lb.text()) for lb in shown if lb.textFormat() != Qt.TextFormat.PlainText
    ]
    assert rendered == [], f"labels that would render outside markup: {rendered}"
    return len(shown)


def tooltips_with_markup(root: QWidget) -> list[tuple[QAbstractItemView, object, str]]:
    found = []
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or not view.isVisible():
            continue
        for row in range(min(model.rowCount(), 50)):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if tip and any(m in str(tip) for m in MARKERS):
                    found.append((view, index, str(tip)))
    return found


@pytest.mark.qt_log_ignore("does not support raise")  # offscreen tooltips
@pytest.mark.log_warnings_expected("an unknown tracking status is logged")
async def test_outside_markup_is_never_rendered_in_the_uploads_panel(
    make_panel, service, write_orders, control, tmp_path
):
    install_plain_tooltips()
    control.processing(stepDelay=0.3)
    control.faults(trackingStatus=f"{H1}{IMG}")
    panel = make_panel(service)
    records = [make_order(f"{H1}1"), make_order(f"{IMG}2", product=f"{LINK}P")]
    path = write_orders(records, name=f"{IMG} <h1>big <a href=file:etc>.json")  # no "/"
    panel.choose_file(path)
    await wait_until(panel.can_upload, timeout=20, message="checked")
    assert assert_plain(panel) >= 1  # the file name reached a label, as plain text
    assert panel.start_upload() is not None
    await wait_until(lambda: panel.selected_id is not None, message="upload selected")
    upload_id = panel.selected_id
    await wait_until(
        lambda: (service.store.get(upload_id).status or "").startswith(H1),
        timeout=20,
        message="the hostile status recorded",
    )
    await wait_until(
        lambda: labels_showing_markup(panel.timeline),
        timeout=20,
        message="the hostile status shown",
    )
    assert assert_plain(panel) >= 1
    control.faults(trackingStatus=None)
    await wait_until(
        lambda: panel.result_view.summary is not None, timeout=30, message="result shown"
    )
    shown = assert_plain(panel)
    assert shown >= 1
    tips = tooltips_with_markup(panel)
    assert tips, "the hostile record ids reach tooltips of the result and history tables"
    for view, index, _tip in tips[:5]:
        view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        rect = view.visualRect(index)
        pos = rect.center()
        event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
        QApplication.sendEvent(view.viewport(), event)
        assert QToolTip.text() in {plain_tip(t) for _v, _i, t in tips}  # escaped: literal
        assert not any(m in QToolTip.text() for m in MARKERS)
    QToolTip.hideText()
    await settle(panel)


@pytest.mark.qt_log_ignore("does not support raise")
def test_plain_tip_escapes_and_keeps_plain_text():
    assert plain_tip("") == ""
    shown = plain_tip(f"{H1}\n{LINK}")
    assert "<h1>" not in shown and "&lt;h1&gt;" in shown and "<br>" in shown
    widget = QLabel()
    widget.setToolTip(IMG)
    install_plain_tooltips()
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, QPoint(1, 1), QPoint(1, 1)))
    assert QToolTip.text() in ("", plain_tip(IMG))  # hidden widget: nothing, else literal
    QToolTip.hideText()
