"""Rename and remove connection profiles, delete their cached data (adding one opens the wizard).

The dialogs are opened window-modally with ``open()`` (never a nested
``exec()``), and the work is done by :class:`ProfileActions` methods that
tests can call as well.
"""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from sage50_desktop.services import activity as A
from sage50_desktop.services.activity import ActivityLog, target_for
from sage50_desktop.services.purge import PurgeReport, delete_cached_data, purge_connection
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.tasks import TaskInfo, TaskRegistry
from sage50_desktop.storage.credentials import CredentialStoreUnavailable
from sage50_desktop.storage.profiles import ProfileExists, ProfileNotFound
from sage50_desktop.ui import i18n
from sage50_desktop.ui.session import SessionManager

#: how wide a connection's name may be in the Rename dialog's question (px; then it elides)
RENAME_NAME_WIDTH = 320

log = logging.getLogger(__name__)


class ProfileActions(QObject):
    """What the Connection menu does to profiles.

    Signals:
        renamed(str profile_id): a profile got a new name.
        removed(str profile_id): a profile and its credentials are gone.
        failed(str message): an action could not be done (shown by the window).

    Args:
        tasks / activity: the app's task registry and Activity history ("Delete
            cached data" runs as a registry task; None: not offered).
    """

    renamed = Signal(str)
    removed = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        runtime: Runtime,
        sessions: SessionManager,
        parent: QWidget,
        tasks: TaskRegistry | None = None,
        activity: ActivityLog | None = None,
    ) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.sessions = sessions
        self.tasks = tasks
        self.activity = activity
        self.window = parent
        self.dialog: QWidget | None = None  # the open dialog (tests reach it here)

    # --- rename ----------------------------------------------------------------------
    def ask_rename(self, profile_id: str) -> None:
        session = self.sessions.get(profile_id)
        if session is None:
            return
        dialog = QInputDialog(self.window)
        dialog.setObjectName("renameDialog")
        dialog.setWindowTitle(self.tr("Rename connection"))
        # a long name elides (the dialog never grows past the screen); in full in the tooltip
        name = session.profile.name
        shown = dialog.fontMetrics().elidedText(
            name, Qt.TextElideMode.ElideMiddle, RENAME_NAME_WIDTH
        )
        dialog.setLabelText(self.tr("New name of the connection “%1”:").replace("%1", shown))
        dialog.setToolTip(name if shown != name else "")
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

    def _start_remove(self, profile_id: str) -> TaskInfo | None:
        """Remove the profile as the registry task ``remove:<profile>`` (shown in Activity)."""
        session = self.sessions.get(profile_id)
        if self.tasks is None:  # built without the app's registry (tests): a private one
            self.tasks = TaskRegistry()
        try:
            return self.tasks.start(
                f"remove:{profile_id}",
                self.remove(profile_id),
                kind=A.KIND_REMOVE,
                subject=session.profile.name if session is not None else profile_id,
                if_running="keep",
            )
        except RuntimeError:  # the app is shutting down: the profile stays
            return None

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

    # --- delete cached data -----------------------------------------------------------
    @staticmethod
    def delete_task_name(profile_id: str) -> str:
        return f"delete-cached:{profile_id}"

    def ask_delete_cached(self, profile_id: str) -> None:
        """Ask, then delete the connection's cached data (the connection stays)."""
        session = self.sessions.get(profile_id)
        if session is None or self.tasks is None:
            return
        box = QMessageBox(self.window)
        box.setObjectName("deleteCachedDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the name may be anything
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete cached data"))
        box.setText(
            self.tr("Delete the data this app keeps for “%1”?").replace("%1", session.profile.name)
        )
        box.setInformativeText(
            self.tr(
                "Deleted: the downloaded data sets, the saved copies of finished uploads "
                "and their result files, the cached listing and the connection's Activity "
                "entries."
            )
            + "\n\n"
            + self.tr(
                "Kept: the connection and its credentials, the upload history (so orders "
                "already accepted are still recognised) and the files of uploads still "
                "under way. Download the data sets again to see them. This cannot be undone."
            )
        )
        delete = box.addButton(
            self.tr("Delete cached data"), QMessageBox.ButtonRole.DestructiveRole
        )
        delete.setObjectName("confirmDeleteCached")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(
            lambda button: self.delete_cached(profile_id) if button is delete else None
        )
        self._open(box)

    def delete_cached(self, profile_id: str) -> TaskInfo | None:
        """Delete the cached data (confirmed already) as the registry task
        ``delete-cached:<profile id>`` (in Activity); the pages then show their empty states."""
        session = self.sessions.get(profile_id)
        if session is None or self.tasks is None:
            return None
        runtime = self.runtime
        forget = self.activity.forget_profile if self.activity is not None else None

        async def run() -> PurgeReport:
            report = await asyncio.to_thread(
                delete_cached_data, runtime, profile_id, forget_activity=forget
            )
            if self.tasks is not None:
                self.tasks.progress(
                    self.delete_task_name(profile_id),
                    1,
                    1,
                    self.tr("Versions deleted: %1 · files deleted: %2")
                    .replace("%1", i18n.format_number(report.snapshots))
                    .replace("%2", i18n.format_number(report.files)),
                )
            return report

        return self.tasks.start(
            self.delete_task_name(profile_id),
            run(),
            kind=A.KIND_DELETE_DATA,
            subject=session.profile.name,
            target=target_for(profile_id),
            if_running="keep",
        )

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: dialog.deleteLater())  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]
