"""The records model over a large snapshot: lazy pages, never the whole snapshot."""

from __future__ import annotations

from qt_helpers import wait_until

from sage50_desktop.storage.snapshot_store import SnapshotStore
from sage50_desktop.ui.browser.columns import columns_for
from sage50_desktop.ui.browser.records_model import MAX_PAGES, PAGE, RECORD_ROLE, RecordsModel
from sage50_desktop.ui.browser.snapshot_view import QueryRunner, ViewSpec


async def test_browser_large_snapshot_is_read_in_pages(large_store_path, qtmodeltester):
    path, LARGE = large_store_path  # noqa: N806
    store = SnapshotStore(path)
    runner = QueryRunner(store)
    try:
        snap = store.latest("p", "ecommerce", "products")
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        model.set_view(ViewSpec(snap.id))
        await wait_until(lambda: model.rowCount() == LARGE, message="the view's order")
        assert runner.rows_fetched == 0  # knowing the count reads no record
        assert model.data(model.index(0, 0)) is None  # not loaded yet: asks for the page
        await wait_until(lambda: model.data(model.index(0, 0)) == "P0000001")
        for row in (LARGE - 1, LARGE // 2, 12_345):
            model.data(model.index(row, 0))
        await wait_until(lambda: model.data(model.index(LARGE - 1, 0)) == f"P{LARGE:07d}")
        await wait_until(lambda: model.is_loaded(12_345) and model.is_loaded(LARGE // 2))
        assert model.data(model.index(12_345, 0), RECORD_ROLE)["id"] == "P0012346"
        assert runner.rows_fetched <= 4 * PAGE
        # scroll through 200 pages: memory stays bounded by the page cache
        for row in range(0, 200 * PAGE, PAGE):
            model.data(model.index(row, 0))
        await wait_until(lambda: model.is_loaded(199 * PAGE))
        assert model.loaded_rows() <= MAX_PAGES * PAGE
        assert runner.rows_fetched < LARGE // 2

        # sort by the database: descending net price
        column = [c.path for c in model.columns].index("netPrice")
        model.sort(column, model.sort.__defaults__[0].DescendingOrder)
        await wait_until(lambda: not model.busy and model.spec.sort_column == "netPrice")
        await wait_until(lambda: model.is_loaded(0) and model.is_loaded(PAGE - 1) or
                         model.data(model.index(1, column)) is not None)
        prices = [model.data(model.index(r, 0), RECORD_ROLE)["netPrice"] for r in range(50)]
        assert prices == sorted(prices, reverse=True)

        # search (LIKE before the index, FTS after): counted once, stale views dropped
        model.set_view(ViewSpec(snap.id, search="zzzz-nothing"))
        model.set_view(ViewSpec(snap.id, search="cuchillo"))
        await wait_until(lambda: not model.busy and model.spec.search == "cuchillo")
        expected = store.count(snap.id, "cuchillo")
        assert model.rowCount() == expected > 0
        qtmodeltester.check(model)
    finally:
        runner.close()
        store.close()
