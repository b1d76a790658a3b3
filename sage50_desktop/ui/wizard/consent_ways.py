"""The consent page's choice of how the API key reaches this computer (contract v2, section 2).

Poll the platform (default), receive the approval push on an address this app
listens on, or paste the key the application's own ``approvalUrl`` receiver
got. The widget only collects the choice and its inputs; the consent page runs
the matching :class:`~sage50_desktop.services.onboarding.ConsentFlow` call.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.services.consent_delivery import DEFAULT_LISTEN_HOST, ConsentWay

DEFAULT_LISTEN_PORT = 8765


class ConsentWayBox(QGroupBox):
    """Three radio buttons and the inputs of the chosen way.

    Signals:
        wayChanged(str): the person chose another way (a :class:`ConsentWay` value).
        listenRequested(): "Start listening" was clicked.
        pasteRequested(): "Use this key" was clicked.
    """

    wayChanged = Signal(str)
    listenRequested = Signal()
    pasteRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("How the API key reaches this computer"), parent)
        self.setObjectName("consentWayBox")
        column = QVBoxLayout(self)
        self.poll_radio = QRadioButton(
            self.tr("&Ask the platform until the key is there (polling)")
        )
        self.poll_radio.setObjectName("pollRadio")
        self.listen_radio = QRadioButton(self.tr("&Receive it on this computer (approval push)"))
        self.listen_radio.setObjectName("listenRadio")
        self.paste_radio = QRadioButton(self.tr("&Paste the key my application received"))
        self.paste_radio.setObjectName("pasteRadio")
        self.group = QButtonGroup(self)
        for radio in (self.poll_radio, self.listen_radio, self.paste_radio):
            self.group.addButton(radio)
        self.poll_radio.setChecked(True)
        self.polling_note = QLabel()
        self.polling_note.setObjectName("pollingNote")
        self.polling_note.setWordWrap(True)
        self.polling_note.hide()
        column.addWidget(self.poll_radio)
        column.addWidget(self.polling_note)
        column.addWidget(self.listen_radio)
        column.addWidget(self._listen_panel())
        column.addWidget(self.paste_radio)
        column.addWidget(self._paste_panel())
        self._way = ConsentWay.POLL
        for radio, way in (
            (self.poll_radio, ConsentWay.POLL),
            (self.listen_radio, ConsentWay.LISTEN),
            (self.paste_radio, ConsentWay.PASTE),
        ):
            radio.toggled.connect(lambda on, w=way: self._chosen(w) if on else None)
        self._show_panels()

    def _listen_panel(self) -> QWidget:
        self.listen_panel = QWidget()
        form = QFormLayout(self.listen_panel)
        form.setContentsMargins(24, 0, 0, 0)
        self.host_edit = QLineEdit(DEFAULT_LISTEN_HOST)
        self.host_edit.setObjectName("listenHostEdit")
        self.host_edit.setAccessibleName(self.tr("Address to listen on"))
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("listenPortSpin")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_LISTEN_PORT)
        self.port_spin.setAccessibleName(self.tr("Port to listen on"))
        row = QHBoxLayout()
        row.addWidget(self.host_edit, 1)
        row.addWidget(QLabel(":"))
        row.addWidget(self.port_spin)
        self.listen_button = QPushButton(self.tr("&Start listening"))
        self.listen_button.setObjectName("listenButton")
        self.listen_button.clicked.connect(self.listenRequested)
        row.addWidget(self.listen_button)
        form.addRow(self.tr("Listen on:"), row)
        explain = QLabel(
            self.tr(
                "The application must have been registered with a public URL that leads to this "
                "address as its <b>approval URL</b> (for example through the company's reverse "
                "proxy or a tunnel). Only a push signed with this consent's secret, for the "
                "passcode above, is accepted."
            )
        )
        explain.setObjectName("listenExplanation")
        explain.setWordWrap(True)
        explain.setTextFormat(Qt.TextFormat.RichText)
        form.addRow(explain)
        return self.listen_panel

    def _paste_panel(self) -> QWidget:
        self.paste_panel = QWidget()
        form = QFormLayout(self.paste_panel)
        form.setContentsMargins(24, 0, 0, 0)
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("pastedKeyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setAccessibleName(self.tr("API key"))
        self.expiration_edit = QLineEdit()
        self.expiration_edit.setObjectName("pastedExpirationEdit")
        self.expiration_edit.setPlaceholderText(self.tr("for example 2026-12-01T10:00:00Z"))
        self.expiration_edit.setAccessibleName(self.tr("Expiration (optional)"))
        self.paste_button = QPushButton(self.tr("&Use this key"))
        self.paste_button.setObjectName("usePastedKeyButton")
        self.paste_button.clicked.connect(self.pasteRequested)
        self.key_edit.textChanged.connect(
            lambda text: self.paste_button.setEnabled(bool(text.strip()))
        )
        self.paste_button.setEnabled(False)
        form.addRow(self.tr("API &key:"), self.key_edit)
        form.addRow(self.tr("Expiration (optional):"), self.expiration_edit)
        form.addRow("", self.paste_button)
        explain = QLabel(
            self.tr(
                "Paste the key your application's own approval URL receiver "
                "got for the passcode above. It is checked with the platform "
                "before it is stored."
            )
        )
        explain.setWordWrap(True)
        form.addRow(explain)
        return self.paste_panel

    # --- state ------------------------------------------------------------------------------
    @property
    def way(self) -> ConsentWay:
        return self._way

    def listen_address(self) -> tuple[str, int]:
        return self.host_edit.text().strip() or DEFAULT_LISTEN_HOST, self.port_spin.value()

    def pasted_text(self) -> str:
        return f"{self.key_edit.text().strip()}\n{self.expiration_edit.text().strip()}"

    def clear_pasted(self) -> None:
        self.key_edit.clear()

    def set_polling_offered(self, offered: bool) -> None:
        """Without 2.2: polling is disabled and the other two ways are offered."""
        self.poll_radio.setEnabled(offered)
        self.polling_note.setVisible(not offered)
        self.polling_note.setText("" if offered else self.tr("Not offered by this platform."))
        if not offered and self.poll_radio.isChecked():
            self.listen_radio.setChecked(True)

    def set_listening(self, listening: bool) -> None:
        self.listen_button.setEnabled(not listening)
        self.host_edit.setReadOnly(listening)
        self.port_spin.setReadOnly(listening)

    def _chosen(self, way: ConsentWay) -> None:
        self._way = way
        self._show_panels()
        self.wayChanged.emit(str(way))

    def _show_panels(self) -> None:
        self.listen_panel.setVisible(self._way == ConsentWay.LISTEN)
        self.paste_panel.setVisible(self._way == ConsentWay.PASTE)
