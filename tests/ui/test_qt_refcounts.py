"""The Qt binding must not leak references to None.

PySide6 6.12.0 on Python 3.11 loses one reference to ``None`` on every Python
slot or virtual call that returns ``None`` (each timer of the qasync loop),
until the interpreter aborts with ``none_dealloc``: a long-running app would
crash after some thousands of timers. pyproject excludes that release; this
test catches any binding/qasync combination with the same bug.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = r"""
import asyncio, sys
import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication([])
loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)

async def spin():
    before = sys.getrefcount(None)
    for _ in range(1500):
        await asyncio.sleep(0)
    fired = asyncio.Event()
    count = [0]
    def tick():
        count[0] += 1
        if count[0] < 1500:
            QTimer.singleShot(0, tick)
        else:
            fired.set()
    QTimer.singleShot(0, tick)
    await fired.wait()
    print(sys.getrefcount(None) - before)

with loop:
    loop.run_until_complete(spin())
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_timers_do_not_leak_references_to_none():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lost = -int(result.stdout.strip().splitlines()[-1])
    assert lost < 300, f"{lost} references to None lost over 3,000 timers"
