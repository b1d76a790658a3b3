"""Opening the app core (``Runtime``) at start, with a dialog for what the user must fix.

A damaged ``app.sqlite3`` is named with what to do (a backup offered when one
exists; the damaged file is kept aside); an unwritable data folder or a
database of a newer app version is said so. Never a traceback. The async form
opens it in a worker thread (the window is already on screen: ``ui/opening.py``)
and imports the shell's modules there too.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from typing import Any

from sage50_desktop import APP_DISPLAY_NAME, APP_NAME

log = logging.getLogger(__name__)


def fatal(title: str, text: str) -> None:
    """Say why the app cannot go on: a critical message box (and the log, stderr)."""
    from PySide6.QtWidgets import QMessageBox

    log.error("%s: %s", title, text)
    print(f"{APP_NAME}: {title}: {text}", file=sys.stderr)
    QMessageBox.critical(None, title, text)


def build_runtime(settings: Any = None) -> Any:
    """The app core on the user's data folder (blocking: may run in a worker thread)."""
    from sage50_desktop.services.runtime import Runtime

    return Runtime(settings=settings, role="window")


#: the libraries the app core loads (~0.2 s of SQLAlchemy alone); none of them imports
#: the app's modules, so loading them in a thread of their own cannot meet an import of
#: the GUI thread halfway (two threads importing modules that import each other would
#: each get the other's half-made module)
CORE_LIBRARIES = ("sqlalchemy", "sqlalchemy.dialects.sqlite", "filelock", "ijson")
#: what only the network needs (~50 ms of httpx, ssl, email): not before the first
#: rows of a cached snapshot (the imports of both threads share one GIL, so loading it
#: beside the window would delay them); preloaded once the window is up
NETWORK_LIBRARIES = ("httpx",)


def preload_core() -> threading.Thread:
    """Import :data:`CORE_LIBRARIES` in a thread of their own, started before Qt is:
    they load while the ``QApplication`` and the opening window are made, so the app
    core opens sooner behind the window. An import of one of them meanwhile waits for
    it (Python's import locks).
    """
    return preload(CORE_LIBRARIES, "preload-core")


def preload_network() -> threading.Thread:
    """Import :data:`NETWORK_LIBRARIES` in a thread of their own (the shell, once its
    window shows), so that the first connection opened on the GUI thread does not."""
    return preload(NETWORK_LIBRARIES, "preload-network")


def preload(names: tuple[str, ...], thread_name: str) -> threading.Thread:
    """Import the third-party modules ``names`` in a daemon thread ``thread_name``."""

    def run() -> None:
        from importlib import import_module

        for name in names:
            try:
                import_module(name)
            except Exception:  # the import where the library is used says what failed
                log.debug("preloading %s failed", name, exc_info=True)
                return

    thread = threading.Thread(target=run, name=thread_name, daemon=True)
    thread.start()
    return thread


def prepare_shell_imports() -> None:
    """Import what the shell and its window need (from a worker thread, after the first
    paint): Qt-free services first; the GUI modules only define classes on import."""
    import sage50_desktop.services.activity
    import sage50_desktop.services.connection_session
    import sage50_desktop.services.external_changes
    import sage50_desktop.ui.browser.backend
    import sage50_desktop.ui.main_window
    import sage50_desktop.ui.session  # noqa: F401


def open_runtime(build: Any = None) -> Any:
    """The app core, or None after telling the user why it cannot open (never a traceback).

    A damaged ``app.sqlite3`` is named with what to do; when a backup exists the
    user is offered to restore it (the damaged file is kept aside).
    """
    for _attempt in range(2):
        try:
            return (build or build_runtime)()
        except Exception as exc:
            if not runtime_failed(exc):
                return None
    return None


async def open_runtime_async(settings: Any = None) -> Any:
    """:func:`open_runtime` with the opening (imports, migrations) in a worker thread."""
    for _attempt in range(2):
        try:
            runtime = await asyncio.to_thread(build_runtime, settings)
        except Exception as exc:
            if not runtime_failed(exc):
                return None
        else:
            await asyncio.to_thread(prepare_shell_imports)
            return runtime
    return None


def runtime_failed(exc: Exception) -> bool:
    """Tell the user why the app core did not open; True when it is worth a second try
    (a backup was restored). Errors that are not about the data folder propagate."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from sage50_desktop.storage import db_health
    from sage50_desktop.storage.data_folder import DataFolderUnavailable
    from sage50_desktop.storage.db import DatabaseTooNew

    translate = QCoreApplication.translate
    if isinstance(exc, DatabaseTooNew):
        fatal(APP_DISPLAY_NAME, str(exc))
        return False
    if isinstance(exc, DataFolderUnavailable):
        fatal(
            APP_DISPLAY_NAME,
            translate(
                "App",
                "The app cannot write to its data folder {folder} (it is read-only, "
                "full or not yours). Free some space or fix its permissions, then start the "
                "app again.",
            ).format(folder=exc.folder),
        )
        return False
    if not isinstance(exc, db_health.DatabaseDamaged):
        raise exc
    log.error("damaged database %s: %s", exc.path, exc.reason)
    text = translate("App", "The app's database {path} is damaged ({reason}).").format(
        path=exc.path, reason=exc.reason
    )
    if exc.backup is None:
        fatal(
            APP_DISPLAY_NAME,
            text
            + "\n\n"
            + translate(
                "App",
                "No backup exists. Move the file away to start with no connections "
                "(they must then be added again), or restore it from your own backups.",
            ),
        )
        return False
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        APP_DISPLAY_NAME,
        text
        + "\n\n"
        + translate(
            "App",
            "A backup from {when} exists. Restore it? The damaged file is kept next to it.",
        ).format(when=db_health.backup_time(exc.backup)),
    )
    restore = box.addButton(
        translate("App", "Restore the backup"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    try:
        db_health.restore_backup(exc.path)
    except db_health.DatabaseInUse as err:
        fatal(APP_DISPLAY_NAME, f"{text}\n\n{err.hint}")
        return False
    except OSError as err:
        fatal(APP_DISPLAY_NAME, f"{text}\n\n{err}")
        return False
    return True
