"""The page's match count says what the model knows: exact, a lower bound ("+") or an
upper bound while the exact count is computed ("About …, counting")."""

from __future__ import annotations

from qt_helpers import wait_until
from test_browser_flow import open_page

from sage50_desktop.services.tasks import SUCCEEDED


async def test_search_count_label_exact_lower_and_upper_bounds(browser_shell, qtbot):
    page = open_page(browser_shell, "products")
    info = page.download_now()
    await wait_until(lambda: info.state == SUCCEEDED, timeout=30)
    await wait_until(lambda: page.model.rowCount() == 60 and page.view.state == "content")
    qtbot.keyClicks(page.search, "a")
    await wait_until(lambda: page.model.spec.search == "a" and not page.model.busy)
    matches = page.model.rowCount()
    assert page.model.count_exact and not page.model.count_upper
    text = page.count_label.text()
    assert text.startswith(f"{matches} of 60 records match") and "+" not in text
    assert "About" not in text

    model = page.model
    model.count_exact, model.count_upper = False, True  # a common word's first rows
    page._update_count()
    assert page.count_label.text().startswith(f"About {matches} of 60 records match (counting")
    model.count_upper = False  # a capped count
    page._update_count()
    assert page.count_label.text().startswith(f"{matches}+ of 60 records match")
    model.count_exact = True  # the exact count arrived
    page._update_count()
    assert page.count_label.text() == text
