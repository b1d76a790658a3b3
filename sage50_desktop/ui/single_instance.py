"""One app per user: a second start hands over to the first (QLocalServer/QLocalSocket).

The server name is derived from the user and the data folder, so two users,
or two ``SAGE50_DESKTOP_HOME`` folders (tests), never meet.
"""

from __future__ import annotations

import getpass
import hashlib
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from sage50_desktop import APP_NAME, paths

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"


def server_name() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name (containers): the data folder is enough
        user = "user"
    digest = hashlib.sha256(f"{user}\0{paths.data_dir()}".encode()).hexdigest()[:16]
    return f"{APP_NAME}-{digest}"


class SingleInstance(QObject):
    """Claims the per-user instance, or tells the running one to come forward.

    Signals:
        activated(): another start asked this instance to show its window.
    """

    activated = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server: QLocalServer | None = None

    def notify_running(self, timeout_ms: int = 1000) -> bool:
        """True when another instance answered (and was asked to activate)."""
        socket = QLocalSocket(self)
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            socket.deleteLater()
            return False
        socket.write(ACTIVATE)
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        socket.deleteLater()
        return True

    def acquire(self) -> bool:
        """Become the instance (True), or activate the running one (False)."""
        if self.notify_running():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # a stale socket left by a crash
            if not server.listen(self.name):
                log.warning("single-instance server unavailable: %s", server.errorString())
                return True
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _on_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if ACTIVATE.strip() in data:
            self.activated.emit()
