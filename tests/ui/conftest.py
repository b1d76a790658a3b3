"""GUI tests: async tests here run on a qasync loop over the test QApplication.

Python's garbage collector is switched off for GUI tests and run after each
test on the GUI thread: a cycle holding Qt objects collected on a worker or
sandbox thread destroys QTimers from the wrong thread and can crash Qt (the
app does the same, see ``ui/gc_guard.py`` when present).

Write GUI tests as ``async def`` tests: the qasync loop is *running* while the
test awaits, so the app's coroutines, Qt timers and signals all progress.
Wait with ``qt_helpers.wait_until`` (or ``await asyncio.sleep``), never with
``qtbot.waitUntil`` (it spins Qt without a running asyncio loop). qtbot is fine
for clicks and key presses.
"""

from __future__ import annotations

import asyncio
import gc

import pytest
import qasync
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication


def _qasync_loop() -> asyncio.AbstractEventLoop:
    app = QApplication.instance() or QApplication([])
    return qasync.QEventLoop(app)


def pytest_asyncio_loop_factories(config, item):
    return {"qasync": _qasync_loop}


@pytest.fixture(scope="session", autouse=True)
def _gc_on_gui_thread_only():
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    if was_enabled:
        gc.enable()


@pytest.fixture(autouse=True)
def _collect_qt_garbage_after_each_test():
    yield
    if QApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture
def ui_sandbox(tmp_path):
    """The shared sandbox that grants passcodes by itself (the shell's demo connection)."""
    from sandbox_fixtures import running_sandbox

    with running_sandbox(tmp_path / "sandbox", auto_approve=0.2, customers=30) as sandbox:
        yield sandbox


@pytest.fixture
def shell_sandbox(ui_sandbox):
    """The former name of ``ui_sandbox`` (one sandbox: this is not a second one)."""
    return ui_sandbox
