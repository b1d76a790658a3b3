"""The Compare tab on the sandbox: any two versions, filters with counts, field-level
before/after, search within the differences, export of the differences (CSV, XLSX)."""

from __future__ import annotations

import csv

import openpyxl
import pytest
from PySide6.QtCore import Qt
from qt_helpers import wait_until
from test_browser_flow import open_page

from sage50_desktop.services.tasks import SUCCEEDED
from sage50_desktop.storage.snapshot_records import cell_text, flatten
from sage50_desktop.ui import i18n
from sage50_desktop.ui.browser import diff_models
from sage50_desktop.ui.browser.versions import short_id, version_label


@pytest.fixture
def spanish(qapp):
    yield
    i18n.install("en")


async def _three_versions(shell):
    """Products downloaded three times: v1, then v2 (+3 ~5 −2), then v3 (+1 ~2 −1)."""
    page = open_page(shell, "products")
    published = []
    for churn in (None, (5, 3, 2), (2, 1, 1)):
        if churn is not None:
            changed, added, removed = churn
            published.append(
                shell.sandbox.control.publish(
                    "products", changed_count=changed, added_count=added, removed_count=removed
                )
            )
        info = page.download_now()
        await wait_until(lambda info=info: info.state == SUCCEEDED, timeout=30)
    await wait_until(lambda: len(page.snapshots) == 3 and page.view.state == "content")
    return page, published


async def test_compare_tab_filters_fields_search_and_versions(browser_shell, qtmodeltester):
    page, published = await _three_versions(browser_shell)
    diff = page.diff
    newest, middle, oldest = page.snapshots
    # its own tab, with the page's room; the latest two versions by default
    assert page.page_tabs.indexOf(diff) == 1
    page.page_tabs.setCurrentWidget(diff)
    await wait_until(lambda: diff.counts() == (1, 2, 1), message="latest two compared")
    assert diff.view.state == "content"
    # versions as date + short id, never the raw hash; the full version in the tooltip
    assert [diff.old_combo.itemText(i) for i in range(3)][1] == version_label(middle)
    assert diff.new_combo.currentText().startswith(version_label(newest))
    assert newest.version not in diff.new_combo.currentText()
    assert short_id(newest.version) in diff.new_combo.currentText()
    assert newest.version in diff.new_combo.toolTip()

    # any two versions: the oldest with the newest, then swapped (still older → newer)
    diff.old_combo.setCurrentIndex(diff.old_combo.findData(oldest.id))
    await wait_until(lambda: diff.counts() is not None, message="oldest → newest")
    store = page.backend.store
    expected = store.diff(oldest.id, newest.id)
    assert diff.counts() == (expected.added, expected.changed, expected.removed)
    assert diff.kinds.tabText(0) == f"Added ({expected.added})"
    assert diff.kinds.tabText(2) == f"Removed ({expected.removed})"
    diff.swap()
    await wait_until(lambda: diff.counts() is not None)
    assert diff.counts() == (expected.added, expected.changed, expected.removed)
    assert diff.snapshot_pair() == (oldest, newest)

    # each filter lists exactly its records
    for index, kind in enumerate(("added", "changed", "removed")):
        diff.kinds.setCurrentIndex(index)
        want = getattr(expected, kind)
        await wait_until(lambda want=want: diff.ids_model.rowCount() == want, message=kind)
        ids = store.diff_ids(oldest.id, newest.id, kind, 0, 100)
        assert diff.ids_model.ids == ids
    first_added = published[0]["addedIds"][0]
    diff.kinds.setCurrentIndex(0)
    await wait_until(lambda: first_added in diff.ids_model.ids)

    # a changed record: its changed fields, before → after, highlighted
    diff.kinds.setCurrentIndex(1)
    await wait_until(lambda: diff.ids_model.rowCount() == expected.changed)
    diff.ids_view.setCurrentIndex(diff.ids_model.index(0, 0))
    await wait_until(lambda: diff.fields.rowCount() > 0)
    record_id = diff.ids_model.ids[0]
    before = flatten(store.record(oldest.id, record_id))
    after = flatten(store.record(newest.id, record_id))
    changed_paths = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    shown = {diff.fields.item(r, 0).toolTip() for r in range(diff.fields.rowCount())}
    assert shown == changed_paths
    old_bg, new_bg, _text = diff_models.diff_colours()
    for r in range(diff.fields.rowCount()):
        path = diff.fields.item(r, 0).toolTip()
        assert diff.fields.item(r, 1).text() == cell_text(before.get(path)) or path not in before
        assert diff.fields.item(r, 2).text() == cell_text(after.get(path)) or path not in after
        if path in before:
            assert diff.fields.item(r, 1).background().color() == old_bg
        if path in after:
            assert diff.fields.item(r, 2).background().color() == new_bg
    # the list's second column names those fields
    summary = diff.ids_model.data(diff.ids_model.index(0, 1))
    assert summary and all(part for part in summary.split(", "))
    # unchanged fields on request, not highlighted
    diff.unchanged.setChecked(True)
    await wait_until(lambda: diff.fields.rowCount() == len(set(before) | set(after)))
    diff.unchanged.setChecked(False)

    # search within the differences: counts and records narrow to the matches
    diff.search.setText(record_id)
    await wait_until(lambda: diff.counts() == (0, 1, 0), message="searched")
    assert "(matching the search)" in diff.summary_label.text()
    await wait_until(lambda: diff.ids_model.ids == [record_id])
    diff.search.clear()
    await wait_until(lambda: diff.counts() == (expected.added, expected.changed, expected.removed))

    # History's Compare opens this tab on the chosen pair
    page.page_tabs.setCurrentIndex(0)
    page.compare(newest.id, middle.id)
    assert page.page_tabs.currentWidget() is diff
    await wait_until(lambda: diff.counts() == (1, 2, 1))
    qtmodeltester.check(diff.ids_model)


async def test_compare_states_and_export(browser_shell, spanish, tmp_path):
    shell = browser_shell
    page = open_page(shell, "products")
    info = page.download_now()
    await wait_until(lambda: info.state == SUCCEEDED, timeout=30)
    await wait_until(lambda: page.view.state == "content" and len(page.snapshots) == 1)
    # one version: the Compare tab says what to do, no counts
    assert page.diff.view.state == "empty"
    assert "Only one version" in page.diff.view.message.text.text()
    started = []
    page.context.tasks.started.connect(started.append)
    published = shell.sandbox.control.publish(
        "products", changed_count=4, added_count=2, removed_count=3
    )
    info = page.download_now()
    await wait_until(lambda: info.state == SUCCEEDED, timeout=30)
    diff = page.diff
    await wait_until(lambda: diff.counts() == (2, 4, 3), message="compared")
    # the counting ran as a named (quiet) task of the page, off the GUI thread
    compares = [t for t in started if t.kind == "compare"]
    assert compares and compares[-1].name == page.context.task_name("compare")
    assert compares[-1].quiet and compares[-1].state == SUCCEEDED
    page.context.tasks.started.disconnect(started.append)
    # same version twice: a clear state
    diff.old_combo.setCurrentIndex(diff.new_combo.currentIndex())
    await wait_until(lambda: diff.view.state == "empty")
    assert "two different versions" in diff.view.message.title.text()
    # counting is cancellable: the tab says so and offers to compare again
    diff.compare(page.snapshots[1].id, page.snapshots[0].id)
    assert diff.view.state == "loading" and not diff.view.loading.cancel.isHidden()
    diff.view.loading.cancel.click()
    assert diff.view.state == "empty" and diff.counts() is None
    assert diff.view.message.title.text() == "Comparison cancelled"
    diff.view.message.primary.click()  # "Compare again"
    await wait_until(lambda: diff.counts() == (2, 4, 3))
    await wait_until(lambda: not page.context.tasks.is_running(page.context.task_name("compare")))

    # export in Spanish: CSV for Excel (;, BOM, decimal comma), each row says what happened
    i18n.install("es")
    await wait_until(lambda: diff.kinds.tabText(0) == "Añadidos (2)", message="retranslated")
    assert diff.ids_model.headerData(0, Qt.Orientation.Horizontal) == "Registro"
    assert page.page_tabs.tabText(1) == "Comparar versiones"
    diff.kinds.setCurrentIndex(1)
    await wait_until(lambda: diff.ids_model.rowCount() == 4)
    diff.ids_view.setCurrentIndex(diff.ids_model.index(0, 0))
    await wait_until(lambda: diff.fields.rowCount() > 0)
    assert diff.fields.horizontalHeaderItem(1).text() == "Antes"
    target = tmp_path / "cambios.csv"
    task = diff.export_menu.export(target, "csv")
    assert diff.export_menu.progress.isVisibleTo(diff)
    await wait_until(lambda: task.state == SUCCEEDED)
    await wait_until(lambda: not diff.export_menu.progress.isVisibleTo(diff))
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:4] == ["Cambio", "Registro", "Campos modificados", "Antes"]
    labels = [c.label for c in page.columns if c.path != "id"]
    assert rows[0][4:] == labels
    kinds = {r[1]: r[0] for r in rows[1:]}
    assert len(rows) == 1 + 2 + 4 + 3
    assert {kinds[i] for i in published["addedIds"]} == {"añadido"}
    assert {kinds[i] for i in published["changedIds"]} == {"modificado"}
    assert {kinds[i] for i in published["removedIds"]} == {"eliminado"}
    changed_rows = [r for r in rows[1:] if r[0] == "modificado"]
    assert all(r[2] and r[3] for r in changed_rows)  # which fields, and their old values
    assert all(r[2] == "" for r in rows[1:] if r[0] != "modificado")
    price = 4 + labels.index(next(c.label for c in page.columns if c.path == "netPrice"))
    assert any("," in r[price] for r in rows[1:]) and not any("." in r[price] for r in rows[1:])

    # XLSX: typed cells, the same rows
    book_path = tmp_path / "cambios.xlsx"
    task = diff.export_menu.export(book_path, "xlsx")
    await wait_until(lambda: task.state == SUCCEEDED)
    book = openpyxl.load_workbook(book_path, read_only=True)
    sheet_rows = list(book.active.iter_rows(values_only=True))
    assert book.active.title == "Cambios"
    book.close()
    assert sheet_rows[0][:2] == ("Cambio", "Registro") and len(sheet_rows) == 10
    assert all(isinstance(r[price], int | float) for r in sheet_rows[1:])
    assert {r[1] for r in sheet_rows[1:] if r[0] == "modificado"} == set(published["changedIds"])
