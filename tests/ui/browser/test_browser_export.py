"""Exports from the browser: the current view as the table shows it, Spanish CSV, typed XLSX,
progress strip with Cancel, clear messages for a folder."""

from __future__ import annotations

import csv

import openpyxl
import pytest
from PySide6.QtCore import Qt
from qt_helpers import wait_until
from test_browser_flow import open_page

from sage50_desktop.services.tasks import CANCELLED, FAILED, SUCCEEDED
from sage50_desktop.ui import i18n
from sage50_desktop.ui.browser.records_model import RECORD_ROLE


@pytest.fixture
def spanish(qapp):
    i18n.install("es")
    yield
    i18n.install("en")


async def _sorted_page(shell):
    page = open_page(shell, "products")
    info = page.download_now()
    await wait_until(lambda: info.state == SUCCEEDED, timeout=30)
    await wait_until(lambda: page.model.rowCount() == 60 and page.view.state == "content")
    column = [c.path for c in page.columns].index("netPrice")
    page.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    await wait_until(lambda: page.model.spec.sort_column == "netPrice" and not page.model.busy)
    await wait_until(lambda: page.model.data(page.model.index(59, 0), RECORD_ROLE) is not None)
    return page


async def test_current_view_csv_for_spanish_excel(browser_shell, spanish, tmp_path):
    page = await _sorted_page(browser_shell)
    paths = [c.path for c in page.columns]
    # the user hides a column and drags "Net price" to the front
    page.table.setColumnHidden(paths.index("name"), True)
    header = page.table.horizontalHeader()
    header.moveSection(header.visualIndex(paths.index("netPrice")), 0)
    shown = page.export_menu.visible_columns()
    assert shown[0].path == "netPrice" and "name" not in [c.path for c in shown]

    target = tmp_path / "vista.csv"
    info = page.export_menu.export(target, "csv", whole=False)
    assert page.export_menu.progress.isVisibleTo(page)
    await wait_until(lambda: info.state == SUCCEEDED)
    await wait_until(lambda: not page.export_menu.progress.isVisibleTo(page))
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == [c.label for c in shown]  # Spanish UI labels, on-screen order
    assert rows[0][0] == "Precio neto"
    expected = [page.model.data(page.model.index(r, 0), RECORD_ROLE) for r in range(60)]
    ids = [c.path for c in shown].index("id")
    assert [r[ids] for r in rows[1:]] == [rec["id"] for rec in expected]  # the view's order
    prices = [float(r[0].replace(",", ".")) for r in rows[1:]]
    assert prices == sorted(prices, reverse=True)
    assert any("," in r[0] for r in rows[1:]) and not any("." in r[0] for r in rows[1:])
    barcode = [c.path for c in shown].index("barCode")
    assert all(r[barcode].startswith('="') for r in rows[1:] if r[barcode])


@pytest.mark.log_warnings_expected("the export refused for a folder is logged as a failed task")
async def test_current_view_xlsx_is_typed_and_a_folder_is_refused(browser_shell, tmp_path):
    page = await _sorted_page(browser_shell)
    target = tmp_path / "vista.xlsx"
    info = page.export_menu.export(target, "xlsx", whole=False)
    await wait_until(lambda: info.state == SUCCEEDED)
    book = openpyxl.load_workbook(target, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    shown = page.export_menu.visible_columns()
    assert rows[0] == tuple(c.label for c in shown) and len(rows) == 61
    price = [c.path for c in shown].index("netPrice")
    assert all(isinstance(r[price], int | float) for r in rows[1:])
    assert [r[price] for r in rows[1:]] == sorted((r[price] for r in rows[1:]), reverse=True)

    folder = tmp_path / "carpeta"
    folder.mkdir()
    info = page.export_menu.export(folder, "csv", whole=True)
    await wait_until(lambda: info.state == FAILED)
    strip = page.export_menu.progress
    assert strip.isVisibleTo(page) and "is a folder" in strip.label.text()
    assert not strip.cancel_button.isVisibleTo(page)


async def test_cancel_writes_nothing(browser_shell, tmp_path):
    page = await _sorted_page(browser_shell)
    target = tmp_path / "todo.csv"
    target.write_text("anterior")
    info = page.export_menu.export(target, "csv", whole=True)
    strip = page.export_menu.progress
    assert strip.cancel_button.isVisibleTo(page)
    strip.cancel_button.click()
    await wait_until(lambda: info.state == CANCELLED)
    assert target.read_text() == "anterior"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".todo.csv")]
    await wait_until(lambda: not strip.isVisibleTo(page))
