"""The Uploads panel: pick and check a file, upload it, follow it to the end, read the result.

:class:`UploadsPanel` (objectName ``uploadPanel``) sits on one
:class:`~sage50_desktop.services.uploads.UploadService` and holds no globals.
Every action runs as a named task — in the app's task registry when the host
hands one in (the Uploads page does), else a plain asyncio task; the panel
keeps them and cancels them in :meth:`UploadsPanel.shutdown`. The
service's events only mark things stale; timers redraw (the history model,
the transfer meter, the selected upload's detail).

Host it with ``UploadsPanel(service, domain=..., scopes=...)``; it loads the
history and resumes unfinished uploads when first shown (or on
:meth:`UploadsPanel.start`); ``await panel.aclose()`` before closing the service.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QFileDialog, QSplitter, QVBoxLayout, QWidget

from sage50_desktop.api import errors as E
from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.services.activity import KIND_UPLOAD, target_for
from sage50_desktop.services.tasks import FAILED, TaskInfo, TaskRegistry
from sage50_desktop.services.uploads import (
    DuplicateOrders,
    UploadLinkExpired,
    UploadService,
    ValidationFailed,
)
from sage50_desktop.services.validation import ValidationReport
from sage50_desktop.storage.upload_store import LocalState, UploadRecord
from sage50_desktop.ui import errors, i18n, icons
from sage50_desktop.ui.bridge import GuiBridge
from sage50_desktop.ui.uploads import status_text
from sage50_desktop.ui.uploads.file_picker import local_file
from sage50_desktop.ui.uploads.history_model import (
    COL_SCOPE,
    IdRole,
    UploadFilterProxy,
    UploadHistoryModel,
)
from sage50_desktop.ui.uploads.notifier import UploadNotifier
from sage50_desktop.ui.uploads.panel_actions import TAB_RESULT, TAB_TRACKING, PanelActions
from sage50_desktop.ui.uploads.panel_parts import DetailsTabs, HistoryPane, PickBar, SendBar
from sage50_desktop.ui.uploads.record_editor import RecordEditorDialog
from sage50_desktop.ui.uploads.resend_dialog import ResendDialog
from sage50_desktop.ui.uploads.service_events import UploadEvents
from sage50_desktop.ui.uploads.validation_view import ValidationReportView
from sage50_desktop.ui.widgets.infobar import InfoBar

log = logging.getLogger(__name__)


class UploadsPanel(PanelActions):
    """Uploads of one connection: choose, check, upload, track, result, history, retry.

    Args:
        service: the connection's upload service (the host owns and closes it).
        domain: the connection's domain.
        scopes: the upload scopes offered (``contract.UPLOAD_SCOPES[domain]``).
        use_tray: desktop notifications through the system tray; ``None``: when available.
        tasks: the app's task registry: the panel's actions run in it as quiet tasks
            (``uploads-panel:<profile>:<action>:<n>``; a failure shows in the panel and in
            Activity). Without one (a panel hosted alone) plain asyncio tasks are used.

    Signals:
        uploadFinished(str, str): an upload ended (id, final status).
        consentNeeded(): an action failed because consent is missing or withdrawn.
    """

    uploadFinished = Signal(str, str)
    consentNeeded = Signal()

    def __init__(
        self,
        service: UploadService,
        *,
        domain: str,
        scopes: Sequence[str],
        parent: QWidget | None = None,
        use_tray: bool | None = None,
        tasks: TaskRegistry | None = None,
    ) -> None:
        super().__init__(parent)
        self.registry = tasks
        self._registry_names: set[str] = set()
        self._spawned = 0
        self.setObjectName("uploadPanel")
        self.setAcceptDrops(True)
        self.service = service
        self.domain = domain
        self.scopes = tuple(scopes)
        self.file: Path | None = None
        self.report: ValidationReport | None = None
        self.link_to: str | None = None  # the next upload fixes this one
        self.selected_id: str | None = None
        self.sending_id: str | None = None
        self.uploading = False
        self.started = False
        self._closed = False
        self._check_generation = 0
        self._tasks: set[asyncio.Task[Any]] = set()
        self._notice_action: Callable[[], object] | None = None
        self._dialogs: list[QWidget] = []
        self._pending_select = False  # select the next upload the service adds
        self._show_result_tab = False  # switch to the result once it is loaded
        self.editor: RecordEditorDialog | None = None
        self.resend_dialog: ResendDialog | None = None  # the duplicate-order question
        self._build()
        if tasks is not None:
            self._task_bridge = GuiBridge(self)  # detaches itself with the panel
            self._task_bridge.subscribe(tasks.finished, self._registry_finished)
        self.events = UploadEvents(service, self)
        self.events.added.connect(self._on_added)
        self.events.statusChanged.connect(lambda uid, *_: self._changed(uid))
        self.events.transferProgress.connect(self._on_transfer)
        self.events.resultReady.connect(self._on_result)
        self.events.finished.connect(self._on_finished)
        self.events.failed.connect(self._on_failed)
        self.notifier = UploadNotifier(
            self.window, self._in_app_notice, icons.icon("app"), self, use_tray=use_tray
        )
        self.retranslate()
        self._update_actions()

    def _build(self) -> None:
        """The panel's parts (their own widgets, see :mod:`.panel_parts`) and the wiring.

        Top: the data set and the drop zone, the link to a corrected upload, the
        validation report, the upload button with the byte progress.
        Below, side by side: the history (filter, table, actions) and the details
        (a notice over the timeline and result).
        """
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pick_bar = PickBar(self.scopes, self)
        self.pick_bar.scopeChanged.connect(self._recheck)
        self.pick_bar.chooseRequested.connect(lambda: self.open_file_dialog())
        outer.addWidget(self.pick_bar)
        self.scope_label, self.scope_box = self.pick_bar.scope_label, self.pick_bar.scope_box
        self.drop_zone = self.pick_bar.drop_zone
        self.link_bar = InfoBar("info", "uploadLinkBar", self, closable=True)
        self.link_bar.closed.connect(self._unlink)
        self.link_bar.hide()
        outer.addWidget(self.link_bar)
        self.validation = ValidationReportView(self)
        # a few problems at a time (it scrolls): the history below keeps its room at 1024×700
        self.validation.table.setMaximumHeight(110)
        outer.addWidget(self.validation)
        self.send_bar = SendBar(self)
        self.send_bar.uploadRequested.connect(self.start_upload)
        outer.addWidget(self.send_bar)
        self.upload_button = self.send_bar.upload_button
        self.transfer_bar = self.send_bar.transfer_bar
        self.transfer_text = self.send_bar.transfer_text

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("uploadSplitter")
        self.model = UploadHistoryModel(
            lambda: self.service.list_uploads(), self.service.get, self, tasks=self.registry
        )
        self.proxy = UploadFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.history_pane = HistoryPane(self.proxy, splitter)
        pane = self.history_pane
        pane.searchChanged.connect(self.proxy.set_text)
        pane.groupChanged.connect(self.proxy.set_group)
        pane.currentChanged.connect(self._row_changed)
        pane.reuploadRequested.connect(lambda: self.reupload_selected())
        pane.cancelRequested.connect(lambda: self.cancel_selected())
        pane.resumeRequested.connect(lambda: self.resume_selected())
        self.history_label, self.history_search = pane.history_label, pane.history_search
        self.history_group, self.history_state = pane.history_group, pane.history_state
        self.history = pane.history
        # one upload scope (orders): its "Data set" column would say the same on every row
        self.history.setColumnHidden(COL_SCOPE, len(self.scopes) <= 1)
        self.reupload_button, self.cancel_button = pane.reupload_button, pane.cancel_button
        self.resume_button = pane.resume_button
        # the details column: notices about uploads over the timeline and result; there
        # they never push the history (or the drop zone) down as results arrive
        right = QWidget(splitter)
        right.setObjectName("uploadDetailsColumn")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(4)
        self.notice = InfoBar("info", "uploadNotice", right, closable=True)
        self.notice.actionTriggered.connect(self._notice_clicked)
        self.notice.hide()
        right_layout.addWidget(self.notice)
        self.details = DetailsTabs(right)
        right_layout.addWidget(self.details, 1)
        self.timeline, self.result_view = self.details.timeline, self.details.result_view
        self.result_view.openRequested.connect(self.open_result)
        self.result_view.saveRequested.connect(lambda uid: self.save_result(uid))
        self.result_view.fixRequested.connect(lambda uid: self.fix_rejected(uid))
        self.result_view.correctedFileRequested.connect(
            lambda uid: self.open_file_dialog(link_to=uid)
        )
        splitter.addWidget(pane)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        # history and details share the width (45:55), whatever their contents ask for
        splitter.setSizes([4500, 5500])
        outer.addWidget(splitter, 1)

        self.model.modelReset.connect(self._history_loaded)
        self.model.rowsInserted.connect(self._rows_inserted)
        self.model.dataChanged.connect(self._rows_changed)
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(80)
        self._detail_timer.timeout.connect(self._refresh_detail)
        self._tick = QTimer(self)
        self._tick.setInterval(200)
        self._tick.timeout.connect(self._draw_transfer)

    def retranslate(self) -> None:
        self.scope_label.setText(self.tr("&Data set (scope)"))
        self.upload_button.setText(self.tr("&Upload"))
        self.history_label.setText(self.tr("History"))
        # a short placeholder (the field is narrow at 1024 px); what it filters in the tooltip
        self.history_search.setPlaceholderText(self.tr("Filter…"))
        self.history_search.setToolTip(self.tr("Filter by file, status or id…"))
        self.history_search.setAccessibleName(self.tr("Filter the history"))
        current = max(0, self.history_group.currentIndex())
        self.history_group.blockSignals(True)
        self.history_group.clear()
        for text, data in (
            (self.tr("All uploads"), ""),
            (self.tr("Under way"), "active"),
            (self.tr("Need attention"), "problem"),
            (self.tr("Finished"), "done"),
        ):
            self.history_group.addItem(text, data)
        self.history_group.setCurrentIndex(current)
        self.history_group.blockSignals(False)
        self.history.setAccessibleName(self.tr("Upload history"))
        self.reupload_button.setText(self.tr("&Re-upload"))
        self.reupload_button.setToolTip(
            self.tr("Upload the same file again as a new upload, linked to this one.")
        )
        self.cancel_button.setText(self.tr("&Cancel tracking"))
        self.resume_button.setText(self.tr("Resume &tracking"))
        self.details.setTabText(TAB_TRACKING, self.tr("Tracking"))
        self.details.setTabText(TAB_RESULT, self.tr("Result"))
        self._draw_link()
        self._update_actions()
        self._draw_history_state()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 6)
        super().changeEvent(event)

    # --- lifecycle ------------------------------------------------------------------------
    def start(self, *, resume: bool = True) -> None:
        """Load the history and (``resume``) pick unfinished uploads up again. Idempotent."""
        if self.started or self._closed:
            return
        self.started = True
        self.model.reload()
        if resume:
            self._spawn(self._resume_all(), "resume-all")

    async def _resume_all(self) -> None:
        for upload_id in await self.service.resume_all():
            self.model.mark_stale(upload_id)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        if not self.started and not self._closed:
            self.start()

    def shutdown(self) -> None:
        """Stop listening and cancel the panel's tasks (the service's uploads keep going)."""
        if self._closed:
            return
        self._closed = True
        self.events.detach()
        self._detail_timer.stop()
        self._tick.stop()
        self.model.stop()
        self.notifier.close()
        for dialog in self._dialogs:
            dialog.close()
        for task in self._tasks:
            task.cancel()

    async def aclose(self) -> None:
        """:meth:`shutdown` and wait for the cancelled tasks to end."""
        self.shutdown()
        tasks = list(self._tasks)
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        await self.model.settle()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        self.shutdown()
        super().closeEvent(event)

    def _spawn(self, coro: Coroutine[Any, Any, Any], what: str) -> asyncio.Task[Any] | None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the loop is not running (shutdown): nothing can run anymore
            loop = None
        if self._closed or loop is None:
            coro.close()
            return None
        if self.registry is not None:
            self._spawned += 1
            name = f"uploads-panel:{self.service.profile_id}:{what}:{self._spawned}"
            try:
                info = self.registry.start(
                    name,
                    coro,
                    kind=KIND_UPLOAD,
                    subject=self.service.connection.profile.name,
                    target=target_for(self.service.profile_id, self.domain, self.scope),
                    quiet=True,
                )
            except RuntimeError:  # the app is shutting down
                return None
            assert info.task is not None
            self._registry_names.add(name)
            task: asyncio.Task[Any] = info.task
        else:
            task = loop.create_task(coro, name=f"uploads-panel:{what}")
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _registry_finished(self, info: TaskInfo) -> None:
        """One of the panel's registry tasks ended: a failure is shown here too."""
        if info.name not in self._registry_names:
            return
        self._registry_names.discard(info.name)
        if info.state == FAILED and info.error is not None and not self._closed:
            self._show_error(info.error)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled() or self._closed:
            return
        exc = task.exception()
        if exc is not None:
            self._show_error(exc)

    @property
    def tasks(self) -> set[asyncio.Task[Any]]:
        return set(self._tasks)

    def is_idle(self) -> bool:
        """No task of the panel or its service runs and no redraw is pending."""
        return (
            not self._tasks
            and not self.service.running
            and self.model.idle
            and not self._detail_timer.isActive()
        )

    # --- choose and check a file ----------------------------------------------------------
    @property
    def scope(self) -> str:
        return self.scope_box.currentData() or (self.scopes[0] if self.scopes else "")

    def set_scope(self, scope: str) -> None:
        index = self.scope_box.findData(scope)
        if index >= 0:
            self.scope_box.setCurrentIndex(index)

    def open_file_dialog(self, link_to: str | None = None) -> QFileDialog:
        """The non-modal "choose a file" dialog (``link_to``: a corrected file for that upload)."""
        dialog = QFileDialog(
            self,
            self.tr("Choose an orders file")
            if link_to is None
            else self.tr("Choose the corrected file"),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("JSON files (*.json)"), self.tr("All files (*)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.choose_file(path, link_to=link_to))
        self._keep_dialog(dialog)
        dialog.open()
        return dialog

    def choose_file(self, path: str | Path, *, link_to: str | None = None) -> None:
        """Take ``path`` as the file to upload and check it (``link_to``: fixes that upload)."""
        self.file = Path(path)
        self.link_to = link_to
        self.report = None
        self.hide_notice()  # a new file: the notice about an earlier upload goes
        self._draw_link()
        try:
            size: int | None = self.file.stat().st_size
        except OSError:
            size = None
        self.drop_zone.set_file(self.file, size)
        self._recheck()

    def clear_file(self) -> None:
        self.file = None
        self.report = None
        self.link_to = None
        self._check_generation += 1
        self.drop_zone.set_file(None)
        self.validation.clear()
        self._draw_link()
        self._update_actions()

    def _recheck(self) -> None:
        if self.file is None:
            return
        self._check_generation += 1
        self.report = None
        self.validation.show_checking()
        self._update_actions()
        self._spawn(self._check(self._check_generation, self.file, self.scope), "validate")

    async def _check(self, generation: int, path: Path, scope: str) -> None:
        report = await self.service.validate(path, scope)
        if generation != self._check_generation:
            return  # another file or scope was chosen meanwhile
        self.report = report
        self.validation.show_report(report)
        self._update_actions()

    def _unlink(self) -> None:
        self.link_to = None
        self._draw_link()

    def _draw_link(self) -> None:
        if self.link_to is None:
            self.link_bar.hide()
            return
        self.link_bar.set_text(
            self.tr(
                "This file will be uploaded as a correction of upload %1, linked to it."
            ).replace("%1", self.link_to)
        )
        self.link_bar.show()

    # drag and drop anywhere on the panel
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # Qt override
        if local_file(event.mimeData()) is not None:
            event.acceptProposedAction()
            self.drop_zone.set_highlight(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # Qt override
        self.drop_zone.set_highlight(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # Qt override
        self.drop_zone.set_highlight(False)
        path = local_file(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.choose_file(path)

    # --- upload -----------------------------------------------------------------------------
    def can_upload(self) -> bool:
        return (
            self.file is not None
            and self.report is not None
            and self.report.ok
            and not self.uploading
            and bool(self.scope)
            and not self._closed
        )

    def start_upload(self) -> asyncio.Task[Any] | None:
        """Upload the checked file (the button's action); None when it cannot."""
        if not self.can_upload():
            return None
        assert self.file is not None
        self.uploading = True
        self._update_actions()
        return self._spawn(self._upload(self.file, self.scope, self.link_to), "upload")

    async def _upload(
        self, path: Path, scope: str, link_to: str | None, allow_resend: bool = False
    ) -> None:
        self._pending_select = True
        self.hide_notice()
        try:
            record = await self.service.upload(
                path, scope, parent_id=link_to, allow_resend=allow_resend
            )
        except ValidationFailed as exc:  # the file changed since it was checked
            self.report = exc.report
            self.validation.show_report(exc.report)
            return
        except DuplicateOrders as exc:  # ask; sent only on an explicit "Send N again"
            self._pending_select = False
            self.ask_resend(exc.check, lambda: self._resend_file(path, scope, link_to))
            return
        except UploadLinkExpired:
            return  # recorded; the service's error event brings the notice with "Re-upload"
        finally:
            self.uploading = False
            self.sending_id = None
            self._update_actions()
            self._draw_transfer()
        self.clear_file()
        self.show_notice(
            "info",
            self.tr("“%1” was sent as upload %2. Follow it in Tracking.")
            .replace("%1", record.file_name)
            .replace("%2", record.id),
        )
        self.select(record.id)

    def _resend_file(self, path: Path, scope: str, link_to: str | None) -> None:
        self.uploading = True
        self._update_actions()
        self._spawn(self._upload(path, scope, link_to, allow_resend=True), "upload")

    def _on_added(self, upload_id: str) -> None:
        if self.uploading and self.sending_id is None:
            self.sending_id = upload_id
            self._tick.start()
        if self._pending_select:
            self._pending_select = False
            self.selected_id = upload_id
            self.details.setCurrentIndex(TAB_TRACKING)
        self._changed(upload_id)

    def _on_transfer(self, upload_id: str, sent: int, total: int | None) -> None:
        self.model.transfer(upload_id, sent, total)
        if upload_id == self.selected_id:
            self.timeline.set_meter(self.model.meters.get(upload_id))

    def _draw_transfer(self) -> None:
        meter = self.model.meters.get(self.sending_id or "")
        if self.sending_id is None or meter is None:
            self.transfer_bar.hide()
            self.transfer_text.setText("")
            self._tick.stop()
            return
        self.transfer_bar.show()
        if meter.fraction is None:
            self.transfer_bar.setRange(0, 0)
            self.transfer_text.setText(
                self.tr("Sending %1…").replace("%1", i18n.format_bytes(meter.sent))
            )
        else:
            self.transfer_bar.setRange(0, 1000)
            self.transfer_bar.setValue(int(meter.fraction * 1000))
            text = (
                self.tr("%1 of %2")
                .replace("%1", i18n.format_bytes(meter.sent))
                .replace("%2", i18n.format_bytes(meter.total))
            )
            if meter.speed:
                text += " · " + self.tr("%1/s").replace("%1", i18n.format_bytes(int(meter.speed)))
            if meter.eta is not None and meter.fraction < 1:
                text += " · " + self.tr("%1 s left").replace(
                    "%1", i18n.format_number(max(1, round(meter.eta)))
                )
            self.transfer_text.setText(text)
        if self.sending_id == self.selected_id:
            self.timeline.set_meter(meter)

    # --- events of the service ----------------------------------------------------------------
    def _changed(self, upload_id: str) -> None:
        self.model.mark_stale(upload_id)
        if upload_id == self.selected_id:
            self._detail_timer.start()

    def _on_result(self, upload_id: str) -> None:
        self._changed(upload_id)
        if upload_id == self.selected_id:
            self._show_result_tab = True

    def _on_finished(self, upload_id: str, status: str) -> None:
        self._changed(upload_id)
        self.uploadFinished.emit(upload_id, status)
        self._spawn(self._announce_end(upload_id, status), "announce")

    async def _announce_end(self, upload_id: str, status: str) -> None:
        record = await asyncio.to_thread(self.service.get, upload_id)
        title = self.tr("Upload finished: %1").replace("%1", status_text.status_label(status))
        text = record.file_name
        if record.result_total is not None:
            text += " · " + self.tr("%1 accepted, %2 rejected").replace(
                "%1", i18n.format_number(record.result_accepted or 0)
            ).replace("%2", i18n.format_number(record.result_rejected or 0))
        bad = status in status_text.BAD or (record.result_rejected or 0) > 0
        self.notifier.notify(title, text, is_error=bad)
        if status == UploadStatus.BAD_REQUEST:
            self.show_notice(
                "error",
                self.tr(
                    "The platform rejected the file “%1”: it does not "
                    "match the orders format, so nothing was "
                    "imported. Fix the file and upload it again."
                ).replace("%1", record.file_name),
                (self.tr("See the result"), lambda: self.select(upload_id, TAB_RESULT)),
            )
        elif status == UploadStatus.EXPIRED:
            self.show_notice(
                "error",
                status_text.status_description(status),
                (self.tr("Re-upload"), lambda: self.reupload(upload_id)),
            )

    def _on_failed(self, upload_id: str, exc: object) -> None:
        self._changed(upload_id)
        self._spawn(self._announce_failure(upload_id, exc), "announce-failure")

    async def _announce_failure(self, upload_id: str, exc: object) -> None:
        record = await asyncio.to_thread(self.service.get, upload_id)
        if record.state == LocalState.URL_EXPIRED:
            text = self.tr(
                "The upload link of “%1” expired before the file was sent, so "
                "nothing reached the platform. Re-upload it to get a new link."
            ).replace("%1", record.file_name)
            # notify first: without a tray the in-app notice is replaced by the one with the action
            self.notifier.notify(self.tr("Upload link expired"), text, is_error=True)
            self.show_notice(
                "error", text, (self.tr("Re-upload"), lambda: self.reupload(upload_id))
            )
            return
        if isinstance(exc, BaseException):
            self._show_error(
                exc,
                prefix=record.file_name,
                action=(self.tr("Resume tracking"), lambda: self.resume(upload_id)),
            )

    # --- selection and detail ---------------------------------------------------------------
    def select(self, upload_id: str, tab: int | None = None) -> None:
        """Show ``upload_id`` in the timeline and result (and select its history row)."""
        self.selected_id = upload_id
        if tab is not None:
            self.details.setCurrentIndex(tab)
        self._sync_selection()
        self._detail_timer.start()
        self._update_actions()

    def _sync_selection(self) -> None:
        row = self.model.row_of(self.selected_id or "")
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid() and self.history.currentIndex().row() != index.row():
            # not with the selection model's signals blocked: the view would not repaint
            # the row it unselects, and two rows would look selected (_row_changed ignores
            # this change: the upload is selected already)
            self.history.selectRow(index.row())

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        upload_id = self.proxy.data(current, IdRole)
        if upload_id and upload_id != self.selected_id:
            self.select(upload_id)

    def _history_loaded(self) -> None:
        self._draw_history_state()
        if self.selected_id is None and self.model.rowCount() > 0:
            index = self.proxy.index(0, 0)
            if index.isValid():
                self.select(self.proxy.data(index, IdRole))
        else:
            self._sync_selection()

    def _rows_inserted(self, *_: Any) -> None:
        # a new upload at the top moves the current row down with the older upload: the
        # selected upload's row is selected again (one highlighted row, the one shown)
        self._draw_history_state()
        self._sync_selection()

    def _rows_changed(self, top: QModelIndex, _bottom: QModelIndex, *_: Any) -> None:
        record = self.model.record(self.selected_id or "")
        if record is not None and self.model.row_of(record.id) == top.row():
            self._sync_selection()
            self._update_actions()

    def _draw_history_state(self) -> None:
        if self.model.rowCount() == 0:
            if self.model.loaded:
                self.history_state.show_empty(
                    self.tr("No uploads yet"),
                    self.tr("Choose or drop an orders file above to start."),
                    icon=icons.icon("upload"),
                )
            else:
                self.history_state.show_loading(self.tr("Reading the upload history…"))
        else:
            self.history_state.show_content()

    def _refresh_detail(self) -> None:
        if self.selected_id is not None:
            self._spawn(self._load_detail(self.selected_id), "detail")

    async def _load_detail(self, upload_id: str) -> None:
        service = self.service

        def read() -> tuple[UploadRecord, Any, Any, Any]:
            return (
                service.get(upload_id),
                service.history(upload_id),
                service.summary(upload_id),
                service.outcomes(upload_id),
            )

        record, changes, summary, outcomes = await asyncio.to_thread(read)
        if upload_id != self.selected_id:
            return
        self.timeline.show_record(record, changes, self.model.meters.get(upload_id))
        self.result_view.show_result(record, summary, outcomes)
        if self._show_result_tab and summary is not None:
            self._show_result_tab = False
            self.details.setCurrentIndex(TAB_RESULT)
        self._update_actions(record)

    def _update_actions(self, record: UploadRecord | None = None) -> None:
        ok = self.can_upload()
        self.upload_button.setEnabled(ok)
        if self.file is None:
            why = self.tr("Choose a file first.")
        elif self.uploading:
            why = self.tr("Uploading…")
        elif self.report is None:
            why = self.tr("The file is being checked.")
        elif not self.report.ok:
            why = self.tr(
                "Fix the problems listed first: nothing is sent while the file is invalid."
            )
        else:
            why = self.tr("Send the file to Sage 50.")
        self.upload_button.setToolTip(why)
        record = record or self.model.record(self.selected_id or "")
        self.reupload_button.setEnabled(record is not None and not record.active)
        can_cancel = record is not None and record.active
        can_resume = record is not None and record.state in (
            LocalState.CANCELLED,
            LocalState.INTERRUPTED,
        )
        self.cancel_button.setEnabled(can_cancel)
        self.resume_button.setEnabled(can_resume)
        # shown only when they apply: the history's buttons fit beside each other at 1024 px
        # in Spanish too
        self.cancel_button.setVisible(can_cancel)
        self.resume_button.setVisible(can_resume)

    # --- notices ----------------------------------------------------------------------------------
    def show_notice(
        self, kind: str, text: str, action: tuple[str, Callable[[], object]] | None = None
    ) -> None:
        """A message over the upload's details (non-modal; the user can hide it)."""
        self.notice.set_kind(kind)
        self.notice.set_icon(
            icons.standard(self.style().StandardPixmap.SP_MessageBoxWarning)
            if kind in ("error", "warning")
            else icons.standard(self.style().StandardPixmap.SP_MessageBoxInformation)
        )
        self.notice.set_text(text)
        self.notice.set_action(action[0] if action else None)
        self._notice_action = (lambda: action[1]()) if action else None
        self.notice.show()

    def hide_notice(self) -> None:
        self.notice.hide()
        self._notice_action = None

    def _notice_clicked(self) -> None:
        action, self._notice_action = self._notice_action, None
        self.notice.hide()
        if action is not None:
            action()

    def _in_app_notice(self, title: str, text: str, is_error: bool) -> None:
        self.show_notice("warning" if is_error else "info", f"{title} — {text}")

    def _show_error(
        self,
        exc: BaseException,
        prefix: str | None = None,
        action: tuple[str, Callable[[], object]] | None = None,
    ) -> None:
        if isinstance(exc, (E.ConsentRevoked, E.CredentialsMissing, E.ApikeyInvalid)):
            self.consentNeeded.emit()
        if not isinstance(exc, E.Sage50Error) and not hasattr(exc, "hint"):
            log.error("unexpected error in the uploads panel", exc_info=exc)
        title = errors.error_title(exc)
        text = f"{title}: {errors.error_hint(exc)}"
        if prefix:
            text = f"{prefix} — {text}"
        self.show_notice("error", text, action)
