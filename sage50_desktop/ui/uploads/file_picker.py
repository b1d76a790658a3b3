"""Where the user drops or picks the file to upload: a drop zone with a "Choose file…" button.

The panel handles the drop itself (anywhere on it); :class:`DropZone` shows
what was chosen and highlights while a file is dragged over the panel.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sage50_desktop.ui import i18n, icons, theme


def local_file(mime: QMimeData | None) -> Path | None:
    """The one local file a drag carries, if it carries exactly one."""
    if mime is None or not mime.hasUrls():
        return None
    files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    if len(files) != 1:
        return None
    path = Path(files[0])
    return path if not path.is_dir() else None


class DropZone(QFrame):
    """ "Drop a file here or choose one", then the chosen file's name and size.

    Signals:
        chooseRequested(): the "Choose file…" button was pressed.
    """

    chooseRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("uploadDropZone")
        self.path: Path | None = None
        self.file_size: int | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        self.icon = QLabel(self)
        self.icon.setTextFormat(Qt.TextFormat.PlainText)
        self.icon.setPixmap(icons.icon("upload").pixmap(28, 28))
        layout.addWidget(self.icon)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("dropZoneTitle")
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.detail = QLabel(self)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setObjectName("dropZoneDetail")
        self.detail.setWordWrap(True)
        texts.addWidget(self.title)
        texts.addWidget(self.detail)
        layout.addLayout(texts, 1)
        self.choose = QPushButton(self)
        self.choose.setObjectName("uploadChooseFile")
        self.choose.clicked.connect(self.chooseRequested)
        layout.addWidget(self.choose)
        self.set_highlight(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.choose.setText(self.tr("&Choose file…"))
        self.choose.setToolTip(self.tr("Pick an orders file (JSON array)"))
        self._draw()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_file(self, path: Path | None, size: int | None = None) -> None:
        self.path = path
        self.file_size = size
        self._draw()

    def set_highlight(self, on: bool) -> None:
        border = theme.BUSY if on else theme.OFFLINE
        style = "solid" if on else "dashed"
        self.setStyleSheet(
            f"#uploadDropZone {{ border: 2px {style} {border}; border-radius: 8px; }}"
        )

    def _draw(self) -> None:
        if self.path is None:
            self.title.setText(self.tr("Drop an orders file here"))
            self.detail.setText(
                self.tr(
                    "or choose one. It is checked against the orders "
                    "format before anything is sent."
                )
            )
            self.choose.setText(self.tr("&Choose file…"))
            return
        self.title.setText(self.path.name)
        size = i18n.format_bytes(self.file_size) if self.file_size is not None else ""
        self.detail.setText(f"{self.path.parent}" + (f" · {size}" if size else ""))
        self.choose.setText(self.tr("&Choose another…"))
