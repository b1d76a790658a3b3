"""Open a web page, file or folder with the desktop, and say so when that fails.

``QDesktopServices.openUrl`` returns False when no browser or file manager
could be started (a server without a desktop, a missing handler). Then the
user gets the address, selectable, with a **Copy** button, instead of being
told that a page is open when it is not.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

Opener = Callable[[QUrl], bool]


def _t(text: str) -> str:
    return QCoreApplication.translate("OpenLink", text)


class OpenFailedDialog(QMessageBox):
    """ "The page could not be opened: <address> [Copy address] [Close]"."""

    def __init__(self, address: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.address = address
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(_t("Could not open it"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(
            _t("No web browser or file manager could be started. Open this address yourself:")
        )
        self.setInformativeText(address)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button: QPushButton = self.addButton(
            _t("Copy address"), QMessageBox.ButtonRole.ActionRole
        )
        self.addButton(QMessageBox.StandardButton.Close)
        self.copy_button.clicked.disconnect()  # an action button would close the box
        self.copy_button.clicked.connect(self.copy)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.address)
        self.copy_button.setText(_t("Copied"))


#: the last dialog shown (tests look at it)
last_dialog: OpenFailedDialog | None = None


def report_failure(address: str, parent: QWidget | None = None) -> OpenFailedDialog:
    """Show ``address`` with Copy: the desktop could not open it."""
    global last_dialog
    last_dialog = OpenFailedDialog(address, parent)
    last_dialog.open()
    return last_dialog


def open_url(url: QUrl | str, parent: QWidget | None = None, opener: Opener | None = None) -> bool:
    """Open ``url`` with the desktop; on failure show the address with Copy. True when opened."""
    target = QUrl(url) if isinstance(url, str) else url
    opened = (opener or QDesktopServices.openUrl)(target)
    if opened is False:
        report_failure(target.toLocalFile() if target.isLocalFile() else target.toString(), parent)
        return False
    return True
