"""What showing a new view costs the GUI thread: one model call per painted cell
(``multiData``, same values as ``data()``); a new view laid out as its rows come,
so the swap is painted once; a common word's order built after that paint, with
the GIL handed back to the event loop sooner meanwhile."""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView
from qt_helpers import wait_until

from sage50_desktop.services.ingest import SWITCH_INTERVAL
from sage50_desktop.storage import snapshot_view
from sage50_desktop.storage.snapshot_store import SnapshotStore
from sage50_desktop.storage.snapshot_view import QueryRunner, ViewSpec
from sage50_desktop.ui.browser.columns import columns_for
from sage50_desktop.ui.browser.records_model import PAGE, RecordsModel
from sage50_desktop.ui.browser.records_table import setup_records_table


class _CountingModel(RecordsModel):
    """Counts the Python calls a repaint makes into the model."""

    data_calls = 0
    multi_calls = 0

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.data_calls += 1
        return super().data(index, role)

    def multiData(self, index: Any, roleDataSpan: Any) -> None:  # noqa: N802, N803
        self.multi_calls += 1
        super().multiData(index, roleDataSpan)


@contextlib.contextmanager
def _opened(path: Any, *, indexed: bool = False) -> Iterator[tuple[SnapshotStore, Any]]:
    """The large store and its latest snapshot (its search index built with ``indexed``),
    closed after."""
    store = SnapshotStore(path)
    try:
        snap = store.latest("p", "ecommerce", "products")
        if indexed and not snap.fts_ready:
            store.build_index(snap.id)
            store.wait_index(snap.id)
        yield store, snap
    finally:
        store.close()


@contextlib.contextmanager
def _running(path: Any, *, indexed: bool = False) -> Iterator[tuple[QueryRunner, Any]]:
    """:func:`_opened`, with a query runner on the store (closed before the store)."""
    with _opened(path, indexed=indexed) as (store, snap):
        runner = QueryRunner(store)
        try:
            yield runner, snap
        finally:
            runner.close()


def _table(qtbot: Any, model: RecordsModel) -> QTableView:
    """A shown records table set up as the page sets it up."""
    table = QTableView()
    qtbot.addWidget(table)
    setup_records_table(table, model)
    table.resize(800, 400)
    table.show()
    return table


def _visible_cells(table: QTableView) -> int:
    model = table.model()
    first, last = table.rowAt(0), table.rowAt(table.viewport().height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    columns = [
        c
        for c in range(model.columnCount())
        if not table.isColumnHidden(c)
        and table.columnViewportPosition(c) < table.viewport().width()
        and table.columnViewportPosition(c) + table.columnWidth(c) > 0
    ]
    return (last - first + 1) * len(columns)


async def test_a_repaint_asks_each_cell_once_for_all_its_roles(qtbot, large_store_path):
    path, _LARGE = large_store_path
    with _running(path) as (runner, snap):
        model = _CountingModel(runner, columns_for("ecommerce", "products"))
        table = _table(qtbot, model)
        model.set_view(ViewSpec(snap.id))
        await wait_until(lambda: not model.busy and model.is_loaded(0) and table.rowAt(0) == 0)
        model.data_calls = model.multi_calls = 0
        table.viewport().repaint()
        assert model.multi_calls == _visible_cells(table) > 0
        assert model.data_calls == 0  # not once per role (seven for each cell)


async def test_a_cell_shows_what_data_gives_loaded_or_not(large_store_path):
    path, LARGE = large_store_path
    with _running(path) as (runner, snap):
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        model.set_view(ViewSpec(snap.id))
        await wait_until(lambda: not model.busy and model.data(model.index(3, 0)) is not None)
        delegate = QStyledItemDelegate()

        def shown(index: QModelIndex) -> QStyleOptionViewItem:
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, index)  # the roles a paint asks (multiData)
            return option

        paths = [c.path for c in model.columns]
        price, name = paths.index("netPrice"), paths.index("name")
        for column in (0, price, name):
            index = model.index(3, column)
            option = shown(index)
            assert option.text == model.data(index) != ""
            alignment = model.data(index, Qt.ItemDataRole.TextAlignmentRole)
            if alignment is not None:
                assert int(option.displayAlignment) == alignment
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        assert int(shown(model.index(3, price)).displayAlignment) == int(right)
        # a row not read yet: an empty cell (the delegate reuses its role values from
        # cell to cell: a role with no value is cleared), and its page is asked for
        deep = LARGE - 1
        assert not model.is_loaded(deep)
        assert shown(model.index(deep, 0)).text == ""
        await wait_until(lambda: model.is_loaded(deep))
        assert shown(model.index(deep, 0)).text == model.data(model.index(deep, 0)) != ""


async def test_a_new_view_is_laid_out_as_its_rows_come_not_after_a_first_repaint(
    qtbot, large_store_path
):
    """Laid out later, the new scroll range made the table repaint a second time
    right after the swap's repaint (two full repaints back to back)."""
    path, LARGE = large_store_path
    with _running(path) as (runner, snap):
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        table = _table(qtbot, model)
        bar = table.verticalScrollBar()
        model.set_view(ViewSpec(snap.id))
        await wait_until(lambda: not model.busy and model.rowCount() == LARGE and bar.maximum())
        at_swap: list[tuple[int, int]] = []
        model.countChanged.connect(lambda rows, _mode: at_swap.append((rows, bar.maximum())))
        model.set_view(ViewSpec(snap.id, search="cuchillo"))
        await wait_until(lambda: not model.busy and bool(at_swap))
        rows, maximum = at_swap[0]
        assert 0 < rows < LARGE - PAGE
        table.executeDelayedItemsLayout()  # (nothing left to do)
        assert model.rowCount() == rows
        assert maximum == bar.maximum() < LARGE - PAGE  # the new view's range already


async def test_a_common_word_s_order_is_built_once_its_first_rows_are_painted(
    qtbot, large_store_path, monkeypatch
):
    """A common word's first rows come with an upper-bound count; the view's full order
    (the exact count) is built after the table painted them: built at once, it held the
    GIL against that paint (every painted cell is a Python call)."""
    path, _LARGE = large_store_path
    with _running(path, indexed=True) as (runner, snap):
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        table = _table(qtbot, model)
        model.set_view(ViewSpec(snap.id))
        await wait_until(lambda: not model.busy and model.is_loaded(max(0, table.rowAt(0))))
        events: list[str] = []
        complete_order = runner.complete_order

        def ordered(plan: Any, lane: str) -> Any:
            events.append("order")
            return complete_order(plan, lane=lane)

        monkeypatch.setattr(runner, "complete_order", ordered)
        painted = _PaintSpy(table, events)
        counts: list[tuple[bool, bool]] = []

        def counted(_rows: int, _mode: str) -> None:
            events.append("shown" if not counts else "counted")
            counts.append((model.count_exact, model.count_upper))

        model.countChanged.connect(counted)
        model.set_view(ViewSpec(snap.id, search="cuchillo"))
        await wait_until(
            lambda: model.shown == model.spec and model.count_exact, message="the exact count"
        )
        assert counts[0] == (False, True)  # shown with the index's hits, an upper bound
        painted.close()
        assert events.count("order") == 1
        assert events.index("shown") < events.index("paint") < events.index("order")


class _PaintSpy(QObject):
    """Adds "paint" to ``events`` when the table's viewport is painted after the new
    view was shown (``"shown"`` in them)."""

    def __init__(self, table: QTableView, events: list[str]) -> None:
        super().__init__()
        self._viewport, self._events = table.viewport(), events
        self._viewport.installEventFilter(self)

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and "shown" in self._events:
            self._events.append("paint")
        return False

    def close(self) -> None:
        self._viewport.removeEventFilter(self)


async def test_the_event_loop_gets_the_gil_sooner_while_a_view_s_order_is_built(
    large_store_path, monkeypatch
):
    """The order is a Python int per row made between SQLite steps on a worker: while it
    is built, the GIL is handed back to the event loop sooner (and the heap is frozen),
    as during an ingest; both are restored once it is done."""
    path, _LARGE = large_store_path
    gate, entered = threading.Event(), threading.Event()
    real_order = snapshot_view.view_order

    def gated_order(conn: Any, spec: ViewSpec) -> Any:
        entered.set()
        assert gate.wait(30)
        return real_order(conn, spec)

    monkeypatch.setattr(snapshot_view, "view_order", gated_order)
    before = sys.getswitchinterval()
    with _running(path, indexed=True) as (runner, snap):
        try:
            model = RecordsModel(runner, columns_for("ecommerce", "products"))
            model.set_view(ViewSpec(snap.id, search="cuchillo"))  # a common word: upper bound
            await wait_until(lambda: entered.is_set(), message="the order being built")
            assert sys.getswitchinterval() == SWITCH_INTERVAL < before
            assert gc.get_freeze_count() > 0
            gate.set()
            await wait_until(lambda: model.count_exact, message="the exact count")
            await wait_until(lambda: sys.getswitchinterval() == before)
            assert gc.get_freeze_count() == 0
        finally:
            gate.set()


async def test_closing_the_runner_with_a_view_s_order_to_come_is_quiet(large_store_path):
    """The order waits for a paint (here none: no table) or ORDER_WAIT_MS: a runner
    closed meanwhile (the page closed) starts nothing, and an order it cancels in its
    queue is no failure (no warning, no exception in a slot)."""
    path, _LARGE = large_store_path
    with _opened(path, indexed=True) as (store, snap):
        # closed before the order's timer: nothing is started
        runner = QueryRunner(store)
        waiting = RecordsModel(runner, columns_for("ecommerce", "products"))
        waiting.set_view(ViewSpec(snap.id, search="cuchillo"))
        await wait_until(lambda: waiting.shown == waiting.spec)
        assert waiting._order_timer.isActive()  # its order is still to come
        runner.close()
        await wait_until(lambda: not waiting._order_timer.isActive())
        await wait_until(lambda: not waiting._order_started)  # (not started)
        assert not waiting.count_exact
        # closed with the order queued behind busy workers: cancelled, quietly
        runner = QueryRunner(store, workers=1)
        queued = RecordsModel(runner, columns_for("ecommerce", "products"))
        queued.set_view(ViewSpec(snap.id, search="taladro"))
        await wait_until(lambda: queued.shown == queued.spec)
        gate = threading.Event()
        busy = runner.call(lambda: gate.wait(30))
        orders: list[Future[Any]] = []
        complete_order = runner.complete_order
        runner.complete_order = lambda plan, lane: (
            orders.append(  # type: ignore[method-assign]
                complete_order(plan, lane=lane)
            )
            or orders[-1]
        )
        queued._start_order()
        closing = threading.Thread(target=runner.close)
        closing.start()  # cancels the queued order, then waits for the busy worker
        await wait_until(lambda: len(orders) == 1 and orders[0].cancelled())
        gate.set()
        await wait_until(lambda: busy.done() and not closing.is_alive())
        await wait_until(lambda: queued._order_started)  # (started, then cancelled)
        assert not queued.count_exact
