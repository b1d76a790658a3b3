"""Fixing the rejected orders of an upload: a form (or the JSON text), checked live.

The dialog opens on a form of the orders the result rejected
(:class:`~sage50_desktop.ui.uploads.record_form.RejectedOrdersForm`): every
field of the selected order in a table, the fields that the result's errors
named highlighted with Sage 50's message. "JSON text" shows the same orders
as text for changes the form cannot make (another order line); switching back
reads the text into the form.

Every edit is checked against the scope's schema (debounced) in a worker
thread, as a quiet task of the app's registry when one is given, so a big set
of orders never blocks the window; "Upload these orders" is enabled only while
every order is valid. The upload itself goes through the duplicate-order guard
(the panel's ``upload_records``). The dialog is non-modal (``open()``).
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Callable
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.services.activity import KIND_UPLOAD
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.services.validation import (
    ValidationIssue,
    ValidationReport,
    validate_records,
)
from sage50_desktop.ui.uploads.record_form import RejectedOrdersForm
from sage50_desktop.ui.uploads.validation_view import ValidationReportView

Check = tuple[ValidationReport, list[Any] | None]
TAB_FORM, TAB_JSON = 0, 1


def check_text(text: str, domain: str, scope: str) -> Check:
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
    return check_records(records, domain, scope)


def check_records(records: list[Any], domain: str, scope: str) -> Check:
    """Validate orders already parsed (blocking); the report and the records."""
    if not records:
        report = ValidationReport(domain, scope)
        report.add(ValidationIssue(None, None, "", "There are no orders to upload."))
        return report, None
    return validate_records(records, domain, scope), records


class RecordEditorDialog(QDialog):
    """Fix the rejected orders in a form or as JSON; checked live; upload only when valid.

    Args:
        records: the records to start from (the rejected ones).
        domain / scope: what they are checked against.
        upload_label: the upload they fix (shown in the title).
        rejected: the result file's problems of each record, ``{key: [(path, message)]}``
            (key: the record's id, else ``#<n>``).
        tasks / task_name: the registry the checks run in (quiet tasks), and their name.

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
        rejected: dict[str, list[tuple[str, str]]] | None = None,
        tasks: TaskRegistry | None = None,
        task_name: str = "record-editor-check",
        delay_ms: int = 300,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recordEditor")
        self.domain = domain
        self.scope = scope
        self.upload_label = upload_label
        self.records: list[Any] | None = None
        self.tasks = tasks
        self.task_name = f"{task_name}:{id(self)}"
        self._task: asyncio.Task[None] | None = None
        self._generation = 0
        self._syncing = False
        self.setMinimumSize(560, 420)  # fixed: the layout never resizes the window
        self.resize(860, 600)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.modes = QTabWidget(splitter)
        self.modes.setObjectName("recordEditorModes")
        self.form = RejectedOrdersForm(records, rejected, self.modes)
        self.form.edited.connect(self._edited)
        self.editor = QPlainTextEdit(self.modes)
        self.editor.setObjectName("recordEditorText")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.editor.setFont(QFont(mono))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.modes.addTab(self.form, "")
        self.modes.addTab(self.editor, "")
        self.modes.currentChanged.connect(self._mode_changed)
        self.report_view = ValidationReportView(splitter, object_name="recordEditorReport")
        self.report_view.table.doubleClicked.connect(self._issue_opened)
        splitter.addWidget(self.modes)
        splitter.addWidget(self.report_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 140])
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
        self._set_text(self.form.records)
        self.editor.textChanged.connect(self._text_edited)
        self.retranslate()
        self._edited()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fix rejected orders of %1").replace("%1", self.upload_label))
        self.intro.setText(
            self.tr(
                "These are the orders Sage 50 rejected, with the fields it named highlighted. "
                "Correct them (for example the customer or product id), then upload only "
                "these as a new upload linked to the original. Every change is checked "
                "against the orders format as you type."
            )
        )
        self.modes.setTabText(TAB_FORM, self.tr("Form"))
        self.modes.setTabText(TAB_JSON, self.tr("JSON text"))
        self.modes.setTabToolTip(
            TAB_JSON, self.tr("The same orders as JSON, for changes the form cannot make")
        )
        self.upload_button.setText(self.tr("&Upload these orders"))
        self.editor.setAccessibleName(self.tr("Orders as JSON"))
        self.form.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the two views ---------------------------------------------------------------------
    def in_form(self) -> bool:
        return self.modes.currentIndex() == TAB_FORM

    def _set_text(self, records: list[Any]) -> None:
        self._syncing = True
        try:
            self.editor.setPlainText(json.dumps(records, indent=2, ensure_ascii=False))
        finally:
            self._syncing = False

    def _mode_changed(self, index: int) -> None:
        if index == TAB_JSON:
            self._set_text(self.form.records)
            self._edited()
            return
        try:
            records = json.loads(self.editor.toPlainText())
        except json.JSONDecodeError:
            records = None
        if not isinstance(records, list):  # the text does not parse: stay on it, say why
            self.modes.blockSignals(True)
            self.modes.setCurrentIndex(TAB_JSON)
            self.modes.blockSignals(False)
            self._edited()
            return
        self.form.set_records(records)
        self._edited()

    def _text_edited(self) -> None:
        if not self._syncing and not self.in_form():
            self._edited()

    # --- checking ---------------------------------------------------------------------------
    def _edited(self) -> None:
        self._generation += 1
        self.records = None
        self.upload_button.setEnabled(False)
        self.report_view.show_checking()
        self._timer.start()

    def _check(self) -> None:
        if self.in_form():
            records = copy.deepcopy(self.form.records)
            domain, scope = self.domain, self.scope

            def work() -> Check:
                return check_records(records, domain, scope)
        else:
            text = self.editor.toPlainText()
            domain, scope = self.domain, self.scope

            def work() -> Check:
                return check_text(text, domain, scope)

        self._start(self._run_check(self._generation, work))

    def _start(self, coro: Any) -> None:
        if self.tasks is not None:
            try:
                self.tasks.start(
                    self.task_name,
                    coro,
                    kind=KIND_UPLOAD,
                    subject=self.upload_label,
                    quiet=True,
                    if_running="replace",
                )
            except RuntimeError:  # the app is shutting down
                return
            return
        if self._task is not None and not self._task.done():
            self._task.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the loop stopped (shutdown)
            coro.close()
            return
        self._task = loop.create_task(coro, name="record-editor-check")

    async def _run_check(self, generation: int, work: Callable[[], Check]) -> None:
        report, records = await asyncio.to_thread(work)
        if generation != self._generation:
            return  # edited meanwhile: a newer check follows
        self.report_view.show_report(report)
        if self.in_form():
            self.form.set_issues(report.issues)
        self.records = records if report.ok else None
        self.upload_button.setEnabled(self.records is not None)

    def _issue_opened(self, index: Any) -> None:
        """A problem double-clicked: its order in the form."""
        issue = self.report_view.model.row_at(index)
        if issue is not None and issue.index is not None and self.in_form():
            self.form.select(issue.index)

    def _submit(self) -> None:
        if self.records is None:
            return
        self.submitted.emit(self.records)
        self.accept()

    def done(self, result: int) -> None:
        self._timer.stop()
        if self.tasks is not None:
            self.tasks.cancel(self.task_name)
        if self._task is not None and not self._task.done():
            self._task.cancel()
        super().done(result)
