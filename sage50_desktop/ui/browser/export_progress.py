"""The strip under an export's toolbar: what is written, a progress bar and Cancel, or why it failed.

Shared by both Export ▾ menus (their words are in the ``ExportMenu`` context).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


def _t(text: str) -> str:
    return QCoreApplication.translate("ExportMenu", text)


def failure_text(error: BaseException) -> str:
    """What went wrong with an export, in the UI language."""
    reason = getattr(error, "reason", "io")
    path = str(getattr(error, "path", "") or "")
    texts = {
        "folder": _t("“%1” is a folder. Choose a file name, not a folder."),
        "not_regular": _t(
            "“%1” is not a regular file (a link, a device or a pipe); the "
            "export only replaces regular files. Choose another name."
        ),
        "no_folder": _t("The folder of “%1” does not exist. Choose another folder."),
        "permission": _t("This app may not write “%1”. Choose another folder."),
        "disk_full": _t(
            "The disk is full. Free some space or choose another drive, then export again."
        ),
        "too_many": _t(
            "Excel holds at most 1,048,575 records in a sheet. Export this view "
            "as CSV, or narrow it with a search or a filter."
        ),
    }
    text = texts.get(
        reason,
        _t(
            "The export of “%1” was not written. Check the folder and "
            "the free space, then try again."
        ),
    )
    return text.replace("%1", path)


class ExportProgress(QWidget):
    """The running export: what, a progress bar, Cancel; or why it failed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportProgress")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("exportLabel")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("exportBar")
        self.bar.setMaximumWidth(260)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("exportCancel")
        row.addWidget(self.label, 1)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.cancel_button.setText(_t("Cancel"))
        self.cancel_button.setToolTip(_t("Stop the export; nothing is written"))

    def running(self, name: str, total: int | None) -> None:
        self.label.setText(_t("Exporting to %1…").replace("%1", name))
        self.label.setToolTip(name)
        self.label.setStyleSheet("")
        self.bar.setRange(0, total or 0)
        self.bar.setValue(0)
        self.bar.show()
        self.cancel_button.show()
        self.show()

    def advance(self, done: int) -> None:
        if self.bar.maximum():
            self.bar.setValue(min(done, self.bar.maximum()))

    def failed(self, text: str) -> None:
        self.label.setText(text)
        self.label.setToolTip(text)
        self.label.setStyleSheet(
            "color: palette(highlighted-text); background: palette(highlight); padding: 2px;"
        )
        self.bar.hide()
        self.cancel_button.hide()
        self.show()
