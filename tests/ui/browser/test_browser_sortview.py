"""Browsing a large sorted (and unsorted) view without work on the GUI thread that
grows with the table: one reset per sort, first rows with the plan, no full order
for plain and index-sorted views, pages decoded on workers, a fixed-row table."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView
from qt_helpers import wait_until

from sage50_desktop.storage import snapshot_view
from sage50_desktop.storage.snapshot_store import SnapshotStore
from sage50_desktop.storage.snapshot_view import QueryRunner, ViewSpec
from sage50_desktop.ui.browser.columns import columns_for
from sage50_desktop.ui.browser.records_model import PAGE, RECORD_ROLE, RecordsModel
from sage50_desktop.ui.browser.records_table import row_height, setup_records_table


def _ids(model: RecordsModel, rows: range) -> list[str]:
    return [model.data(model.index(r, 0), RECORD_ROLE)["id"] for r in rows]


async def test_a_sort_with_a_ready_index_resets_once_and_comes_with_its_first_rows(
    large_store_path,
):
    path, LARGE = large_store_path
    store = SnapshotStore(path)
    runner = QueryRunner(store)
    try:
        snap = store.latest("p", "ecommerce", "products")
        store.build_sort_index(snap.id, "netPrice")  # (idempotent) as the index task does
        assert store.wait_sort_index(snap.id, "netPrice", 60)
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        model.set_view(ViewSpec(snap.id))
        await wait_until(lambda: not model.busy and model.rowCount() == LARGE)
        column = [c.path for c in model.columns].index("netPrice")
        resets: list[int] = []
        model.modelReset.connect(lambda: resets.append(model.rowCount()))
        loaded_when_shown: list[bool] = []
        model.loading.connect(
            lambda busy: busy or loaded_when_shown.append(model.is_loaded(0))  # type: ignore[func-returns-value]
        )
        requested = model.pages_requested
        model.sort(column, Qt.SortOrder.DescendingOrder)
        await wait_until(lambda: not model.busy and model.shown == model.spec)
        # index, or probe when another store built it (not counted here): counted next
        assert model.strategy in ("index", "probe") and model.rowCount() == LARGE
        assert len(resets) == 1  # one reset (to no rows, then the rows inserted)
        assert loaded_when_shown == [True]  # its first page came with the plan
        assert model.pages_requested == requested  # no second query for it
        page = store.page(snap.id, 0, PAGE, sort_column="netPrice", descending=True)
        assert _ids(model, range(PAGE)) == [r["id"] for r in page.rows]
        await wait_until(lambda: model.strategy == "index", message="the counted index")
        assert model._plan is not None and model._plan.order is None

        # deep in the table, a re-sort starts the new order at its top: the plan brings
        # the first page (no deep page of the new order is read) and views scroll there
        deep = LARGE - 250
        model.data(model.index(deep, 0))
        await wait_until(lambda: model.is_loaded(deep))
        shown_at_top: list[bool] = []
        model.sortShown.connect(lambda: shown_at_top.append(model.is_loaded(0)))
        requested = model.pages_requested
        model.sort(column, Qt.SortOrder.AscendingOrder)
        await wait_until(lambda: not model.busy and model.shown == model.spec)
        assert shown_at_top == [True] and model.pages_requested == requested
        page = store.page(snap.id, 0, PAGE, sort_column="netPrice")
        assert _ids(model, range(PAGE)) == [r["id"] for r in page.rows]
        # the same order asked again is no new view (nothing read, no scroll)
        model.sort(column, Qt.SortOrder.AscendingOrder)
        assert not model.busy and shown_at_top == [True]
    finally:
        runner.close()
        store.close()


async def test_plain_and_index_views_read_deep_pages_without_a_full_order(large_store_path):
    path, LARGE = large_store_path
    store = SnapshotStore(path)
    runner = QueryRunner(store)
    orders: list[str] = []
    original = snapshot_view.full_order

    def full_order(conn, plan):  # type: ignore[no-untyped-def]
        orders.append(plan.strategy)
        return original(conn, plan)

    snapshot_view.full_order = full_order  # type: ignore[assignment]
    try:
        snap = store.latest("p", "ecommerce", "products")
        store.build_sort_index(snap.id, "name")
        assert store.wait_sort_index(snap.id, "name", 60)
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        for spec, sort in ((ViewSpec(snap.id), None), (ViewSpec(snap.id, "name"), "name")):
            loaded_when_shown: list[bool] = []
            model.loading.connect(
                lambda busy, seen=loaded_when_shown: busy or seen.append(model.loaded_rows() > 0)  # type: ignore[misc]
            )
            requested = model.pages_requested
            model.set_view(spec)
            await wait_until(lambda s=spec: not model.busy and model.shown == s)  # type: ignore[misc]
            # the view is shown with its rows (the top, as the records at start; then the
            # place kept): no query for them after the plan's
            assert loaded_when_shown[:1] == [True]
            assert model.pages_requested == requested
            model.loading.disconnect()
            # (an index built by another store is counted after the first rows)
            expected = "id" if sort is None else "index"
            await wait_until(lambda e=expected: model.strategy == e)  # type: ignore[misc]
            deep = LARGE - 3
            model.data(model.index(deep, 0))
            await wait_until(lambda d=deep: model.is_loaded(d), message="a deep page")  # type: ignore[misc]
            start = deep - deep % PAGE
            page = store.page(snap.id, start, PAGE, sort_column=sort)
            assert _ids(model, range(start, LARGE)) == [r["id"] for r in page.rows]
            assert model._plan is not None and model._plan.order is None
        assert orders == []
    finally:
        snapshot_view.full_order = original  # type: ignore[assignment]
        runner.close()
        store.close()


async def test_an_index_found_on_disk_is_shown_at_once_then_counted_in_the_background(
    large_store_path,
):
    """A new process has not counted the sort index it finds on disk: the sorted view
    is shown at once (exact span probes), the count runs afterwards and makes it an
    index-only view, with no full order built."""
    path, LARGE = large_store_path
    store = SnapshotStore(path)
    try:
        snap = store.latest("p", "ecommerce", "products")
        store.build_sort_index(snap.id, "name")
        assert store.wait_sort_index(snap.id, "name", 60)
    finally:
        store.close()
    store = SnapshotStore(path)  # a new process: the index is on disk, not counted
    runner = QueryRunner(store)
    try:
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        spec = ViewSpec(snap.id, "name", descending=True)
        model.set_view(spec)
        await wait_until(lambda: not model.busy and model.shown == spec)
        assert model.is_loaded(0)
        await wait_until(lambda: model.strategy == "index", message="the counted index")
        assert model._plan is not None and model._plan.order is None
        assert model.rowCount() == LARGE and model.count_exact
        page = store.page(snap.id, 0, PAGE, sort_column="name", descending=True)
        assert _ids(model, range(PAGE)) == [r["id"] for r in page.rows]
    finally:
        runner.close()
        store.close()
    # a sort keeps the view's place: a deep page of an uncounted plan counts first
    store = SnapshotStore(path)
    runner = QueryRunner(store)
    try:
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        model.set_view(spec)
        await wait_until(lambda: not model.busy and model.shown == spec)
        deep = LARGE - 150
        model.data(model.index(deep, 0))
        await wait_until(lambda: model.is_loaded(deep), message="a deep page")
        start = deep - deep % PAGE
        page = store.page(snap.id, start, PAGE, sort_column="name", descending=True)
        assert _ids(model, range(start, start + PAGE)) == [r["id"] for r in page.rows]
        assert model.strategy == "index" and model._plan is not None
        assert model._plan.order is None
    finally:
        runner.close()
        store.close()


async def test_pages_are_decoded_on_workers_not_on_the_gui_thread(large_store_path):
    path, LARGE = large_store_path
    store = SnapshotStore(path)
    runner = QueryRunner(store)
    threads: list[int] = []
    original = snapshot_view.bodies

    def bodies(conn, hashes):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return original(conn, hashes)

    snapshot_view.bodies = bodies  # type: ignore[assignment]
    try:
        snap = store.latest("p", "ecommerce", "products")
        store.build_sort_index(snap.id, "netPrice")
        assert store.wait_sort_index(snap.id, "netPrice", 60)
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        model.set_view(ViewSpec(snap.id, "netPrice"))
        await wait_until(lambda: not model.busy and model.is_loaded(0))
        for row in (LARGE // 2, LARGE - 1):
            model.data(model.index(row, 0))
            await wait_until(lambda r=row: model.is_loaded(r))  # type: ignore[misc]
        assert len(threads) >= 3  # the plan's first rows and two pages
        assert threading.get_ident() not in threads
    finally:
        snapshot_view.bodies = original  # type: ignore[assignment]
        runner.close()
        store.close()


def test_the_records_table_has_fixed_rows_and_the_scope_columns(qtbot, large_store_path):
    path, _LARGE = large_store_path
    store = SnapshotStore(path)
    runner = QueryRunner(store)
    try:
        columns = columns_for("ecommerce", "products")
        model = RecordsModel(runner, columns)
        table = QTableView()
        qtbot.addWidget(table)
        setup_records_table(table, model)
        vheader = table.verticalHeader()
        assert vheader.isHidden()
        assert vheader.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
        assert vheader.defaultSectionSize() == row_height(table)
        assert table.horizontalHeader().sectionResizeMode(0) != (
            QHeaderView.ResizeMode.ResizeToContents
        )
        assert [not table.isColumnHidden(i) for i in range(len(columns))] == [
            c.visible for c in columns
        ]
        assert not all(c.visible for c in columns)  # long descriptions are hidden
        assert table.font().styleStrategy() & QFont.StyleStrategy.PreferNoShaping
        assert table.font().family() == QApplication.font().family()  # still inherited
    finally:
        runner.close()
        store.close()


def test_order_hashes_are_built_in_chunks_equal_to_the_query(large_store_path, monkeypatch):
    path, LARGE = large_store_path
    store = SnapshotStore(path)
    conn = store.connect()
    try:
        snap = store.latest("p", "ecommerce", "products")
        monkeypatch.setattr(snapshot_view, "ORDER_CHUNK", 997)  # many chunks, a partial last
        hashes, _mode = snapshot_view.view_order(conn, ViewSpec(snap.id, "netPrice", True))
        page = store.page(snap.id, 0, 300, sort_column="netPrice", descending=True)
        assert len(hashes) == LARGE
        assert [r["id"] for r in snapshot_view.bodies(conn, hashes[:300])] == [
            r["id"] for r in page.rows
        ]
        tail = store.page(snap.id, LARGE - 5, 5, sort_column="netPrice", descending=True)
        assert [r["id"] for r in snapshot_view.bodies(conn, hashes[-5:])] == [
            r["id"] for r in tail.rows
        ]
    finally:
        conn.close()
        store.close()


async def test_a_sort_in_the_table_scrolls_to_the_top_of_the_new_order(qtbot, large_store_path):
    path, LARGE = large_store_path
    store = SnapshotStore(path)
    runner = QueryRunner(store)
    table = QTableView()
    qtbot.addWidget(table)
    try:
        snap = store.latest("p", "ecommerce", "products")
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        setup_records_table(table, model)
        table.resize(800, 400)
        table.show()
        model.set_view(ViewSpec(snap.id))
        await wait_until(lambda: not model.busy and model.rowCount() == LARGE)
        table.scrollToBottom()
        await wait_until(lambda: table.rowAt(0) > LARGE // 2 and model.is_loaded(table.rowAt(0)))
        # a click on the name header sorts: the table shows the new order from its first row
        column = [c.path for c in model.columns].index("name")
        table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        await wait_until(lambda: not model.busy and model.shown == model.spec, timeout=60)
        await wait_until(lambda: table.rowAt(0) == 0 and model.is_loaded(0))
        page = store.page(snap.id, 0, 5, sort_column="name")
        assert _ids(model, range(5)) == [r["id"] for r in page.rows]
    finally:
        runner.close()
        store.close()
