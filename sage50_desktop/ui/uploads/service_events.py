"""The upload service's Qt-free signals as Qt signals of one QObject.

Delivered through the one core→Qt bridge (:class:`~sage50_desktop.ui.bridge.GuiBridge`):
on the GUI thread, and disconnected from the service by themselves when this
object is destroyed; :meth:`UploadEvents.detach` stops them earlier (panel shutdown).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from sage50_desktop.services.uploads import UploadService
from sage50_desktop.ui.bridge import GuiBridge


class UploadEvents(QObject):
    """Qt mirror of :class:`UploadService`'s events.

    Signals:
        added(str): upload id.
        statusChanged(str, str, int, str): id, status, progress, message.
        transferProgress(str, object, object): id, bytes sent, total bytes.
        resultReady(str): id.
        finished(str, str): id, final status.
        failed(str, object): id, the exception.
    """

    added = Signal(str)
    statusChanged = Signal(str, str, int, str)
    transferProgress = Signal(str, object, object)
    resultReady = Signal(str)
    finished = Signal(str, str)
    failed = Signal(str, object)

    def __init__(self, service: UploadService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._bridge = GuiBridge(self)
        subscribe = self._bridge.subscribe
        subscribe(service.upload_added, self.added.emit)
        subscribe(
            service.status_changed,
            lambda uid, status, progress, message: self.statusChanged.emit(
                uid, status or "", int(progress or 0), message or ""
            ),
        )
        subscribe(service.transfer_progress, self.transferProgress.emit)
        subscribe(service.result_ready, self.resultReady.emit)
        subscribe(service.finished, lambda uid, status: self.finished.emit(uid, status or ""))
        subscribe(service.error, self.failed.emit)

    def detach(self) -> None:
        """Stop listening to the service (idempotent)."""
        self._bridge.detach()
