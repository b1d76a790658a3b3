"""The page of an upload scope (orders): where uploads go, and the uploads panel.

The destination bar says unmistakably whether uploads reach the bundled
sandbox or a real Sage 50. The body is :class:`~sage50_desktop.ui.uploads.panel.UploadsPanel`
over the session's :class:`~sage50_desktop.services.uploads.UploadService`
(owned by the session, so unfinished uploads resume at start-up even when
this page is never opened).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sage50_desktop.api import contract
from sage50_desktop.ui import icons, scope_names
from sage50_desktop.ui.pages import Page, PageContext
from sage50_desktop.ui.uploads.panel import UploadsPanel
from sage50_desktop.ui.widgets.infobar import InfoBar
from sage50_desktop.ui.widgets.state_view import StateView


class UploadsPage(Page):
    """An upload scope: destination, then choose, check, send, track, results, history."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("uploadsPage")
        self.panel: UploadsPanel | None = None
        self._pending_upload: str | None = None  # to select once the panel exists
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        header = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("pageTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        header.addWidget(self.title)
        # where uploads go, beside the title: the history below keeps the room
        self.destination = InfoBar("info", "uploadDestination", self)
        header.addWidget(self.destination, 1)
        outer.addLayout(header)
        self.view = StateView(self)
        outer.addWidget(self.view, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.mark_stale()

    def _ensure_panel(self) -> bool:
        """Build the panel once the profile can reach its server (credentials known)."""
        if self.panel is not None:
            return True
        context = self.context
        if not context.profile.onboarded:
            return False
        try:
            service = context.session.uploads
        except Exception:  # no credential store, bad URL: shown as the session's error
            return False
        scopes = contract.UPLOAD_SCOPES.get(context.domain or "", (context.scope or "",))
        self.panel = UploadsPanel(
            service,
            domain=context.domain or "",
            scopes=scopes,
            parent=self.view,
            tasks=context.tasks,
        )
        self.panel.set_scope(context.scope or scopes[0])
        self.panel.consentNeeded.connect(context.request_consent)
        self.panel.start(resume=False)  # the session resumes unfinished uploads
        if self._pending_upload is not None:
            self.panel.select(self._pending_upload)
            self._pending_upload = None
        self.view.set_content(self.panel)
        return True

    def refresh_view(self) -> None:
        context = self.context
        profile = context.profile
        self.title.setText(scope_names.label(context.scope or "") + "  ⇪")
        if profile.is_test:
            self.destination.set_kind("test")
            self.destination.set_icon(icons.icon("sandbox"))
            self.destination.set_text(
                self.tr(
                    "Test connection: uploads go to the bundled sandbox, never to a real Sage 50."
                )
                if profile.sandbox
                else self.tr("Test connection “%1”: uploads go to %2, marked as a test server.")
                .replace("%1", profile.name)
                .replace("%2", profile.base_url)
            )
        else:
            self.destination.set_kind("warning")
            self.destination.set_icon(icons.icon("upload"))
            self.destination.set_text(
                self.tr(
                    "Production connection “%1”: uploads reach the real Sage 50 of this company."
                ).replace("%1", profile.name)
            )
        if context.session.state == "consent" or not self._ensure_panel():
            self.show_session_state(self.view, self.panel is not None)
            return
        self.view.show_content()

    def show_upload(self, upload_id: str) -> None:
        """Select ``upload_id`` in the history, its timeline and result shown."""
        if self.panel is None:
            self._pending_upload = upload_id
            self.mark_stale()
            return
        self.panel.select(upload_id)

    async def aclose(self) -> None:
        """Stop the panel (the session's service keeps tracking)."""
        if self.panel is not None:
            await self.panel.aclose()
