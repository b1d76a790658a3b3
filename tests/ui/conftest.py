"""GUI tests: async tests here run on a qasync loop over the test QApplication.

Write GUI tests as ``async def`` tests: the qasync loop is *running* while the
test awaits, so the app's coroutines, Qt timers and signals all progress.
Wait with ``qt_helpers.wait_until`` (or ``await asyncio.sleep``), never with
``qtbot.waitUntil`` (it spins Qt without a running asyncio loop). qtbot is fine
for clicks and key presses.
"""

from __future__ import annotations

import asyncio
import qasync
from PySide6.QtWidgets import QApplication


def _qasync_loop() -> asyncio.AbstractEventLoop:
    app = QApplication.instance() or QApplication([])
    return qasync.QEventLoop(app)


def pytest_asyncio_loop_factories(config, item):
    return {"qasync": _qasync_loop}
