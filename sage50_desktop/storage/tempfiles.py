"""Temporary files in the data folder: unique per process, removed on every exit path.

A download is streamed to a file made by :func:`new_temp` (``mkstemp``: a
unique name, mode 0600) whose name carries the process id, so several
processes never share one and a file left by a crashed process is recognised:
:func:`remove_stale` (run when the app or a command starts) deletes temp files
of processes that no longer run — scope files hold personal data and must not
stay on disk forever.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

PREFIX = ".tmp-"
_OWNED = re.compile(r"^\.tmp-[a-z]+-(\d+)-")
#: names used before temp files were unique per process (``<profile>.<domain>.<scope>.<sha>.json[.part]``)
_LEGACY = re.compile(r"^[A-Za-z0-9_.-]+\.[0-9a-f]{16}\.json(\.part)?$")


def new_temp(folder: Path, kind: str, suffix: str = ".part") -> Path:
    """A new empty file (0600) in ``folder`` that only this process uses."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, name = tempfile.mkstemp(prefix=f"{PREFIX}{kind}-{os.getpid()}-", suffix=suffix, dir=folder)
    os.close(fd)
    return Path(name)


def remove_stale(folder: Path) -> int:
    """Delete temp files in ``folder`` left by processes that no longer run; returns how many."""
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        owned = _OWNED.match(name)
        if owned:
            if pid_alive(int(owned.group(1))):
                continue
        elif not _LEGACY.match(name):
            continue
        try:
            (folder / name).unlink()
            removed += 1
        except OSError:
            continue
    if removed:
        log.info("removed %d temp file(s) left by a crashed process", removed)
    return removed


def pid_alive(pid: int) -> bool:
    """Whether a process with ``pid`` runs (a reused pid counts as alive: the file waits)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # e.g. EPERM: it runs under another user
    return True


def _pid_alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return bool(code.value == 259)  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
