"""Where the app keeps its files: one environment variable moves them all.

``SAGE50_DESKTOP_HOME`` (when set) holds everything: ``data/``, ``logs/``,
``config/``. Otherwise the platform's per-user folders are used (platformdirs).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from sage50_desktop import APP_NAME

HOME_ENV = "SAGE50_DESKTOP_HOME"


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser() if value else None


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def data_dir() -> Path:
    """Folder of the SQLite databases and downloaded files."""
    home = _home()
    return _ensure(home / "data" if home else platformdirs.user_data_path(APP_NAME, False))


def log_dir() -> Path:
    """Folder of the rotating log file."""
    home = _home()
    return _ensure(home / "logs" if home else platformdirs.user_log_path(APP_NAME, False))


def config_dir() -> Path:
    """Folder of settings files."""
    home = _home()
    return _ensure(home / "config" if home else platformdirs.user_config_path(APP_NAME, False))


def runtime_dir() -> Path:
    """Folder for sockets and lock files of the running app."""
    home = _home()
    if home:
        return _ensure(home / "run")
    return _ensure(platformdirs.user_runtime_path(APP_NAME, False))
