"""A data folder that cannot be written — a full disk, a read-only folder — in one clear message.

* :func:`folder_state` — whether the disk holding a folder is full
  (:data:`FULL`: under :data:`LOW_SPACE` free) or the folder is read-only
  (:data:`READ_ONLY`: a read-only mount, or no write permission), else None.
* :func:`unwritable` — the :class:`DataFolderUnavailable` an SQLite or OS error
  stands for, when the folder is full or read-only (or the error says the disk
  is full); None for anything else (a genuine I/O error, damage, a lock).
* :class:`DataFolderUnavailable` names the folder, says which of the two it
  is and what to do. Commands that only read still work then: the databases
  open read-only (:func:`sage50_desktop.storage.db.open_engine`).
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import Literal

from sage50_desktop.api.errors import Sage50Error

State = Literal["full", "read-only"]
FULL: State = "full"
READ_ONLY: State = "read-only"
#: less free space than this on the data folder's disk counts as full (SQLite needs a
#: few pages, a shared-memory file of 32 KiB and a journal to write anything)
LOW_SPACE = 1 << 20

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
#: SQLite's words for a write that the disk or folder refused
_SQLITE_WORDS = ("full", "disk i/o error", "readonly", "unable to open", "read-only")


def folder_state(folder: Path) -> State | None:
    """:data:`FULL`, :data:`READ_ONLY` or None (writable, or cannot tell)."""
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent  # a folder not made yet: the disk it would go on
    try:
        st = os.statvfs(probe)
    except (OSError, AttributeError):  # Windows has no statvfs
        st = None
    if st is not None and st.f_flag & os.ST_RDONLY:
        return READ_ONLY
    if st is not None and st.f_bavail * st.f_frsize < LOW_SPACE:
        return FULL
    if not os.access(probe, os.W_OK):
        return READ_ONLY
    return None


def _says_full(exc: BaseException) -> bool:
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorcode", None) == 13 or "disk is full" in str(exc)
    return isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS


def _may_be_unwritable(exc: BaseException) -> bool:
    if isinstance(exc, sqlite3.Error):
        return any(word in str(exc).lower() for word in _SQLITE_WORDS)
    if isinstance(exc, OSError):
        return exc.errno in _FULL_ERRNOS | _READ_ONLY_ERRNOS
    return False


def unwritable(exc: BaseException, folder: Path) -> DataFolderUnavailable | None:
    """The clear error for ``exc`` when ``folder`` is full or read-only, else None."""
    if isinstance(exc, DataFolderUnavailable):
        return exc
    orig = getattr(exc, "orig", None)
    cause = orig if isinstance(orig, BaseException) else exc
    if not _may_be_unwritable(cause):
        return None
    state = folder_state(folder)
    if state is None and _says_full(cause):
        state = FULL
    if state is None:
        return None
    return DataFolderUnavailable(folder, cause, state=state)


class DataFolderUnavailable(Sage50Error):
    """The data folder cannot be written: its disk is full, or it is read-only / not this user's.

    ``state``: :data:`FULL`, :data:`READ_ONLY` or None (could not tell which).
    """

    hint = (
        "The app cannot write to its data folder (its disk is full, or it is read-only or "
        "not yours). Free some space or fix its permissions, then try again."
    )

    def __init__(self, folder: Path, cause: BaseException, *, state: State | None = None) -> None:
        super().__init__(f"{folder}: {_plain(cause)}")
        self.folder = folder
        self.state: State | None = state if state is not None else folder_state(folder)
        if self.state == FULL:
            self.hint = (
                f"The disk that holds the app's data folder {folder} is full, so nothing "
                "can be saved. Free some space on that disk (or keep fewer versions per "
                "data set in Settings), then try again. What is already stored can still "
                "be viewed."
            )
        elif self.state == READ_ONLY:
            self.hint = (
                f"The app's data folder {folder} is read-only (or not yours), so nothing "
                "can be saved. Make it writable for your account, then try again. What is "
                "already stored can still be viewed."
            )
        else:
            self.hint = (
                f"The app cannot write to its data folder {folder} (it is read-only, full "
                "or not yours). Free some space or fix its permissions, then try again."
            )

    @property
    def full(self) -> bool:
        return self.state == FULL


def _plain(cause: BaseException) -> str:
    """The cause without a path or SQL: ``[Errno 28] No space left…`` → ``No space left…``."""
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror
    return str(cause).splitlines()[0] if str(cause) else type(cause).__name__
