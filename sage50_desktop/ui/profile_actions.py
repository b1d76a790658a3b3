"""Rename and remove connection profiles (adding one opens the wizard).

The dialogs are opened window-modally with ``open()`` (never a nested
``exec()``), and the work is done by :class:`ProfileActions` methods that
tests can call as well.
"""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from sage50_desktop.services.purge import purge_connection
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.storage.credentials import CredentialStoreUnavailable
from sage50_desktop.storage.profiles import ProfileExists, ProfileNotFound
from sage50_desktop.ui.session import SessionManager

log = logging.getLogger(__name__)


class ProfileActions(QObject):
    """What the Connection menu does to profiles.

    Signals:
        renamed(str profile_id): a profile got a new name.
        removed(str profile_id): a profile and its credentials are gone.
        failed(str message): an action could not be done (shown by the window).
    """

    renamed = Signal(str)
    removed = Signal(str)
    failed = Signal(str)

    def __init__(self, runtime: Runtime, sessions: SessionManager, parent: QWidget) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.sessions = sessions
        self.window = parent
        self.dialog: QWidget | None = None  # the open dialog (tests reach it here)
        self._pending: set[asyncio.Task[bool]] = set()

    # --- rename ----------------------------------------------------------------------
    def ask_rename(self, profile_id: str) -> None:
        session = self.sessions.get(profile_id)
        if session is None:
            return
        dialog = QInputDialog(self.window)
        dialog.setObjectName("renameDialog")
        dialog.setWindowTitle(self.tr("Rename connection"))
        dialog.setLabelText(
            self.tr("New name of the connection “%1”:").replace("%1", session.profile.name)
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(session.profile.name)
        dialog.textValueSelected.connect(lambda name: self.rename(profile_id, name))
        self._open(dialog)

    def rename(self, profile_id: str, new_name: str) -> bool:
        new_name = new_name.strip()
        if not new_name:
            self.failed.emit(self.tr("A connection needs a name."))
            return False
        try:
            self.runtime.profiles.rename(profile_id, new_name)
        except ProfileExists:
            self.failed.emit(
                self.tr("A connection named “%1” exists already. Choose another name.").replace(
                    "%1", new_name
                )
            )
            return False
        except ProfileNotFound:
            return False
        self.sessions.sync()
        self.renamed.emit(profile_id)
        return True

    # --- remove ----------------------------------------------------------------------
    def ask_remove(self, profile_id: str) -> None:
        session = self.sessions.get(profile_id)
        if session is None:
            return
        profile = session.profile
        box = QMessageBox(self.window)
        box.setObjectName("removeDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the name may be anything
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Remove connection"))
        box.setText(self.tr("Remove the connection “%1”?").replace("%1", profile.name))
        if profile.sandbox:
            where = self.tr("Its throwaway sandbox credentials are forgotten.")
        else:
            where = self.tr(
                "Its API key and secret are deleted from the system credential "
                "store; to connect again you will need a new consent in Sage 50."
            )
        box.setInformativeText(
            where
            + " "
            + self.tr(
                "Its local data is deleted too: downloaded data sets, the saved copies of "
                "uploaded files and their results, the upload history, the cached listing and "
                "its Activity entries. This cannot be undone."
            )
        )
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        remove.setObjectName("confirmRemove")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(
            lambda button: self._start_remove(profile_id) if button is remove else None
        )
        self._open(box)

    def _start_remove(self, profile_id: str) -> None:
        task = asyncio.get_running_loop().create_task(self.remove(profile_id))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def remove(self, profile_id: str) -> bool:
        """Delete the profile's credentials, then the profile (confirmed already)."""
        try:
            profile = self.runtime.profiles.get(profile_id)
        except ProfileNotFound:
            return False
        store = None
        try:
            store = self.runtime.credentials_for(profile)
            await asyncio.to_thread(store.delete, profile_id)
        except CredentialStoreUnavailable as exc:
            self.failed.emit(
                self.tr("The credentials could not be deleted: %1").replace("%1", exc.hint)
            )
            return False
        self.runtime.profiles.remove(profile_id)
        self.sessions.forget(profile_id)
        await asyncio.to_thread(purge_connection, self.runtime, profile_id)
        log.info(
            "connection %s removed (credentials deleted from %s)",
            profile.name,
            getattr(store, "name", "?"),
        )
        self.removed.emit(profile_id)
        return True

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: dialog.deleteLater())  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]
