"""Layout never fights the user: at 1024×700, in English and Spanish, every page's text fits
(or elides with a tooltip) and the window never grows by itself."""

from __future__ import annotations

import asyncio

import orjson
import pytest
from layout_probe import clipped
from orders import UNKNOWN_PRODUCT, make_order
from PySide6.QtWidgets import QLabel
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
            where = f"{language} {target.rsplit('/', 1)[-1]}"
            problems += [f"{where}: {p}" for p in clipped(window)]
            problems += [f"{where}: {p}" for p in _message_cut(window)]
            problems += [f"{where}: {p}" for p in _title_elided(window)]
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


def _title_elided(window) -> list[str]:
    """A page title with a short name (the demo connection's) that elides: its row is too full."""
    page = window.stack.currentWidget()
    return [
        f"page title elided: {label.text()!r}"
        for label in page.findChildren(QLabel, "pageTitle")
        if label.isVisibleTo(window)
        and hasattr(label, "full_text")
        and label.text() != label.full_text()
    ]


def _message_cut(window) -> list[str]:
    """Empty/error state messages that do not fit their page (their lines hidden below)."""
    from sage50_desktop.ui.widgets.state_view import StateView

    found = []
    for view in window.findChildren(StateView):
        area = view._message_area
        if view.state != "content" and area.isVisibleTo(window):
            bar = area.verticalScrollBar()
            if bar.maximum() > 0:
                found.append(f"{view.objectName() or 'state'}: {view.message.title.text()!r}")
    return found


async def test_the_welcome_page_and_rename_dialog_fit_in_both_languages(
    shell_runtime, languages, qtbot
):
    from sage50_desktop.app import Shell
    from sage50_desktop.storage.profiles import Profile

    shell = Shell(shell_runtime, open_wizard_when_empty=False)
    try:
        shell.start()
        window = shell.window
        window.resize(*SIZE)
        problems = []
        for language in ("en", "es"):
            i18n.install(language)
            await _settle(window)
            assert window.stack.currentWidget() is window.welcome
            assert window.size().toTuple() == SIZE
            text = window.welcome.message.text.text()
            assert "--sandbox" in text  # the way to look around first is there…
            problems += [f"{language} welcome: {p}" for p in clipped(window)]
            problems += [f"{language} welcome: {p}" for p in _message_cut(window)]
        # a connection with a very long name: the Rename dialog's question elides it
        name = "Tienda Online de Ferretería y Jardinería Hermanos García Martínez " * 3
        profile = shell_runtime.profiles.add(Profile(name=name.strip(), base_url="https://x.test"))
        shell.sessions.sync()
        for language in ("en", "es"):
            i18n.install(language)
            window.profile_actions.ask_rename(profile.id)
            dialog = window.profile_actions.dialog
            await wait_until(dialog.isVisible, message="rename dialog")
            await _settle(window)
            assert dialog.width() <= SIZE[0], f"the Rename dialog is {dialog.width()} px wide"
            assert "…" in dialog.labelText() and dialog.toolTip() == name.strip()
            problems += [f"{language} rename: {p}" for p in clipped(dialog)]
            dialog.reject()
        assert not problems, "text that does not fit:\n" + "\n".join(problems)
    finally:
        await shell.shutdown()


def test_the_first_window_size_fits_the_screen(qapp):
    from PySide6.QtCore import QRect, QSize

    from sage50_desktop.ui.main_window import FIRST_SIZE, first_size, sidebar_width

    class Screen:
        def __init__(self, w, h):
            self.rect = QRect(0, 0, w, h)

        def availableGeometry(self):
            return self.rect

    assert first_size(Screen(1920, 1080)) == FIRST_SIZE == QSize(1280, 820)
    small = first_size(Screen(1024, 768))  # a laptop: the window and its frame fit
    assert small.width() <= 1024 - 16 and small.height() <= 768 - 48
    assert first_size(None) == FIRST_SIZE
    assert sidebar_width(1280) == 256 and sidebar_width(1008) == 252
    assert sidebar_width(3000) == 280 and sidebar_width(800) == 252


async def test_the_window_starts_within_the_screen(shell):
    room = shell.window.screen().availableGeometry()
    size = shell.window.size()
    assert size.width() <= room.width() and size.height() <= room.height()
