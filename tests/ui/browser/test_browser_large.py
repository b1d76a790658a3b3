"""The records model over a large snapshot: lazy pages, never the whole snapshot."""

from __future__ import annotations

import threading

from qt_helpers import wait_until

from sage50_desktop.storage import snapshot_view
from sage50_desktop.storage.snapshot_store import SnapshotStore
from sage50_desktop.storage.snapshot_view import QueryRunner, ViewSpec
from sage50_desktop.ui.browser.columns import columns_for
from sage50_desktop.ui.browser.records_model import MAX_PAGES, PAGE, RECORD_ROLE, RecordsModel


async def test_browser_large_snapshot_is_read_in_pages(large_store_path, qtmodeltester):
    path, LARGE = large_store_path
    store = SnapshotStore(path)
    runner = QueryRunner(store)
    try:
        snap = store.latest("p", "ecommerce", "products")
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        model.set_view(ViewSpec(snap.id))
        await wait_until(lambda: model.rowCount() == LARGE, message="the view's order")
        # the count and the first page come with the plan (no second round trip before
        # the first rows show, as at start); no other record is read
        assert runner.rows_fetched == PAGE
        assert model.is_loaded(0) and model.data(model.index(0, 0)) == "P0000001"
        assert not model.is_loaded(PAGE)
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
        await wait_until(
            lambda: (
                model.is_loaded(0)
                and model.is_loaded(PAGE - 1)
                or model.data(model.index(1, column)) is not None
            )
        )
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


async def test_browser_large_sort_uses_the_sort_index_and_reads_a_few_pages(large_store_path):
    from PySide6.QtCore import Qt

    path, LARGE = large_store_path
    store = SnapshotStore(path)
    runner = QueryRunner(store)
    try:
        snap = store.latest("p", "ecommerce", "products")
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        model.set_view(ViewSpec(snap.id))
        await wait_until(lambda: model.rowCount() == LARGE and model.strategy == "id")
        await wait_until(lambda: model.data(model.index(0, 0)) == "P0000001")
        before = runner.rows_fetched

        column = [c.path for c in model.columns].index("name")
        model.sort(column, Qt.SortOrder.AscendingOrder)
        # the rows shown stay (id order) while the database prepares the sorted view
        assert model.busy and model.shown.sort_column is None
        assert model.rowCount() == LARGE
        await wait_until(lambda: not model.busy, timeout=60, message="the sorted view")
        assert store.sort_ready(snap.id, "name")  # sorted by the engine's sort index
        assert model.sort_mode == "index" and model.strategy in ("index", "probe")
        assert model.shown == model.spec and model.rowCount() == LARGE

        # the first page and a deep one: a few pages read, never the snapshot
        await wait_until(lambda: model.data(model.index(0, 0), RECORD_ROLE) is not None)
        first = [model.data(model.index(r, 0), RECORD_ROLE) for r in range(PAGE)]
        deep = LARGE - 7
        model.data(model.index(deep, 0))
        await wait_until(lambda: model.is_loaded(deep))
        start = deep - deep % PAGE
        rows = [model.data(model.index(r, 0), RECORD_ROLE) for r in range(start, LARGE)]
        assert runner.rows_fetched - before <= 4 * PAGE
        # the same order as the engine's page() through the index
        for offset, got in ((0, first), (start, rows)):
            page = store.page(snap.id, offset, PAGE, sort_column="name")
            assert page.sort == "index"
            assert [r["id"] for r in got] == [r["id"] for r in page.rows]
        assert [r["name"] for r in first] == sorted(r["name"] for r in first)

        # the other direction: the index is ready, no waiting
        model.sort(column, Qt.SortOrder.DescendingOrder)
        await wait_until(lambda: not model.busy)
        assert not model.waiting_index and model.sort_mode == "index"
        await wait_until(lambda: model.data(model.index(0, 0), RECORD_ROLE) is not None)
        assert model.data(model.index(0, 0), RECORD_ROLE)["id"] == rows[-1]["id"]
        assert runner.rows_fetched - before <= 6 * PAGE
    finally:
        runner.close()
        store.close()


async def test_browser_large_search_shows_first_rows_before_any_full_list(
    large_store_path, qtmodeltester
):
    """A searched view is shown from the engine's first-page query: its first rows and
    count come from a bounded read; the full order is built only for deep jumps."""
    path, LARGE = large_store_path
    store = SnapshotStore(path)
    runner = QueryRunner(store)
    try:
        snap = store.latest("p", "ecommerce", "products")
        if not snap.fts_ready:  # full-text search (the LIKE fallback may build the list)
            store.build_index(snap.id)
            store.wait_index(snap.id)
            snap = store.latest("p", "ecommerce", "products")
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        # a rare word: first rows and its exact count from one bounded read, no full list
        model.set_view(ViewSpec(snap.id, search="martillo bosch"))
        await wait_until(lambda: not model.busy and model.shown == model.spec)
        rare = store.count(snap.id, "martillo bosch")
        assert 0 < rare * rare < PAGE * LARGE  # joining its hits beats walking the spans
        assert model.strategy == "first" and model._plan.order is None
        assert model.rowCount() == rare and model.count_exact and not model.count_upper
        assert model.is_loaded(0) and runner.rows_fetched <= PAGE

        # a common word: the first rows come with the index's hit count (an upper bound,
        # "about"), the exact count follows from the view's order built in the background
        counts: list[tuple[int, bool, bool]] = []
        model.countChanged.connect(
            lambda n, _mode: counts.append((n, model.count_exact, model.count_upper))
        )
        fetched = runner.rows_fetched
        model.set_view(ViewSpec(snap.id, search="cuchillo"))
        await wait_until(
            lambda: not model.busy and model.spec.search == "cuchillo", message="the searched view"
        )
        expected = store.count(snap.id, "cuchillo")
        assert 0 < expected < LARGE and expected * expected >= PAGE * LARGE
        assert model.strategy == "first"
        await wait_until(lambda: model.count_exact, message="the exact count")
        assert counts[0][1:] == (False, True) and counts[0][0] >= expected  # never too few
        assert counts[-1] == (expected, True, False) and model.rowCount() == expected
        assert all(n == expected for n, exact, _upper in counts if exact)
        assert len(model._plan.order) == expected
        # the first page came with the plan: shown without another query
        assert model.is_loaded(0) and model.is_loaded(min(PAGE, expected) - 1)
        assert runner.rows_fetched - fetched <= PAGE
        page = store.page(snap.id, 0, PAGE, search_text="cuchillo")
        assert [
            model.data(model.index(r, 0), RECORD_ROLE)["id"] for r in range(len(page.rows))
        ] == [r["id"] for r in page.rows]
        # a deep jump reads its page through the order; still a few pages read
        deep = expected - 3
        model.data(model.index(deep, 0))
        await wait_until(lambda: model.is_loaded(deep), message="a deep page")
        await wait_until(lambda: model._plan.order is not None, message="the full order")
        assert len(model._plan.order) == expected
        tail = store.page(snap.id, deep, PAGE, search_text="cuchillo")
        assert model.data(model.index(deep, 0), RECORD_ROLE)["id"] == tail.rows[0]["id"]
        assert runner.rows_fetched - fetched <= 4 * PAGE
        qtmodeltester.check(model)

        # sorted search: the count is capped past 10,000 hits (a lower bound until the
        # order is built), the first rows are the engine's
        model.set_view(
            ViewSpec(snap.id, sort_column="netPrice", descending=True, search="cuchillo")
        )
        await wait_until(lambda: not model.busy and model.shown == model.spec)
        assert model.strategy == "first" and model.is_loaded(0)
        first = store.page(
            snap.id, 0, PAGE, sort_column="netPrice", descending=True, search_text="cuchillo"
        )
        assert [
            model.data(model.index(r, 0), RECORD_ROLE)["id"] for r in range(len(first.rows))
        ] == [r["id"] for r in first.rows]
        assert model.count_exact == first.total_exact
        await wait_until(lambda: model.count_exact and model.rowCount() == expected)
        qtmodeltester.check(model)

        # a filter: first rows from the page query too
        model.set_view(ViewSpec(snap.id, filters=(("id", "startswith", "P00001"),)))
        await wait_until(lambda: not model.busy and model.shown == model.spec)
        assert (
            model.strategy == "first"
            and model.rowCount() == store.count(snap.id, None, {"id": ("startswith", "P00001")}) > 0
        )
        assert model.is_loaded(0)
        qtmodeltester.check(model)
    finally:
        runner.close()
        store.close()


async def test_browser_large_superseded_search_count_never_lands(large_store_path, monkeypatch):
    """A common word's exact count is computed after its first rows; when the user has
    typed another search meanwhile, the old count is dropped (the new view's stays)."""
    path, _LARGE = large_store_path
    store = SnapshotStore(path)
    runner = QueryRunner(store)
    gate, entered = threading.Event(), threading.Event()
    real_order = snapshot_view.view_order

    def gated_order(conn, spec):
        if spec.search == "cuchillo":  # the first search's count waits for the test
            entered.set()
            assert gate.wait(30)
        return real_order(conn, spec)

    monkeypatch.setattr(snapshot_view, "view_order", gated_order)
    try:
        snap = store.latest("p", "ecommerce", "products")
        if not snap.fts_ready:
            store.build_index(snap.id)
            store.wait_index(snap.id)
            snap = store.latest("p", "ecommerce", "products")
        old, new = store.count(snap.id, "cuchillo"), store.count(snap.id, "taladro")
        assert old != new and min(old, new) ** 2 >= PAGE * _LARGE  # both common words
        model = RecordsModel(runner, columns_for("ecommerce", "products"))
        orders: list[int] = []
        real_done = model._order_done
        model._order_done = lambda generation, future: (  # type: ignore[method-assign]
            orders.append(generation),
            real_done(generation, future),
        )
        counts: list[tuple[str, int, bool]] = []
        model.countChanged.connect(
            lambda n, _mode: counts.append((model.spec.search, n, model.count_exact))
        )
        model.set_view(ViewSpec(snap.id, search="cuchillo"))
        await wait_until(lambda: entered.is_set() and model.shown == model.spec)
        assert not model.count_exact and model.count_upper  # its count is still coming
        model.set_view(ViewSpec(snap.id, search="taladro"), clear=True)
        await wait_until(lambda: model.shown == model.spec and model.count_exact)
        assert model.rowCount() == new
        gate.set()  # the old count finishes now: dropped
        await wait_until(lambda: len(orders) == 2, message="the old order's result")
        assert model.rowCount() == new and model.count_exact and model.shown.search == "taladro"
        assert ("taladro", old, True) not in counts and ("cuchillo", old, True) not in counts
        assert [n for search, n, exact in counts if exact] == [new]
    finally:
        gate.set()
        runner.close()
        store.close()
