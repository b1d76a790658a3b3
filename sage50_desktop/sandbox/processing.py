"""The upload pipeline: platform validation, then Sage 50 processing (contract section 6).

``pending`` → (bytes arrive) ``validating`` → ``available`` | ``badRequest``;
``available`` → ``downloaded`` → ``processing`` → ``accepted`` | ``failed``;
``expired`` when no bytes arrive before ``uploadUrlExpiration``. Each status
lasts ``step_delay`` seconds, with ``progress`` climbing 0→100 in four ticks.
The result file appears ``result_delay`` seconds after the terminal status.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from sage50_desktop.api.contract import RecordOutcome, UploadStatus
from sage50_desktop.sandbox import generator
from sage50_desktop.sandbox.catalog import ScopeCatalog
from sage50_desktop.sandbox.validation import validate_file
from sage50_desktop.sandbox.wire import iso, now

log = logging.getLogger(__name__)
TICKS = 4
OUTCOMES = (None, UploadStatus.ACCEPTED, UploadStatus.FAILED, UploadStatus.BAD_REQUEST)


@dataclass
class ProcessingKnobs:
    """How uploads are processed (``POST /sandbox/processing``).

    Attributes:
        step_delay: seconds each status lasts.
        result_delay: seconds from the terminal status to ``downloadResultUrl``.
        outcome: ``None`` (decide from the content) or a forced terminal status:
            ``accepted``, ``failed`` or ``badRequest``.
        upload_url_lifetime: seconds an ``uploadUrl`` lives.
    """

    step_delay: float = 1.0
    result_delay: float = 0.0
    outcome: str | None = None
    upload_url_lifetime: float = 900.0

    def to_json(self) -> dict[str, Any]:
        return {
            "stepDelay": self.step_delay,
            "resultDelay": self.result_delay,
            "outcome": self.outcome,
            "uploadUrlLifetime": self.upload_url_lifetime,
        }

    def update(self, body: dict[str, Any]) -> None:
        names = {
            "stepDelay": "step_delay",
            "resultDelay": "result_delay",
            "outcome": "outcome",
            "uploadUrlLifetime": "upload_url_lifetime",
        }
        for key, value in body.items():
            attr = names.get(key, key)
            if attr not in names.values():
                raise ValueError(f"unknown processing knob: {key}")
            if attr == "outcome":
                if value not in OUTCOMES:
                    raise ValueError(f"outcome must be one of {OUTCOMES}")
            elif not isinstance(value, int | float) or value < 0:
                raise ValueError(f"{key} must be a number >= 0")
            setattr(self, attr, value)


@dataclass
class Upload:
    """One announced upload (5.1) and its life."""

    id: str
    domain: str
    scope: str
    application_id: str
    file_name: str
    size: int
    sha256: str
    url_expires: float
    created: float = field(default_factory=now)
    status: str = UploadStatus.PENDING
    progress: int = 0
    message: str | None = None
    updated: float = field(default_factory=now)
    history: list[tuple[str, float]] = field(default_factory=list)
    path: Path | None = None  # the received bytes
    result_path: Path | None = None  # set once the result file exists
    used: bool = False  # the uploadUrl was consumed
    receiving: bool = False
    put_attempts: int = 0
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self.history.append((self.status, self.updated))

    def set(self, status: str, progress: int = 0, message: str | None = None) -> None:
        if status != self.status:
            self.history.append((status, now()))
        self.status, self.progress, self.updated = status, progress, now()
        if message is not None:
            self.message = message

    _SAVED = (
        "id",
        "domain",
        "scope",
        "application_id",
        "file_name",
        "size",
        "sha256",
        "url_expires",
        "created",
        "status",
        "progress",
        "message",
        "updated",
        "used",
        "put_attempts",
    )

    def to_state(self) -> dict[str, Any]:
        """What the state file keeps of this upload (restored by :meth:`from_state`)."""
        out: dict[str, Any] = {name: getattr(self, name) for name in self._SAVED}
        out["history"] = [list(h) for h in self.history]
        out["path"] = str(self.path) if self.path else None
        out["result_path"] = str(self.result_path) if self.result_path else None
        return out

    @classmethod
    def from_state(cls, data: dict[str, Any]) -> Upload:
        upload = cls(**{name: data[name] for name in cls._SAVED if name in data})
        upload.history = [(str(s), float(t)) for s, t in data.get("history", [])]
        upload.path = Path(data["path"]) if data.get("path") else None
        upload.result_path = Path(data["result_path"]) if data.get("result_path") else None
        if upload.used:
            upload.arrived.set()
        return upload

    def to_json(self) -> dict[str, Any]:
        return {
            "uploadId": self.id,
            "domain": self.domain,
            "scope": self.scope,
            "applicationId": self.application_id,
            "fileName": self.file_name,
            "size": self.size,
            "sha256": self.sha256,
            "status": self.status,
            "progress": self.progress,
            "message": self.message,
            "received": self.used,
            "putAttempts": self.put_attempts,
            "resultReady": self.result_path is not None,
            "createdAt": iso(self.created),
            "updatedAt": iso(self.updated),
            "uploadUrlExpiration": iso(self.url_expires),
            "history": [{"status": s, "at": iso(t)} for s, t in self.history],
        }


class UploadPipeline:
    """Runs every upload's life as a task.

    Args:
        knobs: the processing settings (shared, changed live by the control API).
        catalog: published scopes, for the reference checks of ``orders``.
        folder: where received files and result files are kept.
        on_change: called after every status change (e.g. to persist nothing, or log).
    """

    def __init__(
        self,
        knobs: ProcessingKnobs,
        catalog: ScopeCatalog,
        folder: Path,
        on_change: Callable[[Upload], None] | None = None,
    ) -> None:
        self.knobs = knobs
        self.catalog = catalog
        self.folder = folder
        self.uploads: dict[str, Upload] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._on_change = on_change or (lambda _u: None)

    def add(self, upload: Upload) -> None:
        self.uploads[upload.id] = upload
        self._on_change(upload)
        self._start(self._run(upload))

    def _start(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def to_json(self) -> list[dict[str, Any]]:
        return [u.to_state() for u in self.uploads.values()]

    def restore(self, items: list[dict[str, Any]]) -> None:
        """Uploads of the state file; the unfinished ones go on where they were.

        An upload whose bytes never came waits for them until its URL expires; one
        being processed goes on from its current status (that status starts again).
        """
        for item in items:
            upload = Upload.from_state(item)
            if upload.path is not None and not upload.path.is_file():
                upload.path = None
            self.uploads[upload.id] = upload
            if upload.status in UploadStatus.TERMINAL:
                continue
            if upload.status == UploadStatus.PENDING or upload.path is None:
                self._start(self._run(upload))
            else:
                self._start(self._resume(upload))

    async def _resume(self, upload: Upload) -> None:
        try:
            await self._process(upload, resume_from=upload.status)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("upload %s crashed", upload.id)
            await self._finish(upload, UploadStatus.FAILED, [{"message": "sandbox error"}], [])

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def clear(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        self.uploads.clear()

    # --- the life of one upload -----------------------------------------------------
    async def _step(self, upload: Upload, status: str) -> None:
        upload.set(status, 0)
        self._on_change(upload)
        for tick in range(1, TICKS + 1):
            await asyncio.sleep(self.knobs.step_delay / TICKS)
            upload.set(status, tick * 100 // TICKS)

    async def _run(self, upload: Upload) -> None:
        try:
            await asyncio.wait_for(
                upload.arrived.wait(), timeout=max(0.0, upload.url_expires - now())
            )
        except TimeoutError:
            if not upload.used:
                upload.set(
                    UploadStatus.EXPIRED, 100, "No bytes arrived before uploadUrlExpiration."
                )
                self._on_change(upload)
                return
        try:
            await self._process(upload)
        except asyncio.CancelledError:
            raise
        except Exception:  # a bug in the sandbox must not hide the upload forever
            log.exception("upload %s crashed", upload.id)
            await self._finish(upload, UploadStatus.FAILED, [{"message": "sandbox error"}], [])

    async def _process(self, upload: Upload, resume_from: str | None = None) -> None:
        forced = self.knobs.outcome
        later = (UploadStatus.AVAILABLE, UploadStatus.DOWNLOADED, UploadStatus.PROCESSING)
        if resume_from not in later:
            resume_from = None
            await self._step(upload, UploadStatus.VALIDATING)
        assert upload.path is not None
        raw = await asyncio.to_thread(upload.path.read_bytes)
        file_errors, results, records = await asyncio.to_thread(
            validate_file, upload.domain, upload.scope, raw
        )
        invalid = file_errors or any(r["status"] == RecordOutcome.REJECTED for r in results)
        if forced == UploadStatus.BAD_REQUEST and not invalid:
            file_errors = [{"message": "rejected by the sandbox (forced outcome badRequest)"}]
            invalid = True
        if invalid and resume_from is None:
            await self._finish(
                upload,
                UploadStatus.BAD_REQUEST,
                file_errors,
                results,
                "The file breaks the scope's schema." if results else file_errors[0]["message"],
            )
            return
        for status in later[later.index(resume_from) if resume_from else 0 :]:
            await self._step(upload, status)
        results = self._sage50_results(upload, records, forced)
        rejected = sum(r["status"] == RecordOutcome.REJECTED for r in results)
        status = (
            UploadStatus.FAILED
            if rejected or forced == UploadStatus.FAILED
            else UploadStatus.ACCEPTED
        )
        await self._finish(
            upload,
            status,
            [],
            results,
            f"{rejected} of {len(results)} records rejected."
            if rejected
            else f"{len(results)} records accepted.",
        )

    def _sage50_results(
        self, upload: Upload, records: list[Any], forced: str | None
    ) -> list[dict[str, Any]]:
        results = []
        for index, record in enumerate(records):
            rid = record.get("id") or f"#{index}"
            if forced == UploadStatus.ACCEPTED:
                errors = []
            elif forced == UploadStatus.FAILED:
                errors = [{"path": "", "message": "rejected by the sandbox (forced outcome)"}]
            else:
                errors = self._reference_errors(upload.domain, upload.scope, record)
            results.append(
                {"id": rid, "status": RecordOutcome.REJECTED, "errors": errors}
                if errors
                else {"id": rid, "status": RecordOutcome.ACCEPTED}
            )
        return results

    def _reference_errors(
        self, domain: str, scope: str, record: dict[str, Any]
    ) -> list[dict[str, str]]:
        if scope != "orders":
            return []
        errors = []
        customers = self.catalog.get(domain, "customers")
        products = self.catalog.get(domain, "products")
        cid = generator.id_number("customers", record["customer"]["id"])
        if customers is None or cid is None or not customers.contains(cid):
            errors.append({"path": "customer.id", "message": "unknown customer"})
        for i, line in enumerate(record["lines"]):
            pid = generator.id_number("products", line["productId"])
            if products is None or pid is None or not products.contains(pid):
                errors.append({"path": f"lines.{i}.productId", "message": "unknown product"})
        return errors

    async def _finish(
        self,
        upload: Upload,
        status: str,
        file_errors: list[dict[str, str]],
        results: list[dict[str, Any]],
        message: str | None = None,
    ) -> None:
        upload.set(status, 100, message)
        self._on_change(upload)
        rejected = sum(r["status"] == RecordOutcome.REJECTED for r in results)
        body = {
            "uploadId": upload.id,
            "status": status,
            "summary": {
                "total": len(results),
                "accepted": len(results) - rejected,
                "rejected": rejected,
            },
            "errors": file_errors,
            "results": results,
        }
        if self.knobs.result_delay:
            await asyncio.sleep(self.knobs.result_delay)
        path = self.folder / f"{upload.id}.result.json"
        await asyncio.to_thread(path.write_bytes, orjson.dumps(body))
        upload.result_path = path
        self._on_change(upload)
