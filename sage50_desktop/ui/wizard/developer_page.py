"""Step 2: who is connecting: existing developer/application IDs, or register (1.1)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.api.contract import ECOMMERCE
from sage50_desktop.api.url_policy import UnsafeUrl, check_browser_url
from sage50_desktop.services.onboarding import register_developer, verify_ids
from sage50_desktop.ui.wizard.base import CheckFactory, StepPage


def _line(name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    return edit


class DeveloperPage(StepPage):
    """The developer and application IDs; registration opens the platform's page."""

    def build(self, layout: QVBoxLayout) -> None:
        self.setTitle(self.tr("Developer and application"))
        self.setSubTitle(
            self.tr(
                "The platform knows your application by two IDs that it "
                "e-mails to you when you register."
            )
        )
        self.have_radio = QRadioButton(self.tr("I &have my developer ID and application ID"))
        self.have_radio.setObjectName("haveIdsRadio")
        self.register_radio = QRadioButton(self.tr("&Register as a new developer"))
        self.register_radio.setObjectName("registerRadio")
        group = QButtonGroup(self)
        group.addButton(self.have_radio)
        group.addButton(self.register_radio)
        layout.addWidget(self.have_radio)
        layout.addWidget(self.register_radio)

        # registration (1.1)
        self.register_box = QGroupBox(self.tr("1. Register"))
        form = QFormLayout(self.register_box)
        self.name_edit = _line("developerNameEdit", self.tr("Your name"))
        self.email_edit = _line("emailEdit", self.tr("E-mail"))
        self.company_edit = _line("companyEdit", self.tr("Company (optional)"))
        self.app_name_edit = _line("applicationNameEdit", self.tr("Application name"))
        self.app_name_edit.setText("Sage 50 Desktop")
        self.approval_url_edit = _line("approvalUrlEdit", self.tr("Approval URL (optional)"))
        self.approval_url_edit.setPlaceholderText("https://shop.example.com/sage50/approval")
        self.approval_url_edit.setToolTip(
            self.tr(
                "Where the platform sends the API key when access is granted. To receive it in "
                "this app, give the public URL that leads to the address this app listens on "
                "(for example through the company's reverse proxy or a tunnel)."
            )
        )
        form.addRow(self.tr("Your name:"), self.name_edit)
        form.addRow(self.tr("E-mail:"), self.email_edit)
        form.addRow(self.tr("Company (optional):"), self.company_edit)
        form.addRow(self.tr("Application name:"), self.app_name_edit)
        form.addRow(self.tr("Approval URL (optional):"), self.approval_url_edit)
        self.register_button = QPushButton(self.tr("Register and open the registration page"))
        self.register_button.setObjectName("registerButton")
        self.register_button.setAccessibleName(self.tr("Register and open the registration page"))
        self.register_button.clicked.connect(self._register)
        button_row = QHBoxLayout()
        button_row.addWidget(self.register_button)
        button_row.addStretch(1)
        form.addRow("", button_row)
        # the platform's registration page: shown as plain text with a Copy button
        self.register_info = QLabel()
        self.register_info.setObjectName("registrationInfo")
        self.register_info.setWordWrap(True)
        self.register_info.setTextFormat(Qt.TextFormat.PlainText)
        self.register_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.register_info.hide()
        self.url_edit = _line("registrationUrlEdit", self.tr("Registration page address"))
        self.url_edit.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setObjectName("copyRegistrationUrl")
        self.copy_button.setAccessibleName(self.tr("Copy the registration page address"))
        self.copy_button.clicked.connect(self._copy_url)
        url_row = QHBoxLayout()
        url_row.setContentsMargins(0, 0, 0, 0)
        url_row.addWidget(self.url_edit, 1)
        url_row.addWidget(self.copy_button)
        self.url_area = QWidget()
        self.url_area.setLayout(url_row)
        self.url_area.hide()
        register_column = QVBoxLayout()
        register_column.setContentsMargins(0, 0, 0, 0)
        register_column.addWidget(self.register_box)
        register_column.addWidget(self.url_area)
        register_column.addWidget(self.register_info)
        self.register_area = QWidget()
        self.register_area.setLayout(register_column)
        layout.addWidget(self.register_area)

        # the IDs
        self.ids_box = QGroupBox(self.tr("Your IDs"))
        ids = QFormLayout(self.ids_box)
        self.developer_edit = _line("developerIdEdit", self.tr("Developer ID"))
        self.application_edit = _line("applicationIdEdit", self.tr("Application ID"))
        self.domain_combo = QComboBox()
        self.domain_combo.setObjectName("domainCombo")
        self.domain_combo.setEditable(True)
        self.domain_combo.addItem(ECOMMERCE)
        self.domain_combo.setAccessibleName(self.tr("Domain"))
        for label, widget in (
            (self.tr("&Developer ID:"), self.developer_edit),
            (self.tr("&Application ID:"), self.application_edit),
            (self.tr("D&omain:"), self.domain_combo),
        ):
            buddy = QLabel(label)
            buddy.setTextFormat(Qt.TextFormat.PlainText)
            buddy.setBuddy(widget)
            ids.addRow(buddy, widget)
        self.demo_note = QLabel(self.tr("These are the sandbox's demo IDs."))
        self.demo_note.setTextFormat(Qt.TextFormat.PlainText)
        self.demo_note.setObjectName("demoNote")
        self.demo_note.setEnabled(False)
        ids.addRow(self.demo_note)
        layout.addWidget(self.ids_box)

        self.extra_check = QCheckBox(
            self.tr("Also register &another application for this developer (next step)")
        )
        self.extra_check.setObjectName("extraApplicationCheck")
        layout.addWidget(self.extra_check)
        layout.addStretch(1)

        self.have_radio.toggled.connect(self._mode_changed)
        for edit in (self.developer_edit, self.application_edit):
            edit.textChanged.connect(self._input_changed)
        self.domain_combo.editTextChanged.connect(self._input_changed)
        for edit in (self.name_edit, self.email_edit, self.app_name_edit):
            edit.textChanged.connect(self._register_input_changed)

    def load(self) -> None:
        d = self.data
        self.developer_edit.setText(d.developer_id)
        self.application_edit.setText(d.application_id)
        self.domain_combo.setEditText(d.domain)
        self.extra_check.setChecked(d.register_extra_application)
        info = self.wizard_frame.sandbox_info
        self.demo_note.setVisible(
            bool(d.sandbox and info is not None and d.developer_id == info.developer_id)
        )
        if self.register_info.isHidden():
            self.have_radio.setChecked(bool(d.developer_id) or d.sandbox)
            self.register_radio.setChecked(not self.have_radio.isChecked())
        self._mode_changed()
        self._register_input_changed()

    def _mode_changed(self) -> None:
        registering = self.register_radio.isChecked()
        self.register_area.setVisible(registering)
        info = self.wizard_frame.sandbox_info
        if (
            registering
            and info is not None
            and self.developer_edit.text().strip() == info.developer_id
        ):
            self.developer_edit.clear()  # the demo IDs are not the ones being registered
            self.application_edit.clear()
        self.ids_box.setTitle(
            self.tr("2. Paste the IDs from the e-mail") if registering else self.tr("Your IDs")
        )
        self._input_changed()

    def _input_changed(self) -> None:
        info = self.wizard_frame.sandbox_info
        self.demo_note.setVisible(
            bool(
                self.data.sandbox
                and info is not None
                and self.developer_edit.text().strip() == info.developer_id
            )
        )
        self.set_valid(
            all(
                w.strip()
                for w in (
                    self.developer_edit.text(),
                    self.application_edit.text(),
                    self.domain_combo.currentText(),
                )
            )
        )

    def _register_input_changed(self) -> None:
        ok = all(e.text().strip() for e in (self.name_edit, self.email_edit, self.app_name_edit))
        ok = ok and "@" in self.email_edit.text()
        self.register_button.setEnabled(ok and not self.wizard_frame.running(self, "register"))

    def _register(self) -> None:
        name, email = self.name_edit.text().strip(), self.email_edit.text().strip()
        company = self.company_edit.text().strip() or None
        app_name = self.app_name_edit.text().strip()
        domain = self.domain_combo.currentText().strip() or ECOMMERCE
        approval_url = self.approval_url_edit.text().strip() or None

        async def call() -> Any:
            return await register_developer(
                self.wizard_frame.client(),
                name=name,
                email=email,
                app_name=app_name,
                domain=domain,
                company=company,
                approval_url=approval_url,
            )

        def registered(result: Any) -> None:
            self.show_registration(result.registration_url, email)

        self.wizard_frame.run(
            self, "register", call, on_success=registered, busy_text=self.tr("Registering…")
        )

    def show_registration(self, url: str, email: str) -> None:
        """Show the platform's registration page address (plain text) and open it if safe."""
        steps = self.tr(
            "1. On that page, answer the simple question that shows you are a person.\n"
            "2. The platform then sends an e-mail to %2 with your developer ID and "
            "application ID. It can take a few minutes; check the spam folder too.\n"
            "3. Copy both IDs into the fields below and click Next."
        ).replace("%2", email)
        try:
            safe = check_browser_url(url)
        except UnsafeUrl:
            self.url_edit.clear()
            self.url_area.hide()
            self.register_info.setText(
                self.tr(
                    "The platform gave a registration page address that is not a secure "
                    "(https) web address, so it was not opened. Check the server address of "
                    "this connection."
                )
                + "\n\n"
                + steps
            )
            self.register_info.show()
            return
        self.url_edit.setText(safe)
        self.url_edit.setCursorPosition(0)
        self.register_info.setText(
            self.tr(
                "The registration page is open in your browser. If it did not open, copy the "
                "address above into the browser."
            )
            + "\n\n"
            + steps
        )
        self.register_info.show()
        self.url_area.show()
        self.developer_edit.setFocus()
        self.wizard_frame.open_url(safe)

    def _copy_url(self) -> None:
        QGuiApplication.clipboard().setText(self.url_edit.text())

    def store(self) -> bool:
        d = self.data
        d.developer_id = self.developer_edit.text().strip()
        d.application_id = self.application_edit.text().strip()
        d.domain = self.domain_combo.currentText().strip()
        d.register_extra_application = self.extra_check.isChecked()
        return True

    def check_before_next(self) -> tuple[str, CheckFactory] | None:
        dev, app = self.data.developer_id, self.data.application_id

        async def check() -> Any:
            await verify_ids(self.wizard_frame.client(), dev, app)

        return self.tr("Checking the IDs with the platform…"), check
