"""What other processes wrote: the window notices snapshots stored by ``sage50``.

Several processes share the data folder. Every couple of seconds (on the event
loop, the reads in a worker thread) this asks ``cache.sqlite3`` for ``PRAGMA
data_version`` — a counter SQLite bumps when *another* connection commits —
and looks at the modification time and size of the file and its ``-wal``. An
idle check costs that, never a poll of the tables. Only when something moved
does it read a small summary (the newest snapshot id and the count per scope,
one row per scope); a scope whose row differs is announced with
:meth:`SnapshotStore.notify_changed` (its ``changed`` signal, which the views
already follow). Commits of this process move the counter too; their scopes
are then announced once more (a harmless refresh).

Uploads added by other processes are not watched yet (see docs/decisions.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from pathlib import Path
from typing import Any

from sage50_desktop.services.connection_session import PollTimer
from sage50_desktop.storage.snapshot_store import SnapshotStore

log = logging.getLogger(__name__)

INTERVAL = 2.0  # seconds between two looks

ScopeKey = tuple[str, str, str]


def _file_stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


class ExternalChanges:
    """Announces snapshots that other processes stored (see the module doc)."""

    def __init__(self, snapshots: SnapshotStore, *, interval: float = INTERVAL) -> None:
        self.snapshots = snapshots
        self._timer = PollTimer(self._tick, interval)
        self._conn: sqlite3.Connection | None = None
        self._stamp: tuple[int, ...] | None = None
        self._scopes: dict[ScopeKey, tuple[int, int]] | None = None
        self._running: asyncio.Task[None] | None = None
        self.checks = 0

    def start(self) -> None:
        self._timer.start()

    async def aclose(self) -> None:
        self._timer.stop()
        if self._running is not None and not self._running.done():
            self._running.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._running
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _tick(self) -> None:
        if self._running is None or self._running.done():
            self._running = asyncio.get_running_loop().create_task(self.check())

    async def check(self) -> None:
        """One look (also callable directly, e.g. by tests)."""
        try:
            scopes = await asyncio.to_thread(self._read)
        except (sqlite3.Error, OSError) as exc:
            log.debug("could not look for other processes' snapshots: %s", exc)
            return
        self.checks += 1
        if scopes is None:
            return
        old, self._scopes = self._scopes, scopes
        if old is None:
            return
        for key in sorted(set(old) | set(scopes)):
            if old.get(key) != scopes.get(key):
                self.snapshots.notify_changed(*key)

    # --- worker thread ---------------------------------------------------------------
    def _read(self) -> dict[ScopeKey, tuple[int, int]] | None:
        path = self.snapshots.path
        if not path.exists():
            return None
        if self._conn is None:
            self._conn = sqlite3.connect(
                path, timeout=5, check_same_thread=False, isolation_level=None
            )  # reads only
        stamp = (
            int(self._conn.execute("PRAGMA data_version").fetchall()[0][0]),
            *_file_stamp(path),
            *_file_stamp(path.with_name(path.name + "-wal")),
        )
        if stamp == self._stamp:
            return None
        self._stamp = stamp
        rows: list[Any] = self._conn.execute(
            "SELECT c.profile_id, c.domain, c.scope, max(s.id), count(s.id) FROM "
            "snap_scopes c LEFT JOIN snap_snapshots s ON s.scope_id = c.id "
            "GROUP BY c.id"
        ).fetchall()
        return {(p, d, s): (int(m or 0), int(n)) for p, d, s, m, n in rows}
