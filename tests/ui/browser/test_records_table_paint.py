"""What a repaint of the records table costs the GUI thread: one model call per
painted cell (``multiData``, same values as ``data()``), and a new view laid out
as its rows come, so the swap is painted once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView
from qt_helpers import wait_until

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
    store = SnapshotStore(path)
    runner = QueryRunner(store)
    try:
        snap = store.latest("p", "ecommerce", "products")
        model = _CountingModel(runner, columns_for("ecommerce", "products"))
        table = QTableView()
        qtbot.addWidget(table)
        setup_records_table(table, model)
        table.resize(800, 400)
        table.show()
        model.set_view(ViewSpec(snap.id))
        await wait_until(lambda: not model.busy and model.is_loaded(0) and table.rowAt(0) == 0)
        model.data_calls = model.multi_calls = 0
        table.viewport().repaint()
        assert model.multi_calls == _visible_cells(table) > 0
        assert model.data_calls == 0  # not once per role (seven for each cell)
    finally:
        runner.close()
        store.close()


async def test_a_cell_shows_what_data_gives_loaded_or_not(large_store_path):
    path, LARGE = large_store_path
    store = SnapshotStore(path)
    runner = QueryRunner(store)
    try:
        snap = store.latest("p", "ecommerce", "products")
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
    finally:
        runner.close()
        store.close()


async def test_a_new_view_is_laid_out_as_its_rows_come_not_after_a_first_repaint(
    qtbot, large_store_path
):
    """Laid out later, the new scroll range made the table repaint a second time
    right after the swap's repaint (two full repaints back to back)."""
    path, LARGE = large_store_path
    store = SnapshotStore(path)
    runner = QueryRunner(store)
    try:
        snap = store.latest("p", "ecommerce", "products")
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        table = QTableView()
        qtbot.addWidget(table)
        setup_records_table(table, model)
        table.resize(800, 400)
        table.show()
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
    finally:
        runner.close()
        store.close()
