"""Per-column filters and the column chooser of the records table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.storage.snapshot_view import FILTER_OPS
from sage50_desktop.ui.browser.columns import BOOLEAN, COUNT, NUMBER, Column


def coerce(column: Column, text: str) -> Any:
    """The filter value for ``text`` in ``column`` (numbers and booleans typed as such)."""
    if column.kind == NUMBER:
        try:
            return float(text.replace(",", ".")) if any(c in text for c in ".,") else int(text)
        except ValueError:
            return text
    if column.kind == BOOLEAN:
        return text.strip().lower() in ("1", "true", "yes", "sí", "si", "✓")
    return text


class FilterRow(QWidget):
    """Column · operator · value · remove."""

    changed = Signal()
    removed = Signal(object)

    def __init__(self, columns: list[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = [c for c in columns if c.kind != COUNT]
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.column = QComboBox(self)
        for column in self.columns:
            self.column.addItem(column.label, column.path)
        self.op = QComboBox(self)
        self.value = QLineEdit(self)
        self.value.setObjectName("filterValue")
        self.remove = QToolButton(self)
        self.remove.setText("✕")
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        for widget in (self.column, self.op):
            widget.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.value.textChanged.connect(lambda _t: self.changed.emit())
        row.addWidget(self.column)
        row.addWidget(self.op)
        row.addWidget(self.value, 1)
        row.addWidget(self.remove)
        self.retranslate()

    def retranslate(self) -> None:
        names = {
            "contains": self.tr("contains"),
            "startswith": self.tr("starts with"),
            "=": "=",
            "!=": "≠",
            "<": "<",
            "<=": "≤",
            ">": ">",
            ">=": "≥",
        }
        current = self.op.currentData()
        self.op.blockSignals(True)
        self.op.clear()
        for op in FILTER_OPS:
            self.op.addItem(names[op], op)
        self.op.setCurrentIndex(max(0, self.op.findData(current)))
        self.op.blockSignals(False)
        self.value.setPlaceholderText(self.tr("value"))
        self.remove.setToolTip(self.tr("Remove this filter"))

    def condition(self) -> tuple[str, str, Any] | None:
        text = self.value.text()
        if not text.strip() or not self.columns:
            return None
        column = self.columns[self.column.currentIndex()]
        return (column.path, self.op.currentData(), coerce(column, text))


class FilterPanel(QWidget):
    """A stack of :class:`FilterRow` (all must hold).

    Signals:
        changed(): the conditions changed (the page debounces).
    """

    changed = Signal()

    def __init__(self, columns: list[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[FilterRow] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.hide()

    def add_row(self) -> FilterRow:
        row = FilterRow(self.columns, self)
        row.changed.connect(self.changed)
        row.removed.connect(self._remove)
        self.rows.append(row)
        self.layout_.addWidget(row)
        self.show()
        row.value.setFocus()
        return row

    def _remove(self, row: FilterRow) -> None:
        self.rows.remove(row)
        row.deleteLater()
        self.setVisible(bool(self.rows))
        self.changed.emit()

    def conditions(self) -> tuple[tuple[str, str, Any], ...]:
        found = [c for c in (r.condition() for r in self.rows) if c is not None]
        return tuple(found)

    def retranslate(self) -> None:
        for row in self.rows:
            row.retranslate()


class StayOpenMenu(QMenu):
    """A menu whose checkable entries toggle without closing it (choose several columns)."""

    def _toggle(self, action: QAction | None) -> bool:
        if action is None or not action.isCheckable() or not action.isEnabled():
            return False
        action.trigger()
        return True

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt override
        if event.button() == Qt.MouseButton.LeftButton and self._toggle(
            self.actionAt(event.position().toPoint())
        ):
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if event.key() in keys and self._toggle(self.activeAction()):
            event.accept()
            return
        super().keyPressEvent(event)


class ColumnChooser(QToolButton):
    """A menu of checkable columns.

    Signals:
        toggled(int, bool): column index, visible.
    """

    columnToggled = Signal(int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("columnChooser")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(StayOpenMenu(self))  # stays open while columns are toggled
        self.actions_: list[QAction] = []

    def set_columns(self, columns: list[Column], visible: list[bool]) -> None:
        menu = self.menu()
        menu.clear()
        self.actions_ = []
        for i, (column, shown) in enumerate(zip(columns, visible, strict=True)):
            action = menu.addAction(column.label)
            action.setCheckable(True)
            action.setChecked(shown)
            action.setEnabled(column.path != "id")
            action.toggled.connect(lambda on, i=i: self.columnToggled.emit(i, on))
            self.actions_.append(action)
