"""The records table's model: a snapshot view over the SQLite cache, fetched lazily in pages.

The model never holds the snapshot. For a view (snapshot, search, filters,
sort) a worker first *plans* it (:func:`~sage50_desktop.storage.snapshot_view.plan_view`):
the row count and how to read a page — through the spans' primary key (id
order), the column's sort index (sorted), or the view's order list (searches,
filters; the database searches, filters and sorts). Nothing proportional to
the snapshot is read before the first rows: a search or a filter is shown from
the engine's first-page query, which brings its first :data:`PAGE` rows and
the count (capped at 10,000 for sorted or filtered full-text searches:
``count_exact`` False, the row count a lower bound). A common word (id order,
no filter) comes faster: its first rows from a walk of the spans and the
index's hit count, an upper bound (``count_upper``: "about", counting); the
view's full order is then built in the background — as soon as the table has
painted the new rows (at most :data:`ORDER_WAIT_MS` later: the build would
hold the GIL against that paint) when the count is
not exact (the rows beyond the cap, and the exact count, come with it:
``countChanged``; rows past an upper bound are removed), else
when a page past the first ones is asked for (deep jumps become lookups). Rows are then read a page at a
time (:data:`PAGE` records) when the view first asks for them, on a worker,
and kept in a small LRU page cache (:data:`MAX_PAGES`); a queued page nobody
looks at any more (the scrollbar moved on) is skipped. Until a page arrives
its cells are empty. A sorted view's plan brings its first rows too (shown with
one model reset, no second query); plain and index-sorted views build no
full order (deep pages are bounded ``OFFSET`` walks on a worker: a
million-hash order built in Python held the GIL against the GUI's painting).

A new view (typing in the search box, a click on a header) keeps showing the
current rows, flagged ``busy`` ("Searching…", "Sorting…"), until its plan is
ready, then swaps in. Sorting by a column whose sort index is still being
built waits for it (the engine builds it in the background, ~6-10 s at
1,000,000 records the first time) rather than scanning every record. Results
of older views are dropped, and their queries interrupted.

A repaint asks the model about every visible cell (~450 in a desktop-sized
table): :meth:`RecordsModel.multiData` answers all the roles of a cell in one
Python call, and ``flags()`` is Qt's own.

Custom roles: :data:`RAW_ROLE` (the raw JSON value of a cell),
:data:`RECORD_ROLE` (the whole record dict), :data:`RECORD_ID_ROLE`.
"""

from __future__ import annotations

import logging
from collections import OrderedDict, deque
from concurrent.futures import CancelledError, Future
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

from sage50_desktop.services.ingest import gui_friendly
from sage50_desktop.storage.snapshot_view import (
    FIRST,
    PROBE,
    WAITING,
    QueryCancelled,
    QueryRunner,
    ViewPlan,
    ViewSpec,
)
from sage50_desktop.ui import i18n
from sage50_desktop.ui.bridge import GuiBridge
from sage50_desktop.ui.browser.columns import BOOLEAN, COUNT, DATETIME, NUMBER, Column

log = logging.getLogger(__name__)

RAW_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 3

PAGE = 100
MAX_PAGES = 60  # 6,000 records at most in memory
RECENT_PAGES = 8  # queued pages still read; older ones were scrolled past: skipped
ORDER_AFTER = 3  # first plans: asking for page ORDER_AFTER or later builds the full order
IN_FLIGHT = 2  # page queries per model at once (the newest wanted first)
SORT_POLL_MS = 200  # how often a view waiting for its sort index asks again
ORDER_WAIT_MS = 250  # a new view's full order waits for its first paint at most this long

Index = QModelIndex | QPersistentModelIndex

_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
#: the roles a cell answers (others: None); plain ints, as Qt passes them
_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        _ALIGNMENT,
        Qt.ItemDataRole.ToolTipRole,
        RAW_ROLE,
        RECORD_ROLE,
        RECORD_ID_ROLE,
    )
)
_ALIGN = {
    NUMBER: int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
    COUNT: int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
    BOOLEAN: int(Qt.AlignmentFlag.AlignCenter),
}
_UNREAD = object()


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


def _cell(column: Column, record: dict[str, Any], role: int) -> Any:
    """A loaded cell's value for ``role`` (one of :data:`_ROLES` but alignment)."""
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


def _gui_friendly_until(future: Future[Any]) -> None:
    """Fast GIL switching and a frozen heap (:func:`~sage50_desktop.services.ingest.gui_friendly`)
    until ``future`` is done, whatever its end (its callback runs in any case, in any
    thread). A view's full order is a Python int per row made on a worker between
    SQLite steps: with the default 5 ms switch interval the event loop waited for
    the GIL at its wake-ups while a 50,000-hit word's order was built — the GUI's
    longest stall during search-as-you-type at 1M (~40-50 ms, the GUI thread idle)."""
    friendly = gui_friendly()
    friendly.__enter__()
    future.add_done_callback(lambda _future: friendly.__exit__(None, None, None))


class _Live:
    """What workers may read to skip stale page jobs (plain attributes, GIL-atomic)."""

    __slots__ = ("generation", "recent")

    def __init__(self) -> None:
        self.generation = 0
        self.recent: frozenset[int] = frozenset()


class RecordsModel(QAbstractTableModel):
    """Rows of one snapshot view, read from the store a page at a time on workers.

    Signals:
        loading(bool): a new view is being prepared (search, sort: the rows shown
            are still the previous view's) or not.
        countChanged(int, str): rows of the current view and the search mode
            (``""``, ``"fts"`` or ``"like"``) once known.
        failed(object): reading the view failed (the exception).
        pageLoaded(int): a page arrived (its first row).

    Attributes:
        spec: the view asked for (shown once ``busy`` is False).
        shown: the view whose rows are shown.
        sort_mode: how the shown rows are ordered: None (id), ``index`` or ``scan``.
        waiting_index: the asked-for sort waits for its sort index to be built.
        count_exact: False while the row count is a lower bound (a capped search
            count, "10,000+") or an upper bound (``count_upper``); it becomes the
            exact count once the order is built (in the background, at once).
        count_upper: the inexact row count is an upper bound (the search index's
            hits, while the exact count is computed).
    """

    loading = Signal(bool)
    countChanged = Signal(int, str)
    failed = Signal(object)
    pageLoaded = Signal(int)
    sortShown = Signal()  # a new sort order is shown, from its first row: views go to the top

    def __init__(
        self, runner: QueryRunner, columns: list[Column], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.columns = list(columns)
        self.spec: ViewSpec | None = None
        self.busy = False
        self.mode = ""
        self.waiting_index = False
        self.count_exact = True
        self.count_upper = False
        self._order_started = False
        self._plan: ViewPlan | None = None
        self._count = 0
        self._request = 0
        self._live = _Live()
        self._recent: deque[int] = deque(maxlen=RECENT_PAGES)
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._pending: set[int] = set()  # submitted to a worker
        self._wanted: OrderedDict[int, None] = OrderedDict()  # queued, newest last
        self._bridge = GuiBridge(self)
        self._fetch_timer = QTimer(self)
        self._fetch_timer.setSingleShot(True)
        self._fetch_timer.setInterval(0)
        self._fetch_timer.timeout.connect(self._fetch_wanted)
        self._sort_timer = QTimer(self)
        self._sort_timer.setSingleShot(True)
        self._sort_timer.setInterval(SORT_POLL_MS)
        self._sort_timer.timeout.connect(self._poll_sort_index)
        # the order a new view builds at once starts after the view's first paint
        # (multiData: a 0 ms timer runs once that paint is done), or after ORDER_WAIT_MS
        self._order_timer = QTimer(self)
        self._order_timer.setSingleShot(True)
        self._order_timer.timeout.connect(self._start_order)
        self._order_after_paint = False
        self.pages_requested = 0
        self._last_row = 0  # the last row a view asked for (where it shows the table)
        self._sorted_to_top = False  # a sort asked for: its view starts at the first row

    @property
    def shown(self) -> ViewSpec | None:
        return self._plan.spec if self._plan is not None else None

    @property
    def sort_mode(self) -> str | None:
        return self._plan.sort if self._plan is not None else None

    @property
    def strategy(self) -> str | None:
        """How the shown view is read (``id``, ``index``, ``probe``, ``list``)."""
        return self._plan.strategy if self._plan is not None else None

    # --- the view -------------------------------------------------------------------------
    def set_view(self, spec: ViewSpec | None, *, clear: bool = False) -> None:
        """Show ``spec`` (``None``: nothing). Older results are dropped; the current rows
        stay until the new view is ready (same snapshot) — ``busy`` meanwhile — unless
        ``clear`` (a new search or filter: the old rows would be wrong answers)."""
        if spec == self.spec and spec is not None:
            return
        self.spec = spec
        self._request += 1
        self._sort_timer.stop()
        self.waiting_index = False
        if (
            spec is None
            or self._plan is None
            or spec.snapshot_id != self._plan.spec.snapshot_id
            or clear
        ):
            self._show(None)
        if spec is None:
            self.runner.cancel_lane(self._lane)
            self._set_busy(False)
            return
        self._set_busy(True)
        self._plan_view(spec, wait_for_index=True)

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

    def _plan_view(self, spec: ViewSpec, wait_for_index: bool) -> None:
        request = self._request
        # rows kept on screen (a reload keeps the view's place; a sort starts at the top):
        # the plan brings the new view's rows there — the page above the last row
        # painted, and its page
        at = 0
        if (
            not self._sorted_to_top
            and self._plan is not None
            and self._count
            and self._last_row >= PAGE
        ):
            at = (min(self._last_row, self._count - 1) // PAGE - 1) * PAGE
        future = self.runner.plan(
            spec, lane=self._lane, wait_for_index=wait_for_index, first=PAGE, at=at
        )
        self._bridge.when_done(future, lambda f: self._plan_done(request, f))

    def _plan_done(self, request: int, future: Future[Any]) -> None:
        if request != self._request:
            return  # a newer view replaced this one
        try:
            plan: ViewPlan = future.result()
        except (QueryCancelled, CancelledError):  # (cancelled: the runner was closed)
            return
        except Exception as exc:  # shown to the user by the page
            log.warning("reading a snapshot view failed: %s", type(exc).__name__)
            self._set_busy(False)
            self.failed.emit(exc)
            return
        if plan.strategy == WAITING:
            # the sort index is being built: the current rows stay ("Sorting…")
            self.waiting_index = True
            self._sort_timer.start()
            return
        self.waiting_index = False
        self._show(plan)
        self._set_busy(False)
        self.countChanged.emit(self._count, self.mode)
        if self._sorted_to_top:
            self._sorted_to_top = False
            self.sortShown.emit()
        if plan.first_rows:
            self.pageLoaded.emit(plan.first_offset)
        # probe plans: deep pages become direct lookups once the order is known (first
        # plans: when needed). id and index plans never build it: their deep pages are
        # bounded LIMIT/OFFSET walks of a B-tree on a worker (~0.1 s at 900,000),
        # while a million-hash order held the GIL against the GUI's painting.
        if plan.order is None and (
            plan.strategy == PROBE or plan.strategy == FIRST and not plan.exact
        ):
            self._order_after_paint = True
            self._order_timer.start(ORDER_WAIT_MS)

    def _start_order(self) -> None:
        self._order_after_paint = False
        if self._plan is not None and self._plan.order is None and not self.runner.closed:
            self._complete_order(self._plan)

    def _complete_order(self, plan: ViewPlan) -> None:
        if self._order_started:
            return
        self._order_started = True
        generation = self._live.generation
        future = self.runner.complete_order(plan, lane=self._lane)
        _gui_friendly_until(future)
        self._bridge.when_done(future, lambda f: self._order_done(generation, f))

    def _order_done(self, generation: int, future: Future[Any]) -> None:
        if generation != self._live.generation or self._plan is None:
            return  # another view is shown now
        try:
            plan: ViewPlan = future.result()
        except QueryCancelled:
            self._order_started = False  # a page past the top asks again
            return
        except CancelledError:  # the runner was closed
            return
        except Exception as exc:
            log.warning("reading a view's order failed: %s", type(exc).__name__)
            return
        if plan is not self._plan or plan.order is None:
            return
        count = len(plan.order)
        exact_before = self.count_exact
        self.count_exact = True
        self.count_upper = False
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            for number in [n for n in self._pages if n * PAGE >= count]:
                del self._pages[number]
            self.endRemoveRows()
        elif exact_before:
            return
        self.countChanged.emit(self._count, self.mode)

    def _poll_sort_index(self) -> None:
        spec, request = self.spec, self._request
        if spec is None or not self.waiting_index:
            return

        def done(future: Future[Any]) -> None:
            if request != self._request:
                return
            try:
                status = future.result()
            except Exception as exc:
                log.warning("checking a sort index failed: %s", type(exc).__name__)
                status = "none"
            if status == "building":
                self._sort_timer.start()
            else:  # ready, or no index can be had: plan again (then by scan)
                self._plan_view(spec, wait_for_index=False)

        self._bridge.when_done(self.runner.sort_status(spec), done)

    def _show(self, plan: ViewPlan | None) -> None:
        # reset to no rows, then insert: views go back to the top of the new view
        self.beginResetModel()
        self._live.generation += 1
        self._plan = plan
        self._count = 0
        self.mode = (plan.mode or "") if plan is not None else ""
        self._pages.clear()
        self._pending.clear()
        self._wanted.clear()
        self._recent.clear()
        self._live.recent = frozenset()
        self._order_started = False
        self._order_timer.stop()  # (the order of the view shown until now)
        self._order_after_paint = False
        self.count_exact = plan.exact if plan is not None else True
        self.count_upper = plan is not None and plan.upper_bound and not plan.exact
        self.endResetModel()
        if plan is not None and plan.count:
            self.beginInsertRows(QModelIndex(), 0, plan.count - 1)
            self._count = plan.count
            rows, base = plan.first_rows or [], plan.first_offset // PAGE
            for k in range(0, len(rows), PAGE):
                self._pages[base + k // PAGE] = rows[k : k + PAGE]
            self.endInsertRows()

    # --- Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
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

    # flags(): QAbstractTableModel's own (enabled, selectable, no children), with no
    # Python call for each painted cell

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid() or index.row() >= self._count:
            return None
        column = self.columns[index.column()]
        if role == _ALIGNMENT:
            return _ALIGN.get(column.kind)
        record = self.record_at(index.row())
        return None if record is None else _cell(column, record, role)

    def multiData(self, index: Index, roleDataSpan: Any) -> None:  # noqa: N802, N803 (Qt's names)
        """Every role a painted cell asks for, in one call (the values of :meth:`data`):
        the item delegate asks seven roles at once for each cell, and one Python call
        per cell instead of seven is most of a repaint's Python time."""
        if self._order_after_paint:  # the new view is being painted: its order after it
            self._order_after_paint = False
            self._order_timer.start(0)
        row = index.row() if index.isValid() else self._count
        column = self.columns[index.column()] if row < self._count else None
        record: Any = _UNREAD
        for role_data in roleDataSpan:
            role = role_data.role()
            value = None
            if column is not None and role in _ROLES:
                if role == _ALIGNMENT:
                    value = _ALIGN.get(column.kind)
                else:
                    if record is _UNREAD:
                        record = self.record_at(row)
                    if record is not None:
                        value = _cell(column, record, role)
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

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

        spec = replace(self.spec, sort_column=path, descending=descending)
        if spec == self.spec:
            return
        # a new order starts at its first row (what a sort is asked for: the smallest or
        # largest values); row 900,000 of another order would be any record. The plan
        # brings the top page and views scroll there when it is shown (sortShown).
        self._sorted_to_top = True
        self.set_view(spec)

    # --- pages --------------------------------------------------------------------------------
    def record_at(self, row: int) -> dict[str, Any] | None:
        """The record of ``row`` if its page is loaded; else asks for the page, None."""
        self._last_row = row
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
        if not self._recent or self._recent[-1] != number:
            if number in self._recent:
                self._recent.remove(number)
            self._recent.append(number)
            self._live.recent = frozenset(self._recent)
        if number in self._pending:
            return
        if number in self._wanted:
            self._wanted.move_to_end(number)
            return
        self._wanted[number] = None
        if not self._fetch_timer.isActive():
            self._fetch_timer.start()

    def _fetch_wanted(self) -> None:
        """Submit the newest wanted pages, :data:`IN_FLIGHT` at most; pages scrolled past
        (no longer among the recent ones) are dropped from the queue."""
        plan, live = self._plan, self._live
        if plan is None or self.runner.closed:
            self._wanted.clear()
            return
        generation = live.generation
        while self._wanted and len(self._pending) < IN_FLIGHT:
            number, _ = self._wanted.popitem(last=True)
            offset = number * PAGE
            if offset >= self._count or number not in live.recent or number in self._pages:
                continue
            if plan.strategy == FIRST and plan.order is None and number >= ORDER_AFTER:
                self._complete_order(plan)  # a jump past the top: build the order
            self._pending.add(number)
            self.pages_requested += 1
            future = self.runner.page(
                plan,
                offset,
                PAGE,
                wanted=lambda n=number: live.generation == generation and n in live.recent,  # type: ignore[misc]
            )
            self._bridge.when_done(future, lambda f, n=number: self._page_done(generation, n, f))  # type: ignore[misc]

    def _page_done(self, generation: int, number: int, future: Future[Any]) -> None:
        if generation != self._live.generation:
            return
        self._pending.discard(number)
        if self._wanted and not self._fetch_timer.isActive():
            self._fetch_timer.start()
        first = number * PAGE
        last_row = min(first + PAGE, self._count) - 1
        try:
            rows = future.result()
        except QueryCancelled:
            # skipped (scrolled past): if it is on screen after all, a repaint asks again
            if last_row >= first and self.columns:
                self.dataChanged.emit(
                    self.index(first, 0), self.index(last_row, len(self.columns) - 1)
                )
            return
        except Exception as exc:
            log.warning("reading records failed: %s", type(exc).__name__)
            self.failed.emit(exc)
            return
        self._pages[number] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        last = min(first + len(rows), self._count) - 1
        if last >= first and self.columns:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))
        self.pageLoaded.emit(first)
