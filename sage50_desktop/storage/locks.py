"""Cross-process locks in the data folder (several ``sage50`` and the window on one folder).

Each lock is a file under ``<data folder>/locks/`` held with an OS file lock
(:mod:`filelock`: ``flock`` on POSIX, ``LockFileEx`` on Windows), so a process
that dies releases it. The file name is a hash of what it protects: ids from
the platform never become paths. Locks are held for as short as possible and
never across a user prompt:

* ``migration(db)``: one process migrates a database, the others wait and
  then see the new version (:func:`sage50_desktop.storage.db.migrate`);
* ``open-<db>-<role>-<pid>``: held by every process while it has the database
  open (:func:`open_lock`); :func:`other_users` names the processes that do, so
  ``restore-backup`` never replaces a file another process is using;
* ``scope(profile, domain, scope)``: around download + ingest of one scope;
* ``rotation(profile)``: around a key rotation of one connection;
* ``upload(profile, upload_id)``: around the PUT of an upload and the
  resumption of its tracking;
* ``tracking(profile, upload_id)``: held, without waiting for it, by the one
  process that follows an upload with the platform (:class:`Claims`); the
  window does not start a second tracker while another process holds it.

Blocking use: ``with locks.scope(...):``. From the event loop: ``async with
hold(lock):`` (waits in small steps, cancellable, never blocks the loop).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from sage50_desktop.api.errors import Sage50Error

log = logging.getLogger(__name__)

LOCKS_FOLDER = "locks"
#: how long a waiter polls between attempts (async and blocking)
POLL = 0.02
#: default patience before :class:`LockTimeout` (a download of a big file holds its lock long)
DEFAULT_TIMEOUT = 3600.0


class LockTimeout(Sage50Error):
    """Another process held a lock for too long."""

    transient = True
    hint = (
        "Another Sage 50 Desktop process (the window or a 'sage50' command) is busy "
        "with the same item. Wait for it to finish, then try again."
    )


def lock_name(kind: str, *parts: str) -> str:
    """The file name of the lock ``kind`` over ``parts`` (a hash: ids never become paths)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]
    return f"{kind}-{digest}.lock"


_name = lock_name


def lock_at(path: Path) -> FileLock:
    """A file lock at ``path`` (folder created 0700, lock file 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # thread_local=False: an async holder may release from another task of the same thread
    return FileLock(str(path), mode=0o600, thread_local=False, is_singleton=False)


class Locks:
    """The named cross-process locks of one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / LOCKS_FOLDER

    def _lock(self, kind: str, *parts: str) -> FileLock:
        return lock_at(self.folder / _name(kind, *parts))

    def migration(self, db_path: Path) -> FileLock:
        return migration_lock(db_path)

    def scope(self, profile_id: str, domain: str, scope: str) -> FileLock:
        return self._lock("scope", profile_id, domain, scope)

    def rotation(self, profile_id: str) -> FileLock:
        return self._lock("rotation", profile_id)

    def upload(self, profile_id: str, upload_id: str) -> FileLock:
        return self._lock("upload", profile_id, upload_id)

    def tracking(self, profile_id: str, upload_id: str) -> FileLock:
        return self._lock("tracking", profile_id, upload_id)


class Claims:
    """Locks taken without waiting and held while a piece of work runs in this process.

    ``take(key)`` is true when this process holds the claim (now or already);
    false when another process holds it. A folder where no lock file can be
    made (read-only) cannot coordinate: the claim then counts as taken.
    """

    def __init__(self, make: Callable[[str], FileLock]) -> None:
        self._make = make
        self._held: dict[str, FileLock] = {}

    def take(self, key: str) -> bool:
        if key in self._held:
            return True
        try:
            lock = self._make(key)
            lock.acquire(blocking=False)
        except Timeout:
            return False
        except OSError as exc:
            log.debug("no claim file for %s: %s", key, exc)
            return True
        self._held[key] = lock
        return True

    def holds(self, key: str) -> bool:
        return key in self._held

    def release(self, key: str) -> None:
        lock = self._held.pop(key, None)
        if lock is not None:
            lock.release()

    def release_all(self) -> None:
        for key in list(self._held):
            self.release(key)


def migration_lock(db_path: Path) -> FileLock:
    """The lock held while ``db_path`` is migrated (in the ``locks`` folder next to it)."""
    db_path = Path(db_path)
    return lock_at(db_path.parent / LOCKS_FOLDER / _name("migrate", db_path.name))


def open_lock(db_path: Path, role: str) -> FileLock:
    """The lock this process holds while it has ``db_path`` open (``role``: window, sage50)."""
    db_path = Path(db_path)
    name = f"open-{db_path.stem}-{role}-{os.getpid()}.lock"
    return lock_at(db_path.parent / LOCKS_FOLDER / name)


def other_users(db_path: Path) -> list[tuple[str, int]]:
    """The other processes that have ``db_path`` open: ``(role, pid)``, by their open locks.

    A lock file left by a process that ended is deleted on the way.
    """
    db_path = Path(db_path)
    folder = db_path.parent / LOCKS_FOLDER
    users: list[tuple[str, int]] = []
    prefix = f"open-{db_path.stem}-"
    for path in sorted(folder.glob(prefix + "*.lock")):
        role, _, pid_text = path.name[len(prefix) : -len(".lock")].rpartition("-")
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        lock = lock_at(path)
        try:
            lock.acquire(blocking=False)
        except Timeout:
            users.append((role, int(pid_text)))
            continue
        except OSError:
            continue
        try:
            path.unlink()  # its process ended (only that process ever locks it)
        except OSError:
            pass
        finally:
            lock.release()
    return users


@asynccontextmanager
async def hold(lock: FileLock, timeout: float = DEFAULT_TIMEOUT) -> AsyncIterator[None]:
    """Hold ``lock`` from a coroutine: polls without blocking the loop; cancellable."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            lock.acquire(blocking=False)
            break
        except Timeout:
            if time.monotonic() >= deadline:
                raise LockTimeout(f"waited {timeout:.0f} s for a lock") from None
            await asyncio.sleep(POLL)
    try:
        yield
    finally:
        lock.release()
