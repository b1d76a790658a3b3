"""Browsing an old version says so, with "Back to latest"; versions are date + short id."""

from __future__ import annotations

from qt_helpers import wait_until
from test_browser_flow import open_page

from sage50_desktop.services.tasks import SUCCEEDED
from sage50_desktop.ui.browser.versions import short_id


async def test_old_version_is_labelled_and_back_to_latest(browser_shell):
    page = open_page(browser_shell, "products")
    info = page.download_now()
    await wait_until(lambda: info.state == SUCCEEDED, timeout=30)
    browser_shell.sandbox.control.publish(
        "products", changed_count=2, added_count=1, removed_count=0
    )
    info = page.download_now()
    await wait_until(lambda: info.state == SUCCEEDED, timeout=30)
    await wait_until(lambda: len(page.snapshots) == 2)
    latest, old = page.snapshots
    assert not page.old_version.isVisibleTo(page)
    combo = page.version_combo
    assert combo.itemText(0).endswith("(latest)") and short_id(latest.version) in combo.itemText(0)
    assert latest.version not in combo.itemText(0)  # no raw hash: date + short id
    assert latest.version in combo.itemData(0, 3)  # the full version in the tooltip

    page.open_snapshot(old.id)
    await wait_until(lambda: page.old_version.isVisibleTo(page))
    text = page.old_version.text()
    assert text.startswith("Version of ") and "not the latest" in text
    assert short_id(old.version) in text
    history = page.history.model
    rows = [history.data(history.index(r, 0)) for r in range(history.rowCount())]
    assert "(current)" in rows[0] and "(current)" not in rows[1]  # stays on the latest
    assert combo.currentIndex() == 1 and combo.itemText(0).endswith("(latest)")

    page.old_version.action_button.click()  # "Back to latest"
    await wait_until(lambda: page.snapshot_id == latest.id)
    assert not page.old_version.isVisibleTo(page)


async def test_detail_and_history_panes_toggle_and_are_remembered(browser_shell):
    page = open_page(browser_shell, "products")
    info = page.download_now()
    await wait_until(lambda: info.state == SUCCEEDED, timeout=30)
    await wait_until(lambda: page.view.state == "content")
    assert page.detail.isVisibleTo(page) and page.lower_tabs.isVisibleTo(page)
    table_width, table_height = page.table.width(), page.table.height()
    page.detail_toggle.click()
    page.history_toggle.click()
    await wait_until(
        lambda: not page.detail.isVisibleTo(page) and not page.lower_tabs.isVisibleTo(page)
    )
    await wait_until(
        lambda: page.table.width() > table_width and page.table.height() > table_height,
        message="the table got the room",
    )
    from sage50_desktop.ui import layout_prefs

    assert layout_prefs.get_bool("recordDetail", True) is False
    assert layout_prefs.get_bool("history", True) is False
    # a new page (next start) starts with them hidden; Compare shows the history again
    from sage50_desktop.ui.browser.page import ScopePage

    again = ScopePage(page.context, None)
    try:
        assert not again.detail_toggle.isChecked() and not again.history_toggle.isChecked()
    finally:
        again.deleteLater()
    page.history_toggle.click()
    assert layout_prefs.get_bool("history", False) is True


async def test_search_clears_old_rows_at_once_and_starts_at_the_top(browser_shell):
    page = open_page(browser_shell, "products")
    info = page.download_now()
    await wait_until(lambda: info.state == SUCCEEDED, timeout=30)
    await wait_until(lambda: page.model.rowCount() == 60 and page.view.state == "content")
    page.table.scrollToBottom()
    await wait_until(lambda: page.table.verticalScrollBar().value() > 0)
    page.search.setText("zzzz-no-such-word")
    page.apply_view()  # what the debounce timer does
    assert page.model.rowCount() == 0  # the old rows went at once, not after the query
    assert page.table.verticalScrollBar().value() == 0
    await wait_until(lambda: not page.model.busy)
    page.search.setText("")
    page.apply_view()
    assert page.model.rowCount() == 0
    await wait_until(lambda: page.model.rowCount() == 60 and not page.model.busy)
    assert page.table.verticalScrollBar().value() == 0
