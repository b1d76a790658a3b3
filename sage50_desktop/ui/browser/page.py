"""The page of a download scope (data set).

This version shows what the API says about the scope's published file (4.1
listing and 4.2 details: version, publication time, size, checksum) and can
save a verified copy of the file; the snapshot browser (records, search,
history, compare) replaces the body of :class:`ScopePage` when the sync
engine lands. Keep the class name and the ``(context, parent)`` signature.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.api.errors import ScopeNotFound
from sage50_desktop.api.models import ScopeFileInfo
from sage50_desktop.services import activity as A
from sage50_desktop.services.tasks import report_progress
from sage50_desktop.ui import i18n, icons, scope_names
from sage50_desktop.ui.pages import Page, PageContext
from sage50_desktop.ui.widgets.state_view import StateView


class ScopePage(Page):
    """A download scope: its published version and a verified copy on demand."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("scopePage")
        self.details: ScopeFileInfo | None = None
        self.details_error: BaseException | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        header = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        header.addWidget(self.title)
        self.badge = QLabel(self)
        self.badge.setObjectName("newVersionBadge")
        header.addWidget(self.badge)
        header.addStretch(1)
        self.check_button = QPushButton(icons.icon("refresh"), "", self)
        self.check_button.setObjectName("checkVersionButton")
        self.check_button.clicked.connect(self.check_now)
        header.addWidget(self.check_button)
        self.save_button = QPushButton(icons.icon("export"), "", self)
        self.save_button.setObjectName("saveCopyButton")
        self.save_button.clicked.connect(self.save_copy)
        header.addWidget(self.save_button)
        outer.addLayout(header)

        self.view = StateView(self)
        body = QWidget(self.view)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        facts = QFrame(body)
        facts.setFrameShape(QFrame.Shape.StyledPanel)
        self.form = QFormLayout(facts)
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in ("version", "published", "size", "sha256", "file", "fetched"):
            label, value = QLabel(facts), QLabel(facts)
            value.setObjectName(f"scope_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setBuddy(value)
            self.labels[key], self.values[key] = label, value
            self.form.addRow(label, value)
        body_layout.addWidget(facts)
        self.local_note = QLabel(body)
        self.local_note.setObjectName("localVersionNote")
        self.local_note.setWordWrap(True)
        body_layout.addWidget(self.local_note)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar(body)
        self.progress.setObjectName("downloadProgress")
        self.progress_text = QLabel(body)
        self.cancel_button = QPushButton(body)
        self.cancel_button.setObjectName("cancelDownload")
        self.cancel_button.clicked.connect(
            lambda: self.context.tasks.cancel(self.context.task_name("download")))
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.progress_text)
        progress_row.addWidget(self.cancel_button)
        body_layout.addLayout(progress_row)
        body_layout.addStretch(1)
        self.view.set_content(body)
        outer.addWidget(self.view, 1)
        self._progress_timer = QTimer(self)
        self._progress_timer.setInterval(200)
        self._progress_timer.timeout.connect(self._show_progress)
        self._set_progress_visible(False)
        self.retranslate()

    # --- hooks --------------------------------------------------------------------------
    def retranslate(self) -> None:
        names = {"version": self.tr("Published version"), "published": self.tr("Published"),
                 "size": self.tr("Size"), "sha256": self.tr("SHA-256"),
                 "file": self.tr("File name"), "fetched": self.tr("Checked")}
        for key, text in names.items():
            self.labels[key].setText(text + ":")
        self.check_button.setText(self.tr("&Check for a new version"))
        self.save_button.setText(self.tr("&Save a copy…"))
        self.save_button.setToolTip(self.tr("Download the published file, verify its "
                                            "checksum and save it where you choose"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.badge.setText(self.tr("● New version"))
        self.local_note.setText(self.tr(
            "No version of this data set has been downloaded into the app yet. Save a copy "
            "of the published file to open it elsewhere."))

    def activate(self) -> None:
        super().activate()
        if self.details is None and self.context.session.listing is not None:
            self.check_now(quiet=True)
        if self.context.tasks.is_running(self.context.task_name("download")):
            self._progress_timer.start()

    def deactivate(self) -> None:
        super().deactivate()
        self._progress_timer.stop()

    def refresh_view(self) -> None:
        context = self.context
        session = context.session
        self.title.setText(scope_names.label(context.scope or ""))
        self.title.setToolTip(f"{context.domain}/{context.scope}")
        listing = session.listing
        summary = listing.get(context.scope or "") if listing else None
        self.badge.setVisible(bool(listing and listing.has_new_version(context.scope or "")))
        if not self.show_session_state(self.view, listing is not None):
            self._enable(False)
            return
        if summary is None:
            self.view.show_empty(
                self.tr("Not published yet"),
                self.tr("Sage 50 has not published this data set yet. The app checks again "
                        "every few minutes; you can also check now."),
                (self.tr("Check now"), lambda: session.refresh()), icons.icon("scope"))
            self._enable(False)
            return
        self._enable(True)
        self.values["version"].setText(summary.version)
        self.values["published"].setText(i18n.format_datetime(summary.last_modified))
        self.values["size"].setText(self.tr("%1 (%2 bytes)").replace(
            "%1", i18n.format_bytes(summary.size)).replace("%2", i18n.format_number(summary.size)))
        self.values["sha256"].setText(summary.sha256)
        self.values["file"].setText(self.details.file_name if self.details else "—")
        self.values["fetched"].setText(i18n.format_datetime(listing.fetched_at, seconds=True))
        if self.active:
            session.mark_seen(context.scope or "")

    # --- actions ---------------------------------------------------------------------------
    def check_now(self, quiet: bool = False) -> None:
        """Read the scope's details (4.2) and refresh the listing."""
        context = self.context

        async def check() -> None:
            try:
                self.details = await context.connection.client.get_scope_file(
                    context.domain or "", context.scope or "")
            except ScopeNotFound:
                self.details = None
            self.mark_stale()

        context.tasks.start(context.task_name("scope-details"), check(), kind=A.KIND_REFRESH,
                            subject=scope_names.label(context.scope or ""),
                            target=context.target, quiet=True, if_running="keep")
        if not quiet:
            context.session.refresh()

    def save_copy(self) -> None:
        context = self.context
        suggested = str(Path.home() / f"{context.scope}.json")
        if self.details is not None:
            suggested = str(Path.home() / self.details.file_name)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy of the data set"),
                                              suggested, self.tr("JSON files (*.json)"))
        if not path:
            return
        self.start_download(Path(path))

    def start_download(self, dest: Path) -> None:
        """Download the published file to ``dest`` (task ``download:…``, verified)."""
        context = self.context
        client = context.connection.client
        domain, scope = context.domain or "", context.scope or ""

        async def refresh_url() -> str:
            info = await client.get_scope_file(domain, scope)
            assert info is not None
            return info.download_url

        async def download() -> Path:
            info = await client.get_scope_file(domain, scope)
            assert info is not None
            self.details = info
            report_progress(0, info.size, f"version {info.version}")
            return await client.download_file(
                info.download_url, dest, sha256=info.sha256, size=info.size,
                progress=lambda done, total: report_progress(done, total or info.size),
                refresh_url=refresh_url)

        context.tasks.start(context.task_name("download"), download(), kind=A.KIND_DOWNLOAD,
                            subject=scope_names.label(scope), target=context.target,
                            if_running="keep")
        self._progress_timer.start()
        self._show_progress()

    # --- internals ----------------------------------------------------------------------------
    def _enable(self, enabled: bool) -> None:
        self.save_button.setEnabled(enabled)

    def _set_progress_visible(self, visible: bool) -> None:
        for widget in (self.progress, self.progress_text, self.cancel_button):
            widget.setVisible(visible)

    def _show_progress(self) -> None:
        info = self.context.tasks.get(self.context.task_name("download"))
        if info is None:
            self._progress_timer.stop()
            self._set_progress_visible(False)
            return
        self._set_progress_visible(True)
        fraction = info.fraction
        if fraction is None:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(fraction * 1000))
        if info.done is not None and info.total:
            self.progress_text.setText(f"{i18n.format_bytes(info.done)} / "
                                       f"{i18n.format_bytes(info.total)}")
        elapsed = (datetime.now(UTC) - info.started_at).total_seconds()
        self.progress.setToolTip(self.tr("Running for %n second(s)", "", int(elapsed)))
