"""The ``sage50-desktop`` process: ``--version`` and one instance per user."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

from qt_helpers import wait_until

from sage50_desktop import __version__
from sage50_desktop.ui.single_instance import SingleInstance


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sage50_desktop", *args], capture_output=True,
                          text=True, timeout=60, env=env or os.environ.copy())


def test_shell_version():
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"sage50-desktop {__version__}"


async def test_shell_second_start_activates_the_first(qtbot):
    first = SingleInstance()
    assert first.acquire()
    activated: list[bool] = []
    first.activated.connect(lambda: activated.append(True))
    env = os.environ.copy()
    env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        result = await asyncio.to_thread(_run, env=env)
        assert result.returncode == 0, result.stderr
        assert "already running" in result.stdout
        await wait_until(lambda: activated, message="first instance activated")
    finally:
        first.release()
    # with the first gone, the next start may claim the name
    again = SingleInstance()
    assert again.acquire()
    again.release()
