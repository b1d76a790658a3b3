"""Small remembered layout choices (panes shown or hidden), in ``window.ini`` beside the geometry."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

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


#: version of the geometry and dock-state blobs the main window keeps in ``window.ini``
WINDOW_VERSION = 1


def window_settings() -> QSettings:
    """Geometry and layout, in ``window.ini`` under the app's config folder."""
    return _settings()


def saved_geometry() -> QByteArray | None:
    """The main window's remembered geometry (None on a first start or an old file)."""
    settings = _settings()
    if settings.value("version", 0, int) != WINDOW_VERSION:
        return None
    geometry = settings.value("geometry")
    return geometry if isinstance(geometry, QByteArray) else None
