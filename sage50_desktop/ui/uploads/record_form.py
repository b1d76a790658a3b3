"""The form of the rejected orders: each order's fields in a table, the faulty ones highlighted.

``orders (with their problem counts) | field · value · problem``

Every leaf of an order is one row (nested fields by their dotted path,
``lines.0.productId``, labelled like the browser's columns). A field that
the result file named (``errors`` of the rejected record) is highlighted
until its value is changed; a field that the live schema check flags is
highlighted with the check's message; a field named by either but absent from
the order gets a row of its own so it can be filled in. Values are edited as
text and read back as the type the field had (a number stays a number when
the text is one; otherwise the check says what is wrong); structural changes
(another order line) are for the JSON text view.

Signals:
    edited(): a value changed (the dialog checks the orders again).
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from sage50_desktop.services.validation import ValidationIssue, record_key
from sage50_desktop.storage.snapshot_records import flatten
from sage50_desktop.ui import icons, theme, validation_text
from sage50_desktop.ui.browser.columns import path_label

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
COL_FIELD, COL_VALUE, COL_PROBLEM = range(3)
# problems: the result file's (amber) and the live check's (red); dark variants for dark palettes
REJECTED_BG, INVALID_BG = QColor(255, 226, 168), QColor(255, 205, 205)
REJECTED_BG_DARK, INVALID_BG_DARK = QColor(104, 78, 22), QColor(92, 32, 36)
TEXT_ON_BG = QColor(20, 20, 20)
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def problem_colours() -> tuple[QColor, QColor, QColor | None]:
    """(rejected by the platform, invalid here, text colour or None for the palette's)."""
    if theme.is_dark():
        return REJECTED_BG_DARK, INVALID_BG_DARK, None
    return REJECTED_BG, INVALID_BG, TEXT_ON_BG


# --- values -------------------------------------------------------------------------------
def value_text(value: Any) -> str:
    """How a value is shown for editing: text as is, numbers and booleans as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def parse_value(text: str, like: Any) -> Any:
    """The edited ``text`` as the type of ``like`` (the value it replaces), else as text.

    Numbers accept a decimal comma (``12,5``); a missing value (``like`` None)
    is read as a JSON number, ``true``/``false`` or ``null`` when it is one.
    """
    stripped = text.strip()
    if isinstance(like, str):
        return text
    if isinstance(like, bool):
        lowered = stripped.lower()
        return True if lowered == "true" else False if lowered == "false" else text
    if isinstance(like, int | float) or like is None:
        if _NUMBER.match(stripped):
            number = float(stripped.replace(",", "."))
            if isinstance(like, int) and number.is_integer() and "." not in stripped:
                return int(number)
            if like is None and re.fullmatch(r"[+-]?\d+", stripped):
                return int(stripped)
            return number
        if like is None:
            if not stripped:
                return None
            if stripped in ("true", "false", "null"):
                return json.loads(stripped)
        return text
    try:  # an empty object or list: JSON text
        return json.loads(stripped)
    except ValueError:
        return text


def set_path(record: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``record`` with ``value`` at the dotted ``path`` (created if missing)."""
    result = copy.deepcopy(record)
    parts = path.split(".")
    node: Any = result
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        nxt: Any = [] if not last and parts[index + 1].isdigit() else {}
        if isinstance(node, list) and part.isdigit():
            position = int(part)
            while len(node) <= position:
                node.append(None)
            if last:
                node[position] = value
            elif not isinstance(node[position], dict | list):
                node[position] = nxt
            node = node[position]
        elif isinstance(node, dict):
            if last:
                node[part] = value
            elif not isinstance(node.get(part), dict | list):
                node[part] = nxt
            node = node[part] if not last else node
        else:  # a scalar in the way: the path cannot be set
            return result
    return result


# --- the form --------------------------------------------------------------------------------
def _t(text: str) -> str:
    return QCoreApplication.translate("RejectedOrdersForm", text)


class RejectedOrdersForm(QSplitter):
    """The orders (left) and the selected order's fields (right), editable."""

    edited = Signal()

    def __init__(
        self,
        records: list[Any],
        rejected: dict[str, list[tuple[str, str]]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("rejectedOrdersForm")
        self.records: list[Any] = copy.deepcopy(records)
        self.original: list[Any] = copy.deepcopy(records)
        self.rejected = {k: list(v) for k, v in (rejected or {}).items()}
        self.issues: dict[int, list[ValidationIssue]] = {}
        self._filling = False
        self.orders = QListWidget(self)
        self.orders.setObjectName("rejectedOrders")
        self.orders.currentRowChanged.connect(lambda _row: self._fill_fields())
        self.fields = QTableWidget(0, 3, self)
        self.fields.setObjectName("rejectedFields")
        self.fields.verticalHeader().hide()
        self.fields.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.fields.setWordWrap(False)
        self.fields.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.fields.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.fields.itemChanged.connect(self._item_changed)
        self.addWidget(self.orders)
        self.addWidget(self.fields)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 3)
        self.setSizes([170, 600])
        self.retranslate()
        self._fill_orders()
        if self.records:
            self.orders.setCurrentRow(0)

    def retranslate(self) -> None:
        self.fields.setHorizontalHeaderLabels([_t("Field"), _t("Value"), _t("Problem")])
        self.orders.setAccessibleName(_t("Rejected orders"))
        self._fill_orders()
        self._fill_fields()

    # --- state ----------------------------------------------------------------------------
    def set_records(self, records: list[Any]) -> None:
        """New orders (from the JSON text view); the problems are checked again."""
        current = max(0, self.orders.currentRow())
        self.records = copy.deepcopy(records)
        self.issues = {}
        self._fill_orders()
        if self.records:
            self.orders.setCurrentRow(min(current, len(self.records) - 1))
        self._fill_fields()

    def set_issues(self, issues: list[ValidationIssue]) -> None:
        """The live check's problems (by the order's position in the list)."""
        self.issues = {}
        for issue in issues:
            if issue.index is not None:
                self.issues.setdefault(issue.index, []).append(issue)
        self._fill_orders()
        self._fill_fields()

    def current_index(self) -> int:
        return self.orders.currentRow()

    def select(self, index: int) -> None:
        self.orders.setCurrentRow(index)

    def _key(self, index: int) -> str:
        return record_key(self.records[index], index) if 0 <= index < len(self.records) else ""

    def _rejected_now(self, index: int) -> list[tuple[str, str]]:
        """The result file's problems of this order whose field still has the rejected value."""
        original = self.original[index] if index < len(self.original) else None
        key = record_key(original, index) if original is not None else self._key(index)
        problems = self.rejected.get(key, [])
        if not problems:
            return []
        before = flatten(original) if isinstance(original, dict) else {}
        now = flatten(self.records[index]) if isinstance(self.records[index], dict) else {}
        return [(p, m) for p, m in problems if not p or now.get(p) == before.get(p)]

    # --- drawing ---------------------------------------------------------------------------
    def _fill_orders(self) -> None:
        current = self.orders.currentRow()
        self.orders.blockSignals(True)
        self.orders.clear()
        for index in range(len(self.records)):
            count = len(self.issues.get(index, [])) + len(self._rejected_now(index))
            text = self._key(index)
            item = QListWidgetItem(text)
            if count:
                problems = QCoreApplication.translate(
                    "RejectedOrdersForm", "%n problem(s)", None, count
                )
                item.setText(f"{text} · {problems}")
                item.setIcon(icons.standard(self.style().StandardPixmap.SP_MessageBoxWarning))
                item.setToolTip(f"{text}: {problems}")
            item.setData(PATH_ROLE, text)
            self.orders.addItem(item)
        if 0 <= current < len(self.records):
            self.orders.setCurrentRow(current)
        self.orders.blockSignals(False)

    def _fill_fields(self) -> None:
        index = self.orders.currentRow()
        self._filling = True
        try:
            self.fields.setRowCount(0)
            if not 0 <= index < len(self.records) or not isinstance(self.records[index], dict):
                return
            flat = flatten(self.records[index])
            rejected = {p: m for p, m in self._rejected_now(index)}
            invalid = {
                i.path: validation_text.message(i.message) for i in self.issues.get(index, [])
            }
            # the fields with a problem first (the order's own order otherwise): no scrolling
            # to find what to fix
            named = [p for p in dict.fromkeys((*invalid, *rejected)) if p]
            paths = named + [p for p in flat if p not in invalid and p not in rejected]
            rejected_bg, invalid_bg, text_colour = problem_colours()
            bold = QFont(self.fields.font())
            bold.setBold(True)
            self.fields.setRowCount(len(paths))
            for row, path in enumerate(paths):
                name = QTableWidgetItem(path_label(path))
                name.setToolTip(path)
                name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
                value = QTableWidgetItem(value_text(flat.get(path)))
                value.setData(PATH_ROLE, path)
                value.setToolTip(value.text())
                problem_text = invalid.get(path) or (
                    _t("Rejected by Sage 50: %1").replace("%1", rejected[path])
                    if path in rejected
                    else ""
                )
                problem = QTableWidgetItem(problem_text)
                problem.setToolTip(problem_text)
                problem.setFlags(problem.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if problem_text:
                    bg = invalid_bg if path in invalid else rejected_bg
                    for item in (name, value, problem):
                        item.setBackground(QBrush(bg))
                        if text_colour is not None:
                            item.setForeground(QBrush(text_colour))
                    name.setFont(bold)
                self.fields.setItem(row, COL_FIELD, name)
                self.fields.setItem(row, COL_VALUE, value)
                self.fields.setItem(row, COL_PROBLEM, problem)
            self.fields.resizeColumnToContents(COL_FIELD)
            self.fields.setColumnWidth(COL_VALUE, max(140, self.fields.columnWidth(COL_VALUE)))
        finally:
            self._filling = False

    def row_of(self, path: str) -> int:
        """The fields table's row of ``path`` (−1 when the order has no such row)."""
        for row in range(self.fields.rowCount()):
            item = self.fields.item(row, COL_VALUE)
            if item is not None and item.data(PATH_ROLE) == path:
                return row
        return -1

    def is_highlighted(self, path: str) -> bool:
        row = self.row_of(path)
        item = self.fields.item(row, COL_PROBLEM) if row >= 0 else None
        return bool(item is not None and item.text())

    def set_value(self, path: str, text: str) -> None:
        """Type ``text`` into the value of ``path`` (as the user would)."""
        row = self.row_of(path)
        if row >= 0:
            self.fields.item(row, COL_VALUE).setText(text)  # type: ignore[union-attr]

    # --- editing ----------------------------------------------------------------------------
    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != COL_VALUE:
            return
        index = self.orders.currentRow()
        path = item.data(PATH_ROLE)
        if not 0 <= index < len(self.records) or not path:
            return
        # read back as the type the field had when the form opened (an invalid edit
        # typed as text does not turn the field into text for good)
        original = flatten(self.original[index]) if index < len(self.original) else {}
        like = original.get(path)
        if like is None:
            like = flatten(self.records[index]).get(path)
        self.records[index] = set_path(self.records[index], path, parse_value(item.text(), like))
        self.edited.emit()
