"""Health of the local databases: a quick check at open, damaged files moved aside, backups.

* :func:`problem` — a quick check of an SQLite file before it is opened: the
  header (zero bytes, garbage, a bad header), the size the header announces
  (truncated), and SQLite reading its schema; small files (``app.sqlite3``)
  also get ``PRAGMA quick_check``. Returns why the file is damaged, or None.
* :func:`move_aside` — ``cache.sqlite3`` → ``cache.sqlite3.damaged-<time>``
  (with its ``-wal``/``-shm``), so a rebuildable database starts afresh and
  the damaged one stays for a support case.
* Backups of ``app.sqlite3`` (connections, uploads, history) with SQLite's
  online backup API in ``<data>/backups/``: daily (:func:`backup_daily`) and
  before each migration; the newest :data:`KEEP` are kept.
  :func:`restore_latest` puts the newest sound one back.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sage50_desktop.api.errors import Sage50Error
from sage50_desktop.storage.data_folder import folder_state

log = logging.getLogger(__name__)

HEADER = b"SQLite format 3\x00"
BACKUPS_FOLDER = "backups"
KEEP = 5
DAILY = 24 * 3600.0
#: files up to this size get a full ``PRAGMA quick_check`` at open (the cache can be GBs)
QUICK_CHECK_LIMIT = 32 << 20


class DatabaseDamaged(Sage50Error):
    """A local database file cannot be used; the message names it and says what to do."""

    hint = (
        "A local database file is damaged. Restore a backup with 'sage50 restore-backup' "
        "(or the desktop app's offer at start), or move the file away."
    )

    def __init__(self, path: Path, reason: str, *, backup: Path | None = None) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason
        self.backup = backup
        if backup is not None:
            todo = (
                f"A backup from {_when(backup)} exists: restore it with "
                f"'sage50 restore-backup' (or the desktop app's offer at start)."
            )
        else:
            todo = (
                "No backup exists. Move the file away (the app then starts empty, and "
                "connections must be added again) or restore it from your own backups."
            )
        self.hint = f"The app's database {path} is damaged ({reason}). {todo}"


class DatabaseInUse(Sage50Error):
    """Another process has the database open: it cannot be replaced under it."""

    hint = (
        "The app's database is in use by another Sage 50 Desktop process (the window or "
        "a 'sage50' command). Close it first (nothing was changed), then restore the "
        "backup again."
    )

    def __init__(self, path: Path, users: list[tuple[str, int]]) -> None:
        super().__init__(f"{path.name} is open in another process")
        self.path = path
        self.users = users
        what = []
        if any(role == "window" for role, _ in users):
            what.append("the Sage 50 Desktop window")
        commands = sorted(pid for role, pid in users if role != "window")
        if commands:
            what.append(
                "the running 'sage50' command"
                + ("s" if len(commands) > 1 else "")
                + " (process "
                + ", ".join(str(pid) for pid in commands)
                + ")"
            )
        self.hint = (
            f"The app's database {path} is in use by {' and '.join(what)}. Close "
            f"{'it' if len(users) == 1 else 'them'} first (nothing was changed), then "
            "restore the backup again."
        )


def backup_time(path: Path) -> str:
    """When a backup was made, for messages (UTC)."""
    return _when(path)


def _when(path: Path) -> str:
    try:
        stamp = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return "an earlier time"
    return stamp.strftime("%Y-%m-%d %H:%M UTC")


def problem(path: Path) -> str | None:
    """Why the SQLite file at ``path`` is damaged, or None (also when it does not exist).

    Only for a file this process has **not** open in SQLite (checked before it
    is opened): the header is read with a plain file handle, and closing any
    handle on a file drops every POSIX lock this process holds on it — also
    the lock an open SQLite connection relies on to tell other processes it is
    there, after which the last of them to close deletes the ``-wal`` this
    connection still writes to (its commits are then lost). For a file that
    is open, :func:`sqlite_problem` checks through SQLite only.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    if size == 0:
        return "the file is empty (0 bytes)"
    with path.open("rb") as fh:
        head = fh.read(100)
    if len(head) < 100 or not head.startswith(HEADER):
        return "the file is not an SQLite database (bad header)"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "the file's header is damaged (page size)"
    pages = int.from_bytes(head[28:32], "big")
    if pages and head[24:28] == head[92:96] and size < pages * page_size and not wal_in_use(path):
        return f"the file is truncated ({size} of {pages * page_size} bytes)"
    unwritable = folder_state(path.parent) is not None
    if unwritable and wal_in_use(path):
        return None  # cannot tell without a -shm: not called damage (opening names the folder)
    try:
        # a full disk or a read-only folder: SQLite cannot make its -shm file, so the
        # file is read as it is (sound without a -wal)
        conn = connect_immutable(path) if unwritable else sqlite3.connect(path, timeout=30)
        try:
            return sqlite_problem(conn, size)
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        return _operational(exc)


def connect_immutable(path: Path, **kwargs: Any) -> sqlite3.Connection:
    """A read-only connection that needs no ``-wal``/``-shm`` (a full or read-only folder).

    SQLite's ``immutable`` mode: no locks, no shared memory, nothing written. Sound
    only while nobody writes the file and its ``-wal`` is empty — on a full disk or
    a read-only folder nobody can.
    """
    uri = f"{path.resolve().as_uri()}?immutable=1"
    conn: sqlite3.Connection = sqlite3.connect(uri, uri=True, **kwargs)
    return conn


def wal_in_use(path: Path) -> bool:
    """Whether ``path`` has a non-empty ``-wal``: another process may be checkpointing.

    A checkpoint writes page 1 (the new page count) before the pages that
    grow the file, so meanwhile the header announces more than the file holds
    — not damage; SQLite's own check (through the WAL) decides then.
    """
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except OSError:
        return False


def sqlite_problem(conn: sqlite3.Connection, size: int) -> str | None:
    """Why the database of ``conn`` is damaged, or None: checked through SQLite only.

    Safe on a file this process has open elsewhere (no plain file handle).
    ``size``: the file's size (a full ``quick_check`` up to :data:`QUICK_CHECK_LIMIT`).
    """
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if size <= QUICK_CHECK_LIMIT:
            verdict = conn.execute("PRAGMA quick_check(1)").fetchone()
            if verdict is None or verdict[0] != "ok":
                return f"SQLite's quick check failed: {verdict[0] if verdict else '?'}"
    except sqlite3.OperationalError as exc:
        return _operational(exc)
    except sqlite3.DatabaseError as exc:
        return f"SQLite cannot read it: {exc}"
    return None


def _operational(exc: sqlite3.OperationalError) -> str | None:
    text = str(exc)
    if "locked" in text or "unable to open" in text or "readonly" in text:
        return None  # not damage: busy, or a permission problem reported elsewhere
    return f"SQLite cannot read it: {text}"


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S")


def move_aside(path: Path) -> Path:
    """Rename ``path`` (and its -wal/-shm) to ``<name>.damaged-<time>``; returns the new name."""
    target = path.with_name(f"{path.name}.damaged-{_stamp()}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{_stamp()}-{n}")
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    os.replace(path, target)
    log.warning("moved the damaged database %s aside to %s", path.name, target.name)
    return target


# --- backups of app.sqlite3 ---------------------------------------------------------
def backups_folder(path: Path) -> Path:
    return path.parent / BACKUPS_FOLDER


def backups(path: Path) -> list[Path]:
    """Backups of ``path``, newest first."""
    folder = backups_folder(path)
    try:
        found = [
            p
            for p in folder.iterdir()
            if p.name.startswith(path.stem + "-") and p.suffix == ".sqlite3"
        ]
    except OSError:
        return []
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def latest_backup(path: Path) -> Path | None:
    """The newest sound backup of ``path``, or None."""
    for candidate in backups(path):
        if problem(candidate) is None:
            return candidate
    return None


def backup(path: Path, reason: str) -> Path | None:
    """Copy ``path`` with SQLite's online backup API; keep the newest :data:`KEEP`.

    Returns the backup, or None when there is nothing sound to back up.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    if size == 0:
        return None  # nothing sound to back up (problem() calls it damaged)
    # the caller has ``path`` open: checked through SQLite only (see problem())
    src = sqlite3.connect(path, timeout=30)
    try:
        if sqlite_problem(src, size) is not None:
            return None
        dest = _backup_to(src, path, reason)
    finally:
        src.close()
    for old in backups(path)[KEEP:]:
        old.unlink(missing_ok=True)
    log.info("backed up %s (%s)", path.name, reason)
    return dest


def _backup_to(src: sqlite3.Connection, path: Path, reason: str) -> Path:
    folder = backups_folder(path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    dest = folder / f"{path.stem}-{_stamp()}-{os.getpid()}-{reason}.sqlite3"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-backup-", suffix=".sqlite3")
    os.close(fd)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest


def backup_daily(path: Path) -> Path | None:
    """A backup when the newest one is older than a day (or there is none)."""
    newest = backups(path)
    if newest and time.time() - newest[0].stat().st_mtime < DAILY:
        return None
    return backup(path, "daily")


def restore_backup(path: Path) -> Path:
    """:func:`restore_latest` while no other process has ``path`` open.

    Raises :class:`DatabaseInUse` (nothing changed) when one has (its open lock,
    :func:`~sage50_desktop.storage.locks.other_users`); under the migration
    lock, so no process opens the file meanwhile.
    """
    from sage50_desktop.storage.locks import migration_lock, other_users

    with migration_lock(path):
        users = other_users(path)
        if users:
            raise DatabaseInUse(path, users)
        return restore_latest(path)


def restore_latest(path: Path) -> Path:
    """Put the newest sound backup in place of ``path`` (moved aside if present).

    Returns the backup used; raises FileNotFoundError when there is none.
    """
    chosen = latest_backup(path)
    if chosen is None:
        raise FileNotFoundError(f"no usable backup of {path.name}")
    if path.exists():
        move_aside(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-restore-", suffix=".sqlite3")
    os.close(fd)
    try:
        src = sqlite3.connect(chosen)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    log.warning("restored %s from the backup %s", path.name, chosen.name)
    return chosen
