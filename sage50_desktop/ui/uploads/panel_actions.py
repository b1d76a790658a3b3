"""The Uploads panel's actions on past uploads: re-upload, cancel, resume, result file, fix.

:class:`PanelActions` is mixed into :class:`~sage50_desktop.ui.uploads.panel.UploadsPanel`;
each action runs as one of the panel's named tasks (``_spawn``) and reports
through the panel's notice.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtWidgets import QFileDialog, QWidget

from sage50_desktop.api.contract import RecordOutcome
from sage50_desktop.services.resend_guard import ResendCheck
from sage50_desktop.services.uploads import DuplicateOrders, UploadLinkExpired
from sage50_desktop.ui import i18n
from sage50_desktop.ui.uploads.record_editor import RecordEditorDialog
from sage50_desktop.ui.uploads.resend_dialog import ResendDialog
from sage50_desktop.ui.widgets import open_link

if TYPE_CHECKING:
    from sage50_desktop.services.tasks import TaskRegistry
    from sage50_desktop.services.uploads import UploadService
    from sage50_desktop.ui.uploads.history_model import UploadHistoryModel

TAB_TRACKING, TAB_RESULT = 0, 1


class PanelActions(QWidget):
    """Actions of the history and the result view (the panel's base class).

    What they use of the panel is declared here; :class:`UploadsPanel` provides it.
    """

    if TYPE_CHECKING:
        service: UploadService
        registry: TaskRegistry | None
        model: UploadHistoryModel
        selected_id: str | None
        editor: RecordEditorDialog | None
        resend_dialog: ResendDialog | None
        _dialogs: list[QWidget]
        _pending_select: bool

        def _spawn(self, coro: Coroutine[Any, Any, Any], what: str) -> asyncio.Task[Any] | None: ...

        def show_notice(
            self, kind: str, text: str, action: tuple[str, Callable[[], object]] | None = None
        ) -> None: ...

        def hide_notice(self) -> None: ...

        def select(self, upload_id: str, tab: int | None = None) -> None: ...

    # --- history actions -----------------------------------------------------------------------
    def reupload_selected(self) -> asyncio.Task[Any] | None:
        return self.reupload(self.selected_id) if self.selected_id else None

    def cancel_selected(self) -> asyncio.Task[Any] | None:
        return self.cancel(self.selected_id) if self.selected_id else None

    def resume_selected(self) -> asyncio.Task[Any] | None:
        return self.resume(self.selected_id) if self.selected_id else None

    def reupload(self, upload_id: str) -> asyncio.Task[Any] | None:
        """A new upload of the same saved file, linked to ``upload_id``."""
        return self._spawn(self._reupload(upload_id), "reupload")

    async def _reupload(self, upload_id: str, allow_resend: bool = False) -> None:
        self.hide_notice()
        self._pending_select = True
        try:
            record = await self.service.reupload(upload_id, allow_resend=allow_resend)
        except UploadLinkExpired:
            return  # recorded; the service's error event brings the notice
        except DuplicateOrders as exc:  # ask; sent only on an explicit "Send N again"
            self._pending_select = False
            self.ask_resend(
                exc.check,
                lambda: self._spawn(self._reupload(upload_id, allow_resend=True), "reupload"),
            )
            return
        self.show_notice(
            "info",
            QCoreApplication.translate("UploadsPanel", "Re-uploaded as upload %1 (linked to %2).")
            .replace("%1", record.id)
            .replace("%2", upload_id),
        )
        self.select(record.id, TAB_TRACKING)

    def cancel(self, upload_id: str) -> asyncio.Task[Any] | None:
        return self._spawn(self.service.cancel(upload_id), "cancel")

    def resume(self, upload_id: str) -> asyncio.Task[Any] | None:
        self.hide_notice()
        return self._spawn(self.service.resume(upload_id), "resume")

    # --- result actions ----------------------------------------------------------------------
    def open_result(self, upload_id: str) -> None:
        record = self.model.record(upload_id)
        if record is not None and record.result_path:
            open_link.open_url(QUrl.fromLocalFile(record.result_path), self)

    def save_result(
        self, upload_id: str, destination: str | Path | None = None
    ) -> QFileDialog | None:
        """Save a copy of the raw result file (asks where unless ``destination``)."""
        record = self.model.record(upload_id)
        if record is None or not record.result_path:
            return None
        source = record.result_path
        if destination is not None:
            self._spawn(self._copy(source, Path(destination)), "save-result")
            return None
        dialog = QFileDialog(
            self, QCoreApplication.translate("UploadsPanel", "Save the result file")
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([QCoreApplication.translate("UploadsPanel", "JSON files (*.json)")])
        dialog.setDefaultSuffix("json")
        dialog.selectFile(f"{Path(record.file_name).stem}-result.json")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(
            lambda path: self._spawn(self._copy(source, Path(path)), "save-result")
        )
        self._keep_dialog(dialog)
        dialog.open()
        return dialog

    async def _copy(self, source: str, destination: Path) -> None:
        await asyncio.to_thread(shutil.copyfile, source, destination)
        self.show_notice(
            "info",
            QCoreApplication.translate("UploadsPanel", "Result saved to %1.").replace(
                "%1", str(destination)
            ),
        )

    def fix_rejected(self, upload_id: str) -> asyncio.Task[Any] | None:
        """Open the editor on the rejected orders of ``upload_id``."""
        return self._spawn(self._fix(upload_id), "fix")

    async def _fix(self, upload_id: str) -> RecordEditorDialog | None:
        records = await self.service.rejected_records(upload_id)
        if not records:
            self.show_notice(
                "warning",
                QCoreApplication.translate(
                    "UploadsPanel",
                    "No rejected orders were found in the saved copy of this upload.",
                ),
            )
            return None
        record = await asyncio.to_thread(self.service.get, upload_id)
        outcomes = await asyncio.to_thread(self.service.outcomes, upload_id, RecordOutcome.REJECTED)
        rejected = {o.record_id: list(o.errors) for o in outcomes}
        dialog = RecordEditorDialog(
            records,
            record.domain,
            record.scope,
            f"“{record.file_name}”",
            self,
            rejected=rejected,
            tasks=self.registry,
            task_name=f"uploads-panel:{self.service.profile_id}:record-check",
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda recs: self.upload_records(upload_id, recs))
        self._keep_dialog(dialog)
        self.editor = dialog
        dialog.open()
        return dialog

    def upload_records(self, upload_id: str, records: list[Any]) -> asyncio.Task[Any] | None:
        """Upload only ``records`` as a new upload linked to ``upload_id``."""
        return self._spawn(self._upload_records(upload_id, records), "upload-records")

    async def _upload_records(
        self, upload_id: str, records: list[Any], allow_resend: bool = False
    ) -> None:
        self._pending_select = True
        try:
            record = await self.service.reupload_records(
                upload_id, records, allow_resend=allow_resend
            )
        except DuplicateOrders as exc:
            self._pending_select = False
            self.ask_resend(
                exc.check,
                lambda: self._spawn(
                    self._upload_records(upload_id, records, allow_resend=True), "upload-records"
                ),
            )
            return
        self.show_notice(
            "info",
            QCoreApplication.translate(
                "UploadsPanel", "%1 corrected order(s) sent as upload %2, linked to %3."
            )
            .replace("%1", i18n.format_number(len(records)))
            .replace("%2", record.id)
            .replace("%3", upload_id),
        )
        self.select(record.id, TAB_TRACKING)

    def ask_resend(self, check: ResendCheck, send: Callable[[], Any]) -> ResendDialog:
        """The duplicate-order guard's question; ``send`` runs only on "Send N again"."""
        dialog = ResendDialog(check, self)
        dialog.confirmed.connect(send)
        self._keep_dialog(dialog)
        self.resend_dialog = dialog
        dialog.open()
        return dialog

    def _keep_dialog(self, dialog: QWidget) -> None:
        self._dialogs.append(dialog)
        dialog.destroyed.connect(
            lambda *_: self._dialogs.remove(dialog) if dialog in self._dialogs else None
        )
