"""Colours the shell adds to the platform palette (Fusion follows the OS light/dark scheme)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette

SANDBOX_ACCENT = "#e8891a"  # test connections: tag, strip and title
ONLINE = "#1fa35a"
OFFLINE = "#9aa3ad"
WARNING = "#e8891a"
ERROR = "#d64545"
BUSY = "#3b82c4"

# (background, border, text) of info bars, light and dark
_BARS = {
    "info": (("#e8f1fb", "#a9c8ec", "#17324d"), ("#1d2b3a", "#2f5478", "#d6e6f7")),
    "warning": (("#fff4e0", "#f0c27a", "#4d3000"), ("#3a2c14", "#8a6420", "#f7e3bf")),
    "error": (("#fdecec", "#f0a8a8", "#5a1212"), ("#3a1a1a", "#8a3030", "#f7d0d0")),
    "test": (("#fde9d1", "#e8891a", "#4d2a00"), ("#3f2a12", "#e8891a", "#ffe2bf")),
}


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hints is not None else Qt.ColorScheme.Unknown
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def bar_colours(kind: str) -> tuple[str, str, str]:
    light, dark = _BARS.get(kind, _BARS["info"])
    return dark if is_dark() else light
