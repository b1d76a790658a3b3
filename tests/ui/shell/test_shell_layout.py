"""Layout never fights the user: at 1024×700, in English and Spanish, every page's text fits
(or elides with a tooltip) and the window never grows by itself."""

from __future__ import annotations

import asyncio

import orjson
import pytest
from layout_probe import clipped
from orders import UNKNOWN_PRODUCT, make_order
from qt_helpers import wait_until

from sage50_desktop.services.activity import target_for
from sage50_desktop.services.tasks import SUCCEEDED
from sage50_desktop.ui import i18n
from sage50_desktop.ui.browser.page import ScopePage
from sage50_desktop.ui.uploads.page import UploadsPage
from sage50_desktop.ui.uploads.record_editor import RecordEditorDialog

SIZE = (1024, 700)


@pytest.fixture
def languages(qapp):
    yield
    i18n.install("en")


async def _settle(window) -> None:
    for _ in range(6):  # layouts and coalesced timers (30 ms) run
        await asyncio.sleep(0.05)


def _page(window, cls, scope=None):
    pages = [p for p in window.findChildren(cls) if scope is None or p.scope == scope]
    return pages[0] if pages else None


async def test_every_page_fits_at_1024x700_in_both_languages(shell, languages, tmp_path):
    window = shell.window
    window.resize(*SIZE)
    window.show()
    await _settle(window)
    assert window.size().toTuple() == SIZE
    session = shell.sessions.get(shell.sandbox_profile.id)
    targets = [target_for(session.id)] + [
        target_for(session.id, "ecommerce", scope) for scope in ("customers", "products", "orders")
    ]
    # some content: a downloaded version with a record open, a checked upload file
    window.open_target(targets[2])
    products = _page(window, ScopePage, "products")
    info = products.download_now()
    await wait_until(lambda: info.state == SUCCEEDED, timeout=30)
    await wait_until(lambda: products.model.rowCount() > 0 and products.view.state == "content")
    # a second version: the Compare tab has two versions and a changed record open
    shell.sandbox.control.publish("products", changed_count=3, added_count=1, removed_count=1)
    info = products.download_now()
    await wait_until(lambda: info.state == SUCCEEDED, timeout=30)
    await wait_until(lambda: len(products.snapshots) == 2 and products.diff.counts() is not None)
    products.select_row(0)
    window.open_target(targets[3])
    uploads = _page(window, UploadsPage)
    panel = uploads.panel
    bad = tmp_path / "pedidos.json"
    bad.write_bytes(orjson.dumps([{"id": "ORD-1"}]))
    panel.choose_file(bad)
    await wait_until(lambda: panel.report is not None, message="file checked")

    problems = []
    for language in ("en", "es"):
        i18n.install(language)
        for target in targets:
            window.open_target(target)
            await _settle(window)
            assert window.size().toTuple() == SIZE, f"the window grew on {target} ({language})"
            problems += [f"{language} {target.rsplit('/', 1)[-1]}: {p}" for p in clipped(window)]
        # the products page's Compare tab, a changed record's fields shown
        window.open_target(targets[2])
        products.page_tabs.setCurrentWidget(products.diff)
        await wait_until(lambda: products.diff.ids_model.rowCount() > 0)
        products.diff.ids_view.setCurrentIndex(products.diff.ids_model.index(0, 0))
        await _settle(window)
        assert window.size().toTuple() == SIZE, f"the window grew on Compare ({language})"
        problems += [f"{language} compare: {p}" for p in clipped(window)]
        products.page_tabs.setCurrentIndex(0)
        # the form that fixes rejected orders, a faulty field selected
        editor = RecordEditorDialog(
            [make_order(2, product=UNKNOWN_PRODUCT)],
            "ecommerce",
            "orders",
            "“pedidos.json”",
            window,
            rejected={"ORD-2": [("lines.0.productId", "unknown product")]},
        )
        editor.open()
        await wait_until(lambda e=editor: e.report_view.state == "ok", message="form checked")
        row = editor.form.row_of("lines.0.productId")
        editor.form.fields.setCurrentCell(row, 1)
        await _settle(window)
        assert editor.width() <= SIZE[0] and editor.height() <= SIZE[1]
        problems += [f"{language} fix form: {p}" for p in clipped(editor)]
        editor.reject()
        editor.deleteLater()
    assert not problems, "text that does not fit:\n" + "\n".join(problems)
    hint = window.minimumSizeHint()
    assert hint.width() <= SIZE[0] and hint.height() <= SIZE[1]
