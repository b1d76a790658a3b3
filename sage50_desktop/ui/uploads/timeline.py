"""The tracking timeline of one upload: the steps it went through, live progress, messages.

:class:`TimelineModel` holds the status history (time, status, progress,
message). :class:`TrackingTimeline` (objectName ``trackingTimeline``) shows a
step strip (the happy path, or where the upload left it), the byte transfer
while sending, the current progress and the history table.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.storage.upload_store import LocalState, StatusChange, UploadRecord
from sage50_desktop.ui import i18n, theme
from sage50_desktop.ui.uploads import status_text
from sage50_desktop.ui.uploads.history_model import TransferMeter
from sage50_desktop.ui.uploads.list_model import RowListModel
from sage50_desktop.ui.widgets.wrap_label import ElidedLabel

_Index = QModelIndex | QPersistentModelIndex
COL_TIME, COL_STATUS, COL_PROGRESS, COL_MESSAGE = range(4)


class TimelineModel(RowListModel[StatusChange]):
    """Status changes of one upload, oldest first."""

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Time"), self.tr("Status"), self.tr("Progress"), self.tr("Message"))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        change = self.row_at(index)
        if change is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TIME:
                return i18n.format_datetime(change.at, seconds=True)
            if column == COL_STATUS:
                return status_text.status_label(change.status)
            if column == COL_PROGRESS:
                return f"{i18n.format_number(change.progress)} %"
            if column == COL_MESSAGE:
                return change.message or status_text.status_description(change.status)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_MESSAGE:
            return change.message or status_text.status_description(change.status)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            return QBrush(QColor(status_text.colour(change.status)))
        if role == Qt.ItemDataRole.UserRole:
            return change
        return None

    def set_changes(self, changes: list[StatusChange]) -> None:
        if changes[: len(self._rows)] == self._rows and len(changes) >= len(self._rows):
            new = changes[len(self._rows) :]
            if new:  # the usual case: only appends
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(new) - 1)
                self._rows.extend(new)
                self.endInsertRows()
            return
        self.beginResetModel()
        self._rows = list(changes)
        self.endResetModel()

    def changes(self) -> list[StatusChange]:
        return list(self._rows)

    def reached(self) -> dict[str, datetime]:
        """When each status was first reached."""
        first: dict[str, datetime] = {}
        for change in self._rows:
            first.setdefault(change.status, change.at)
        return first


class _Step(QWidget):
    """One step of the strip: a dot, the status name, when it was reached."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(2)
        self.dot = QLabel(self)
        self.dot.setTextFormat(Qt.TextFormat.PlainText)
        self.dot.setFixedSize(16, 16)
        # a status name elides when the details column is narrow (the step's tooltip says it)
        self.name = ElidedLabel("", self)
        self.name.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.when = QLabel(self)
        self.when.setTextFormat(Qt.TextFormat.PlainText)
        self.when.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.when.setObjectName("stepTime")
        layout.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.name)
        layout.addWidget(self.when)

    def show_state(self, status: str, state: str, at: datetime | None) -> None:
        """``state``: ``done``, ``current``, ``bad`` or ``todo``."""
        palette = {
            "done": theme.ONLINE,
            "current": theme.BUSY,
            "bad": theme.ERROR,
            "halted": theme.WARNING,
            "todo": theme.OFFLINE,
        }
        fill = palette[state]
        inner = fill if state != "todo" else "transparent"
        self.dot.setStyleSheet(
            f"border: 2px solid {fill}; border-radius: 8px; background: {inner};"
        )
        font = QFont(self.name.font())
        font.setBold(state in ("current", "bad", "halted"))
        self.name.setFont(font)
        self.name.setText(status_text.status_label(status))  # elided with this font
        self.when.setText(i18n.format_when(at) if at else "")
        self.setToolTip(status_text.status_description(status))
        self.setAccessibleName(f"{self.name.text()} {self.when.text()}".strip())


class TrackingTimeline(QFrame):
    """Where one upload is: steps with times, bytes sent, progress and every message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trackingTimeline")
        self.record: UploadRecord | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.title = ElidedLabel("", self)  # a long file name elides, in full in the tooltip
        self.title.setObjectName("timelineTitle")
        bold = QFont(self.title.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.title.setFont(bold)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("timelineSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.strip = QGridLayout()
        self.strip.setHorizontalSpacing(4)
        self.steps: list[_Step] = []
        for column in range(len(UploadStatus.HAPPY_PATH)):
            step = _Step(self)
            self.steps.append(step)
            self.strip.addWidget(step, 0, column)
        layout.addLayout(self.strip)
        bars = QGridLayout()
        self.transfer_label = QLabel(self)
        self.transfer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.transfer = QProgressBar(self)
        self.transfer.setObjectName("timelineTransfer")
        self.transfer.setTextVisible(False)
        self.progress_label = QLabel(self)
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("timelineProgress")
        self.progress.setRange(0, 100)
        bars.addWidget(self.transfer_label, 0, 0)
        bars.addWidget(self.transfer, 0, 1)
        bars.addWidget(self.progress_label, 1, 0)
        bars.addWidget(self.progress, 1, 1)
        bars.setColumnStretch(1, 1)
        layout.addLayout(bars)
        self.transfer_text = QLabel(self)
        self.transfer_text.setTextFormat(Qt.TextFormat.PlainText)
        self.transfer_text.setObjectName("timelineTransferText")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.transfer_text)
        layout.addLayout(row)
        self.model = TimelineModel(self)
        self.table = QTreeView(self)
        self.table.setObjectName("timelineTable")
        self.table.setModel(self.model)
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setUniformRowHeights(True)
        header = self.table.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(COL_TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PROGRESS, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.filler = QWidget(self)  # keeps the texts at the top while nothing is shown
        layout.addWidget(self.filler, 1)
        self._meter: TransferMeter | None = None
        self.retranslate()
        self.show_record(None, [])

    def retranslate(self) -> None:
        self.transfer_label.setText(self.tr("File sent"))
        self.progress_label.setText(self.tr("Current step"))
        self.table.setAccessibleName(self.tr("Status history"))
        self.setAccessibleName(self.tr("Tracking"))
        self._draw()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- updates ------------------------------------------------------------------------------
    def show_record(
        self,
        record: UploadRecord | None,
        changes: list[StatusChange],
        meter: TransferMeter | None = None,
    ) -> None:
        """Show ``record`` with its status history (``changes``, oldest first)."""
        if record is None or self.record is None or record.id != self.record.id:
            self.model.set_changes([])
        self.record = record
        self._meter = meter
        self.model.set_changes(changes)
        if changes:
            self.table.scrollToBottom()
        self._draw()

    def set_meter(self, meter: TransferMeter | None) -> None:
        self._meter = meter
        self._draw_transfer()

    def _draw(self) -> None:
        record = self.record
        for widget in (
            self.transfer_label,
            self.transfer,
            self.progress_label,
            self.progress,
            self.transfer_text,
            self.table,
        ):
            widget.setVisible(record is not None)
        for step in self.steps:
            step.setVisible(record is not None)
        self.filler.setVisible(record is None)
        if record is None:
            self.title.setText(self.tr("Tracking"))
            self.summary.setText(
                self.tr("Select an upload in the history, or upload a file, to follow it here.")
            )
            return
        self.title.setText(
            self.tr("%1 · upload %2").replace("%1", record.file_name).replace("%2", record.id)
        )
        text = status_text.describe(record)
        extra = (
            record.state_message
            if record.state in (LocalState.INTERRUPTED, LocalState.CANCELLED)
            else None
        )
        if extra and extra not in text:
            text = f"{text}\n{extra}"
        if record.message and record.message not in text:
            platform = self.tr("Platform: %1").replace("%1", record.message)
            text = f"{text}\n{platform}"
        self.summary.setText(text)
        self.progress.setValue(max(0, min(100, record.progress)))
        self._draw_steps(record)
        self._draw_transfer()

    def _draw_steps(self, record: UploadRecord) -> None:
        path = list(UploadStatus.HAPPY_PATH)
        current = record.status
        off_path = current not in path
        if off_path:
            # where the upload left the happy path: after the last step it reached
            reached = [s for s in path if s in self.model.reached()]
            last = path.index(reached[-1]) if reached else 0
            path = path[: last + 1] + [current]
            path = path[-len(self.steps) :]
        reached_at = self.model.reached()
        position = path.index(current) if current in path else 0
        halted = record.state in (
            LocalState.CANCELLED,
            LocalState.INTERRUPTED,
            LocalState.URL_EXPIRED,
        )
        for i, step in enumerate(self.steps):
            if i >= len(path):
                step.setVisible(False)
                continue
            step.setVisible(True)
            status = path[i]
            if i < position:
                state = "done"
            elif i == position:
                if status in status_text.BAD:
                    state = "bad"
                elif halted:
                    state = "bad" if record.state == LocalState.URL_EXPIRED else "halted"
                elif status == UploadStatus.ACCEPTED:
                    state = "done"
                else:
                    state = "current"
            else:
                state = "todo"
            step.show_state(status, state, reached_at.get(status) if i <= position else None)

    def _draw_transfer(self) -> None:
        record = self.record
        if record is None:
            return
        meter = self._meter
        if record.sent_at is not None or record.state not in (LocalState.SENDING,):
            sent = record.sent_at is not None
            self.transfer.setRange(0, 100)
            self.transfer.setValue(100 if sent else 0)
            self.transfer_text.setText(
                self.tr("%1 sent on %2")
                .replace("%1", i18n.format_bytes(record.size))
                .replace("%2", i18n.format_datetime(record.sent_at))
                if sent
                else self.tr("Not sent")
            )
            return
        if meter is None or meter.fraction is None:
            self.transfer.setRange(0, 0)  # unknown: busy
            self.transfer_text.setText(self.tr("Sending…"))
            return
        self.transfer.setRange(0, 1000)
        self.transfer.setValue(int(meter.fraction * 1000))
        text = (
            self.tr("%1 of %2")
            .replace("%1", i18n.format_bytes(meter.sent))
            .replace("%2", i18n.format_bytes(meter.total))
        )
        if meter.speed:
            text += " · " + self.tr("%1/s").replace("%1", i18n.format_bytes(int(meter.speed)))
        if meter.eta is not None:
            text += " · " + self.tr("%1 s left").replace(
                "%1", i18n.format_number(max(1, round(meter.eta)))
            )
        self.transfer_text.setText(text)
