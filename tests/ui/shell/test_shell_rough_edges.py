"""Rough edges of the window: the Export shortcut leaves text fields alone."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


async def test_export_activity_shortcut_is_not_ctrl_e(shell):
    action = shell.window.actions_["export"]
    assert action.shortcut() == QKeySequence("Ctrl+Shift+E")
    assert all(s != QKeySequence("Ctrl+E") for s in action.shortcuts())
    taken = [a.text() for a in shell.window.findChildren(type(action))
             if any(s == QKeySequence("Ctrl+E") for s in a.shortcuts())]
    assert taken == []  # Ctrl+E stays "end of line" in text fields
