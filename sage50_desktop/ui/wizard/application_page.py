"""Optional step: register one more application of the developer (1.2)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from sage50_desktop.services.onboarding import register_application
from sage50_desktop.ui.wizard.base import StepPage


class ApplicationPage(StepPage):
    """Registers another application; the consent step then uses its ID."""

    def build(self, layout: QVBoxLayout) -> None:
        self.setTitle(self.tr("Another application"))
        self.setSubTitle(
            self.tr(
                "Each program that uses the platform has its own application "
                "ID. Register one more for this developer."
            )
        )
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("extraApplicationNameEdit")
        self.name_edit.setAccessibleName(self.tr("Application name"))
        self.domain_edit = QLineEdit()
        self.domain_edit.setObjectName("extraApplicationDomainEdit")
        self.domain_edit.setAccessibleName(self.tr("Domain"))
        self.approval_url_edit = QLineEdit()
        self.approval_url_edit.setObjectName("extraApprovalUrlEdit")
        self.approval_url_edit.setAccessibleName(self.tr("Approval URL (optional)"))
        self.approval_url_edit.setPlaceholderText("https://shop.example.com/sage50/approval")
        self.approval_url_edit.setToolTip(
            self.tr(
                "Where the platform sends the API key when access is granted. To receive it in "
                "this app, give the public URL that leads to the address this app listens on "
                "(for example through the company's reverse proxy or a tunnel)."
            )
        )
        for text, widget in (
            (self.tr("Application &name:"), self.name_edit),
            (self.tr("D&omain:"), self.domain_edit),
            (self.tr("A&pproval URL (optional):"), self.approval_url_edit),
        ):
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout.addLayout(form)
        self.register_button = QPushButton(self.tr("Register the application"))
        self.register_button.setObjectName("registerApplicationButton")
        self.register_button.setAccessibleName(self.tr("Register the application"))
        self.register_button.clicked.connect(self._register)
        layout.addWidget(self.register_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.result = QLabel()
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setObjectName("extraApplicationResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.name_edit.textChanged.connect(self._input_changed)
        self.domain_edit.textChanged.connect(self._input_changed)

    def load(self) -> None:
        d = self.data
        self.domain_edit.setText(d.domain)
        if not self.name_edit.text():
            self.name_edit.setText(self.tr("Sage 50 Desktop (%1)").replace("%1", d.profile_name))
        self._show_result()

    def _show_result(self) -> None:
        app_id = self.data.extra_application_id
        if app_id:
            self.result.setText(
                self.tr("Registered. Its application ID is %1; the next steps use it.").replace(
                    "%1", app_id
                )
            )
        else:
            self.result.setText("")
        self._input_changed()

    def _input_changed(self) -> None:
        registered = bool(self.data.extra_application_id)
        fields_ok = bool(self.name_edit.text().strip() and self.domain_edit.text().strip())
        self.register_button.setEnabled(fields_ok and not registered)
        self.name_edit.setReadOnly(registered)
        self.domain_edit.setReadOnly(registered)
        self.approval_url_edit.setReadOnly(registered)
        self.set_valid(registered)

    def _register(self) -> None:
        d = self.data
        name, domain = self.name_edit.text().strip(), self.domain_edit.text().strip()
        approval_url = self.approval_url_edit.text().strip() or None

        async def call() -> Any:
            return await register_application(
                self.wizard_frame.client(),
                d.developer_id,
                app_name=name,
                domain=domain,
                approval_url=approval_url,
            )

        def registered(app_id: Any) -> None:
            d.extra_application_id = str(app_id)
            d.domain = domain
            self._show_result()

        self.wizard_frame.run(
            self,
            "register",
            call,
            on_success=registered,
            busy_text=self.tr("Registering the application…"),
        )
