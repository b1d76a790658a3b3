"""The upload engine: validate, upload, track to the end, results, re-upload (contract 5, 6).

One :class:`UploadService` per connection (profile). The flow of
:meth:`UploadService.upload`:

1. copy the file into the uploads folder (atomically, hashing it on the way)
   so a resume or re-upload never depends on the original staying put;
2. validate the copy locally against the scope's schema (worker thread);
   nothing is sent while errors remain (:class:`ValidationFailed`);
3. announce it (5.1) and record it in SQLite **before** the bytes go;
4. stream the bytes to the pre-signed ``uploadUrl`` (5.2) with progress;
5. track it in a background task (named ``upload-tracking:<uploadId>``)
   until the end, including the grace period for a late result file, then
   download and store the result file.

On start-up :meth:`UploadService.resume_all` picks every unfinished upload
up again: uploads whose bytes never went are PUT again while their link is
valid (else marked so the user can re-upload), the rest are tracked again.

One process follows an upload with the platform: whoever tracks it holds its
``tracking`` claim (:class:`~sage50_desktop.storage.locks.Claims`), taken
before the upload is recorded. :meth:`UploadService.resume_all` leaves an
upload another process tracks to that process and *follows* it:
:meth:`UploadService.changed_elsewhere` (called by the window's watcher of
other processes' writes) announces its changes, and
:meth:`UploadService.adopt_followed` starts tracking it here once that
process let go before the end (``sage50 upload`` without ``--wait``, a
``--timeout``). An explicit resume (``sage50 track --wait``) tracks anyway.

Signals (Qt-free, emitted on the event-loop thread):

* ``upload_added(upload_id)``
* ``status_changed(upload_id, status, progress, message)``
* ``transfer_progress(upload_id, sent, total)``
* ``result_ready(upload_id)``
* ``finished(upload_id, final_status)``: the engine is done with it
  (terminal and result fetched, or grace period over, or no result expected)
* ``error(upload_id, exception)``: an upload or its tracking stopped on an error
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
import tempfile
import uuid
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ijson
import orjson
from filelock import FileLock

from sage50_desktop.api import contract
from sage50_desktop.api.contract import RecordOutcome, UploadStatus
from sage50_desktop.api.errors import Sage50Error, ScopeNotUploadable, UrlExpired
from sage50_desktop.api.models import Tracking, UploadCreated
from sage50_desktop.events import Signal
from sage50_desktop.services import settings as S
from sage50_desktop.services.activity import KIND_UPLOAD, SENDING_DETAIL, target_for
from sage50_desktop.services.connection import Connection
from sage50_desktop.services.resend_guard import (
    DuplicateOrders,
    ResendCheck,
    check_ids,
    file_record_ids,
    record_ids,
)
from sage50_desktop.services.server_ids import DuplicateUploadId, check_server_id
from sage50_desktop.services.tasks import TaskRegistry, loop_ended
from sage50_desktop.services.tracking import (
    FORGOTTEN,
    Tracker,
    TrackingPolicy,
    describe_status,
    describe_upload,
    write_atomic,
)
from sage50_desktop.services.validation import (
    ValidationFailed,
    ValidationReport,
    record_key,
    validate_file,
    validate_records,
)
from sage50_desktop.storage.db_worker import DbWorker
from sage50_desktop.storage.locks import Claims, Locks, hold
from sage50_desktop.storage.upload_store import (
    LocalState,
    RecordOutcomeRow,
    ResultSummary,
    StatusChange,
    UploadIdTaken,
    UploadRecord,
    UploadStore,
)

log = logging.getLogger(__name__)

CHUNK = 1 << 20
TASK_PREFIX = "upload-tracking:"

__all__ = [
    "UploadService",
    "UploadLinkExpired",
    "LocalFileChanged",
    "NotResumable",
    "ValidationFailed",
    "DuplicateOrders",
    "ResendCheck",
    "TrackingPolicy",
    "describe_status",
    "describe_upload",
    "LocalState",
]


class UploadLinkExpired(UrlExpired):
    """The upload link expired before the file's bytes were sent; nothing reached the platform."""

    hint = (
        "The upload link expired before the file was sent, so nothing reached the platform. "
        "Re-upload the file: the app asks for a new link."
    )

    def __init__(self, upload_id: str, message: str = "") -> None:
        super().__init__(
            message or "the upload link expired before the file was sent",
            status=403,
            code=contract.ErrorCode.URL_EXPIRED,
        )
        self.upload_id = upload_id


class UploadNotAccepted(Sage50Error):
    """The platform ended the upload without accepting it (bad request, failed, expired)."""

    hint = (
        "The upload was not accepted. Open it on the Uploads page to see why, fix the "
        "file and upload it again."
    )

    def __init__(self, upload_id: str, status: str) -> None:
        super().__init__(f"the upload ended as {status}")
        self.upload_id = upload_id
        self.status = status


class UploadPartlyRejected(Sage50Error):
    """The upload was processed but some of its records (orders) were rejected."""

    hint = (
        "Some orders were rejected. Open the upload on the Uploads page to see the "
        "rejected orders, correct them and send them again."
    )

    def __init__(self, upload_id: str, rejected: int, total: int) -> None:
        super().__init__(f"{rejected} of {total} records were rejected")
        self.upload_id = upload_id
        self.rejected = rejected
        self.total = total


class LocalFileChanged(Sage50Error):
    """The app's copy of an uploaded file is missing or no longer matches its SHA-256."""

    hint = "The saved copy of the file is missing or damaged. Upload the original file again."


class UploadInterrupted(Sage50Error):
    """Sending or tracking stopped on an error; the upload can be resumed."""

    hint = "Tracking stopped. Check the connection, then resume the upload on the Uploads page."

    def __init__(self, upload_id: str, message: str = "") -> None:
        super().__init__(message or "tracking stopped")
        self.upload_id = upload_id


class UploadForgotten(UploadInterrupted):
    """Tracking answered ``uploadNotFound``: the platform no longer knows the upload."""

    hint = (
        "The platform no longer knows this upload, so it cannot be tracked or resumed. "
        "Check in Sage 50 whether its orders arrived; if they did not, upload the file again."
    )


class NotResumable(Sage50Error):
    """The upload cannot be resumed (its bytes never went and its link expired)."""

    hint = "This upload cannot be resumed. Re-upload the file instead."


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _safe_name(name: str) -> str:
    cleaned = _SAFE.sub("_", name).strip("._") or "upload"
    return cleaned[:80]


def _copy_and_hash(src: Path, dest_dir: Path, file_name: str) -> tuple[Path, int, str]:
    """Copy ``src`` into ``dest_dir`` atomically; returns (copy, size, sha256)."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    hasher = hashlib.sha256()
    size = 0
    fd, tmp = tempfile.mkstemp(dir=dest_dir, prefix=".incoming-", suffix=".tmp")
    try:
        with src.open("rb") as fin, os.fdopen(fd, "wb") as fout:
            while block := fin.read(CHUNK):
                hasher.update(block)
                size += len(block)
                fout.write(block)
            fout.flush()
            os.fsync(fout.fileno())
        dest = dest_dir / f"{uuid.uuid4().hex[:12]}-{_safe_name(file_name)}"
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest, size, hasher.hexdigest()


def _hash_file(path: Path) -> tuple[int, str]:
    hasher = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while block := fh.read(CHUNK):
            hasher.update(block)
            size += len(block)
    return size, hasher.hexdigest()


def _read_records(path: Path, keys: set[str]) -> list[dict[str, Any]]:
    """The records of the upload file at ``path`` whose key (id or ``#n``) is in ``keys``."""
    found = []
    with path.open("rb") as fh:
        for index, record in enumerate(ijson.items(fh, "item", use_float=True)):
            if record_key(record, index) in keys:
                found.append(record)
    return found


def _now() -> datetime:
    return datetime.now(UTC)


class UploadService:
    """Uploads of one connection: send, track, results, history, re-upload.

    Args:
        runtime: the app core (``app_engine``, ``uploads_dir``, ``settings``);
            anything with those attributes.
        connection: the connection (profile + client) uploads go through.
        policy: polling backoff and result grace period (tests use tiny values).
        store: the upload store (default: one on ``runtime.app_engine``).
        max_errors: validation errors listed at most (all are counted).
        tasks: the app's task registry: each send/track runs in it as the task
            ``upload-tracking:<id>`` (shown in Activity with its progress; it
            fails when the upload is not accepted or records were rejected).
            Without one (the CLI) plain asyncio tasks are used.
    """

    def __init__(
        self,
        runtime: Any,
        connection: Connection,
        *,
        policy: TrackingPolicy | None = None,
        store: UploadStore | None = None,
        max_errors: int = 1000,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        tasks: TaskRegistry | None = None,
    ) -> None:
        self.runtime = runtime
        self.tasks = tasks
        self.connection = connection
        self.policy = policy or TrackingPolicy()
        self.store = store or UploadStore(runtime.app_engine)
        # the event loop's store calls run on the app's one database thread (the GUI
        # never waits for SQLite); without a runtime's worker, on a worker of its own
        shared: DbWorker | None = getattr(runtime, "app_db", None)
        self.db = shared if shared is not None else DbWorker("uploads-db")
        self._own_db = shared is None
        self.uploads_dir = Path(runtime.uploads_dir)
        #: cross-process locks (default: those of the data folder holding ``uploads_dir``)
        self.locks: Locks = getattr(runtime, "locks", None) or Locks(self.uploads_dir.parent)
        self.max_errors = max_errors
        self._sleep = sleep
        self._tasks: dict[str, asyncio.Task[None]] = {}
        #: the uploads this process tracks (held while their task runs)
        self._claims = Claims(lambda upload_id: self.locks.tracking(self.profile_id, upload_id))
        #: unfinished uploads another process tracks (see the module doc)
        self._followed: set[str] = set()
        self._closed = False
        self.upload_added = Signal("upload_added")
        self.status_changed = Signal("status_changed")
        self.transfer_progress = Signal("transfer_progress")
        self.result_ready = Signal("result_ready")
        self.finished = Signal("finished")
        self.error = Signal("error")

    # --- properties -----------------------------------------------------------------
    @property
    def profile_id(self) -> str:
        return self.connection.profile.id

    @property
    def domain(self) -> str:
        return self.connection.domain

    def result_grace(self) -> float:
        """Seconds to keep polling a terminal upload for a late result file."""
        if self.policy.result_grace is not None:
            return self.policy.result_grace
        settings = getattr(self.runtime, "settings", None)
        return (
            float(settings.get(S.RESULT_GRACE))
            if settings is not None
            else float(S.RESULT_GRACE.default)
        )

    # --- validation -----------------------------------------------------------------
    async def validate(self, path: Path | str, scope: str) -> ValidationReport:
        """Validate a file against the scope's schema (worker thread); sends nothing."""
        return await asyncio.to_thread(
            validate_file, Path(path), self.domain, scope, max_errors=self.max_errors
        )

    async def check_resend(self, path: Path | str, scope: str) -> ResendCheck:
        """The duplicate-order guard: which records of the file were already accepted here."""
        ids = await asyncio.to_thread(file_record_ids, Path(path))
        return await self._check_ids(ids, scope)

    async def _check_ids(self, ids: list[str], scope: str) -> ResendCheck:
        return await asyncio.to_thread(
            check_ids,
            self.store,
            profile_id=self.profile_id,
            domain=self.domain,
            scope=scope,
            ids=ids,
        )

    async def _guard(self, path: Path, scope: str, allow_resend: bool) -> None:
        if allow_resend:
            return
        check = await self.check_resend(path, scope)
        if not check.clean:
            log.info(
                "upload of %s/%s held back: %d order(s) already accepted",
                self.domain,
                scope,
                check.count,
            )
            raise DuplicateOrders(check)

    def _check_scope(self, scope: str) -> None:
        if not contract.scope_is_uploadable(self.domain, scope):
            raise ScopeNotUploadable(
                f"{self.domain}/{scope} cannot be uploaded; only Sage 50 delivers it"
            )

    # --- upload ---------------------------------------------------------------------
    async def upload(
        self,
        path: Path | str,
        scope: str,
        *,
        file_name: str | None = None,
        parent_id: str | None = None,
        allow_resend: bool = False,
    ) -> UploadRecord:
        """Validate, announce, record and send a file; tracking then runs in the background.

        Raises :class:`ValidationFailed` (nothing sent), :class:`DuplicateOrders`
        (some orders were already accepted and ``allow_resend`` is false; nothing
        sent), the API errors of 5.1
        (nothing recorded), :class:`UploadLinkExpired` (recorded, re-upload it)
        or another error of 5.2 (recorded as interrupted; :meth:`resume` retries).
        """
        self._check_scope(scope)
        src = Path(path)
        file_name = file_name or src.name
        size = (await asyncio.to_thread(src.stat)).st_size
        source_path = await asyncio.to_thread(os.path.abspath, src)
        if size > contract.UPLOAD_SIZE_LIMIT:
            raise ValidationFailed(await self.validate(src, scope))
        copy, size, sha256 = await asyncio.to_thread(
            _copy_and_hash, src, self.uploads_dir, file_name
        )
        try:
            report = await self.validate(copy, scope)
            if not report.ok:
                raise ValidationFailed(report)
            await self._guard(copy, scope, allow_resend)
            return await self._announce_and_send(
                copy,
                size,
                sha256,
                scope,
                file_name,
                source_path=source_path,
                record_count=report.records,
                parent_id=parent_id,
            )
        except BaseException:
            if await self.db.run(self.store.find_by_path, str(copy)) is None:
                copy.unlink(missing_ok=True)
            raise

    async def reupload(self, upload_id: str, *, allow_resend: bool = False) -> UploadRecord:
        """Upload the same (saved) file again as a new upload linked to ``upload_id``.

        Raises :class:`DuplicateOrders` when some of its orders were accepted
        already (by it or another upload) and ``allow_resend`` is false.
        """
        old = await self.db.run(self.store.get, upload_id)
        copy = Path(old.local_path)
        try:
            size, sha256 = await asyncio.to_thread(_hash_file, copy)
        except OSError as exc:
            raise LocalFileChanged(f"the saved copy {copy.name} cannot be read: {exc}") from None
        if (size, sha256) != (old.size, old.sha256):
            raise LocalFileChanged(f"the saved copy {copy.name} changed since it was uploaded")
        await self._guard(copy, old.scope, allow_resend)
        return await self._announce_and_send(
            copy,
            size,
            sha256,
            old.scope,
            old.file_name,
            source_path=old.source_path,
            record_count=old.record_count,
            parent_id=old.id,
        )

    async def reupload_records(
        self,
        upload_id: str,
        records: list[dict[str, Any]],
        *,
        file_name: str | None = None,
        allow_resend: bool = False,
    ) -> UploadRecord:
        """Upload a new file made of ``records`` (e.g. the rejected ones, edited), linked to ``upload_id``.

        The records are validated first (:class:`ValidationFailed`, nothing sent)
        and checked by the duplicate-order guard (:class:`DuplicateOrders`).
        """
        old = await self.db.run(self.store.get, upload_id)
        report = await asyncio.to_thread(
            validate_records, records, old.domain, old.scope, max_errors=self.max_errors
        )
        if not report.ok:
            raise ValidationFailed(report)
        if not allow_resend:
            check = await self._check_ids(record_ids(records), old.scope)
            if not check.clean:
                raise DuplicateOrders(check)
        stem = Path(old.file_name).stem
        file_name = file_name or f"{stem}-partial.json"
        dest = self.uploads_dir / f"{uuid.uuid4().hex[:12]}-{_safe_name(file_name)}"
        data = orjson.dumps(records)
        await asyncio.to_thread(write_atomic, dest, data)
        sha256 = hashlib.sha256(data).hexdigest()
        try:
            return await self._announce_and_send(
                dest,
                len(data),
                sha256,
                old.scope,
                file_name,
                source_path=None,
                record_count=len(records),
                parent_id=old.id,
            )
        except BaseException:
            if await self.db.run(self.store.find_by_path, str(dest)) is None:
                dest.unlink(missing_ok=True)
            raise

    async def rejected_records(self, upload_id: str) -> list[dict[str, Any]]:
        """The records of an upload that its result file rejected, read from the saved copy."""
        record = await self.db.run(self.store.get, upload_id)
        keys = {
            o.record_id
            for o in await self.db.run(self.store.outcomes, upload_id, RecordOutcome.REJECTED)
        }
        if not keys:
            return []
        return await asyncio.to_thread(_read_records, Path(record.local_path), keys)

    async def _announce_and_send(
        self,
        copy: Path,
        size: int,
        sha256: str,
        scope: str,
        file_name: str,
        *,
        source_path: str | None,
        record_count: int | None,
        parent_id: str | None,
    ) -> UploadRecord:
        self._ensure_open()
        created = await self.connection.client.create_upload(
            self.domain, scope, file_name, size, sha256
        )
        check_server_id(created.upload_id)
        if await self.db.run(self.store.find, created.upload_id) is not None:
            raise DuplicateUploadId(
                f"the server gave the new upload the ID of an earlier one ({created.upload_id!r})"
            )
        # claimed before it is recorded: a window watching never sees it unclaimed
        self._claims.take(created.upload_id)
        try:
            return await self._record_and_send(
                created,
                copy,
                size,
                sha256,
                scope,
                file_name,
                source_path=source_path,
                record_count=record_count,
                parent_id=parent_id,
            )
        finally:
            if self.tracking(created.upload_id) is None:
                self._claims.release(created.upload_id)

    async def _record_and_send(
        self,
        created: UploadCreated,
        copy: Path,
        size: int,
        sha256: str,
        scope: str,
        file_name: str,
        *,
        source_path: str | None,
        record_count: int | None,
        parent_id: str | None,
    ) -> UploadRecord:
        try:
            record = await self.db.run(
                self.store.add,
                id=created.upload_id,
                profile_id=self.profile_id,
                domain=self.domain,
                scope=scope,
                file_name=file_name,
                local_path=str(copy),
                size=size,
                sha256=sha256,
                tracking_url=created.tracking_url,
                upload_url=created.upload_url,
                upload_url_expiration=created.upload_url_expiration,
                source_path=source_path,
                record_count=record_count,
                parent_id=parent_id,
            )
        except UploadIdTaken:
            raise DuplicateUploadId(
                f"the server gave the new upload the ID of an earlier one ({created.upload_id!r})"
            ) from None
        log.info("upload %s of %s/%s recorded (%d bytes)", record.id, self.domain, scope, size)
        self.upload_added.emit(record.id)
        self.status_changed.emit(record.id, record.status, 0, "Sending the file.")
        await self._send(record)
        self.start_tracking(record.id, record)
        return await self.db.run(self.store.get, record.id)

    def _upload_lock(self, upload_id: str) -> FileLock:
        return self.locks.upload(self.profile_id, upload_id)

    async def _send(self, record: UploadRecord) -> UploadRecord:
        """PUT the bytes (5.2) holding the upload's cross-process lock."""
        async with hold(self._upload_lock(record.id)):
            return await self._send_locked(record.id)

    async def _send_locked(self, upload_id: str) -> UploadRecord:
        """PUT the bytes unless another process did; updates the record either way.

        Call with the upload's lock held (:meth:`_send`, :meth:`_resume_sending`).
        """
        record = await self.db.run(
            self.store.get, upload_id
        )  # re-read: another process may have sent it
        if record.sent_at is not None:
            log.info("upload %s: another process sent the bytes", upload_id)
            return record
        if record.state == LocalState.URL_EXPIRED or not record.upload_url:
            return await self._link_expired(upload_id, None)
        total = record.size

        def progress(sent: int, _total: int | None) -> None:
            self.transfer_progress.emit(upload_id, sent, total)

        try:
            self.transfer_progress.emit(upload_id, 0, total)
            await self.connection.client.upload_file(
                record.upload_url, Path(record.local_path), progress=progress
            )
        except UrlExpired as exc:
            return await self._put_refused(upload_id, exc)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            message = f"The file could not be sent: {exc}"
            await self.db.run(self.store.set_state, upload_id, LocalState.INTERRUPTED, message)
            self.status_changed.emit(upload_id, record.status, 0, message)
            self.error.emit(upload_id, exc)
            raise
        log.info("upload %s: bytes sent", upload_id)
        return await self.db.run(self.store.mark_sent, upload_id)

    async def _put_refused(self, upload_id: str, cause: UrlExpired) -> UploadRecord:
        """``403`` on the PUT: the link expired, or it was used already (another process,
        or a PUT whose answer was lost). Tracking tells: only ``pending`` (still waiting
        for bytes) or ``expired`` mean that nothing reached the platform."""
        record = await self.db.run(self.store.get, upload_id)
        try:
            tracking = await self.connection.client.get_tracking(record.tracking_url)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            message = (
                "The upload link was refused; whether the file arrived is not known "
                f"yet (tracking could not be read: {getattr(exc, 'hint', None) or exc})."
            )
            await self.db.run(self.store.set_state, upload_id, LocalState.INTERRUPTED, message)
            self.status_changed.emit(upload_id, record.status, record.progress, message)
            self.error.emit(upload_id, exc)
            raise
        await self.db.run(
            self.store.record_status,
            upload_id,
            tracking.status,
            tracking.progress,
            tracking.message,
        )
        if tracking.status in (UploadStatus.PENDING, UploadStatus.EXPIRED):
            return await self._link_expired(upload_id, cause)
        log.info(
            "upload %s: the link was used already; the platform has the file (%s)",
            upload_id,
            tracking.status,
        )
        return await self.db.run(
            self.store.update,
            upload_id,
            sent_at=record.sent_at or _now(),
            upload_url=None,
            state=LocalState.TRACKING,
            state_message=None,
        )

    async def _link_expired(self, upload_id: str, cause: Exception | None) -> UploadRecord:
        error = UploadLinkExpired(upload_id)
        record = await self.db.run(
            self.store.update,
            upload_id,
            state=LocalState.URL_EXPIRED,
            state_message=UploadLinkExpired.hint,
            upload_url=None,
        )
        self.status_changed.emit(upload_id, record.status, 0, UploadLinkExpired.hint)
        self.error.emit(upload_id, error)
        if cause is not None:
            raise error from cause
        raise error

    # --- tracking tasks -------------------------------------------------------------
    def start_tracking(
        self, upload_id: str, record: UploadRecord | None = None
    ) -> asyncio.Task[None]:
        """Run (or return the running) background task that sends/tracks ``upload_id``.

        ``record``: the upload as the caller read it (names the task in Activity);
        without it the record is read here.
        """
        self._ensure_open()
        task = self._tasks.get(upload_id)
        if task is not None and not task.done():
            return task
        if self.tasks is not None:
            record = record if record is not None else self.store.get(upload_id)
            info = self.tasks.start(
                TASK_PREFIX + upload_id,
                self._tracked(upload_id),
                kind=KIND_UPLOAD,
                subject=record.file_name,
                if_running="keep",
                # a click on its Activity row opens this upload on the Uploads page
                target=target_for(self.profile_id, self.domain, record.scope, upload_id),
            )
            assert info.task is not None
            task = info.task
        else:
            task = asyncio.get_running_loop().create_task(
                self._run(upload_id), name=TASK_PREFIX + upload_id
            )
        self._tasks[upload_id] = task
        return task

    async def _tracked(self, upload_id: str) -> None:
        """:meth:`_run` as a registry task: progress reported, the outcome as its end."""
        assert self.tasks is not None
        name, tasks = TASK_PREFIX + upload_id, self.tasks

        # the detail is the platform status (the UI names it in its language), or
        # "sending" with bytes while the file goes (resumed sending)
        def on_status(uid: str, status: str, progress: int | None, _message: str | None) -> None:
            if uid == upload_id:
                tasks.progress(name, progress, 100, status)

        def on_transfer(uid: str, sent: int, total: int | None) -> None:
            if uid == upload_id:
                tasks.progress(name, sent, total, SENDING_DETAIL)

        self.status_changed.connect(on_status)
        self.transfer_progress.connect(on_transfer)
        try:
            await self._run(upload_id)
        finally:
            self.status_changed.disconnect(on_status)
            self.transfer_progress.disconnect(on_transfer)
        record = await self.db.run(self.store.get, upload_id)
        if record.state == LocalState.INTERRUPTED and record.state_message == FORGOTTEN:
            raise UploadForgotten(upload_id, record.state_message)
        if record.state == LocalState.INTERRUPTED:
            raise UploadInterrupted(upload_id, record.state_message or "")
        if record.state == LocalState.URL_EXPIRED:
            raise UploadLinkExpired(upload_id)
        summary = await self.db.run(self.store.summary, upload_id)
        if summary is not None and summary.rejected:
            raise UploadPartlyRejected(upload_id, summary.rejected, summary.total)
        if record.status in (UploadStatus.BAD_REQUEST, UploadStatus.FAILED, UploadStatus.EXPIRED):
            raise UploadNotAccepted(upload_id, record.status)
        tasks.progress(name, 100, 100, record.status)

    def tracking(self, upload_id: str) -> asyncio.Task[None] | None:
        """The running task of ``upload_id``, if any."""
        task = self._tasks.get(upload_id)
        return task if task is not None and not task.done() else None

    @property
    def running(self) -> list[str]:
        return [uid for uid, task in self._tasks.items() if not task.done()]

    async def wait(self, upload_id: str, limit: float | None = None) -> UploadRecord:
        """Wait (at most ``limit`` seconds) for the task of ``upload_id`` to end; the final record."""
        task = self._tasks.get(upload_id)
        if task is not None:
            await asyncio.wait_for(asyncio.shield(task), limit)
        return await self.db.run(self.store.get, upload_id)

    async def look(self, upload_id: str) -> tuple[UploadRecord, Tracking]:
        """One read of the upload's tracking (6.1), recorded in the history; nothing else
        runs (``sage50 track`` without ``--wait``). The caller tells the user."""
        record = await self.db.run(self.store.get, upload_id)
        tracking = await self.connection.client.get_tracking(record.tracking_url)
        record, _changed = await self.db.run(
            self.store.record_status,
            upload_id,
            tracking.status,
            tracking.progress,
            tracking.message,
        )
        return record, tracking

    async def resume(self, upload_id: str) -> asyncio.Task[None]:
        """Resume a cancelled or interrupted upload (or one left unfinished)."""
        record = await self.db.run(self.store.get, upload_id)
        if record.state == LocalState.URL_EXPIRED:
            raise NotResumable("the upload link expired before the file was sent; re-upload it")
        if record.state == LocalState.DONE:
            raise NotResumable("this upload is finished")
        return self.start_tracking(upload_id, record)

    async def cancel(self, upload_id: str) -> UploadRecord:
        """Stop tracking ``upload_id``; it stays listed as "tracking cancelled" and can be resumed."""
        record = await self.db.run(self.store.get, upload_id)
        if record.state in (LocalState.DONE, LocalState.URL_EXPIRED):
            return record
        task = self._tasks.pop(upload_id, None)
        # the tracker first: its last status write (on the database thread) must not
        # land after, and over, "tracking cancelled"
        if task is not None and not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        record = await self.db.run(
            self.store.set_state, upload_id, LocalState.CANCELLED, "Tracking cancelled."
        )
        self.status_changed.emit(upload_id, record.status, record.progress, "Tracking cancelled.")
        return record

    async def resume_all(self) -> list[str]:
        """Start-up: resume every unfinished upload of this profile; returns their ids."""
        resumed = []
        grace = self.result_grace()
        for record in await self.db.run(
            self.store.records,
            profile_id=self.profile_id,
            state=(
                LocalState.SENDING,
                LocalState.TRACKING,
                LocalState.WAITING_RESULT,
                LocalState.INTERRUPTED,
            ),
        ):
            if (
                record.state == LocalState.WAITING_RESULT
                and record.terminal_at is not None
                and (_now() - record.terminal_at).total_seconds() >= grace
            ):
                await self.db.run(
                    self.store.set_state,
                    record.id,
                    LocalState.DONE,
                    "No result file arrived within the waiting time.",
                )
                continue
            if self.tracking(record.id) is None and not self._claims.take(record.id):
                self._followed.add(record.id)  # another process tracks it
                continue
            self.start_tracking(record.id, record)
            resumed.append(record.id)
        if resumed:
            log.info("resumed %d upload(s)", len(resumed))
        return resumed

    # --- uploads of other processes ---------------------------------------------------
    def changed_elsewhere(
        self, upload_id: str, state: str, status: str, progress: int, message: str
    ) -> None:
        """Another process changed (or added) the upload ``upload_id`` of this connection.

        Announced as ``status_changed`` (the Uploads page redraws its row); an
        unfinished one is followed (:meth:`adopt_followed`). Uploads this
        service tracks itself are skipped: their changes are its own.
        """
        if self._closed or self.tracking(upload_id) is not None:
            return
        if state in LocalState.ACTIVE:
            self._followed.add(upload_id)
        else:
            self._followed.discard(upload_id)
        self.status_changed.emit(upload_id, status, progress, message)

    @property
    def followed(self) -> set[str]:
        """Unfinished uploads of this connection that another process tracks."""
        return set(self._followed)

    async def adopt_followed(self) -> list[str]:
        """Track here the followed uploads that no process tracks any more; their ids.

        Cheap while nothing is followed; else one lock attempt per followed upload.
        """
        adopted: list[str] = []
        for upload_id in sorted(self._followed):
            if self._closed:
                break
            if self.tracking(upload_id) is not None:
                self._followed.discard(upload_id)
                continue
            if not self._claims.take(upload_id):
                continue  # still tracked elsewhere
            self._followed.discard(upload_id)
            record = await self.db.run(self.store.find, upload_id)
            if (
                self._closed
                or record is None
                or record.profile_id != self.profile_id
                or record.state not in LocalState.ACTIVE
            ):
                self._claims.release(upload_id)
                continue
            log.info("upload %s: no other process tracks it any more; tracking it here", upload_id)
            self.start_tracking(upload_id, record)
            adopted.append(upload_id)
        return adopted

    async def _run(self, upload_id: str) -> None:
        self._claims.take(upload_id)  # an explicit resume tracks also when another process does
        try:
            record = await self.db.run(self.store.get, upload_id)
            if record.sent_at is None and record.state != LocalState.URL_EXPIRED:
                if not await self._resume_sending(record):
                    return
            await Tracker(self, upload_id, self._sleep).run()
        except asyncio.CancelledError:
            raise
        except UploadLinkExpired:
            return  # recorded and signalled by _link_expired
        except Exception as exc:
            if isinstance(exc, RuntimeError) and loop_ended():
                # stepped once more as the app's event loop stopped: nothing failed; the
                # upload keeps its state and is resumed at the next start
                log.debug("upload %s: the event loop ended; resumed at the next start", upload_id)
                return
            log.warning("upload %s stopped: %s", upload_id, exc)
            found = await self.db.run(self.store.find, upload_id)
            if found is not None and found.state != LocalState.INTERRUPTED:
                message = f"Stopped: {getattr(exc, 'hint', None) or exc}"
                await self.db.run(self.store.set_state, upload_id, LocalState.INTERRUPTED, message)
                self.status_changed.emit(upload_id, found.status, found.progress, message)
                self.error.emit(upload_id, exc)
        finally:
            current = None if loop_ended() else asyncio.current_task()
            if current is not None and self._tasks.get(upload_id) is current:
                del self._tasks[upload_id]
            if upload_id not in self._tasks:
                self._claims.release(upload_id)

    async def _resume_sending(self, record: UploadRecord) -> bool:
        """An upload whose bytes may not have gone: PUT again if needed and possible.

        Holds the upload's cross-process lock, so of two resumers (the window and
        ``sage50 track --wait``) one sends and the other finds the bytes sent.
        """
        async with hold(self._upload_lock(record.id)):
            record = await self.db.run(self.store.get, record.id)  # re-read under the lock
            if record.sent_at is not None:
                return True  # another process sent the bytes meanwhile: just track
            if record.state == LocalState.URL_EXPIRED:
                await self._link_expired(record.id, None)
            tracking = await self.connection.client.get_tracking(record.tracking_url)
            if tracking.status == UploadStatus.EXPIRED:
                # the platform gave up waiting for the bytes: they never went
                await self.db.run(
                    self.store.record_status,
                    record.id,
                    tracking.status,
                    tracking.progress,
                    tracking.message,
                )
                await self._link_expired(record.id, None)
                return False
            if tracking.status != UploadStatus.PENDING:
                # the bytes arrived (or the platform gave up on them): just track
                await self.db.run(
                    self.store.update,
                    record.id,
                    sent_at=record.sent_at or _now(),
                    upload_url=None,
                    state=LocalState.TRACKING,
                    state_message=None,
                )
                return True
            expiration = record.upload_url_expiration
            if not record.upload_url or (expiration is not None and expiration <= _now()):
                await self._link_expired(record.id, None)
                return False
            log.info("upload %s: sending the bytes again after a restart", record.id)
            await self._send_locked(record.id)
            return True

    async def aclose(self) -> None:
        """Cancel every running task (their uploads stay resumable by :meth:`resume_all`)."""
        self._closed = True
        tasks = [task for task in self._tasks.values() if not task.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()
        self._claims.release_all()
        self._followed.clear()
        if self._own_db:
            await asyncio.to_thread(self.db.close)

    def _ensure_open(self) -> None:
        if self._closed:
            raise RuntimeError("the upload service is closed")

    # --- history --------------------------------------------------------------------
    def get(self, upload_id: str) -> UploadRecord:
        return self.store.get(upload_id)

    def list_uploads(
        self,
        *,
        status: str | Iterable[str] | None = None,
        scope: str | None = None,
        all_profiles: bool = False,
        limit: int | None = None,
    ) -> list[UploadRecord]:
        """Uploads, newest first; ``status`` matches the platform or the display status."""
        return self.store.records(
            profile_id=None if all_profiles else self.profile_id,
            status=status,
            scope=scope,
            limit=limit,
        )

    def history(self, upload_id: str) -> list[StatusChange]:
        return self.store.history(upload_id)

    def outcomes(self, upload_id: str, outcome: str | None = None) -> list[RecordOutcomeRow]:
        return self.store.outcomes(upload_id, outcome)

    def summary(self, upload_id: str) -> ResultSummary | None:
        return self.store.summary(upload_id)

    def children(self, upload_id: str) -> list[UploadRecord]:
        return self.store.children(upload_id)

    def describe(self, upload_id: str) -> str:
        return describe_upload(self.store.get(upload_id))

    async def __aenter__(self) -> UploadService:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
