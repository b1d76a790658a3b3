"""Small remembered layout choices (panes shown or hidden), in ``window.ini`` beside the geometry."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from sage50_desktop import paths


def _settings() -> QSettings:
    return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)


def get_bool(key: str, default: bool) -> bool:
    value = _settings().value(f"panes/{key}", default)
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)


def set_bool(key: str, value: bool) -> None:
    settings = _settings()
    settings.setValue(f"panes/{key}", bool(value))
    settings.sync()
