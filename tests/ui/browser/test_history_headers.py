"""The versions list's headers follow the language: switched to Spanish while the page is
open, each column is as wide as its new, longer word ("Modificados", not "odificado")."""

from __future__ import annotations

import pytest
from qt_helpers import wait_until

from sage50_desktop.ui import i18n
from sage50_desktop.ui.browser.history import HistoryPanel


@pytest.fixture
def panel(qtbot):
    i18n.install("en")
    widget = HistoryPanel()
    qtbot.addWidget(widget)
    widget.resize(900, 200)
    widget.show()
    yield widget
    i18n.install("en")


def _cut(panel: HistoryPanel) -> list[str]:
    header = panel.table.horizontalHeader()
    model = panel.model
    return [
        str(model.headerData(i, header.orientation()))
        for i in range(header.count() - 1)  # the last one stretches
        if header.sectionSize(i) < header.sectionSizeHint(i)
    ]


async def test_headers_resize_to_the_words_of_a_new_language(panel):
    await wait_until(lambda: panel.table.horizontalHeader().sectionSize(3) > 0)
    assert _cut(panel) == []
    i18n.install("es")
    panel.retranslate()  # as the page does on a LanguageChange
    assert panel.model.headerData(4, panel.table.horizontalHeader().orientation()) == "Modificados"
    await wait_until(lambda: _cut(panel) == [], message=f"headers cut: {_cut(panel)}")
