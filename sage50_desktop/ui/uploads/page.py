"""The page of an upload scope (orders): where uploads go, what they must contain, past uploads.

This version shows the destination (test or production, unmistakably), the
fields the contract's schema requires in each record, and the uploads
recorded for this connection and scope. The upload panel (choose a file,
check it, send it, track it) replaces the body of :class:`UploadsPage` when
the upload engine's UI lands. Keep the class name and the ``(context, parent)``
signature.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.resources import schema_dir
from sage50_desktop.services import activity as A
from sage50_desktop.storage.upload_store import UploadRecord, UploadStore
from sage50_desktop.ui import i18n, icons, scope_names
from sage50_desktop.ui.pages import Page, PageContext
from sage50_desktop.ui.widgets.infobar import InfoBar
from sage50_desktop.ui.widgets.state_view import StateView


def required_fields(domain: str, scope: str) -> list[tuple[str, str, str]]:
    """``(field, JSON type, description)`` of each required field of one record."""
    path = schema_dir(domain) / f"{scope}.schema.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data.get("items", {})
    ref = items.get("$ref", "")
    record: dict[str, Any] = items
    if ref.startswith("#/$defs/"):
        record = data.get("$defs", {}).get(ref.rsplit("/", 1)[-1], {})
    props = record.get("properties", {})
    result = []
    for name in record.get("required", []):
        spec = props.get(name, {})
        kind = spec.get("type") or ("object" if "$ref" in spec else "")
        if spec.get("format"):
            kind = f"{kind} ({spec['format']})"
        description = spec.get("description", "").replace("[assumed]", "").strip()
        result.append((name, str(kind), description))
    return result


class UploadsPage(Page):
    """An upload scope: destination, expected content, uploads so far."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("uploadsPage")
        self.records: list[UploadRecord] = []
        self._loaded = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        header = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        header.addWidget(self.title)
        header.addStretch(1)
        outer.addLayout(header)
        self.destination = InfoBar("info", "uploadDestination", self)
        outer.addWidget(self.destination)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        history_box = QWidget(splitter)
        history_layout = QVBoxLayout(history_box)
        history_layout.setContentsMargins(0, 0, 0, 0)
        self.history_label = QLabel(history_box)
        bold = QFont(self.history_label.font())
        bold.setBold(True)
        self.history_label.setFont(bold)
        history_layout.addWidget(self.history_label)
        self.view = StateView(history_box)
        self.history = QTreeWidget(self.view)
        self.history.setObjectName("uploadHistory")
        self.history.setRootIsDecorated(False)
        self.history.setAlternatingRowColors(True)
        self.history.setColumnCount(5)
        self.history.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.set_content(self.history)
        history_layout.addWidget(self.view, 1)

        fields_box = QWidget(splitter)
        fields_layout = QVBoxLayout(fields_box)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        self.fields_label = QLabel(fields_box)
        self.fields_label.setFont(bold)
        fields_layout.addWidget(self.fields_label)
        self.fields = QTreeWidget(fields_box)
        self.fields.setObjectName("uploadFields")
        self.fields.setRootIsDecorated(False)
        self.fields.setColumnCount(3)
        self.fields.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        fields_layout.addWidget(self.fields, 1)
        splitter.addWidget(history_box)
        splitter.addWidget(fields_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)
        self._fill_fields()
        self.retranslate()

    def retranslate(self) -> None:
        self.history_label.setText(self.tr("Uploads so far"))
        self.fields_label.setText(self.tr("What each record must contain"))
        self.history.setHeaderLabels([self.tr("Sent"), self.tr("File"), self.tr("Records"),
                                      self.tr("Status"), self.tr("Result")])
        self.fields.setHeaderLabels([self.tr("Field"), self.tr("Type"), self.tr("Meaning")])
        self.history.setAccessibleName(self.tr("Uploads so far"))
        self.fields.setAccessibleName(self.tr("Required fields of a record"))

    def activate(self) -> None:
        super().activate()
        self.load_history()

    def refresh_view(self) -> None:
        context = self.context
        profile = context.profile
        self.title.setText(scope_names.label(context.scope or "") + "  ⇪")
        if profile.sandbox:
            self.destination.set_kind("test")
            self.destination.set_icon(icons.icon("sandbox"))
            self.destination.set_text(self.tr(
                "Test connection: uploads go to the bundled sandbox, never to a real Sage 50."))
        else:
            self.destination.set_kind("warning")
            self.destination.set_icon(icons.icon("upload"))
            self.destination.set_text(self.tr(
                "Production connection “%1”: uploads reach the real Sage 50 of this company.")
                .replace("%1", profile.name))
        if context.session.state == "consent" and not self.records:
            self.show_session_state(self.view, False)
            return
        if not self.records:
            self.view.show_empty(self.tr("No uploads yet"), self.tr(
                "Files sent to this data set appear here with their status and result."),
                icon=icons.icon("upload"))
            return
        self.view.show_content()
        self.history.clear()
        for record in self.records:
            item = QTreeWidgetItem(self.history)
            item.setText(0, i18n.format_datetime(record.sent_at or record.created_at))
            item.setText(1, record.file_name)
            item.setText(2, i18n.format_number(record.record_count)
                         if record.record_count is not None else "")
            item.setText(3, record.display_status)
            if record.result_total is not None:
                item.setText(4, self.tr("%1 accepted, %2 rejected").replace(
                    "%1", i18n.format_number(record.result_accepted or 0)).replace(
                    "%2", i18n.format_number(record.result_rejected or 0)))
        for column in (0, 2, 3, 4):
            self.history.resizeColumnToContents(column)

    def load_history(self) -> None:
        """Read this scope's uploads from the upload store (worker thread)."""
        context = self.context

        async def load() -> None:
            def read() -> list[UploadRecord]:
                return UploadStore(context.runtime.app_engine).list(
                    profile_id=context.profile.id, scope=context.scope, limit=200)

            self.records = await asyncio.to_thread(read)
            self._loaded = True
            self.mark_stale()

        context.tasks.start(context.task_name("upload-history"), load(), kind=A.KIND_REFRESH,
                            subject=scope_names.label(context.scope or ""),
                            target=context.target, quiet=True, if_running="keep")

    def _fill_fields(self) -> None:
        try:
            fields = required_fields(self.context.domain or "", self.context.scope or "")
        except (OSError, ValueError):
            fields = []
        for name, kind, description in fields:
            item = QTreeWidgetItem(self.fields)
            item.setText(0, name)
            item.setText(1, kind)
            item.setText(2, description)
        self.fields.resizeColumnToContents(0)
        self.fields.resizeColumnToContents(1)
