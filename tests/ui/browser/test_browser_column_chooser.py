"""The column chooser stays open while columns are toggled (by mouse and by keyboard)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from qt_helpers import wait_until

from sage50_desktop.ui.browser.columns import Column
from sage50_desktop.ui.browser.filters import ColumnChooser


# a popup menu on the offscreen platform (no window manager): raise and keyboard grab
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
async def test_the_column_chooser_stays_open_while_toggling(qtbot):
    chooser = ColumnChooser()
    qtbot.addWidget(chooser)
    columns = [Column("id"), Column("name"), Column("netPrice"), Column("tax", visible=False)]
    chooser.set_columns(columns, [c.visible for c in columns])
    toggled = []
    chooser.columnToggled.connect(lambda i, on: toggled.append((i, on)))
    chooser.show()
    menu = chooser.menu()
    menu.popup(chooser.mapToGlobal(QPoint(0, chooser.height())))
    await wait_until(menu.isVisible, message="menu open")

    name, tax = chooser.actions_[1], chooser.actions_[3]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(name).center())
    assert toggled == [(1, False)] and not name.isChecked()
    assert menu.isVisible(), "the menu closed after one column"
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(tax).center())
    assert toggled == [(1, False), (3, True)] and menu.isVisible()
    # the keyboard too: Space on the active entry toggles it and keeps the menu open
    menu.setActiveAction(name)
    qtbot.keyClick(menu, Qt.Key.Key_Space)
    assert toggled[-1] == (1, True) and menu.isVisible()
    # "id" cannot be hidden: a click on it does nothing
    qtbot.mouseClick(
        menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(chooser.actions_[0]).center()
    )
    assert len(toggled) == 3
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    await wait_until(lambda: not menu.isVisible(), message="Escape closes it")
