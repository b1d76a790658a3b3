"""The confirmation the duplicate-order guard asks for before sending accepted orders again.

The guard itself lives in :mod:`sage50_desktop.services.resend_guard`; this
is only the question. It is window-modal but opened with ``open()`` (the
event loop keeps running); ``confirmed`` is emitted when the user chose to
send the orders again. The default button is Cancel.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from sage50_desktop.services.resend_guard import SAMPLE, ResendCheck
from sage50_desktop.ui import i18n


def _t(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("ResendDialog", text, None, n)


class ResendDialog(QMessageBox):
    """“N orders were already accepted — send them again?”"""

    confirmed = Signal()

    def __init__(self, check: ResendCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(_t("Orders already accepted"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(
            _t("%n order(s) in this file were already accepted on this connection.", check.count)
        )
        ids = ", ".join(check.sample_ids())
        if check.count > SAMPLE:
            ids += " " + _t("and %n more", check.count - SAMPLE)
        uploads = ", ".join(check.uploads()[:3])
        when = next((d.accepted_at for d in check.duplicates if d.accepted_at), None)
        details = _t("Already accepted: %1.").replace("%1", ids)
        details += "\n" + (
            _t("Accepted by upload %1 on %2.")
            .replace("%1", uploads)
            .replace("%2", i18n.format_datetime(when))
            if when
            else _t("Accepted by upload %1.").replace("%1", uploads)
        )
        details += "\n\n" + _t(
            "Sending them again can create them twice in Sage 50. Nothing has been sent yet."
        )
        self.setInformativeText(details)
        self.send_button: QPushButton = self.addButton(
            _t("Send %n order(s) again", check.count), QMessageBox.ButtonRole.AcceptRole
        )
        self.cancel_button: QPushButton = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.send_button.clicked.connect(self.confirmed.emit)
