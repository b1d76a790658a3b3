"""The local validation report of a file: every problem with its order, field and message.

:class:`IssueModel` lists :class:`ValidationIssue` rows; :class:`ValidationReportView`
(objectName ``validationReport``) shows a one-line verdict above them. The
record editor reuses both.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QFrame, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from sage50_desktop.services.validation import ValidationIssue, ValidationReport
from sage50_desktop.ui import i18n, theme, validation_text
from sage50_desktop.ui.uploads.list_model import RowListModel

_Index = QModelIndex | QPersistentModelIndex
COL_RECORD, COL_PATH, COL_MESSAGE = range(3)
IssueRole = Qt.ItemDataRole.UserRole + 1


class IssueModel(RowListModel[ValidationIssue]):
    """Problems found: order (id or ``#n``), field path, plain message."""

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Order"), self.tr("Field"), self.tr("Problem"))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        issue = self.row_at(index)
        if issue is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == COL_RECORD:
                return issue.record if issue.record is not None else self.tr("(whole file)")
            if column == COL_PATH:
                return issue.path
            if column == COL_MESSAGE:
                return validation_text.message(issue.message)
        if role == IssueRole:
            return issue
        return None

    def set_issues(self, issues: list[ValidationIssue]) -> None:
        self.beginResetModel()
        self._rows = list(issues)
        self.endResetModel()

    def issues(self) -> list[ValidationIssue]:
        return list(self._rows)


class ValidationReportView(QFrame):
    """Verdict and problems of the chosen file (nothing is sent while there are problems)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        object_name: str = "validationReport",
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.report: ValidationReport | None = None
        self.state = "empty"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.verdict = QLabel(self)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setObjectName(f"{object_name}Verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.verdict)
        self.model = IssueModel(self)
        self.table = QTableView(self)
        self.table.setObjectName(f"{object_name}Issues")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(COL_RECORD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PATH, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self.clear()

    def retranslate(self) -> None:
        self.table.setAccessibleName(self.tr("Problems found in the file"))
        self._draw()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def clear(self) -> None:
        self.report = None
        self.state = "empty"
        self.model.set_issues([])
        self._draw()

    def show_checking(self) -> None:
        self.report = None
        self.state = "checking"
        self.model.set_issues([])
        self._draw()

    def show_report(self, report: ValidationReport) -> None:
        self.report = report
        self.state = "ok" if report.ok else "errors"
        self.model.set_issues(report.issues if not report.ok else [])
        self._draw()

    def verdict_text(self, report: ValidationReport) -> str:
        """One translated sentence about a report."""
        if report.ok:
            return self.tr("✔ %1 order(s), no problems found. Ready to upload.").replace(
                "%1", i18n.format_number(report.records)
            )
        file_error = report.file_error
        if file_error is not None and report.records == 0:
            return self.tr("✖ The file cannot be uploaded: %1").replace(
                "%1", validation_text.message(file_error.message)
            )
        text = self.tr(
            "✖ %1 problem(s) in %2 of %3 order(s). Nothing is sent until they are fixed."
        )
        text = (
            text.replace("%1", i18n.format_number(report.error_count))
            .replace("%2", i18n.format_number(report.rejected_records))
            .replace("%3", i18n.format_number(report.records))
        )
        if report.truncated:
            text += " " + self.tr("Showing the first %1.").replace(
                "%1", i18n.format_number(len(report.issues))
            )
        return text

    def _draw(self) -> None:
        self.table.setVisible(self.state == "errors" and self.model.rowCount() > 0)
        if self.state == "empty":
            self.verdict.setText(
                self.tr("Choose a file: it is checked here before anything is sent.")
            )
            self.verdict.setStyleSheet("")
        elif self.state == "checking":
            self.verdict.setText(self.tr("Checking the file…"))
            self.verdict.setStyleSheet(f"color: {theme.BUSY};")
        elif self.report is not None:
            self.verdict.setText(self.verdict_text(self.report))
            colour = theme.ONLINE if self.report.ok else theme.ERROR
            self.verdict.setStyleSheet(f"color: {colour}; font-weight: bold;")
