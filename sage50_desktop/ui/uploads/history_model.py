"""The upload history as a table model: the manager owns the rows and emits row changes.

:class:`UploadHistoryModel` keeps one :class:`UploadRecord` per row plus the
live byte counts of uploads being sent. Event handlers only mark rows stale
(:meth:`mark_stale`); a timer reloads the stale records in a worker thread and
emits ``dataChanged`` for those rows, so a burst of events costs one redraw.
Speed and time left come from a rolling average (:class:`TransferMeter`); an
unknown total shows as unknown. :class:`UploadFilterProxy` filters by text
and by status group.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor

from sage50_desktop.services.activity import KIND_REFRESH
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.storage.upload_store import LocalState, UploadRecord
from sage50_desktop.ui import i18n, scope_names
from sage50_desktop.ui.uploads import status_text

RecordRole = Qt.ItemDataRole.UserRole + 1  # the UploadRecord of the row
IdRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3
GroupRole = Qt.ItemDataRole.UserRole + 4  # "active", "done", "problem"

COL_WHEN, COL_SCOPE, COL_FILE, COL_SIZE, COL_STATUS, COL_RESULT, COL_LINK = range(7)
COLUMNS = 7
_Index = QModelIndex | QPersistentModelIndex


@dataclass
class TransferMeter:
    """Bytes sent so far of one upload, with speed from a rolling average over ``window`` s."""

    total: int | None
    sent: int = 0
    window: float = 3.0
    clock: Callable[[], float] = time.monotonic
    samples: deque[tuple[float, int]] = field(default_factory=deque)

    def update(self, sent: int, total: int | None = None) -> None:
        now = self.clock()
        if total is not None:
            self.total = total
        self.sent = sent
        self.samples.append((now, sent))
        while len(self.samples) > 2 and now - self.samples[0][0] > self.window:
            self.samples.popleft()

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, self.sent / self.total)

    @property
    def speed(self) -> float | None:
        """Bytes per second over the window; ``None`` until two samples exist."""
        if len(self.samples) < 2:
            return None
        (t0, s0), (t1, s1) = self.samples[0], self.samples[-1]
        if t1 <= t0:
            return None
        return max(0.0, (s1 - s0) / (t1 - t0))

    @property
    def eta(self) -> float | None:
        """Seconds left; ``None`` when the total or the speed is unknown."""
        speed = self.speed
        if not self.total or not speed:
            return None
        return max(0.0, (self.total - self.sent) / speed)


def group_of(record: UploadRecord) -> str:
    """``active`` (under way), ``problem`` (needs attention) or ``done``."""
    if record.state in LocalState.ACTIVE:
        return "active"
    if (
        record.display_status in status_text.BAD
        or record.display_status in status_text.HALTED
        or (record.result_rejected or 0) > 0
    ):
        return "problem"
    return "done"


_SERIALS = itertools.count(1)  # one refresh task name per model


class UploadHistoryModel(QAbstractTableModel):
    """Every upload of the connection, newest first.

    Args:
        load_all: blocking; returns every upload (run in a worker thread).
        load_one: blocking; returns one upload by id (run in a worker thread).
        refresh_interval: ms between coalesced redraws of stale rows.
    """

    def __init__(
        self,
        load_all: Callable[[], list[UploadRecord]],
        load_one: Callable[[str], UploadRecord],
        parent: QObject | None = None,
        refresh_interval: int = 150,
        *,
        tasks: TaskRegistry | None = None,
    ) -> None:
        super().__init__(parent)
        # refreshes run as quiet registry tasks (a private registry when None, e.g. tests)
        self._registry = tasks if tasks is not None else TaskRegistry()
        self._task_name = f"refresh:upload-history:{next(_SERIALS)}"
        self._load_all = load_all
        self._load_one = load_one
        self._rows: list[UploadRecord] = []
        self._row_of: dict[str, int] = {}
        self.meters: dict[str, TransferMeter] = {}
        self._stale: set[str] = set()
        self._reload_all = False
        self._task: asyncio.Task[None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(refresh_interval)
        self._timer.timeout.connect(self._refresh)
        self.loaded = False

    # --- Qt model -----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            self.tr("Sent"),
            self.tr("Data set"),
            self.tr("File"),
            self.tr("Size"),
            self.tr("Status"),
            self.tr("Result"),
            self.tr("Linked to"),
        )
        return names[section] if 0 <= section < COLUMNS else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_STATUS:
                return status_text.describe(record)
            if column == COL_FILE:
                return record.source_path or record.file_name
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            return QBrush(QColor(status_text.colour(record.display_status)))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RecordRole:
            return record
        if role == IdRole:
            return record.id
        if role == GroupRole:
            return group_of(record)
        if role == SortRole:
            if column == COL_WHEN:
                return record.created_at.timestamp()
            if column == COL_SIZE:
                return record.size
            return self._display(record, column)
        return None

    def _display(self, record: UploadRecord, column: int) -> str:
        if column == COL_WHEN:
            return i18n.format_datetime(record.sent_at or record.created_at)
        if column == COL_SCOPE:
            return scope_names.label(record.scope)
        if column == COL_FILE:
            return record.file_name
        if column == COL_SIZE:
            return i18n.format_bytes(record.size)
        if column == COL_STATUS:
            meter = self.meters.get(record.id)
            if (
                record.state == LocalState.SENDING
                and meter is not None
                and meter.fraction is not None
            ):
                return self.tr("Sending %1 %").replace(
                    "%1", i18n.format_number(int(meter.fraction * 100))
                )
            label = status_text.status_label(record.display_status)
            if record.state == LocalState.WAITING_RESULT:
                label = self.tr("%1 (waiting for the result)").replace("%1", label)
            return label
        if column == COL_RESULT:
            if record.result_total is None:
                return ""
            return (
                self.tr("%1 accepted, %2 rejected")
                .replace("%1", i18n.format_number(record.result_accepted or 0))
                .replace("%2", i18n.format_number(record.result_rejected or 0))
            )
        if column == COL_LINK:
            return record.parent_id or ""
        return ""

    # --- the manager ----------------------------------------------------------------------
    def record(self, upload_id: str) -> UploadRecord | None:
        row = self._row_of.get(upload_id)
        return self._rows[row] if row is not None else None

    def row_of(self, upload_id: str) -> int | None:
        return self._row_of.get(upload_id)

    def records(self) -> list[UploadRecord]:
        return list(self._rows)

    def reload(self) -> None:
        """Reload every row soon (worker thread)."""
        self._reload_all = True
        self._schedule()

    def mark_stale(self, upload_id: str) -> None:
        """An upload changed: reload its row at the next refresh."""
        self._stale.add(upload_id)
        self._schedule()

    def transfer(self, upload_id: str, sent: int, total: int | None) -> None:
        """Bytes sent of an upload (many per second): the meter updates, the row redraws soon."""
        meter = self.meters.get(upload_id)
        if meter is None:
            meter = self.meters[upload_id] = TransferMeter(total)
        meter.update(sent, total)
        self.mark_stale(upload_id)

    def set_records(self, records: Iterable[UploadRecord]) -> None:
        """Replace every row (newest first)."""
        self.beginResetModel()
        self._rows = list(records)
        self._reindex()
        self.loaded = True
        self.endResetModel()

    def apply(self, record: UploadRecord) -> None:
        """Insert or update one row."""
        row = self._row_of.get(record.id)
        if row is not None:
            self._rows[row] = record
            self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMNS - 1))
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, record)
        self._reindex()
        self.endInsertRows()

    def _reindex(self) -> None:
        self._row_of = {record.id: row for row, record in enumerate(self._rows)}

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _refresh(self) -> None:
        if self._task is not None and not self._task.done():
            self._timer.start()  # a refresh is running: come back once it ends
            return
        everything, ids = self._reload_all, set(self._stale)
        try:
            info = self._registry.start(
                self._task_name, self._load(everything, ids), kind=KIND_REFRESH, quiet=True
            )
        except RuntimeError:  # the loop stopped or the app shuts down: nothing to refresh for
            return
        self._reload_all, self._stale = False, set()
        self._task = info.task

    async def _load(self, everything: bool, ids: set[str]) -> None:
        if everything:
            records = await asyncio.to_thread(self._load_all)
            self.set_records(records)
            return

        def read() -> list[UploadRecord]:
            found = []
            for upload_id in ids:
                try:
                    found.append(self._load_one(upload_id))
                except LookupError:
                    continue
            return found

        for record in sorted(await asyncio.to_thread(read), key=lambda r: r.created_at):
            self.apply(record)

    async def settle(self) -> None:
        """Wait for a running refresh (tests and shutdown)."""
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    @property
    def idle(self) -> bool:
        """No refresh is pending or running."""
        return not self._timer.isActive() and (self._task is None or self._task.done())

    def stop(self) -> None:
        self._timer.stop()
        if self._task is not None and not self._task.done():
            self._task.cancel()


class UploadFilterProxy(QSortFilterProxyModel):
    """Filters the history by free text (file, id, status) and by group."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._group = ""
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange()

    def set_group(self, group: str) -> None:
        """``""`` (all), ``active``, ``problem`` or ``done``."""
        self.beginFilterChange()
        self._group = group
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._group and model.data(index, GroupRole) != self._group:
            return False
        if not self._text:
            return True
        record: UploadRecord = model.data(index, RecordRole)
        haystack = " ".join(
            str(model.data(model.index(source_row, c, source_parent)) or "") for c in range(COLUMNS)
        )
        haystack = f"{haystack} {record.id} {record.display_status}".casefold()
        return self._text in haystack
