"""What other processes wrote: the window notices snapshots and uploads of ``sage50``.

Several processes share the data folder. Every couple of seconds (on the event
loop, the reads in a worker thread) this asks each database — ``cache.sqlite3``
(snapshots) and ``app.sqlite3`` (uploads) — for ``PRAGMA data_version``, a
counter SQLite bumps when *another* connection commits, and looks at the
modification time and size of the file and its ``-wal``. An idle check costs
that, never a poll of the tables. Only when something moved does it read a
small summary:

* snapshots: the newest snapshot id and the count per scope (one row per
  scope); a scope whose row differs is announced with
  :meth:`SnapshotStore.notify_changed` (its ``changed`` signal, which the views
  already follow);
* uploads: the rows whose ``updated_at`` is at most :data:`OVERLAP` seconds
  older than the newest one seen before (an index serves it), so a commit whose
  time was taken a little before another's is not missed; each changed row is
  handed to the listener (:class:`UploadListener`, the connection sessions),
  which announces it on the connection's upload service.

Commits of this process move the counters too; their scopes and uploads are
then announced once more (a harmless refresh; an upload service skips the
uploads it tracks itself). On every look, changed or not, the listener may
take over the tracking of uploads another process left unfinished
(:meth:`UploadListener.adopt_uploads`: a lock attempt per followed upload).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from sage50_desktop.services.activity import KIND_POLL
from sage50_desktop.services.connection_session import PollTimer
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.storage.snapshot_store import SnapshotStore

log = logging.getLogger(__name__)

INTERVAL = 2.0  # seconds between two looks
OVERLAP = 30.0  # seconds of upload changes read again at each look that found news

TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores times in SQLite

ScopeKey = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class UploadChange:
    """One upload row as another process left it."""

    profile_id: str
    upload_id: str
    state: str
    status: str
    progress: int
    message: str


class UploadListener(Protocol):
    """Who is told about uploads other processes changed (the connection sessions)."""

    def upload_changed(
        self,
        profile_id: str,
        upload_id: str,
        state: str,
        status: str,
        progress: int,
        message: str,
    ) -> None: ...

    async def adopt_uploads(self) -> None: ...


def _file_stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


class _Probe:
    """A read-only connection to one database and the stamp of its last look."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn: sqlite3.Connection | None = None
        self.stamp: tuple[int, ...] | None = None

    def moved(self) -> bool:
        """Whether anything was committed since the last look (first look: true)."""
        if not self.path.exists():
            return False
        if self.conn is None:
            self.conn = sqlite3.connect(
                self.path, timeout=5, check_same_thread=False, isolation_level=None
            )  # reads only
        stamp = (
            int(self.conn.execute("PRAGMA data_version").fetchall()[0][0]),
            *_file_stamp(self.path),
            *_file_stamp(self.path.with_name(self.path.name + "-wal")),
        )
        if stamp == self.stamp:
            return False
        self.stamp = stamp
        return True

    def rows(self, sql: str, *params: Any) -> list[Any]:
        assert self.conn is not None
        return self.conn.execute(sql, params).fetchall()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _stored_time(text: str) -> datetime:
    """A time as SQLAlchemy stores it in SQLite (UTC, no zone)."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class ExternalChanges:
    """Announces snapshots and uploads that other processes stored (see the module doc).

    Args:
        snapshots: the app's snapshot store (``cache.sqlite3``).
        uploads: told about other processes' upload changes (None: not watched).
        app_db: ``app.sqlite3`` (with ``uploads``).
        interval: seconds between two looks.
    """

    def __init__(
        self,
        snapshots: SnapshotStore,
        *,
        uploads: UploadListener | None = None,
        app_db: Path | None = None,
        interval: float = INTERVAL,
        tasks: TaskRegistry | None = None,
    ) -> None:
        self.snapshots = snapshots
        self.uploads = uploads
        # each look is a quiet registry task (a private registry when None, e.g. tests)
        self.tasks = tasks if tasks is not None else TaskRegistry()
        self._timer = PollTimer(self._tick, interval)
        self._cache = _Probe(snapshots.path)
        self._app = _Probe(app_db) if app_db is not None and uploads is not None else None
        self._scopes: dict[ScopeKey, tuple[int, int]] | None = None
        self._mark: str | None = None  # the newest updated_at seen
        self._seen: dict[str, str] = {}  # upload id -> updated_at, within the overlap
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
        self._cache.close()
        if self._app is not None:
            self._app.close()

    def _tick(self) -> None:
        if self._running is None or self._running.done():
            try:
                info = self.tasks.start(
                    "poll:external-changes", self.check(), kind=KIND_POLL, quiet=True
                )
            except RuntimeError:  # the app is shutting down
                return
            self._running = info.task

    async def check(self) -> None:
        """One look (also callable directly, e.g. by tests)."""
        try:
            scopes = await asyncio.to_thread(self._read_scopes)
        except (sqlite3.Error, OSError) as exc:
            log.debug("could not look for other processes' snapshots: %s", exc)
            scopes = None
        changes: list[UploadChange] = []
        if self._app is not None:
            try:
                changes = await asyncio.to_thread(self._read_uploads)
            except (sqlite3.Error, OSError, ValueError) as exc:
                log.debug("could not look for other processes' uploads: %s", exc)
        self.checks += 1
        if scopes is not None:
            old, self._scopes = self._scopes, scopes
            if old is not None:
                for key in sorted(set(old) | set(scopes)):
                    if old.get(key) != scopes.get(key):
                        self.snapshots.notify_changed(*key)
        if self.uploads is not None:
            for change in changes:
                self.uploads.upload_changed(
                    change.profile_id,
                    change.upload_id,
                    change.state,
                    change.status,
                    change.progress,
                    change.message,
                )
            await self.uploads.adopt_uploads()

    # --- worker thread ---------------------------------------------------------------
    def _read_scopes(self) -> dict[ScopeKey, tuple[int, int]] | None:
        if self.snapshots.read_only is not None:
            return None  # read-only (a full disk, a read-only folder): nobody changes it
        if not self._cache.moved():
            return None
        rows = self._cache.rows(
            "SELECT c.profile_id, c.domain, c.scope, max(s.id), count(s.id) FROM "
            "snap_scopes c LEFT JOIN snap_snapshots s ON s.scope_id = c.id "
            "GROUP BY c.id"
        )
        return {(p, d, s): (int(m or 0), int(n)) for p, d, s, m, n in rows}

    def _read_uploads(self) -> list[UploadChange]:
        assert self._app is not None
        if not self._app.moved():
            return []
        if self._mark is None:
            [(mark,)] = self._app.rows("SELECT max(updated_at) FROM uploads")
            self._mark = mark or ""
            return []  # the first look only sets the mark: the pages load what is there
        since = ""
        if self._mark:
            since = (_stored_time(self._mark) - timedelta(seconds=OVERLAP)).strftime(TIME_FORMAT)
        rows = self._app.rows(
            "SELECT id, profile_id, state, status, progress, "
            "coalesce(state_message, message, ''), updated_at "
            "FROM uploads WHERE updated_at >= ? ORDER BY updated_at",
            since,
        )
        changes = []
        for upload_id, profile_id, state, status, progress, message, updated in rows:
            if self._seen.get(upload_id) == updated:
                continue
            self._seen[upload_id] = updated
            changes.append(
                UploadChange(
                    profile_id, upload_id, state, status or "", int(progress or 0), message
                )
            )
            if updated > (self._mark or ""):
                self._mark = updated
        self._seen = {uid: at for uid, at in self._seen.items() if at >= since}
        return changes
