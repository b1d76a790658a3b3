"""The scope browser end to end on the sandbox: download, browse, search, sort, detail, diff."""

from __future__ import annotations

import orjson
from PySide6.QtCore import Qt
from qt_helpers import wait_until

from sage50_desktop.services.activity import target_for
from sage50_desktop.services.tasks import SUCCEEDED
from sage50_desktop.ui.browser.page import ScopePage
from sage50_desktop.ui.browser.records_model import RECORD_ROLE


def open_page(shell, scope: str) -> ScopePage:
    session = shell.sessions.get(shell.sandbox_profile.id)
    shell.window.open_target(target_for(session.id, "ecommerce", scope))
    pages = [p for p in shell.window.findChildren(ScopePage) if p.scope == scope]
    assert len(pages) == 1
    return pages[0]


async def test_browser_download_browse_search_sort_detail_diff(
    browser_shell, qtbot, qtmodeltester, tmp_path
):
    shell = browser_shell
    page = open_page(shell, "products")
    await wait_until(lambda: page.view.state == "empty", message="empty state first")
    assert "No version" in page.view.message.title.text()

    info = page.download_now()
    await wait_until(lambda: info.state == SUCCEEDED, timeout=30)
    await wait_until(lambda: page.model.rowCount() == 60 and page.view.state == "content")
    table = page.findChild(type(page.table), "recordsTable")
    assert table is page.table
    await wait_until(lambda: page.model.data(page.model.index(0, 0)) == "P0000001")
    assert page.count_label.text().replace(",", "").startswith("60 records")

    # open a record: every field in the detail pane, raw JSON
    page.select_row(4)
    await wait_until(lambda: page.detail.record is not None)
    assert page.detail.record["id"] == "P0000005"
    assert orjson.loads(page.detail.json.toPlainText()) == page.detail.record
    assert page.detail.tree.topLevelItemCount() == len(page.detail.record)

    # search as you type (debounced), off the GUI thread
    word = page.detail.record["brand"].split()[0]
    qtbot.keyClicks(page.search, word)
    await wait_until(lambda: page.model.spec.search == word and not page.model.busy)
    matches = page.model.rowCount()
    assert 0 < matches < 60
    await wait_until(lambda: page.model.data(page.model.index(0, 0), RECORD_ROLE) is not None)
    record = page.model.data(page.model.index(0, 0), RECORD_ROLE)
    assert word.lower() in orjson.dumps(record).decode().lower()
    page.search.clear()
    await wait_until(lambda: page.model.spec.search == "" and page.model.rowCount() == 60)

    # sort by net price, done by the database
    column = [c.path for c in page.columns].index("netPrice")
    page.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    await wait_until(lambda: page.model.spec.sort_column == "netPrice" and not page.model.busy)
    await wait_until(lambda: page.model.data(page.model.index(59, 0), RECORD_ROLE) is not None)
    prices = [page.model.data(page.model.index(r, 0), RECORD_ROLE)["netPrice"] for r in range(60)]
    assert prices == sorted(prices, reverse=True)

    # export the current view as JSON (engine export, in a task)
    target = tmp_path / "view.json"
    export = page.export_menu.export(target, "json", whole=False)
    await wait_until(lambda: export.state == SUCCEEDED)
    assert len(orjson.loads(target.read_bytes())) == 60

    # a new version: the diff shows exactly what the sandbox published
    published = shell.sandbox.control.publish(
        "products", changed_count=5, added_count=3, removed_count=2
    )
    info = page.download_now()
    await wait_until(lambda: info.state == SUCCEEDED, timeout=30)
    await wait_until(lambda: len(page.snapshots) == 2)
    assert page.snapshot_id == page.snapshots[0].id  # follows the latest
    await wait_until(lambda: page.diff.counts() is not None)
    assert (
        page.diff.counts()
        == (published["added"], published["changed"], published["removed"])
        == (3, 5, 2)
    )
    page.diff.kinds.setCurrentIndex(1)  # changed
    await wait_until(lambda: page.diff.ids_model.rowCount() == 5)
    page.diff.ids_view.setCurrentIndex(page.diff.ids_model.index(0, 0))
    await wait_until(lambda: page.diff.fields.rowCount() > 0)
    assert page.diff.ids_model.ids[0] in published["changedIds"]

    # history: open the older version
    assert page.history.model.rowCount() == 2
    page.open_snapshot(page.snapshots[1].id)
    await wait_until(
        lambda: page.model.spec.snapshot_id == page.snapshots[1].id and page.model.rowCount() == 60
    )
    for model in (page.model, page.history.model, page.diff.ids_model):
        qtmodeltester.check(model)
