"""Uploads, their status history and their result files in ``app.sqlite3``.

Tables (component ``uploads``):

* ``uploads`` — one row per upload announced to the platform (5.1), keyed by
  the platform's ``uploadId``. ``status`` is the last platform status (any
  string: unknown values are kept as they come); ``state`` is what this app
  is doing with it (see :class:`LocalState`).
* ``upload_status_history`` — every status change with the time it was seen.
* ``upload_record_results`` — the per-record outcomes of the result file.

The pre-signed ``upload_url`` is kept only until the bytes went (it is what
lets a crash between 5.1 and 5.2 be resumed) and cleared afterwards.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from sage50_desktop.api.contract import RecordOutcome, UploadStatus
from sage50_desktop.api.errors import Sage50Error
from sage50_desktop.storage.db import migrate

metadata = MetaData()

uploads = Table(
    "uploads",
    metadata,
    Column("id", String, primary_key=True),  # the platform's uploadId
    Column("profile_id", String, nullable=False),
    Column("domain", String, nullable=False),
    Column("scope", String, nullable=False),
    Column("file_name", String, nullable=False),
    Column("source_path", String),  # where the user picked the file (informative)
    Column("local_path", String, nullable=False),  # our copy in the uploads folder
    Column("size", Integer, nullable=False),
    Column("sha256", String, nullable=False),
    Column("record_count", Integer),
    Column("tracking_url", String, nullable=False),
    Column("upload_url", String),  # pre-signed; cleared once the bytes went
    Column("upload_url_expiration", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True)),
    Column("status", String, nullable=False),
    Column("progress", Integer, nullable=False, default=0),
    Column("message", Text),
    Column("state", String, nullable=False),
    Column("state_message", Text),
    Column("terminal_at", DateTime(timezone=True)),
    Column("parent_id", String, ForeignKey("uploads.id", ondelete="SET NULL")),
    Column("result_path", String),
    Column("result_at", DateTime(timezone=True)),
    Column("result_total", Integer),
    Column("result_accepted", Integer),
    Column("result_rejected", Integer),
    Column("result_errors", Text),  # JSON list of file-level errors
    Index("ix_uploads_updated", "updated_at"),
)

history = Table(
    "upload_status_history",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("upload_id", String, ForeignKey("uploads.id", ondelete="CASCADE"), nullable=False),
    Column("status", String, nullable=False),
    Column("progress", Integer, nullable=False, default=0),
    Column("message", Text),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_upload_history_upload", "upload_id", "seq"),
)

record_results = Table(
    "upload_record_results",
    metadata,
    Column("upload_id", String, ForeignKey("uploads.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("record_id", String, nullable=False),
    Column("outcome", String, nullable=False),
    Column("errors", Text),  # JSON list of {"path", "message"}
)


def _step_1(conn: Connection) -> None:
    metadata.create_all(conn)


def _step_2(conn: Connection) -> None:
    # what changed lately (the window's watcher of other processes' writes)
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_uploads_updated ON uploads (updated_at)")


STEPS = [_step_1, _step_2]


class LocalState:
    """What the app is doing with an upload (beside the platform's status)."""

    SENDING = "sending"  # recorded; the bytes have not (surely) gone yet
    TRACKING = "tracking"  # bytes sent; polling the tracking URL
    WAITING_RESULT = "waitingResult"  # terminal; waiting for a late result file
    DONE = "done"  # finished: terminal, result fetched or the grace period over
    CANCELLED = "cancelled"  # the user stopped tracking (can be resumed)
    URL_EXPIRED = "urlExpired"  # the bytes never went and the upload link expired: re-upload
    INTERRUPTED = "interrupted"  # stopped by an error (consent, network...): can be resumed

    ACTIVE = frozenset({SENDING, TRACKING, WAITING_RESULT})
    RESUMABLE = frozenset({SENDING, TRACKING, WAITING_RESULT, CANCELLED, INTERRUPTED})


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


@dataclass(frozen=True, slots=True)
class UploadRecord:
    id: str
    profile_id: str
    domain: str
    scope: str
    file_name: str
    local_path: str
    size: int
    sha256: str
    tracking_url: str
    created_at: datetime
    updated_at: datetime
    status: str
    progress: int
    state: str
    source_path: str | None = None
    record_count: int | None = None
    upload_url: str | None = field(default=None, repr=False)
    upload_url_expiration: datetime | None = None
    sent_at: datetime | None = None
    message: str | None = None
    state_message: str | None = None
    terminal_at: datetime | None = None
    parent_id: str | None = None
    result_path: str | None = None
    result_at: datetime | None = None
    result_total: int | None = None
    result_accepted: int | None = None
    result_rejected: int | None = None
    result_errors: tuple[str, ...] = ()

    @property
    def terminal(self) -> bool:
        return self.status in UploadStatus.TERMINAL

    @property
    def has_result(self) -> bool:
        return self.result_path is not None

    @property
    def active(self) -> bool:
        return self.state in LocalState.ACTIVE

    @property
    def display_status(self) -> str:
        """The status to show in a list: the app's own state where it matters."""
        if self.state == LocalState.CANCELLED:
            return "tracking cancelled"
        if self.state == LocalState.URL_EXPIRED:
            return "upload link expired"
        if self.state == LocalState.INTERRUPTED:
            return "interrupted"
        if self.state == LocalState.SENDING:
            return "sending"
        return self.status


@dataclass(frozen=True, slots=True)
class StatusChange:
    status: str
    progress: int
    message: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class RecordOutcomeRow:
    position: int
    record_id: str
    outcome: str
    errors: tuple[tuple[str, str], ...]  # (path, message)


@dataclass(frozen=True, slots=True)
class ResultSummary:
    total: int
    accepted: int
    rejected: int
    errors: tuple[str, ...]


RESULT_BATCH = 2000  # outcome rows per INSERT statement of store_result


@dataclass(frozen=True, slots=True)
class AcceptedRecord:
    """A record id some stored result file accepted: which upload, when."""

    record_id: str
    upload_id: str
    accepted_at: datetime | None
    file_name: str


class UploadNotRecorded(Sage50Error, LookupError):
    """No upload with that id in the local history."""

    hint = (
        "This upload is no longer in the app's history (another window or a 'sage50' "
        "command removed it). Refresh the list of uploads."
    )


class UploadIdTaken(ValueError):
    """An upload with that id is in the local history already."""


class UploadStore:
    """CRUD of uploads, status history and per-record results."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        migrate(engine, "uploads", STEPS)

    # --- uploads --------------------------------------------------------------------
    def add(
        self,
        *,
        id: str,
        profile_id: str,
        domain: str,
        scope: str,
        file_name: str,
        local_path: str,
        size: int,
        sha256: str,
        tracking_url: str,
        upload_url: str | None,
        upload_url_expiration: datetime | None,
        source_path: str | None = None,
        record_count: int | None = None,
        parent_id: str | None = None,
        status: str = UploadStatus.PENDING,
        state: str = LocalState.SENDING,
    ) -> UploadRecord:
        now = _now()
        try:
            self._insert(
                id=id,
                profile_id=profile_id,
                domain=domain,
                scope=scope,
                file_name=file_name,
                source_path=source_path,
                local_path=local_path,
                size=size,
                sha256=sha256,
                record_count=record_count,
                tracking_url=tracking_url,
                upload_url=upload_url,
                upload_url_expiration=upload_url_expiration,
                now=now,
                status=status,
                state=state,
                parent_id=parent_id,
            )
        except IntegrityError:
            raise UploadIdTaken(f"an upload {id!r} is in the history already") from None
        return self.get(id)

    def _insert(
        self,
        *,
        id: str,
        profile_id: str,
        domain: str,
        scope: str,
        file_name: str,
        source_path: str | None,
        local_path: str,
        size: int,
        sha256: str,
        record_count: int | None,
        tracking_url: str,
        upload_url: str | None,
        upload_url_expiration: datetime | None,
        now: datetime,
        status: str,
        state: str,
        parent_id: str | None,
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(uploads).values(
                    id=id,
                    profile_id=profile_id,
                    domain=domain,
                    scope=scope,
                    file_name=file_name,
                    source_path=source_path,
                    local_path=local_path,
                    size=size,
                    sha256=sha256,
                    record_count=record_count,
                    tracking_url=tracking_url,
                    upload_url=upload_url,
                    upload_url_expiration=upload_url_expiration,
                    created_at=now,
                    updated_at=now,
                    status=status,
                    progress=0,
                    state=state,
                    parent_id=parent_id,
                )
            )
            conn.execute(
                insert(history).values(
                    upload_id=id, status=status, progress=0, message=None, at=now
                )
            )

    def get(self, upload_id: str) -> UploadRecord:
        with self.engine.connect() as conn:
            row = conn.execute(select(uploads).where(uploads.c.id == upload_id)).mappings().first()
        if row is None:
            raise UploadNotRecorded(f"no upload {upload_id!r} in the history")
        return self._from_row(row)

    def find(self, upload_id: str) -> UploadRecord | None:
        try:
            return self.get(upload_id)
        except UploadNotRecorded:
            return None

    def find_by_path(self, local_path: str) -> UploadRecord | None:
        """An upload that uses the saved copy at ``local_path``, if any."""
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(uploads).where(uploads.c.local_path == local_path).limit(1))
                .mappings()
                .first()
            )
        return self._from_row(row) if row is not None else None

    def delete_profile(self, profile_id: str) -> list[UploadRecord]:
        """Delete a connection's uploads (history and results go with them); returns them."""
        records = self.records(profile_id=profile_id)
        with self.engine.begin() as conn:
            conn.execute(uploads.delete().where(uploads.c.profile_id == profile_id))
        return records

    def records(
        self,
        *,
        profile_id: str | None = None,
        status: str | Iterable[str] | None = None,
        scope: str | None = None,
        state: str | Iterable[str] | None = None,
        limit: int | None = None,
    ) -> list[UploadRecord]:
        """Uploads, newest first. ``status`` matches the platform status or the display status."""
        query = select(uploads)
        if profile_id is not None:
            query = query.where(uploads.c.profile_id == profile_id)
        if scope is not None:
            query = query.where(uploads.c.scope == scope)
        if state is not None:
            states = [state] if isinstance(state, str) else list(state)
            query = query.where(uploads.c.state.in_(states))
        query = query.order_by(uploads.c.created_at.desc(), uploads.c.id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        records = [self._from_row(row) for row in rows]
        if status is not None:
            wanted = {status} if isinstance(status, str) else set(status)
            records = [r for r in records if r.status in wanted or r.display_status in wanted]
        return records[:limit] if limit is not None else records

    def children(self, upload_id: str) -> list[UploadRecord]:
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    select(uploads)
                    .where(uploads.c.parent_id == upload_id)
                    .order_by(uploads.c.created_at)
                )
                .mappings()
                .all()
            )
        return [self._from_row(row) for row in rows]

    def update(self, upload_id: str, **values: Any) -> UploadRecord:
        values["updated_at"] = _now()
        if "result_errors" in values and not isinstance(values["result_errors"], str | None):
            values["result_errors"] = orjson.dumps(list(values["result_errors"])).decode()
        with self.engine.begin() as conn:
            result = conn.execute(update(uploads).where(uploads.c.id == upload_id).values(**values))
        if result.rowcount == 0:
            raise UploadNotRecorded(f"no upload {upload_id!r} in the history")
        return self.get(upload_id)

    def set_state(self, upload_id: str, state: str, message: str | None = None) -> UploadRecord:
        return self.update(upload_id, state=state, state_message=message)

    def mark_sent(self, upload_id: str) -> UploadRecord:
        return self.update(
            upload_id,
            sent_at=_now(),
            upload_url=None,
            state=LocalState.TRACKING,
            state_message=None,
        )

    def record_status(
        self,
        upload_id: str,
        status: str,
        progress: int,
        message: str | None,
        at: datetime | None = None,
    ) -> tuple[UploadRecord, bool]:
        """Store the platform's latest status; returns (record, changed).

        A history row is added when the status, progress or message differs
        from the last one stored.
        """
        at = at or _now()
        with self.engine.begin() as conn:
            row = conn.execute(
                select(
                    uploads.c.status, uploads.c.progress, uploads.c.message, uploads.c.terminal_at
                ).where(uploads.c.id == upload_id)
            ).first()
            if row is None:
                raise UploadNotRecorded(f"no upload {upload_id!r} in the history")
            changed = (row.status, row.progress, row.message) != (status, progress, message)
            if changed:
                values: dict[str, Any] = {
                    "status": status,
                    "progress": progress,
                    "message": message,
                    "updated_at": at,
                }
                if status in UploadStatus.TERMINAL and row.terminal_at is None:
                    values["terminal_at"] = at
                conn.execute(update(uploads).where(uploads.c.id == upload_id).values(**values))
                conn.execute(
                    insert(history).values(
                        upload_id=upload_id,
                        status=status,
                        progress=progress,
                        message=message,
                        at=at,
                    )
                )
        return self.get(upload_id), changed

    def history(self, upload_id: str) -> list[StatusChange]:
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    select(history).where(history.c.upload_id == upload_id).order_by(history.c.seq)
                )
                .mappings()
                .all()
            )
        return [
            StatusChange(r["status"], r["progress"], r["message"], _aware(r["at"]))  # type: ignore[arg-type]
            for r in rows
        ]

    # --- results --------------------------------------------------------------------
    def store_result(
        self,
        upload_id: str,
        *,
        result_path: str,
        total: int,
        accepted: int,
        rejected: int,
        errors: Iterable[str],
        outcomes: Iterable[tuple[str, str, Iterable[tuple[str, str]]]],
    ) -> UploadRecord:
        """Replace the upload's per-record outcomes and summary in one transaction."""
        now = _now()
        rows = (
            {
                "upload_id": upload_id,
                "position": pos,
                "record_id": rid,
                "outcome": outcome,
                "errors": orjson.dumps([{"path": p, "message": m} for p, m in errs]).decode(),
            }
            for pos, (rid, outcome, errs) in enumerate(outcomes)
        )
        with self.engine.begin() as conn:
            conn.execute(delete(record_results).where(record_results.c.upload_id == upload_id))
            # in batches: one long executemany would hold the GIL against the GUI thread,
            # and the rows of a batch are freed before the next is built
            while batch := list(itertools.islice(rows, RESULT_BATCH)):
                conn.execute(insert(record_results), batch)
            conn.execute(
                update(uploads)
                .where(uploads.c.id == upload_id)
                .values(
                    result_path=result_path,
                    result_at=now,
                    result_total=total,
                    result_accepted=accepted,
                    result_rejected=rejected,
                    result_errors=orjson.dumps(list(errors)).decode(),
                    updated_at=now,
                )
            )
        return self.get(upload_id)

    def outcomes(self, upload_id: str, outcome: str | None = None) -> list[RecordOutcomeRow]:
        query = select(record_results).where(record_results.c.upload_id == upload_id)
        if outcome is not None:
            query = query.where(record_results.c.outcome == outcome)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(record_results.c.position)).mappings().all()
        return [
            RecordOutcomeRow(
                r["position"],
                r["record_id"],
                r["outcome"],
                tuple(
                    (e.get("path", ""), e.get("message", ""))
                    for e in orjson.loads(r["errors"] or "[]")
                ),
            )
            for r in rows
        ]

    def accepted_among(
        self,
        *,
        profile_id: str,
        domain: str,
        scope: str,
        record_ids: Iterable[str],
        exclude_upload: str | None = None,
        chunk: int = 500,
    ) -> list[AcceptedRecord]:
        """Which of ``record_ids`` a stored result file of this profile/scope accepted.

        One row per id (its first acceptance). ``exclude_upload`` leaves one
        upload out (none by default: a re-upload compares with its own result).
        """
        ids = list(dict.fromkeys(record_ids))
        found: dict[str, AcceptedRecord] = {}
        query_base = (
            select(
                record_results.c.record_id, uploads.c.id, uploads.c.result_at, uploads.c.file_name
            )
            .join(uploads, uploads.c.id == record_results.c.upload_id)
            .where(
                uploads.c.profile_id == profile_id,
                uploads.c.domain == domain,
                uploads.c.scope == scope,
                record_results.c.outcome == RecordOutcome.ACCEPTED,
            )
        )
        if exclude_upload is not None:
            query_base = query_base.where(uploads.c.id != exclude_upload)
        with self.engine.connect() as conn:
            for start in range(0, len(ids), chunk):
                part = ids[start : start + chunk]
                rows = conn.execute(
                    query_base.where(record_results.c.record_id.in_(part)).order_by(
                        uploads.c.result_at
                    )
                ).all()
                for record_id, upload_id, result_at, file_name in rows:
                    found.setdefault(
                        record_id,
                        AcceptedRecord(record_id, upload_id, _aware(result_at), file_name),
                    )
        return [found[i] for i in ids if i in found]

    def summary(self, upload_id: str) -> ResultSummary | None:
        record = self.get(upload_id)
        if record.result_total is None:
            return None
        return ResultSummary(
            record.result_total,
            record.result_accepted or 0,
            record.result_rejected or 0,
            record.result_errors,
        )

    # --- rows -----------------------------------------------------------------------
    @staticmethod
    def _from_row(row: Any) -> UploadRecord:
        data = dict(row)
        for key in (
            "created_at",
            "updated_at",
            "sent_at",
            "terminal_at",
            "result_at",
            "upload_url_expiration",
        ):
            data[key] = _aware(data[key])
        raw = data.pop("result_errors")
        data["result_errors"] = tuple(orjson.loads(raw)) if raw else ()
        return UploadRecord(**data)
