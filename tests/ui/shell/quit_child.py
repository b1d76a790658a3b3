"""Runs the app on the sandbox and ends its Qt loop with ``QApplication.quit()`` once online.

As an OS session end does; used by ``test_shell_process.py``. A registry task that
never ends by itself runs meanwhile: shutdown's one ``cancel_all()`` must end it.
"""

from __future__ import annotations

import asyncio
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import sage50_desktop.app as app

_start = app.Shell.start


def start(self: app.Shell) -> None:
    _start(self)
    self.tasks.start("probe:until-quit", asyncio.sleep(3600), kind="poll", quiet=True)
    session = self.sessions.get(self.sandbox_profile.id)
    timer = QTimer(self.window)

    def check() -> None:
        if session.state == "online" and not session.consent_running:
            timer.stop()
            print("online: QApplication.quit()", flush=True)
            QApplication.quit()

    timer.timeout.connect(check)
    timer.start(50)


app.Shell.start = start  # type: ignore[method-assign]
sys.exit(app.main(["--sandbox", "--sandbox-port", "0"]))
