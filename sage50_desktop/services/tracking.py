"""Tracking of one upload until the end (contract 6): polling policy, plain words, the loop.

:class:`TrackingPolicy` is the polling backoff (starts fast, slows down,
bounded) and the grace period for a late result file. :func:`describe_status`
turns a platform status into a plain English sentence for the GUI and CLI.
:class:`Tracker` runs the loop of one upload; the
:class:`~sage50_desktop.services.uploads.UploadService` owns the trackers.
"""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sage50_desktop.api import contract
from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.api.errors import (
    ConsentRevoked,
    CredentialsMissing,
    Sage50Error,
    UploadNotFound,
    UrlExpired,
)
from sage50_desktop.api.models import ResultFile, Tracking
from sage50_desktop.services.ingest import gui_friendly
from sage50_desktop.services.server_ids import file_name_for, path_inside
from sage50_desktop.storage.upload_store import LocalState, UploadRecord

if TYPE_CHECKING:
    from sage50_desktop.services.uploads import UploadService

log = logging.getLogger(__name__)

MAX_RESULT_URL_REFRESHES = 3


@dataclass(frozen=True, slots=True)
class TrackingPolicy:
    """How often tracking is polled.

    Args:
        initial: first delay between polls (seconds); used again after every change.
        factor: each poll without a change multiplies the delay by this.
        maximum: the delay never exceeds this.
        result_grace: seconds a terminal upload without ``downloadResultUrl``
            keeps being polled for a late result file; ``None``: the
            ``RESULT_GRACE`` setting.
        error_maximum: delay cap while the server is unreachable or failing.
        waiting_maximum: delay cap while the upload is ``available``: Sage 50
            fetches it only when its installation is online (hours or days), so
            the interval keeps growing up to this ceiling ([assumed] in the
            contract: 15 minutes).
    """

    initial: float = 0.5
    factor: float = 1.5
    maximum: float = 10.0
    result_grace: float | None = None
    error_maximum: float = 30.0
    waiting_maximum: float = contract.TRACKING_MAX_INTERVAL

    def next_delay(self, delay: float, status: str | None = None) -> float:
        cap = self.waiting_maximum if status == UploadStatus.AVAILABLE else self.maximum
        return min(max(cap, self.initial), max(self.initial, delay * self.factor))


_DESCRIPTIONS = {
    UploadStatus.PENDING: "Waiting for the file's bytes to reach the platform.",
    UploadStatus.VALIDATING: "The platform is checking that the file is valid JSON and matches the format.",
    UploadStatus.AVAILABLE: (
        "The file passed the platform's checks. Sage 50 fetches it when its installation is "
        "online, which can take hours or days; the app keeps checking, also after a "
        "restart."
    ),
    UploadStatus.BAD_REQUEST: (
        "The platform rejected the file: it is not valid JSON or does not match the "
        "required format. Nothing was imported into Sage 50. Open the result to see "
        "what is wrong, fix the file and upload it again."
    ),
    UploadStatus.EXPIRED: (
        "The upload expired: the file's bytes did not arrive before the upload link ran "
        "out, so the platform discarded it. Nothing was imported. Upload the file again."
    ),
    UploadStatus.DOWNLOADED: "Sage 50 has fetched the file.",
    UploadStatus.PROCESSING: "Sage 50 is importing the records.",
    UploadStatus.ACCEPTED: "Sage 50 imported every record of the file.",
    UploadStatus.FAILED: (
        "Sage 50 processed the file but rejected some or all records (for example an "
        "unknown customer or product). Open the result to see which ones and why; you "
        "can fix them and upload only those again."
    ),
}

_LOCAL_DESCRIPTIONS = {
    LocalState.SENDING: "Sending the file's bytes to the platform.",
    LocalState.CANCELLED: "Tracking was cancelled. The upload itself may still go on; resume tracking to see how it ends.",
    LocalState.URL_EXPIRED: (
        "The upload link expired before the file was sent, so nothing reached the "
        "platform. Re-upload the file to get a new link."
    ),
    LocalState.INTERRUPTED: "Tracking stopped because of a problem (see the message). Resume it once the problem is solved.",
    LocalState.WAITING_RESULT: "Finished; waiting for Sage 50 to publish the result file.",
}


def describe_status(status: str | None) -> str:
    """A plain English sentence about a platform status (unknown values included)."""
    if status is None:
        return "Not sent yet."
    text = _DESCRIPTIONS.get(status)
    if text is not None:
        return text
    return (
        f"The platform reports the status {status!r}, which this version of the app "
        "does not know. It keeps tracking the upload."
    )


def describe_upload(record: UploadRecord) -> str:
    """A plain sentence about an upload: the app's own state where it matters, else the status."""
    local = _LOCAL_DESCRIPTIONS.get(record.state)
    if local and record.state != LocalState.WAITING_RESULT:
        return f"{local} {record.state_message}" if record.state_message else local
    text = describe_status(record.status)
    if record.state == LocalState.WAITING_RESULT:
        text = f"{text} {local}"
    if record.result_total is not None:
        text += (
            f" Result: {record.result_accepted} accepted, {record.result_rejected} "
            f"rejected of {record.result_total}."
        )
    return text


def _now() -> datetime:
    return datetime.now(UTC)


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: the state message of an upload whose tracking answered ``uploadNotFound``
FORGOTTEN = "The platform no longer knows this upload."


class Tracker:
    """The polling loop of one upload; run by :meth:`UploadService._run`."""

    def __init__(
        self,
        service: UploadService,
        upload_id: str,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.service = service
        self.upload_id = upload_id
        self._sleep = sleep

    @property
    def policy(self) -> TrackingPolicy:
        return self.service.policy

    async def run(self) -> None:
        svc = self.service
        store = svc.store
        record = await self.service.db.run(store.get, self.upload_id)
        delay = self.policy.initial
        error_delay = self.policy.initial
        if record.state != LocalState.WAITING_RESULT:
            record = await self.service.db.run(store.set_state, self.upload_id, LocalState.TRACKING)
        while True:
            try:
                tracking = await svc.connection.client.get_tracking(record.tracking_url)
            except (ConsentRevoked, CredentialsMissing) as exc:
                await self._stop(
                    LocalState.INTERRUPTED,
                    "Consent is needed: grant access again, then resume tracking.",
                    exc,
                )
                return
            except UploadNotFound as exc:
                await self._stop(LocalState.INTERRUPTED, FORGOTTEN, exc)
                return
            except Sage50Error as exc:
                if not exc.transient:
                    await self._stop(LocalState.INTERRUPTED, f"Tracking failed: {exc}", exc)
                    return
                log.info(
                    "tracking %s: %s; retrying in %.1fs",
                    self.upload_id,
                    type(exc).__name__,
                    error_delay,
                )
                await self._sleep(error_delay)
                error_delay = min(self.policy.error_maximum, error_delay * self.policy.factor)
                continue
            error_delay = self.policy.initial
            record, changed = await self.service.db.run(
                store.record_status,
                self.upload_id,
                tracking.status,
                tracking.progress,
                tracking.message,
            )
            if changed:
                delay = self.policy.initial
                if tracking.status not in UploadStatus.ALL:
                    log.warning("upload %s: unknown status %r", self.upload_id, tracking.status)
                svc.status_changed.emit(
                    self.upload_id,
                    tracking.status,
                    tracking.progress,
                    tracking.message or describe_status(tracking.status),
                )
            if tracking.terminal:
                if await self._terminal(record, tracking):
                    return
                record = await self.service.db.run(store.get, self.upload_id)
            await self._sleep(delay)
            delay = self.policy.next_delay(delay, tracking.status)

    async def _terminal(self, record: UploadRecord, tracking: Tracking) -> bool:
        """Handle a terminal status; True when the upload is finished."""
        svc = self.service
        if tracking.download_result_url:
            await self._fetch_result(tracking)
            await self._finish(tracking.status)
            return True
        if tracking.status not in UploadStatus.WITH_RESULT:
            await self._finish(tracking.status)
            return True
        grace = svc.result_grace()
        terminal_at = record.terminal_at or _now()
        if (_now() - terminal_at).total_seconds() >= grace:
            await self.service.db.run(
                svc.store.set_state,
                self.upload_id,
                LocalState.DONE,
                "No result file arrived within the waiting time.",
            )
            await self._finish(tracking.status)
            return True
        if record.state != LocalState.WAITING_RESULT:
            await self.service.db.run(
                svc.store.set_state, self.upload_id, LocalState.WAITING_RESULT
            )
        return False

    async def _fetch_result(self, tracking: Tracking) -> None:
        svc = self.service
        url = tracking.download_result_url
        assert url is not None
        refreshes = 0
        while True:
            try:
                raw, result = await svc.connection.client.download_result(url)
                break
            except UrlExpired:
                if refreshes >= MAX_RESULT_URL_REFRESHES:
                    raise
                refreshes += 1
                fresh = await svc.connection.client.get_tracking(
                    (await self.service.db.run(svc.store.get, self.upload_id)).tracking_url
                )
                if not fresh.download_result_url:
                    raise
                url = fresh.download_result_url
        await self.store_result(raw, result)

    async def store_result(self, raw: bytes, result: ResultFile) -> None:
        """Keep the raw result file and its outcomes (on the database thread), then say so.

        A result with 100,000 outcomes takes about a second to store; the event
        loop (the GUI thread) keeps running meanwhile (``bench/bench_result_store.py``).
        """
        await self.service.db.run(self._write_result, raw, result)
        self.service.result_ready.emit(self.upload_id)

    def _write_result(self, raw: bytes, result: ResultFile) -> None:
        svc = self.service
        path = path_inside(svc.uploads_dir, file_name_for(self.upload_id, ".result.json"))
        write_atomic(path, raw)
        with gui_friendly():
            svc.store.store_result(
                self.upload_id,
                result_path=str(path),
                total=result.total,
                accepted=result.accepted,
                rejected=result.rejected,
                errors=result.errors,
                outcomes=(
                    (r.id, r.status, ((e.path, e.message) for e in r.errors))
                    for r in result.results
                ),
            )

    async def _finish(self, status: str) -> None:
        record = await self.service.db.run(self.service.store.get, self.upload_id)
        if record.state != LocalState.DONE:
            await self.service.db.run(self.service.store.set_state, self.upload_id, LocalState.DONE)
        self.service.finished.emit(self.upload_id, status)

    async def _stop(self, state: str, message: str, exc: BaseException) -> None:
        log.warning("tracking of %s stopped: %s", self.upload_id, message)
        record = await self.service.db.run(
            self.service.store.set_state, self.upload_id, state, message
        )
        self.service.status_changed.emit(self.upload_id, record.status, record.progress, message)
        self.service.error.emit(self.upload_id, exc)
