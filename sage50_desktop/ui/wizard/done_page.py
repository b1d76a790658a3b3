"""Step 4: done. What was stored where, a test call that lists the scopes, open the app."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout

from sage50_desktop.api.models import ScopeList
from sage50_desktop.services.connection import open_connection
from sage50_desktop.storage.credentials import (
    APIKEY_SERVICE,
    INITIAL_APIKEY_SERVICE,
    SECRET_SERVICE,
    store_info,
    unavailable_info,
)
from sage50_desktop.ui import credential_text
from sage50_desktop.ui.wizard.base import StepPage


class DonePage(StepPage):
    """The summary; Finish stores the profile and opens the app."""

    def build(self, layout: QVBoxLayout) -> None:
        self.setTitle(self.tr("Done"))
        self.setSubTitle(self.tr("The connection is ready."))
        self.summary = QLabel()
        self.summary.setObjectName("doneSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.stored = QLabel()
        self.stored.setObjectName("credentialSummary")
        self.stored.setWordWrap(True)
        self.stored.setTextFormat(Qt.TextFormat.RichText)
        self.stored.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.stored)
        self.scopes_caption = QLabel(self.tr("Data sets (scopes) found:"))
        self.scopes_caption.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.scopes_caption)
        self.scopes = QListWidget()
        self.scopes.setObjectName("scopeList")
        self.scopes.setAccessibleName(self.tr("Data sets (scopes) found"))
        self.scopes.setMaximumHeight(110)
        self.scopes_caption.setBuddy(self.scopes)
        layout.addWidget(self.scopes)
        self.next_hint = QLabel(
            self.tr("Click <b>Open the app</b> to save the connection and start working.")
        )
        self.next_hint.setWordWrap(True)
        layout.addWidget(self.next_hint)
        layout.addStretch(1)

    def load(self) -> None:
        frame = self.wizard_frame
        profile = frame.flow.profile()
        locale = QLocale()
        expires = (
            locale.toString(
                profile.key_expiration.astimezone(),  # type: ignore[call-overload]
                QLocale.FormatType.ShortFormat,
            )
            if profile.key_expiration
            else self.tr("unknown")
        )
        rows = (
            (self.tr("Connection"), profile.name),
            (self.tr("Server"), profile.base_url),
            (self.tr("Developer ID"), profile.developer_id),
            (self.tr("Application ID"), profile.application_id),
            (self.tr("Domain"), profile.domain),
            (self.tr("API key expires"), expires),
        )
        self.summary.setText(
            "<table cellspacing='3'>"
            + "".join(f"<tr><td><b>{escape(k)}:</b></td><td>{escape(v)}</td></tr>" for k, v in rows)
            + "</table>"
        )
        try:
            info = store_info(frame.credential_store())
        except Exception:  # reported by the consent step already
            info = unavailable_info()
        backend = info.name or self.tr("unavailable")
        text = (
            self.tr(
                "The secret, the consent's initial API key and the current API key are stored "
                "apart, as three entries in <b>%1</b>: <code>%2</code>, <code>%3</code> and "
                "<code>%5</code> (account <code>%4</code>)."
            )
            .replace("%1", escape(backend))
            .replace("%2", SECRET_SERVICE)
            .replace("%3", INITIAL_APIKEY_SERVICE)
            .replace("%5", APIKEY_SERVICE)
            .replace("%4", profile.id)
        )
        sentence = escape(credential_text.statement(info))
        if info.warn:
            sentence = f"<b>{sentence}</b>"
        self.stored.setText(f"{text} {sentence}")
        self.stored.setProperty("warning", info.warn)
        if not self.data.scopes:
            self.list_scopes()
        else:
            self._show_scopes(self.data.scopes)

    def list_scopes(self) -> None:
        """The test call: the domain's scopes, with the new key."""
        frame = self.wizard_frame
        profile = frame.flow.profile()
        self.scopes.clear()

        async def call() -> ScopeList:
            conn = open_connection(profile, frame.credential_store(), None, frame.network_options())
            try:
                return await conn.client.list_scope_files(profile.domain)
            finally:
                await conn.aclose()

        def listed(result: Any) -> None:
            self.data.scopes = tuple(s.scope for s in result.scopes)
            self._show_scopes(self.data.scopes)

        frame.run(
            self,
            "scopes",
            call,
            on_success=listed,
            busy_text=self.tr("Testing the connection: listing the data sets…"),
        )

    def _show_scopes(self, scopes: tuple[str, ...]) -> None:
        self.scopes.clear()
        if scopes:
            self.scopes.addItems(list(scopes))
        else:
            self.scopes.addItem(self.tr("None published yet: Sage 50 publishes them later."))
