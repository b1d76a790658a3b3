"""Step 1: where the Sage 50 Cloud API is: the bundled sandbox or a custom address."""

from __future__ import annotations

from typing import Any

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
)

from sage50_desktop.services.onboarding_flow import check_server
from sage50_desktop.ui.wizard.base import CheckFactory, StepPage


class EnvironmentPage(StepPage):
    """The server to connect to, and the connection's name."""

    def build(self, layout: QVBoxLayout) -> None:
        self.setTitle(self.tr("Where is the Sage 50 Cloud API?"))
        self.setSubTitle(
            self.tr(
                "Choose the server this connection talks to. You can add more connections later."
            )
        )
        self.sandbox_radio = QRadioButton(
            self.tr(
                "The bundled &sandbox (try the app with demo data, nothing leaves this computer)"
            )
        )
        self.sandbox_radio.setObjectName("sandboxRadio")
        self.sandbox_note = QLabel()
        self.sandbox_note.setTextFormat(Qt.TextFormat.PlainText)
        self.sandbox_note.setObjectName("sandboxNote")
        self.sandbox_note.setWordWrap(True)
        self.sandbox_note.setIndent(24)
        self.custom_radio = QRadioButton(self.tr("A Sage 50 Cloud &server at this address:"))
        self.custom_radio.setObjectName("customRadio")
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("baseUrlEdit")
        self.url_edit.setPlaceholderText("https://api.example.com")
        self.url_edit.setAccessibleName(self.tr("Server address"))
        self.insecure_check = QCheckBox(
            self.tr("Allow plain http:// to this server (not encrypted; only for test servers)")
        )
        self.insecure_check.setObjectName("insecureHttpCheck")
        group = QButtonGroup(self)
        group.addButton(self.sandbox_radio)
        group.addButton(self.custom_radio)
        custom = QVBoxLayout()
        custom.setContentsMargins(24, 0, 0, 0)
        custom.addWidget(self.url_edit)
        custom.addWidget(self.insecure_check)
        layout.addWidget(self.sandbox_radio)
        layout.addWidget(self.sandbox_note)
        layout.addSpacing(8)
        layout.addWidget(self.custom_radio)
        layout.addLayout(custom)
        layout.addSpacing(12)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("profileNameEdit")
        self.name_edit.setAccessibleName(self.tr("Connection name"))
        name_label = QLabel(self.tr("Connection &name:"))
        name_label.setTextFormat(Qt.TextFormat.PlainText)
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, self.name_edit)
        layout.addLayout(form)
        explain = QLabel(self.tr("Next checks that the server answers."))
        explain.setTextFormat(Qt.TextFormat.PlainText)
        explain.setWordWrap(True)
        explain.setEnabled(False)
        layout.addWidget(explain)
        layout.addStretch(1)
        self.sandbox_radio.toggled.connect(self._mode_changed)
        self.custom_radio.toggled.connect(self._mode_changed)
        self.url_edit.textChanged.connect(self._input_changed)
        self.name_edit.textChanged.connect(self._input_changed)
        self._auto_name = ""

    def load(self) -> None:
        info = self.wizard_frame.sandbox_info
        d = self.data
        if info is None:
            self.sandbox_radio.setEnabled(False)
            self.sandbox_note.setText(self.tr("The bundled sandbox is not running."))
        else:
            self.sandbox_note.setText(
                self.tr(
                    "Runs on this computer at %1. The demo developer and application IDs "
                    "are filled in for you."
                ).replace("%1", info.base_url)
            )
        use_sandbox = info is not None and (d.sandbox or not d.base_url)
        self.sandbox_radio.setChecked(use_sandbox)
        self.custom_radio.setChecked(not use_sandbox)
        self.url_edit.setText("" if d.sandbox else d.base_url)
        self.insecure_check.setChecked(d.allow_insecure_http)
        self.name_edit.setText(d.profile_name)
        self._mode_changed()

    def _mode_changed(self) -> None:
        custom = self.custom_radio.isChecked()
        self.url_edit.setEnabled(custom)
        self.insecure_check.setEnabled(custom)
        name = self.name_edit.text().strip()
        if not name or name == self._auto_name:
            self._auto_name = self._suggest_name()
            self.name_edit.setText(self._auto_name)
        self._input_changed()

    def _suggest_name(self) -> str:
        if self.sandbox_radio.isChecked():
            base = self.tr("Sandbox")
        else:
            try:
                base = httpx.URL(self.url_edit.text().strip()).host or self.tr("Sage 50 Cloud")
            except Exception:  # httpx.InvalidURL and friends while typing
                base = self.tr("Sage 50 Cloud")
        name, n = base, 2
        profiles = self.wizard_frame.runtime.profiles
        while profiles.find(name) is not None:
            name, n = f"{base} {n}", n + 1
        return name

    def _input_changed(self) -> None:
        if self.custom_radio.isChecked() and self.sender() is self.url_edit:
            name = self.name_edit.text().strip()
            if not name or name == self._auto_name:
                self._auto_name = self._suggest_name()
                self.name_edit.blockSignals(True)
                self.name_edit.setText(self._auto_name)
                self.name_edit.blockSignals(False)
        ok = bool(self.name_edit.text().strip()) and (
            self.sandbox_radio.isChecked() or bool(self.url_edit.text().strip())
        )
        self.set_valid(ok)

    def store(self) -> bool:
        d = self.data
        info = self.wizard_frame.sandbox_info
        was_sandbox = d.sandbox
        if self.sandbox_radio.isChecked() and info is not None:
            d.base_url, d.sandbox, d.allow_insecure_http = info.base_url, True, False
            if not d.developer_id:
                d.developer_id, d.application_id = info.developer_id, info.application_id
                d.domain = info.domain
        else:
            url = self.url_edit.text().strip()
            if url and "://" not in url:
                url = "https://" + url
                self.url_edit.setText(url)
            d.base_url, d.sandbox = url.rstrip("/"), False
            d.allow_insecure_http = self.insecure_check.isChecked()
            if was_sandbox and info is not None and d.developer_id == info.developer_id:
                d.developer_id = d.application_id = ""  # the demo IDs exist only there
        d.profile_name = self.name_edit.text().strip()
        if self.wizard_frame.runtime.profiles.find(d.profile_name) is not None:
            self.show_inline(
                self.tr("A connection named “%1” exists already. Choose another name.").replace(
                    "%1", d.profile_name
                )
            )
            self.name_edit.setFocus()
            return False
        return True

    def check_before_next(self) -> tuple[str, CheckFactory] | None:
        async def probe() -> Any:
            await check_server(self.wizard_frame.client())

        return (
            self.tr("Checking that the server at %1 answers…").replace("%1", self.data.base_url),
            probe,
        )
