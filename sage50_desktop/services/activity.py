"""The Activity history: background tasks and notable events, persisted and exportable.

:class:`ActivityLog` listens to a :class:`~sage50_desktop.services.tasks.TaskRegistry`
and writes one row per task (when it starts; again when it ends) to the
:class:`~sage50_desktop.storage.activity_store.ActivityStore`. Events that are
not tasks (a silent key renewal, consent lost) go in with :meth:`ActivityLog.record`.
Progress is kept in memory only and announced through ``changed``.

**Targets** say what an entry concerns, so the UI can jump there:
``profile/<profile id>``, ``profile/<profile id>/<domain>/<scope>`` or, for an
upload, ``profile/<profile id>/<domain>/<scope>/upload/<upload id>``
(:func:`target_for`, :func:`parse_target`).

Qt-free.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sage50_desktop.events import Signal
from sage50_desktop.redaction import redact
from sage50_desktop.services.tasks import RUNNING, TaskInfo, TaskRegistry
from sage50_desktop.storage.activity_store import ActivityRecord, ActivityStore
from sage50_desktop.storage.data_folder import DataFolderUnavailable

log = logging.getLogger(__name__)

INFO = "info"
FAILED = "failed"
SUCCEEDED = "succeeded"
HISTORY_LIMIT = 5000  # rows kept in the database
MEMORY_LIMIT = 1000  # rows the UI holds

# kinds of entries the services and the shell record
KIND_DOWNLOAD = "download"
KIND_UPLOAD = "upload"
KIND_KEY_ROTATION = "key_rotation"
KIND_CONSENT = "consent"
KIND_CONSENT_LOST = "consent_lost"
KIND_REFRESH = "refresh"
KIND_POLL = "poll"
KIND_EXPORT = "export"
KIND_INDEX = "index"  # sort and search indexes built after a download
KIND_DELETE_DATA = "delete_data"  # "Delete cached data" of a connection
KIND_SANDBOX = "sandbox"  # the in-app sandbox started from the window
KIND_COMPARE = "compare"  # counting the differences of two versions
KIND_SETUP = "setup"  # the connection wizard's checks and consent
KIND_REMOVE = "remove"  # removing a connection and its data
KIND_CLOSE = "close"  # closing a connection's network clients (quiet)
KIND_ERROR = "error"
#: the detail of an upload task while its file is being sent (then: the platform status)
SENDING_DETAIL = "sending"


@dataclass(frozen=True, slots=True)
class Target:
    """What an entry concerns: a profile, optionally one of its scopes, or an upload."""

    profile_id: str
    domain: str | None = None
    scope: str | None = None
    upload_id: str | None = None

    @property
    def page(self) -> str:
        """The target of the page that shows it (an upload: its scope's Uploads page)."""
        return target_for(self.profile_id, self.domain, self.scope)


def target_for(
    profile_id: str,
    domain: str | None = None,
    scope: str | None = None,
    upload_id: str | None = None,
) -> str:
    if domain and scope:
        base = f"profile/{profile_id}/{domain}/{scope}"
        return f"{base}/upload/{upload_id}" if upload_id else base
    return f"profile/{profile_id}"


def parse_target(text: str | None) -> Target | None:
    if not text:
        return None
    parts = text.split("/", 5)
    if parts[0] != "profile" or len(parts) not in (2, 4, 6) or not parts[1]:
        return None
    if len(parts) == 6:
        if parts[4] != "upload" or not parts[5]:
            return None
        return Target(parts[1], parts[2], parts[3], parts[5])
    if len(parts) == 4:
        return Target(parts[1], parts[2], parts[3])
    return Target(parts[1])


def _error_text(exc: BaseException | None) -> str:
    if exc is None:
        return ""
    return redact(str(exc)) or type(exc).__name__


class ActivityLog:
    """The history the Activity dock shows.

    Args:
        store: where rows are persisted.
        tasks: the registry whose tasks are recorded (optional; see :meth:`attach`).
        clock: the time source (tests).

    Signals:
        added(record: ActivityRecord): a new entry (a task started, or an event).
        changed(record: ActivityRecord): an entry's progress or outcome changed.
        removed(target: str): the finished entries of a connection (its target and
            its scopes' targets) were deleted (:meth:`forget_profile`).
    """

    def __init__(
        self,
        store: ActivityStore,
        tasks: TaskRegistry | None = None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self._clock = clock
        self._by_task: dict[int, ActivityRecord] = {}  # id(TaskInfo) -> its row
        self.added = Signal("activity_added")
        self.changed = Signal("activity_changed")
        self.removed = Signal("activity_removed")
        #: entries kept in memory only (negative ids): the data folder cannot be written
        self._unsaved = 0
        try:
            interrupted = store.mark_interrupted(clock())
            if interrupted:
                log.info("%d activity entries were interrupted by the previous exit", interrupted)
            store.prune(HISTORY_LIMIT)
        except DataFolderUnavailable:
            pass  # a full disk / read-only folder: the history is only read this time
        if tasks is not None:
            self.attach(tasks)

    def attach(self, tasks: TaskRegistry) -> None:
        tasks.started.connect(self._on_started)
        tasks.progressed.connect(self._on_progressed)
        tasks.finished.connect(self._on_finished)

    # --- reading ------------------------------------------------------------------
    def entries(self, limit: int = MEMORY_LIMIT) -> list[ActivityRecord]:
        """The newest ``limit`` entries, oldest first."""
        return self.store.newest(limit)

    # --- writing ------------------------------------------------------------------
    def forget_profile(self, profile_id: str) -> int:
        """Delete a connection's finished entries (any thread); returns how many.

        Emits ``removed(target)`` with the connection's target: the entries whose
        target is it or one of its scopes, and that are not running, are gone.
        """
        count = self.store.delete_for_profile(profile_id, keep_running=True)
        self.removed.emit(target_for(profile_id))
        return count

    def record(
        self,
        kind: str,
        subject: str,
        *,
        state: str = INFO,
        detail: str = "",
        target: str | None = None,
        error: BaseException | None = None,
    ) -> ActivityRecord:
        """An event that is not a task (key renewed, consent lost …)."""
        now = self._clock()
        entry = self._add(
            ActivityRecord(
                kind=kind,
                subject=subject,
                state=FAILED if error is not None else state,
                started_at=now,
                finished_at=now,
                target=target,
                detail=detail or _error_text(error),
                error_type=type(error).__name__ if error is not None else None,
            )
        )
        self.added.emit(entry)
        return entry

    def _add(self, record: ActivityRecord) -> ActivityRecord:
        """Store ``record``; on a full disk or a read-only folder keep it in memory only."""
        try:
            return self.store.add(record)
        except DataFolderUnavailable:
            self._unsaved -= 1
            return replace(record, id=self._unsaved)

    def export_csv(
        self,
        path: Path,
        *,
        semicolon: bool = False,
        header: Sequence[str] | None = None,
        row: Callable[[ActivityRecord], Sequence[str]] | None = None,
        records: Sequence[ActivityRecord] | None = None,
        limit: int = HISTORY_LIMIT,
    ) -> int:
        """Write the history to ``path`` as CSV (UTF-8 with BOM, for spreadsheets).

        Args:
            semicolon: ``;`` as separator (Spanish Excel) instead of ``,``.
            header / row: the column titles and a record's cells (the UI passes
                translated ones); default: English, timestamps in UTC ISO-8601.
            records: the entries to write (default: the newest ``limit`` in the store).
        Returns:
            the number of rows written.
        """
        if records is None:
            records = self.store.newest(limit)
        header = header or (
            "id",
            "started",
            "finished",
            "kind",
            "subject",
            "state",
            "detail",
            "error",
            "target",
        )
        row = row or _default_row
        path = Path(path)
        tmp = path.with_name(f".{path.name}.part")
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=";" if semicolon else ",")
            writer.writerow(header)
            for record in records:
                writer.writerow(row(record))
        tmp.replace(path)
        return len(records)

    # --- task listeners -------------------------------------------------------------
    def _on_started(self, info: TaskInfo) -> None:
        if info.quiet:
            return
        entry = self._add(
            ActivityRecord(
                kind=info.kind,
                subject=info.subject,
                state=RUNNING,
                started_at=info.started_at,
                target=info.target,
                task_name=info.name,
                done=info.done,
                total=info.total,
                detail=info.detail,
            )
        )
        self._by_task[id(info)] = entry
        self.added.emit(entry)

    def _on_progressed(self, info: TaskInfo) -> None:
        entry = self._by_task.get(id(info))
        if entry is None:
            return
        entry = replace(entry, done=info.done, total=info.total, detail=info.detail)
        self._by_task[id(info)] = entry
        self.changed.emit(entry)

    def _on_finished(self, info: TaskInfo) -> None:
        entry = self._by_task.pop(id(info), None)
        if entry is None:
            if not info.quiet or info.error is None:
                return
            # a quiet task is recorded only when it fails
            entry = self._add(
                ActivityRecord(
                    kind=info.kind,
                    subject=info.subject,
                    state=RUNNING,
                    started_at=info.started_at,
                    target=info.target,
                    task_name=info.name,
                )
            )
            self.added.emit(entry)
        detail = _error_text(info.error) if info.error is not None else info.detail
        if info.state == SUCCEEDED and info.total is not None and info.done is None:
            info.done = info.total
        entry = replace(
            entry,
            state=info.state,
            finished_at=info.finished_at or self._clock(),
            done=info.done,
            total=info.total,
            detail=detail,
            error_type=type(info.error).__name__ if info.error is not None else None,
        )
        try:
            if entry.id is not None and entry.id > 0:  # not an entry kept in memory only
                self.store.save(entry)
        except DataFolderUnavailable:
            pass  # a full disk / read-only folder: the window shows it, the history cannot
        except Exception:  # the history must never break the work it records
            log.exception("could not save activity entry %s", entry.id)
        self.changed.emit(entry)


def _iso(value: datetime | None) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds") if value else ""


def _default_row(record: ActivityRecord) -> list[str]:
    return [
        str(record.id),
        _iso(record.started_at),
        _iso(record.finished_at),
        record.kind,
        record.subject,
        record.state,
        record.detail,
        record.error_type or "",
        record.target or "",
    ]
