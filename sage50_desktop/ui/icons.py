"""The app's small SVG icon set (``resources/icons/``), cached, with a standard-icon fallback."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from sage50_desktop.resources import resource_path

# name -> standard icon when the SVG is missing (a broken install still shows something)
_FALLBACK = {
    "app": QStyle.StandardPixmap.SP_ComputerIcon,
    "connection": QStyle.StandardPixmap.SP_DriveNetIcon,
    "sandbox": QStyle.StandardPixmap.SP_DriveNetIcon,
    "domain": QStyle.StandardPixmap.SP_DirIcon,
    "scope": QStyle.StandardPixmap.SP_FileIcon,
    "upload": QStyle.StandardPixmap.SP_ArrowUp,
    "key": QStyle.StandardPixmap.SP_DialogApplyButton,
    "activity": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    "refresh": QStyle.StandardPixmap.SP_BrowserReload,
    "add": QStyle.StandardPixmap.SP_FileDialogNewFolder,
    "consent": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "export": QStyle.StandardPixmap.SP_DialogSaveButton,
    "settings": QStyle.StandardPixmap.SP_FileDialogListView,
}


@cache
def icon(name: str) -> QIcon:
    """The icon ``name`` (file ``resources/icons/<name>.svg``)."""
    path = resource_path("icons", f"{name}.svg")
    if path.is_file():
        result = QIcon(str(path))
        if not result.isNull():
            return result
    style = QApplication.style()
    return style.standardIcon(_FALLBACK.get(name, QStyle.StandardPixmap.SP_FileIcon))


def standard(pixmap: QStyle.StandardPixmap) -> QIcon:
    return QApplication.style().standardIcon(pixmap)


@cache
def dot(color: str, size: int = 12) -> QIcon:
    """A filled round dot (connection state in the status bar)."""
    pixmap = QPixmap(QSize(size, size) * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(QColor(color).darker(130))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)
