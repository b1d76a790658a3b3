"""Where the app keeps its files: one environment variable moves them all.

``SAGE50_DESKTOP_HOME`` (when set) holds everything: ``data/``, ``logs/``,
``config/``. Otherwise the platform's per-user folders are used (platformdirs).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

from sage50_desktop import APP_NAME

HOME_ENV = "SAGE50_DESKTOP_HOME"


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser() if value else None


_tightened: set[Path] = set()


def ensure_private(path: Path) -> Path:
    """Create ``path`` (0700) and, once per process, make what it holds private (:func:`tighten`)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path not in _tightened:  # once per process: the folder may have existed looser
        _tightened.add(path)
        tighten(path)
    return path


def tighten(folder: Path) -> None:
    """Make ``folder`` and everything in it this user's only: folders 0700, files 0600.

    Personal data (cached customers, upload copies, logs) must not be readable by
    other accounts, also in a folder created looser by an older version or by hand.
    No-op on Windows (per-user folders there are private by their ACLs).
    """
    if os.name == "nt":
        return
    for root, _dirs, files in os.walk(folder):  # symlinked folders are not entered
        _restrict(root, 0o700)
        for name in files:
            _restrict(os.path.join(root, name), 0o600)


def _restrict(name: str, private: int) -> None:
    try:
        st = os.lstat(name)
        if not stat.S_ISLNK(st.st_mode) and st.st_mode & 0o077:
            os.chmod(name, stat.S_IMODE(st.st_mode) & private)
    except OSError:
        pass


def data_dir() -> Path:
    """Folder of the SQLite databases and downloaded files."""
    return ensure_private(data_dir_path())


def data_dir_path() -> Path:
    """Where the data folder is (without making it)."""
    home = _home()
    return home / "data" if home else platformdirs.user_data_path(APP_NAME, False)


def log_dir() -> Path:
    """Folder of the rotating log file."""
    return ensure_private(log_dir_path())


def log_dir_path() -> Path:
    """Where the log folder is (without making it)."""
    home = _home()
    return home / "logs" if home else platformdirs.user_log_path(APP_NAME, False)


def config_dir() -> Path:
    """Folder of settings files."""
    home = _home()
    return ensure_private(
        home / "config" if home else platformdirs.user_config_path(APP_NAME, False)
    )


def runtime_dir() -> Path:
    """Folder for sockets and lock files of the running app."""
    home = _home()
    if home:
        return ensure_private(home / "run")
    return ensure_private(platformdirs.user_runtime_path(APP_NAME, False))
