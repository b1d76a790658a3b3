"""The Activity dock: background work with progress and outcome, from the persisted history.

:class:`ActivityModel` mirrors :class:`~sage50_desktop.services.activity.ActivityLog`
(newest first); progress changes are coalesced by a timer. Clicking a row
emits the entry's target so the window can jump to what it concerns.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.services import activity as A
from sage50_desktop.services.activity import SENDING_DETAIL, ActivityLog
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.storage.activity_store import ActivityRecord
from sage50_desktop.ui import errors, i18n, icons
from sage50_desktop.ui.bridge import GuiBridge
from sage50_desktop.ui.uploads import status_text

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
FRACTION_ROLE = Qt.ItemDataRole.UserRole + 2
TARGET_ROLE = Qt.ItemDataRole.UserRole + 3

COL_TIME, COL_TASK, COL_PROGRESS, COL_DETAIL, COL_DURATION = range(5)


_RECORDS_STORED = re.compile(r"^([\d,]+) records stored$")


def _a(text: str) -> str:
    return QApplication.translate("Activity", text)


def kind_label(kind: str) -> str:
    return {
        A.KIND_DOWNLOAD: _a("Download"),
        A.KIND_UPLOAD: _a("Upload"),
        A.KIND_KEY_ROTATION: _a("Key renewal"),
        A.KIND_CONSENT: _a("Consent"),
        A.KIND_CONSENT_LOST: _a("Consent withdrawn"),
        A.KIND_REFRESH: _a("Refresh"),
        A.KIND_POLL: _a("Check for new versions"),
        A.KIND_EXPORT: _a("Export"),
        A.KIND_ERROR: _a("Error"),
        A.KIND_INDEX: _a("Indexing"),
        A.KIND_DELETE_DATA: _a("Delete cached data"),
        A.KIND_SANDBOX: _a("Sandbox"),
        A.KIND_COMPARE: _a("Compare versions"),
        A.KIND_SETUP: _a("Connection setup"),
        A.KIND_REMOVE: _a("Remove connection"),
        A.KIND_CLOSE: _a("Close connection"),
    }.get(kind, kind)


def state_label(state: str) -> str:
    return {
        "running": _a("Running"),
        "succeeded": _a("Done"),
        "failed": _a("Failed"),
        "cancelled": _a("Cancelled"),
        "interrupted": _a("Interrupted (the app was closed)"),
        "info": _a("Done"),
    }.get(state, state)


def detail_text(record: ActivityRecord) -> str:
    """What to tell about an entry, in the UI language."""
    if record.state == "failed":
        hint = errors.error_hint(None, record.error_type)
        # the technical detail is English ("the upload ended as failed"): shown in an
        # English UI, in the tooltip only (technical_text) otherwise
        if record.detail and i18n.current_language() == "en":
            return f"{hint} ({record.detail})"
        return hint
    if record.kind == A.KIND_KEY_ROTATION:
        reason = {
            "expiring": _a("renewed silently before it expired"),
            "expired": _a("renewed silently after it had expired"),
            "rejected": _a("renewed silently after the server refused the old key"),
            "adopted": _a("taken over from another copy of the app"),
            "manual": _a("renewed on request"),
        }.get(record.detail)
        if reason:
            return reason
    stored = _RECORDS_STORED.match(record.detail or "")
    if stored is not None:  # "1,000 records stored" (ingest progress, English in the core)
        count = int(stored.group(1).replace(",", ""))
        return QApplication.translate("Activity", "%n record(s) stored", None, count)
    if record.kind == A.KIND_UPLOAD:
        return _upload_detail(record)
    if record.kind == A.KIND_INDEX and record.state == "running":
        return _index_detail(record)
    if record.kind == A.KIND_EXPORT:  # exports count records, not bytes
        if record.state == "running" and record.done is not None:
            if record.total:
                return (
                    _a("%1 of %2 records")
                    .replace("%1", i18n.format_number(record.done))
                    .replace("%2", i18n.format_number(record.total))
                )
            return QApplication.translate("Activity", "%n record(s)", None, record.done)
        return ""
    if record.state == "running" and record.done is not None and record.total:
        return f"{i18n.format_bytes(record.done)} / {i18n.format_bytes(record.total)}"
    if record.kind == A.KIND_DOWNLOAD and record.state == "succeeded" and record.total:
        return i18n.format_bytes(record.total)
    return ""


def _upload_detail(record: ActivityRecord) -> str:
    """An upload task: "Sending 1.2 MB of 3 MB", then the platform status (and its %)."""
    if record.state == "running" and record.detail == SENDING_DETAIL:
        if record.total:
            return (
                _a("Sending %1 of %2")
                .replace("%1", i18n.format_bytes(record.done or 0))
                .replace("%2", i18n.format_bytes(record.total))
            )
        return _a("Sending the file")
    if record.detail in UploadStatus.ALL:
        label = status_text.status_label(record.detail)
        if record.state == "running" and record.done is not None and record.total == 100:
            return f"{label} · {i18n.format_number(record.done)} %"
        return label
    return ""


def _index_detail(record: ActivityRecord) -> str:
    """An index build: the sort indexes as steps, then the search index as records."""
    detail = record.detail or ""
    if detail.startswith("search index:") and record.done is not None and record.total:
        return (
            _a("Search index: %1 of %2 records")
            .replace("%1", i18n.format_number(record.done))
            .replace("%2", i18n.format_number(record.total))
        )
    if detail.startswith("sort index") and record.total:
        return (
            _a("Sort indexes: %1 of %2")
            .replace("%1", i18n.format_number((record.done or 0) + 1))
            .replace("%2", i18n.format_number(max(record.total - 1, 1)))
        )
    if detail.startswith("search index"):
        return _a("Building the search index")
    return _a("Preparing search and sorting")


def technical_text(record: ActivityRecord) -> str | None:
    """The Details column's tooltip: what it says, and for a failure the technical detail."""
    shown = detail_text(record)
    if record.state == "failed" and record.detail and record.detail not in shown:
        return f"{shown}\n\n{record.detail}" if shown else record.detail
    return shown or None


def duration_text(record: ActivityRecord, now: datetime | None = None) -> str:
    end = record.finished_at or (now or datetime.now(UTC))
    seconds = max(0, int((end - record.started_at).total_seconds()))
    if record.state == "info":
        return ""
    if seconds < 60:
        return _a("%1 s").replace("%1", i18n.format_number(seconds))
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return (
            _a("%1 min %2 s")
            .replace("%1", i18n.format_number(minutes))
            .replace("%2", i18n.format_number(seconds))
        )
    hours, minutes = divmod(minutes, 60)
    return (
        _a("%1 h %2 min")
        .replace("%1", i18n.format_number(hours))
        .replace("%2", i18n.format_number(minutes))
    )


class ActivityModel(QAbstractTableModel):
    """The history as a table, newest first."""

    def __init__(self, activity: ActivityLog, parent: Any = None) -> None:
        super().__init__(parent)
        self.activity = activity
        self._rows: list[ActivityRecord] = list(reversed(activity.entries()))
        self._dirty: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(200)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)
        self._ticker = QTimer(self)  # running entries: their duration grows
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self._bridge = GuiBridge(self)  # disconnects itself when the model goes
        self._bridge.subscribe(activity.added, self._on_added)
        self._bridge.subscribe(activity.changed, self._on_changed)
        self._bridge.subscribe(activity.removed, self._on_removed)

    def detach(self) -> None:
        """Stop following the history now (the model stays)."""
        self._bridge.detach()

    # --- Qt model ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [_a("Time"), _a("Task"), _a("Progress"), _a("Details"), _a("Duration")][section]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == RECORD_ROLE:
            return record
        if role == TARGET_ROLE:
            return record.target
        if role == FRACTION_ROLE:
            if record.state != "running":
                return None
            if record.done is None or not record.total:
                return -1.0
            return max(0.0, min(1.0, record.done / record.total))
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TIME:
                return i18n.format_when(record.started_at)
            if column == COL_TASK:
                return (
                    f"{kind_label(record.kind)} · {record.subject}"
                    if record.subject
                    else kind_label(record.kind)
                )
            if column == COL_PROGRESS:
                return state_label(record.state)
            if column == COL_DETAIL:
                return detail_text(record)
            if column == COL_DURATION:
                return duration_text(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_TIME:
                return i18n.format_datetime(record.started_at, seconds=True)
            if column == COL_DETAIL:
                return technical_text(record)
            if column == COL_TASK and record.target:
                return _a("Double-click or press Enter to go to what this concerns")
        if role == Qt.ItemDataRole.DecorationRole and column == COL_PROGRESS:
            return self._state_icon(record)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_TASK:
            return self._kind_icon(record.kind)
        return None

    # --- updates ----------------------------------------------------------------------
    def row_of(self, record_id: int | None) -> int:
        for row, record in enumerate(self._rows):
            if record.id == record_id:
                return row
        return -1

    def _on_added(self, record: ActivityRecord) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, record)
        self.endInsertRows()
        if len(self._rows) > A.MEMORY_LIMIT:
            last = len(self._rows) - 1
            self.beginRemoveRows(QModelIndex(), last, last)
            self._rows.pop()
            self.endRemoveRows()

    def _on_removed(self, target: str) -> None:
        """A connection's finished entries were deleted ("Delete cached data")."""

        def gone(record: ActivityRecord) -> bool:
            about = record.target or ""
            return record.state != "running" and (about == target or about.startswith(target + "/"))

        if not any(gone(r) for r in self._rows):
            return
        self.beginResetModel()
        self._rows = [r for r in self._rows if not gone(r)]
        self._dirty.clear()
        self.endResetModel()

    def _on_changed(self, record: ActivityRecord) -> None:
        row = self.row_of(record.id)
        if row < 0:
            return
        self._rows[row] = record
        self._dirty.add(record.id or 0)
        if record.state != "running":
            self._flush()  # outcomes show at once
        elif not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        self._timer.stop()
        dirty, self._dirty = self._dirty, set()
        for record_id in dirty:
            row = self.row_of(record_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, 4))

    def _tick(self) -> None:
        for row, record in enumerate(self._rows[:50]):
            if record.state == "running":
                self.dataChanged.emit(self.index(row, COL_DURATION), self.index(row, COL_DURATION))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 4))

    @staticmethod
    def _state_icon(record: ActivityRecord) -> Any:
        pixmap = {
            "succeeded": QStyle.StandardPixmap.SP_DialogApplyButton,
            "info": QStyle.StandardPixmap.SP_DialogApplyButton,
            "failed": QStyle.StandardPixmap.SP_MessageBoxCritical,
            "cancelled": QStyle.StandardPixmap.SP_DialogCancelButton,
            "interrupted": QStyle.StandardPixmap.SP_MessageBoxWarning,
        }.get(record.state)
        return icons.standard(pixmap) if pixmap is not None else None

    @staticmethod
    def _kind_icon(kind: str) -> Any:
        name = {
            A.KIND_DOWNLOAD: "scope",
            A.KIND_UPLOAD: "upload",
            A.KIND_KEY_ROTATION: "key",
            A.KIND_CONSENT: "consent",
            A.KIND_CONSENT_LOST: "consent",
            A.KIND_REFRESH: "refresh",
            A.KIND_POLL: "refresh",
            A.KIND_EXPORT: "export",
            A.KIND_SANDBOX: "sandbox",
        }.get(kind, "activity")
        return icons.icon(name)


class ProgressDelegate(QStyledItemDelegate):
    """Draws a progress bar for running entries (busy when the total is unknown)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        fraction = index.data(FRACTION_ROLE)
        if fraction is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 3, -2, -3)
        bar.minimum = 0
        bar.maximum = 100 if fraction >= 0 else 0
        bar.progress = int(fraction * 100) if fraction >= 0 else 0
        bar.textVisible = fraction >= 0
        bar.text = f"{int(fraction * 100)} %" if fraction >= 0 else ""
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)


class ActivityDock(QDockWidget):
    """The dock (objectName ``activityDock``) with the history table and its actions.

    Signals:
        targetActivated(str target): the user clicked an entry that concerns something.
        exportRequested(): the user asked to export the history as CSV.
    """

    targetActivated = Signal(str)
    exportRequested = Signal()

    def __init__(
        self, activity: ActivityLog, tasks: TaskRegistry, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("activityDock")
        self.tasks = tasks
        self.model = ActivityModel(activity, self)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.setSpacing(2)
        self.toolbar = QToolBar(body)
        self.toolbar.setObjectName("activityToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_action = QAction(icons.icon("export"), "", self)
        self.export_action.setObjectName("exportActivity")
        self.export_action.triggered.connect(self.exportRequested)
        self.cancel_action = QAction(icons.standard(QStyle.StandardPixmap.SP_BrowserStop), "", self)
        self.cancel_action.setObjectName("cancelTask")
        self.cancel_action.setEnabled(False)
        self.cancel_action.triggered.connect(self._cancel_selected)
        self.toolbar.addAction(self.export_action)
        self.toolbar.addAction(self.cancel_action)
        layout.addWidget(self.toolbar)
        self.table = QTableView(body)
        self.table.setObjectName("activityTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COL_PROGRESS, ProgressDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_TIME, 90)
        header.resizeSection(COL_TASK, 260)
        header.resizeSection(COL_PROGRESS, 150)
        header.resizeSection(COL_DURATION, 90)
        self.table.clicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.model.dataChanged.connect(
            lambda *_: self._selection_changed(self.table.currentIndex(), QModelIndex())
        )
        layout.addWidget(self.table)
        self.setWidget(body)
        self._retranslate()

    def _activated(self, index: QModelIndex) -> None:
        target = index.data(TARGET_ROLE)
        if target:
            self.targetActivated.emit(target)

    def _selection_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = current.data(RECORD_ROLE) if current.isValid() else None
        self.cancel_action.setEnabled(
            bool(
                record
                and record.state == "running"
                and record.task_name
                and self.tasks.is_running(record.task_name)
            )
        )

    def _cancel_selected(self) -> None:
        record = self.table.currentIndex().data(RECORD_ROLE)
        if record is not None and record.task_name:
            self.tasks.cancel(record.task_name)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Activity"))
        self.export_action.setText(self.tr("Export CSV…"))
        self.export_action.setToolTip(self.tr("Save the whole history as a CSV file"))
        self.cancel_action.setText(self.tr("Cancel task"))
        self.table.setAccessibleName(self.tr("Activity history"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
