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
    return subprocess.run(
        [sys.executable, "-m", "sage50_desktop", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env or os.environ.copy(),
    )


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


def test_shell_sandbox_run_command_opens_and_sigterm_shuts_down_cleanly(tmp_path):
    """The README's run command on a fresh home: sandbox, demo connection, clean exit."""
    import signal
    import time

    home = tmp_path / "fresh-home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SAGE50_DESKTOP_HOME=str(home))
    process = subprocess.Popen(
        [sys.executable, "-m", "sage50_desktop", "--sandbox", "--sandbox-port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = home / "logs" / "sage50-desktop.log"
    try:
        deadline = time.monotonic() + 60
        while "consent granted for connection Sandbox (demo)" not in (
            log.read_text() if log.exists() else ""
        ):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the demo connection did not come up"
            time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0
    text = log.read_text()
    assert "shut down cleanly" in text
    assert text.count("shutdown: cancelling") == 1  # one cancel_all, on SIGTERM too


def test_shell_quit_from_qt_shuts_down_cleanly(tmp_path):
    """``QApplication.quit()`` (an OS session end) stops the Qt loop: shutdown still runs."""
    from pathlib import Path

    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SAGE50_DESKTOP_HOME=str(home))
    child = Path(__file__).with_name("quit_child.py")
    result = subprocess.run(
        [sys.executable, str(child)], capture_output=True, text=True, timeout=90, env=env
    )
    assert "online: QApplication.quit()" in result.stdout, result.stderr
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "NoEventLoopError" not in result.stderr
    text = (home / "logs" / "sage50-desktop.log").read_text()
    assert "shut down cleanly" in text
    [cancelling] = [line for line in text.splitlines() if "shutdown: cancelling" in line]
    assert "probe:until-quit" in cancelling  # the one cancel_all ended it


def test_shell_sigterm_while_the_app_opens_ends_cleanly(tmp_path):
    """SIGTERM while the opening window shows (demo data being generated) ends with 0, no traceback.

    The handler is installed with the opening window: before, a SIGTERM before the main
    window was built killed the process (exit -15).
    """
    import signal
    import time

    home = tmp_path / "fresh-home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SAGE50_DESKTOP_HOME=str(home))
    process = subprocess.Popen(
        [sys.executable, "-m", "sage50_desktop", "--sandbox", "--sandbox-port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        # the app core holds app.sqlite3 open: the opening window is up, the sandbox next
        while not list(home.rglob(f"open-app-window-{process.pid}.lock")):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the app core never opened"
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Traceback" not in err, err
