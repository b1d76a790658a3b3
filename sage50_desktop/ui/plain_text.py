"""Text from outside (platform messages, record fields, file names) is shown as plain text.

Qt guesses: a ``QLabel`` in its default automatic format, a tooltip or a
message box renders anything that looks like HTML (``<h1>``, ``<img src=…>``,
``<a href=file:…>``). :func:`plain` fixes a label to plain text;
:func:`plain_tip` makes a tooltip render literally; :func:`escape` is for the
few deliberately rich labels that embed a value in the app's own markup.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMessageBox,
    QToolTip,
    QWidget,
)

PLAIN = Qt.TextFormat.PlainText


def plain(label: QLabel) -> QLabel:
    """``label`` set to show its text as plain text, whatever it contains."""
    label.setTextFormat(PLAIN)
    return label


def plain_box(box: QMessageBox) -> QMessageBox:
    box.setTextFormat(PLAIN)
    return box


def escape(value: object) -> str:
    """``value`` as text for embedding in the app's own rich text (tags shown literally)."""
    return html.escape(str(value), quote=True)


def plain_tip(text: object) -> str:
    """A tooltip that shows ``text`` literally (Qt renders tooltips that look like HTML)."""
    value = "" if text is None else str(text)
    if not value:
        return value
    return "<qt>" + html.escape(value, quote=False).replace("\n", "<br>") + "</qt>"


class PlainToolTips(QObject):
    """An application-wide filter: every tooltip (widgets, item views, headers) shows plain text.

    Qt renders a tooltip as HTML when it looks like HTML; tooltips here show
    platform messages, record values and file names, so none is rendered.
    """

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        text = self._tip_of(obj, event)
        if text is None:
            return False
        if text:
            QToolTip.showText(
                event.globalPos(), plain_tip(text), obj if isinstance(obj, QWidget) else None
            )
        else:
            QToolTip.hideText()
            event.ignore()
        return True

    @staticmethod
    def _tip_of(obj: QObject, event: QHelpEvent) -> str | None:
        """The tooltip Qt would show for ``event`` on ``obj``; None: not ours to handle."""
        parent = obj.parent()
        if isinstance(parent, QHeaderView) and obj is parent.viewport():
            model = parent.model()
            pos = event.pos()
            section = parent.logicalIndexAt(pos)
            if model is None or section < 0:
                return ""
            value = model.headerData(section, parent.orientation(), Qt.ItemDataRole.ToolTipRole)
            return "" if value is None else str(value)
        if isinstance(parent, QAbstractItemView) and obj is parent.viewport():
            index = parent.indexAt(event.pos())
            value = index.data(Qt.ItemDataRole.ToolTipRole) if index.isValid() else None
            return "" if value is None else str(value)
        if isinstance(obj, QWidget) and obj.toolTip():
            return obj.toolTip()
        return None


def install_plain_tooltips() -> None:
    """Install :class:`PlainToolTips` on the application once (idempotent)."""
    app = QApplication.instance()
    if app is None or getattr(app, "_sage50_plain_tips", None) is not None:
        return
    tips = PlainToolTips(app)
    app.installEventFilter(tips)
    app._sage50_plain_tips = tips  # type: ignore[attr-defined]
