"""Versions a window page is showing: retention keeps them while they are shown.

A page browsing an older version (not following the latest) *pins* it: this
process holds a file lock named after the cache file and the snapshot id
(``<data>/locks/pin-*.lock``). Retention — in whichever process it runs: the
window, its ingest child, a ``sage50 download`` — skips a snapshot whose pin
is held (:func:`pinned`), so a version is never deleted while it is on
screen; the next download's retention trims it once the page lets go.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from sage50_desktop.storage.locks import LOCKS_FOLDER, lock_at, lock_name


def pin_lock(cache_path: Path, snapshot_id: int) -> FileLock:
    cache_path = Path(cache_path)
    return lock_at(
        cache_path.parent / LOCKS_FOLDER / lock_name("pin", cache_path.name, str(snapshot_id))
    )


def pinned(cache_path: Path, snapshot_id: int) -> bool:
    """Whether a page (of any process) shows the snapshot; a free pin's file is removed."""
    path = (
        Path(cache_path).parent
        / LOCKS_FOLDER
        / lock_name("pin", Path(cache_path).name, str(snapshot_id))
    )
    if not path.exists():
        return False
    lock = lock_at(path)
    try:
        lock.acquire(blocking=False)
    except Timeout:
        return True
    except OSError:
        return False
    try:
        path.unlink()
    except OSError:
        pass
    finally:
        lock.release()
    return False


class Pins:
    """The pins this process holds, counted (two views of one version hold it once)."""

    def __init__(self, cache_path: Path) -> None:
        self.cache_path = Path(cache_path)
        self._held: dict[int, tuple[FileLock, int]] = {}

    def hold(self, snapshot_id: int) -> None:
        lock, count = self._held.get(snapshot_id, (None, 0))
        if lock is None:
            lock = pin_lock(self.cache_path, snapshot_id)
            try:
                lock.acquire(blocking=False)
            except (Timeout, OSError):
                return  # another view holds it already, or no lock file can be made
        self._held[snapshot_id] = (lock, count + 1)

    def release(self, snapshot_id: int) -> None:
        lock, count = self._held.get(snapshot_id, (None, 0))
        if lock is None:
            return
        if count > 1:
            self._held[snapshot_id] = (lock, count - 1)
            return
        del self._held[snapshot_id]
        lock.release()

    def held(self) -> set[int]:
        return set(self._held)

    def release_all(self) -> None:
        for snapshot_id in list(self._held):
            self._held[snapshot_id] = (self._held[snapshot_id][0], 1)
            self.release(snapshot_id)
