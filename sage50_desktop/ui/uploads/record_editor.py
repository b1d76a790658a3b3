"""A small JSON editor for the rejected orders of an upload, with live schema validation.

The user fixes the orders the result rejected; every edit is checked against
the scope's schema (debounced, in a worker thread) and the upload button is
enabled only while the JSON is valid. The dialog is non-modal (``open()``).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.services.validation import (
    ValidationIssue,
    ValidationReport,
    validate_records,
)
from sage50_desktop.ui.uploads.validation_view import ValidationReportView


def check_text(text: str, domain: str, scope: str) -> tuple[ValidationReport, list[Any] | None]:
    """Parse and validate the editor's text (blocking); the report and the records if parsed."""
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        report = ValidationReport(domain, scope)
        report.add(
            ValidationIssue(
                None,
                None,
                "",
                f"The text is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}.",
            )
        )
        return report, None
    if not isinstance(records, list):
        report = ValidationReport(domain, scope)
        report.add(
            ValidationIssue(
                None, None, "", "The text must be a JSON array of orders, inside [ … ]."
            )
        )
        return report, None
    if not records:
        report = ValidationReport(domain, scope)
        report.add(ValidationIssue(None, None, "", "There are no orders to upload."))
        return report, None
    return validate_records(records, domain, scope), records


class RecordEditorDialog(QDialog):
    """Edit records as JSON; checked live; "Upload these orders" only when valid.

    Args:
        records: the records to start from (the rejected ones).
        domain / scope: what they are checked against.
        upload_label: the upload they fix (shown in the title).

    Signals:
        submitted(object): the valid records (a list) to upload.
    """

    submitted = Signal(object)

    def __init__(
        self,
        records: list[Any],
        domain: str,
        scope: str,
        upload_label: str,
        parent: QWidget | None = None,
        *,
        delay_ms: int = 300,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recordEditor")
        self.domain = domain
        self.scope = scope
        self.upload_label = upload_label
        self.records: list[Any] | None = None
        self._task: asyncio.Task[None] | None = None
        self._generation = 0
        self.setMinimumSize(560, 420)  # fixed: the layout never resizes the window
        self.resize(820, 620)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.editor = QPlainTextEdit(splitter)
        self.editor.setObjectName("recordEditorText")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.editor.setFont(QFont(mono))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_view = ValidationReportView(splitter, object_name="recordEditorReport")
        splitter.addWidget(self.editor)
        splitter.addWidget(self.report_view)
        splitter.setSizes([420, 160])
        layout.addWidget(splitter, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.upload_button = QPushButton(self)
        self.upload_button.setObjectName("recordEditorUpload")
        self.upload_button.setEnabled(False)
        self.buttons.addButton(self.upload_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._check)
        self.editor.setPlainText(json.dumps(records, indent=2, ensure_ascii=False))
        self.editor.textChanged.connect(self._edited)
        self.retranslate()
        self._edited()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fix rejected orders of %1").replace("%1", self.upload_label))
        self.intro.setText(
            self.tr(
                "These are the orders Sage 50 rejected. Correct them (for example the customer or "
                "product id), then upload only these as a new upload linked to the original. "
                "Every change is checked against the orders format as you type."
            )
        )
        self.upload_button.setText(self.tr("&Upload these orders"))
        self.editor.setAccessibleName(self.tr("Orders as JSON"))

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _edited(self) -> None:
        self._generation += 1
        self.records = None
        self.upload_button.setEnabled(False)
        self.report_view.show_checking()
        self._timer.start()

    def _check(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the loop stopped (shutdown)
            return
        self._task = loop.create_task(
            self._run_check(self._generation, self.editor.toPlainText()), name="record-editor-check"
        )

    async def _run_check(self, generation: int, text: str) -> None:
        report, records = await asyncio.to_thread(check_text, text, self.domain, self.scope)
        if generation != self._generation:
            return  # edited meanwhile: a newer check follows
        self.report_view.show_report(report)
        self.records = records if report.ok else None
        self.upload_button.setEnabled(self.records is not None)

    def _submit(self) -> None:
        if self.records is None:
            return
        self.submitted.emit(self.records)
        self.accept()

    def done(self, result: int) -> None:
        self._timer.stop()
        if self._task is not None and not self._task.done():
            self._task.cancel()
        super().done(result)
