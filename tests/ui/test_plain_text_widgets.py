"""Issue 16 — the shared widgets that show outside text never render it as HTML.

``<h1>``, ``<img src=…>`` and ``<a href=file:…>`` go through the record
detail, the info bar, the state view (empty/error/consent/loading/notice)
and message boxes; every label ends up plain text or with the markup escaped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from sage50_desktop.ui.browser.detail import RecordDetail
from sage50_desktop.ui.plain_text import escape, plain_box
from sage50_desktop.ui.widgets.infobar import InfoBar
from sage50_desktop.ui.widgets.state_view import StateView

HOSTILE = "<h1>BIG</h1> <img src=https://evil.example/x.png> <a href=file:///etc/passwd>x</a>"
MARKERS = ("<h1>", "<img", "<a href=file")


def _rendered(root: QWidget) -> list[tuple[str, str]]:
    """Labels that would render a marker as HTML (raw marker, not plain-text format)."""
    bad = []
    for label in root.findChildren(QLabel):
        if (
            any(m in label.text() for m in MARKERS)
            and label.textFormat() != Qt.TextFormat.PlainText
        ):
            bad.append((label.objectName(), label.text()))
    return bad


def _shown(root: QWidget) -> int:
    return sum(
        1
        for label in root.findChildren(QLabel)
        if any(m in label.text() for m in MARKERS) or "&lt;h1&gt;" in label.text()
    )


def test_record_detail_escapes_record_fields(qtbot):
    detail = RecordDetail()
    qtbot.addWidget(detail)
    detail.show_record({"id": HOSTILE, "name": HOSTILE, "nested": {"k": HOSTILE}})
    assert _rendered(detail) == []
    assert "&lt;h1&gt;" in detail.heading.text()


def test_info_bar_plain_and_rich_with_escaped_values(qtbot):
    bar = InfoBar()
    qtbot.addWidget(bar)
    bar.set_text(HOSTILE)
    assert bar.text_label.textFormat() == Qt.TextFormat.PlainText and _rendered(bar) == []
    bar.set_rich_text(f"<b>Consent needed for {escape(HOSTILE)}</b>")
    assert _rendered(bar) == [] and "<h1>" not in bar.text_label.text()


def test_state_view_states_show_outside_text_plainly(qtbot):
    view = StateView()
    qtbot.addWidget(view)
    for show in (
        lambda: view.show_error(HOSTILE, HOSTILE),
        lambda: view.show_empty(HOSTILE, HOSTILE),
        lambda: view.show_consent_needed(HOSTILE, HOSTILE, ("Go", lambda: None)),
        lambda: view.show_loading(HOSTILE),
        lambda: view.set_notice("warning", HOSTILE),
    ):
        show()
        assert _rendered(view) == []
        assert _shown(view) >= 1


def test_message_boxes_with_outside_text_are_plain(qtbot):
    box = plain_box(QMessageBox(QMessageBox.Icon.Warning, "t", HOSTILE))
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
