"""``sage50 restore-backup`` while another process has ``app.sqlite3`` open: refused, untouched."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest
from mp_support import Procs, add_and_consent


def _held_by(procs: Procs, role: str, pid: int, timeout: float = 60.0) -> None:
    lock = procs.data / "locks" / f"open-app-{role}-{pid}.lock"
    deadline = time.monotonic() + timeout
    while not lock.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"the {role} never opened app.sqlite3")
        time.sleep(0.05)


@pytest.mark.timeout(240)
def test_restore_backup_refuses_while_the_window_has_the_database_open(procs: Procs, sandbox):
    add_and_consent(procs, sandbox)
    assert any((procs.data / "backups").iterdir())
    app = procs.data / "app.sqlite3"
    window = procs.start([sys.executable, "-m", "sage50_desktop"])
    try:
        _held_by(procs, "window", window.pid)
        done = procs.sage50("--json", "restore-backup")
        assert done.code != 0, str(done)
        hint = done.json["error"]["hint"]
        assert "the Sage 50 Desktop window" in hint and "Close it first" in hint, hint
        assert str(app) in hint
        assert not list(procs.data.glob("app.sqlite3.damaged-*"))  # nothing was changed
        listed = procs.sage50("--json", "profile", "list")
        assert listed.code == 0 and len(listed.json["profiles"]) == 1, str(listed)
    finally:
        if os.name != "nt":
            window.send_signal(signal.SIGTERM)
        else:
            window.terminate()
        closed = procs.wait(window, timeout=60)
    assert closed.code == 0, str(closed)
    # the window closed: the restore goes ahead
    again = procs.sage50("--json", "restore-backup")
    assert again.code == 0, str(again)
    assert again.json["backup"]


@pytest.mark.timeout(240)
def test_restore_backup_names_a_running_sage50_command(procs: Procs, sandbox):
    add_and_consent(procs, sandbox)
    holder = procs.start_py("mp_child_hold.py", str(procs.data))
    try:
        _held_by(procs, "sage50", holder.pid)
        done = procs.sage50("--json", "restore-backup")
        assert done.code != 0, str(done)
        hint = done.json["error"]["hint"]
        assert f"'sage50' command (process {holder.pid})" in hint, hint
    finally:
        holder.kill()  # dies holding it: the OS releases the lock, its file stays behind
        procs.wait(holder)
    assert procs.sage50("--json", "restore-backup").code == 0
    assert not (procs.data / "locks" / f"open-app-sage50-{holder.pid}.lock").exists()
