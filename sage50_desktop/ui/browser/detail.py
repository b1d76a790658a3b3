"""The record detail pane (``recordDetail``): every field as a tree, the raw JSON, copy."""

from __future__ import annotations

import re
from typing import Any

import orjson
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.ui.browser.columns import DATETIME, NUMBER, Column, field_label
from sage50_desktop.ui.browser.records_model import display_text

#: fields that hold an amount of money: shown with two decimals
MONEY_FIELDS = frozenset(
    {"netPrice", "surcharge", "totalAmount", "totalShipping", "price", "unitPrice", "amount"}
)
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def value_text(key: str, value: Any) -> str:
    """A field's value in the UI locale: money with two decimals, numbers, local date-times."""
    if isinstance(value, bool):
        return display_text(Column(key), value)
    if isinstance(value, int | float):
        if key in MONEY_FIELDS:
            return QLocale().toString(float(value), "f", 2)
        return display_text(Column(key, NUMBER), value)
    if isinstance(value, str) and _TIMESTAMP.match(value):
        return display_text(Column(key, DATETIME), value)
    return display_text(Column(key), value)


class RecordDetail(QWidget):
    """One record: a tree of its fields (nested objects and lists), its JSON, copy buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordDetail")
        self.record: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("recordHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)  # its values are escaped
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.heading, 1)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("copyRecord")
        self.copy_button.clicked.connect(self.copy_json)
        top.addWidget(self.copy_button)
        layout.addLayout(top)
        self.tabs = QTabWidget(self)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("recordFields")
        self.tree.setColumnCount(2)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemDoubleClicked.connect(self._copy_item)
        self.json = QPlainTextEdit(self)
        self.json.setObjectName("recordJson")
        self.json.setReadOnly(True)
        self.json.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.tabs.addTab(self.tree, "")
        self.tabs.addTab(self.json, "")
        layout.addWidget(self.tabs, 1)
        self.retranslate()
        self.show_record(None)

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.tabs.setTabText(0, self.tr("Fields"))
        self.tabs.setTabText(1, self.tr("JSON"))
        self.copy_button.setText(self.tr("Copy JSON"))
        self.copy_button.setToolTip(
            self.tr("Copy the record as JSON (double-click a field to copy its value)")
        )
        if self.record is None:
            self.heading.setText(self.tr("Select a record to see all its fields."))

    def show_record(self, record: dict[str, Any] | None) -> None:
        """Show ``record`` (``None``: the hint to pick one)."""
        self.record = record
        self.tree.clear()
        self.copy_button.setEnabled(record is not None)
        if record is None:
            self.json.clear()
            self.heading.setText(self.tr("Select a record to see all its fields."))
            return
        title = (
            record.get("name")
            or " ".join(str(record.get(k, "")) for k in ("firstName", "lastName")).strip()
        )
        self.heading.setText(
            f"<b>{_escape(str(record.get('id', '')))}</b>"
            + (f" — {_escape(str(title))}" if title else "")
        )
        self._fill(self.tree.invisibleRootItem(), record)
        self.tree.expandToDepth(1)
        self.json.setPlainText(orjson.dumps(record, option=orjson.OPT_INDENT_2).decode())

    def _fill(self, parent: QTreeWidgetItem, value: Any) -> None:
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            label = field_label(str(key)) if isinstance(key, str) else f"[{key + 1}]"
            node = QTreeWidgetItem(parent)
            node.setText(0, label)
            node.setToolTip(0, str(key))
            if isinstance(item, dict | list):
                count = len(item)
                node.setText(
                    1,
                    self.tr("%n item(s)", "", count)
                    if isinstance(item, list)
                    else self.tr("%n field(s)", "", count),
                )
                node.setData(1, Qt.ItemDataRole.UserRole, item)
                self._fill(node, item)
            else:
                node.setText(
                    1, value_text(str(key), item) if item is not None else self.tr("(empty)")
                )
                node.setToolTip(1, "" if item is None else str(item))
                node.setData(1, Qt.ItemDataRole.UserRole, item)

    def copy_json(self) -> None:
        if self.record is not None:
            QGuiApplication.clipboard().setText(
                orjson.dumps(self.record, option=orjson.OPT_INDENT_2).decode()
            )

    def _copy_item(self, item: QTreeWidgetItem, _column: int) -> None:
        value = item.data(1, Qt.ItemDataRole.UserRole)
        text = value if isinstance(value, str) else orjson.dumps(value).decode()
        QGuiApplication.clipboard().setText(text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
