"""The GUI test harness itself: Qt and asyncio progress together while a test awaits."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton
from qt_helpers import wait_until


async def test_qt_timers_signals_and_coroutines_progress_together(qtbot):
    button = QPushButton("Go")
    qtbot.addWidget(button)
    clicks: list[int] = []
    button.clicked.connect(lambda: clicks.append(1))
    fired: list[int] = []
    QTimer.singleShot(10, lambda: fired.append(1))
    result = await asyncio.to_thread(lambda: 42)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: fired, message="timer")
    assert result == 42 and clicks == [1]
    assert type(asyncio.get_running_loop()).__module__.startswith("qasync")
