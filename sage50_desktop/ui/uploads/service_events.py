"""The upload service's Qt-free signals as Qt signals of one QObject.

The service emits on the event-loop thread (the GUI thread under qasync);
Qt's automatic connections would queue them anyway if that ever changed.
:meth:`UploadEvents.detach` disconnects from the service (panel shutdown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from sage50_desktop.services.uploads import UploadService


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
        self._links: list[tuple[Any, Callable[..., None]]] = [
            (service.upload_added, lambda uid: self.added.emit(uid)),
            (service.status_changed, lambda uid, status, progress, message:
                self.statusChanged.emit(uid, status or "", int(progress or 0), message or "")),
            (service.transfer_progress, lambda uid, sent, total:
                self.transferProgress.emit(uid, sent, total)),
            (service.result_ready, lambda uid: self.resultReady.emit(uid)),
            (service.finished, lambda uid, status: self.finished.emit(uid, status or "")),
            (service.error, lambda uid, exc: self.failed.emit(uid, exc)),
        ]
        for signal, callback in self._links:
            signal.connect(callback)

    def detach(self) -> None:
        """Stop listening to the service (idempotent)."""
        for signal, callback in self._links:
            signal.disconnect(callback)
        self._links = []
