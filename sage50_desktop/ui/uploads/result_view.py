"""The result of an upload: summary (total, accepted, rejected) and the orders with their outcome.

:class:`OutcomeModel` lists the result file's records (id, outcome, errors);
:class:`OutcomeFilterProxy` filters it by outcome and text. :class:`ResultView`
shows both (table objectName ``resultTable``) with the actions on the raw
result file and "fix and retry".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.api.contract import RecordOutcome
from sage50_desktop.storage.upload_store import (
    LocalState,
    RecordOutcomeRow,
    ResultSummary,
    UploadRecord,
)
from sage50_desktop.ui import i18n
from sage50_desktop.ui.uploads import status_text
from sage50_desktop.ui.uploads.list_model import RowListModel

_Index = QModelIndex | QPersistentModelIndex
COL_POSITION, COL_ID, COL_OUTCOME, COL_ERRORS = range(4)
OutcomeRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2


def errors_text(row: RecordOutcomeRow) -> str:
    return "; ".join(f"{path}: {message}" if path else message for path, message in row.errors)


class OutcomeModel(RowListModel[RecordOutcomeRow]):
    """The records of a result file: position, id, outcome, errors."""

    def headers(self) -> tuple[str, ...]:
        return (self.tr("#"), self.tr("Order"), self.tr("Outcome"), self.tr("Errors"))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == COL_POSITION:
                return i18n.format_number(row.position + 1)
            if column == COL_ID:
                return row.record_id
            if column == COL_OUTCOME:
                return status_text.outcome_label(row.outcome)
            if column == COL_ERRORS:
                return errors_text(row)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_OUTCOME:
            return QBrush(QColor(status_text.colour(row.outcome)))
        if role == OutcomeRole:
            return row.outcome
        if role == RowRole:
            return row
        return None

    def set_rows(self, rows: list[RecordOutcomeRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[RecordOutcomeRow]:
        return list(self._rows)


class OutcomeFilterProxy(QSortFilterProxyModel):
    """Only one outcome (``""``: all), and rows whose id or errors contain the text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._outcome = ""
        self._text = ""

    def set_outcome(self, outcome: str) -> None:
        self.beginFilterChange()
        self._outcome = outcome
        self.endFilterChange()

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        row: RecordOutcomeRow = model.data(model.index(source_row, 0, source_parent), RowRole)
        if self._outcome and row.outcome != self._outcome:
            return False
        if self._text:
            return self._text in f"{row.record_id} {errors_text(row)}".casefold()
        return True


class ResultView(QWidget):
    """Summary and per-order outcomes of one upload's result file.

    Signals:
        openRequested(str): open the raw result file of this upload id.
        saveRequested(str): save a copy of the raw result file.
        fixRequested(str): edit the rejected orders and upload only those.
        correctedFileRequested(str): pick a corrected file, uploaded linked to this id.
    """

    openRequested = Signal(str)
    saveRequested = Signal(str)
    fixRequested = Signal(str)
    correctedFileRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultView")
        self.record: UploadRecord | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.headline = QLabel(self)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setObjectName("resultHeadline")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        numbers = QHBoxLayout()
        self.total = self._number("resultTotal")
        self.accepted = self._number("resultAccepted")
        self.rejected = self._number("resultRejected")
        for label in (self.total, self.accepted, self.rejected):
            numbers.addWidget(label)
        numbers.addStretch(1)
        layout.addLayout(numbers)
        self.file_errors = QLabel(self)
        self.file_errors.setTextFormat(Qt.TextFormat.PlainText)
        self.file_errors.setObjectName("resultFileErrors")
        self.file_errors.setWordWrap(True)
        self.file_errors.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.file_errors)
        filters = QHBoxLayout()
        self.outcome_filter = QComboBox(self)
        self.outcome_filter.setObjectName("resultOutcomeFilter")
        self.outcome_filter.currentIndexChanged.connect(self._outcome_changed)
        self.search = QLineEdit(self)
        self.search.setObjectName("resultSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.proxy.set_text(text))  # type: ignore[has-type]
        filters.addWidget(self.outcome_filter)
        filters.addWidget(self.search, 1)
        layout.addLayout(filters)
        self.model = OutcomeModel(self)
        self.proxy = OutcomeFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("resultTable")
        self.table.setModel(self.proxy)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column in (COL_POSITION, COL_ID, COL_OUTCOME):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("resultOpen")
        self.open_button.clicked.connect(lambda: self._emit(self.openRequested))
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("resultSave")
        self.save_button.clicked.connect(lambda: self._emit(self.saveRequested))
        self.fix_button = QPushButton(self)
        self.fix_button.setObjectName("resultFix")
        self.fix_button.clicked.connect(lambda: self._emit(self.fixRequested))
        self.corrected_button = QPushButton(self)
        self.corrected_button.setObjectName("resultCorrectedFile")
        self.corrected_button.clicked.connect(lambda: self._emit(self.correctedFileRequested))
        for button in (self.open_button, self.save_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.corrected_button)
        actions.addWidget(self.fix_button)
        layout.addLayout(actions)
        self.summary: ResultSummary | None = None
        self.retranslate()
        self.show_result(None, None, [])

    def _number(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setObjectName(name)
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 0, 18, 0)
        return label

    def retranslate(self) -> None:
        current = self.outcome_filter.currentIndex()
        self.outcome_filter.blockSignals(True)
        self.outcome_filter.clear()
        self.outcome_filter.addItem(self.tr("All orders"), "")
        self.outcome_filter.addItem(self.tr("Rejected only"), RecordOutcome.REJECTED)
        self.outcome_filter.addItem(self.tr("Accepted only"), RecordOutcome.ACCEPTED)
        self.outcome_filter.setCurrentIndex(max(0, current))
        self.outcome_filter.blockSignals(False)
        self.outcome_filter.setAccessibleName(self.tr("Show"))
        self.search.setPlaceholderText(self.tr("Search order id or error…"))
        self.search.setAccessibleName(self.tr("Search the result"))
        self.open_button.setText(self.tr("&Open result file"))
        self.save_button.setText(self.tr("Save result &as…"))
        self.fix_button.setText(self.tr("&Fix rejected orders…"))
        self.fix_button.setToolTip(
            self.tr("Edit the rejected orders and upload only those, linked to this upload.")
        )
        self.corrected_button.setText(self.tr("Upload a &corrected file…"))
        self.corrected_button.setToolTip(
            self.tr("Pick a corrected file; it is uploaded linked to this upload.")
        )
        self.table.setAccessibleName(self.tr("Orders of the result"))
        self._draw()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_outcome_filter(self, outcome: str) -> None:
        index = self.outcome_filter.findData(outcome)
        self.outcome_filter.setCurrentIndex(max(0, index))

    def _outcome_changed(self, _index: int) -> None:
        self.proxy.set_outcome(self.outcome_filter.currentData() or "")

    def _emit(self, signal: Any) -> None:
        if self.record is not None:
            signal.emit(self.record.id)

    def show_result(
        self,
        record: UploadRecord | None,
        summary: ResultSummary | None,
        rows: list[RecordOutcomeRow],
    ) -> None:
        """Show the result of ``record`` (``summary`` ``None``: no result file yet)."""
        if record is None or self.record is None or record.id != self.record.id:
            self.search.clear()
            self.set_outcome_filter("")
        self.record = record
        self.summary = summary
        self.model.set_rows(rows)
        self._draw()

    def _draw(self) -> None:
        record, summary = self.record, self.summary
        has = summary is not None
        for widget in (
            self.total,
            self.accepted,
            self.rejected,
            self.table,
            self.search,
            self.outcome_filter,
            self.open_button,
            self.save_button,
        ):
            widget.setVisible(has)
        rejected = summary.rejected if summary else 0
        can_fix = has and rejected > 0 and record is not None
        self.fix_button.setVisible(bool(can_fix))
        self.corrected_button.setVisible(
            bool(
                has
                and record is not None
                and (rejected > 0 or (summary is not None and summary.errors))
            )
        )
        if record is None:
            self.headline.setText(self.tr("Select an upload to see its result."))
            self.file_errors.hide()
            return
        if summary is None:
            if record.state == LocalState.URL_EXPIRED:
                self.headline.setText(
                    self.tr(
                        "Nothing reached the platform, so there is no result. Re-upload the file."
                    )
                )
            elif record.terminal:
                self.headline.setText(self.tr("No result file for this upload yet."))
            else:
                self.headline.setText(
                    self.tr("The result appears here once Sage 50 has processed the file.")
                )
            self.file_errors.hide()
            return
        self.headline.setText(status_text.status_description(record.status))
        self.total.setText(self.tr("Total: %1").replace("%1", i18n.format_number(summary.total)))
        self.accepted.setText(
            self.tr("Accepted: %1").replace("%1", i18n.format_number(summary.accepted))
        )
        self.rejected.setText(
            self.tr("Rejected: %1").replace("%1", i18n.format_number(summary.rejected))
        )
        self.accepted.setStyleSheet(f"color: {status_text.colour(RecordOutcome.ACCEPTED)};")
        self.rejected.setStyleSheet(
            f"color: {status_text.colour(RecordOutcome.REJECTED)};" if summary.rejected else ""
        )
        self.file_errors.setVisible(bool(summary.errors))
        if summary.errors:
            self.file_errors.setText(
                self.tr("Problems with the whole file: %1").replace("%1", "; ".join(summary.errors))
            )
