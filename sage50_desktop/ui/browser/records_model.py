"""The records table's model: a snapshot view over the SQLite cache, fetched lazily in pages.

The model never holds the snapshot. For a view (snapshot, search, filters,
sort) it asks a worker for the view's *order* (the body hash of each record
in display order, 8 bytes a record; the database searches, filters and
sorts) — its length is the row count. Rows are then read a page at a time
(:data:`PAGE` records) when the view first asks for them, on a worker, and
kept in a small LRU page cache (:data:`MAX_PAGES`). Until a page arrives its
cells are empty. A new view (typing in the search box) bumps a generation
number: results of older views are dropped, and their queries interrupted.

Custom roles: :data:`RAW_ROLE` (the raw JSON value of a cell),
:data:`RECORD_ROLE` (the whole record dict), :data:`RECORD_ID_ROLE`.
"""

from __future__ import annotations

import logging
from array import array
from collections import OrderedDict
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from sage50_desktop.ui import i18n
from sage50_desktop.ui.browser.bridge import GuiBridge
from sage50_desktop.ui.browser.columns import BOOLEAN, COUNT, DATETIME, NUMBER, Column
from sage50_desktop.ui.browser.snapshot_view import QueryCancelled, QueryRunner, ViewSpec

log = logging.getLogger(__name__)

RAW_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 3

PAGE = 100
MAX_PAGES = 60  # 6,000 records at most in memory

Index = QModelIndex | QPersistentModelIndex


def display_text(column: Column, value: Any) -> str:
    """A cell's text in the UI locale (numbers, dates in local time, booleans)."""
    if value is None:
        return ""
    if column.kind == BOOLEAN or isinstance(value, bool):
        return "✓" if value else "—"
    if column.kind in (NUMBER, COUNT) and isinstance(value, int | float):
        return i18n.format_number(value)
    if column.kind == DATETIME and isinstance(value, str):
        from sage50_desktop.api.models import parse_timestamp

        try:
            return i18n.format_datetime(parse_timestamp(value))
        except (ValueError, TypeError):
            return value
    if isinstance(value, dict | list):
        import orjson

        return orjson.dumps(value).decode()
    return str(value)


class RecordsModel(QAbstractTableModel):
    """Rows of one snapshot view, read from the store a page at a time on workers.

    Signals:
        loading(bool): the view's order is being computed (search, sort) or not.
        countChanged(int, str): rows of the current view and the search mode
            (``""``, ``"fts"`` or ``"like"``) once known.
        failed(object): reading the view failed (the exception).
        pageLoaded(int): a page arrived (its first row).
    """

    loading = Signal(bool)
    countChanged = Signal(int, str)
    failed = Signal(object)
    pageLoaded = Signal(int)

    def __init__(self, runner: QueryRunner, columns: list[Column],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.columns = list(columns)
        self.spec: ViewSpec | None = None
        self.busy = False
        self.mode = ""
        self._order: array = array("q")
        self._generation = 0
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._pending: set[int] = set()
        self._wanted: set[int] = set()
        self._bridge = GuiBridge(self)
        self._fetch_timer = QTimer(self)
        self._fetch_timer.setSingleShot(True)
        self._fetch_timer.setInterval(0)
        self._fetch_timer.timeout.connect(self._fetch_wanted)
        self.pages_requested = 0

    # --- the view -------------------------------------------------------------------------
    def set_view(self, spec: ViewSpec | None) -> None:
        """Show ``spec`` (``None``: nothing). Older results are dropped."""
        if spec == self.spec and spec is not None:
            return
        self.beginResetModel()
        self._generation += 1
        self.spec = spec
        self._order = array("q")
        self._pages.clear()
        self._pending.clear()
        self._wanted.clear()
        self.endResetModel()
        if spec is None:
            self.runner.cancel_lane(self._lane)
            self._set_busy(False)
            return
        self._set_busy(True)
        generation = self._generation
        future = self.runner.order(spec, lane=self._lane)
        self._bridge.when_done(future, lambda f: self._order_done(generation, f))

    def reload(self) -> None:
        """Read the current view again (the snapshot changed, its index got ready)."""
        spec, self.spec = self.spec, None
        self.set_view(spec)

    def set_columns(self, columns: list[Column]) -> None:
        self.beginResetModel()
        self.columns = list(columns)
        self.endResetModel()

    @property
    def _lane(self) -> str:
        return f"order:{id(self)}"

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.loading.emit(busy)

    def _order_done(self, generation: int, future: Future[Any]) -> None:
        if generation != self._generation:
            return  # a newer view replaced this one
        try:
            order, mode = future.result()
        except QueryCancelled:
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user by the page
            log.warning("reading a snapshot view failed: %s", type(exc).__name__)
            self._set_busy(False)
            self.failed.emit(exc)
            return
        self.mode = mode or ""
        if order:
            self.beginInsertRows(QModelIndex(), 0, len(order) - 1)
            self._order = order
            self.endInsertRows()
        self._set_busy(False)
        self.countChanged.emit(len(order), self.mode)

    # --- Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.label
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.path
            if role == RAW_ROLE:
                return column.path
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return i18n.format_number(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._order):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
                        Qt.ItemDataRole.ToolTipRole, RAW_ROLE, RECORD_ROLE, RECORD_ID_ROLE):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind in (NUMBER, COUNT):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column.kind == BOOLEAN:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        record = self.record_at(index.row())
        if record is None:
            return None
        if role == RECORD_ROLE:
            return record
        if role == RECORD_ID_ROLE:
            return record.get("id")
        value = column.value(record)
        if role == RAW_ROLE:
            return value
        text = display_text(column, value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > 40 else None
        return text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column in the database (a new view)."""
        if self.spec is None or not 0 <= column < len(self.columns):
            return
        target = self.columns[column]
        if not target.sortable:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        path = None if target.path == "id" else target.path
        from dataclasses import replace

        self.set_view(replace(self.spec, sort_column=path, descending=descending))

    # --- pages --------------------------------------------------------------------------------
    def record_at(self, row: int) -> dict[str, Any] | None:
        """The record of ``row`` if its page is loaded; else asks for the page, None."""
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            self._want(number)
            return None
        self._pages.move_to_end(number)
        offset = row - number * PAGE
        return page[offset] if offset < len(page) else None

    def is_loaded(self, row: int) -> bool:
        return row // PAGE in self._pages

    def loaded_rows(self) -> int:
        """Records held in memory now."""
        return sum(len(p) for p in self._pages.values())

    def _want(self, number: int) -> None:
        if number in self._pending or number in self._wanted:
            return
        self._wanted.add(number)
        if not self._fetch_timer.isActive():
            self._fetch_timer.start()

    def _fetch_wanted(self) -> None:
        wanted, self._wanted = sorted(self._wanted), set()
        generation = self._generation
        for number in wanted:
            hashes = self._order[number * PAGE:(number + 1) * PAGE]
            if not hashes:
                continue
            self._pending.add(number)
            self.pages_requested += 1
            future = self.runner.bodies(list(hashes))
            self._bridge.when_done(
                future, lambda f, n=number: self._page_done(generation, n, f))

    def _page_done(self, generation: int, number: int, future: Future[Any]) -> None:
        if generation != self._generation:
            return
        self._pending.discard(number)
        try:
            rows = future.result()
        except QueryCancelled:
            return
        except Exception as exc:  # noqa: BLE001
            log.warning("reading records failed: %s", type(exc).__name__)
            self.failed.emit(exc)
            return
        self._pages[number] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = number * PAGE
        last = min(first + len(rows), len(self._order)) - 1
        if last >= first and self.columns:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))
        self.pageLoaded.emit(first)
