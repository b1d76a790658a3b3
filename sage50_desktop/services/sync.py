"""Sync of scope files into the snapshot store: ask (4.2), download (4.3), verify, ingest.

One :class:`SyncService` per connection. A sync of a scope:

1. asks 4.2 with the last local version (``If-None-Match``): 304 → nothing is
   downloaded and the result says ``unchanged``;
2. takes the cross-process lock of (connection, domain, scope) — the window
   and ``sage50`` commands share the data folder — and, holding it, checks the
   store again: a version another process stored meanwhile is not stored
   again (``unchanged``);
3. streams the file to a temp file of this process under ``downloads_dir``
   (resume after a dropped connection, SHA-256 and size verified by the API
   layer; an expired URL is replaced by asking 4.2 again);
4. ingests it in worker threads in one transaction (first file = full load,
   later files compared with the previous snapshot; the SHA-256 checked again
   on the bytes parsed), applying retention — pipelined: the ingest reads the
   file while it downloads (:mod:`~sage50_desktop.services.ingest_feed`) and
   commits only after the download's size and SHA-256 check passed; large
   files are ingested by two child processes, the parse on one core and the
   insert on the other (:mod:`~sage50_desktop.services.ingest_process`), so
   the stages overlap and never keep the event loop waiting for the GIL;
5. deletes the temp file, releases the lock and starts the search index in
   the background.

Cancelling the task (``task.cancel()``) at any point leaves the previous
snapshot as it was and removes the temp files.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sage50_desktop.api.errors import Sage50Error
from sage50_desktop.api.models import ScopeFileInfo
from sage50_desktop.events import Signal
from sage50_desktop.services import settings as S
from sage50_desktop.services.connection import Connection
from sage50_desktop.services.ingest import (
    DiskFull,
    IngestResult,
    disk_full,
    ingest_file,
    is_disk_full,
)
from sage50_desktop.services.ingest_feed import DownloadFeed, FeedRestarted
from sage50_desktop.services.ingest_feed import supported as feed_supported
from sage50_desktop.services.ingest_process import MIN_PROCESS_BYTES, IngestProcess
from sage50_desktop.services.ingest_process import supported as process_supported
from sage50_desktop.services.schema_check import SchemaChecker
from sage50_desktop.storage.locks import Locks, hold
from sage50_desktop.storage.snapshot_store import SnapshotStore
from sage50_desktop.storage.snapshot_writer import VersionAlreadyStored
from sage50_desktop.storage.tempfiles import new_temp

log = logging.getLogger(__name__)


class VersionChanged(Sage50Error):
    """A newer version was published while the previous one was downloading."""

    transient = True
    hint = "A newer version was published during the download. Sync again."


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What one sync of a scope did. ``unchanged``: the server had nothing newer (304)."""

    scope: str
    version: str | None
    records: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: bool = False
    warnings: int = 0
    warnings_checked: int = 0
    warning_examples: list[dict[str, Any]] = field(default_factory=list)
    snapshot_id: int | None = None
    downloaded_bytes: int = 0
    seconds: float = 0.0


async def _remove(*paths: Path) -> None:
    """Delete temp files off the loop (unlinking 700 MB can block); survives a cancel."""

    def remove() -> None:
        for path in paths:
            path.unlink(missing_ok=True)

    task = asyncio.ensure_future(asyncio.to_thread(remove))
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        await task
        raise


async def _settle(task: asyncio.Future[Any]) -> None:
    """Wait for ``task`` to end whatever it raises; survives a cancel of the caller."""
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        with contextlib.suppress(BaseException):
            await task
        raise
    except BaseException:  # the caller raises its own error
        pass


class SyncService:
    """Downloads scope files of one connection into a :class:`SnapshotStore`.

    Signals (all emitted on the event-loop thread):
        download_progress(scope: str, done: int, total: int | None) — bytes.
        ingest_progress(scope: str, records: int) — records stored so far.
        synced(result: SyncResult) — a sync finished (also when unchanged).
        failed(scope: str, exc: BaseException) — a sync failed (not on cancel).
        index_ready(snapshot_id: int) — the search index of a snapshot is built.
    """

    def __init__(
        self,
        connection: Connection,
        store: SnapshotStore,
        downloads_dir: Path,
        settings: S.Settings | None = None,
        *,
        build_index: bool = True,
        locks: Locks | None = None,
        pipelined: bool = True,
        ingest_in_process: bool = True,
    ) -> None:
        self.connection = connection
        self.store = store
        self.downloads_dir = downloads_dir
        #: cross-process locks (default: those of the data folder holding ``downloads_dir``)
        self.locks = locks or Locks(downloads_dir.parent)
        self.settings = settings
        self.build_index = build_index
        #: ingest while the file downloads (:mod:`ingest_feed`); False: one after the other
        self.pipelined = pipelined
        #: ingest files of MIN_PROCESS_BYTES or more in child processes (:mod:`ingest_process`)
        self.ingest_in_process = ingest_in_process
        #: the last ingest's result with its stage times (benchmarks)
        self.last_ingest: IngestResult | None = None
        self.download_progress = Signal("sync.download_progress")
        self.ingest_progress = Signal("sync.ingest_progress")
        self.synced = Signal("sync.synced")
        self.failed = Signal("sync.failed")
        self.index_ready = Signal("sync.index_ready")
        self._locks: dict[str, asyncio.Lock] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        store.index_ready.connect(self._relay_index_ready)

    @classmethod
    def for_runtime(
        cls, runtime: Any, connection: Connection, store: SnapshotStore, **kwargs: Any
    ) -> SyncService:
        kwargs.setdefault("locks", getattr(runtime, "locks", None))
        return cls(connection, store, runtime.downloads_dir, runtime.settings, **kwargs)

    def detach(self) -> None:
        """Stop relaying the store's index events (this service is being replaced)."""
        self.store.index_ready.disconnect(self._relay_index_ready)

    @property
    def profile_id(self) -> str:
        return self.connection.profile.id

    @property
    def domain(self) -> str:
        return self.connection.domain

    def latest_version(self, scope: str) -> str | None:
        snap = self.store.latest(self.profile_id, self.domain, scope)
        return snap.version if snap else None

    def _retention(self) -> int:
        if self.settings is None:
            return int(S.SNAPSHOT_RETENTION.default)
        return int(self.settings.get(S.SNAPSHOT_RETENTION))

    def _relay_index_ready(self, snapshot_id: int) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self.index_ready.emit, snapshot_id)

    async def sync(self, scope: str) -> SyncResult:
        """Bring ``scope`` up to date; returns what changed. Raises API/ingest errors."""
        self._loop = asyncio.get_running_loop()
        lock = self._locks.setdefault(scope, asyncio.Lock())
        async with lock:
            try:
                result = await self._sync(scope)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if is_disk_full(exc) and not isinstance(exc, DiskFull):
                    exc = disk_full(
                        f"The disk is full: no space left to download {scope}.",
                        exc,
                        self.downloads_dir.parent,
                    )
                    self.failed.emit(scope, exc)
                    raise exc from None
                self.failed.emit(scope, exc)
                raise
            self.synced.emit(result)
            return result

    async def _sync(self, scope: str) -> SyncResult:
        started = time.monotonic()
        client, domain = self.connection.client, self.domain
        known = self.latest_version(scope)
        info = await client.get_scope_file(domain, scope, known)
        if info is None:
            return SyncResult(scope, known, unchanged=True, seconds=time.monotonic() - started)
        if info.version == known:
            return SyncResult(scope, known, unchanged=True, seconds=time.monotonic() - started)
        async with hold(self.locks.scope(self.profile_id, domain, scope)):
            stored = self.store.find_version(self.profile_id, domain, scope, info.version)
            if stored is not None:  # another process stored it while we asked or waited
                return SyncResult(
                    scope,
                    info.version,
                    unchanged=True,
                    snapshot_id=stored.id,
                    seconds=time.monotonic() - started,
                )
            try:
                result = await self._download_and_ingest(scope, info)
            except VersionAlreadyStored as exc:  # stored by a process that took no lock
                return SyncResult(
                    scope,
                    info.version,
                    unchanged=True,
                    snapshot_id=exc.snapshot_id,
                    seconds=time.monotonic() - started,
                )
        self.store.notify_changed(self.profile_id, domain, scope)
        if self.build_index:
            self.store.build_index(result.snapshot_id)
        return SyncResult(
            scope,
            info.version,
            result.records,
            result.added,
            result.changed,
            result.removed,
            False,
            result.warnings,
            result.warnings_checked,
            result.warning_examples,
            result.snapshot_id,
            info.size,
            time.monotonic() - started,
        )

    async def _download_and_ingest(self, scope: str, info: ScopeFileInfo) -> IngestResult:
        """Download to a temp file of this process, ingest it, delete it (on every exit)."""
        client, domain = self.connection.client, self.domain
        dest = await asyncio.to_thread(new_temp, self.downloads_dir, "download", ".json")
        part = dest.with_name(dest.name + ".part")

        async def refresh_url() -> str:
            fresh = await client.get_scope_file(domain, scope)
            if fresh is None or fresh.version != info.version:
                raise VersionChanged(f"{scope}: version {info.version} was replaced")
            return fresh.download_url

        feed: DownloadFeed | IngestProcess | None = None
        if self.pipelined and feed_supported():
            feed = (
                self._spawn(scope, info.version, dest, part, info.sha256, info.size)
                if self._in_process(info.size)
                else None
            )
            feed = feed or DownloadFeed(part)

        def on_bytes(done: int, total: int | None) -> None:
            if feed is not None:
                feed.advance(done)
            self.download_progress.emit(scope, done, total)

        try:
            # background index builds wait meanwhile: they only compete for the GIL
            with self.store.background_paused():
                ingesting = (
                    None
                    if feed is None
                    else asyncio.ensure_future(
                        self._ingest(scope, info.version, dest, info.sha256, info.size, feed)
                    )
                )
                try:
                    await client.download_file(
                        info.download_url,
                        dest,
                        sha256=info.sha256,
                        size=info.size,
                        progress=on_bytes,
                        refresh_url=refresh_url,
                    )
                except BaseException:
                    if feed is not None and ingesting is not None:
                        feed.fail()
                        await _settle(ingesting)  # rolled back
                    raise
                result: IngestResult | None = None
                if feed is not None and ingesting is not None:
                    feed.finish()
                    try:
                        result = await ingesting
                    except FeedRestarted:
                        log.info("%s: the download started over; ingesting the whole file", scope)
                if result is None:
                    result = await self._ingest(scope, info.version, dest, info.sha256, info.size)
                return result
        finally:
            await _remove(dest, part)

    def _in_process(self, size: int | None) -> bool:
        return self.ingest_in_process and (size or 0) >= MIN_PROCESS_BYTES and process_supported()

    def _spawn(
        self, scope: str, version: str, path: Path, part: Path | None, sha256: str, size: int | None
    ) -> IngestProcess | None:
        """Start the child processes ingesting ``path`` (None when they cannot start)."""
        options = {
            "profile_id": self.profile_id,
            "domain": self.domain,
            "scope": scope,
            "version": version,
            "sha256": sha256,
            "size": size,
            "retention": self._retention(),
        }
        try:
            return IngestProcess(self.store.path, path, part, options)
        except Exception as exc:  # the threads in this process do it then
            log.warning(
                "cannot start the ingest process (%s); ingesting in threads", type(exc).__name__
            )
            return None

    async def _ingest(
        self,
        scope: str,
        version: str,
        path: Path,
        sha256: str,
        size: int | None,
        feed: DownloadFeed | IngestProcess | None = None,
    ) -> IngestResult:
        loop = asyncio.get_running_loop()
        cancel = threading.Event()
        retention = self._retention()
        last_emit = [0.0]
        process = feed if isinstance(feed, IngestProcess) else None
        if feed is None and self._in_process(size):
            process = self._spawn(scope, version, path, None, sha256, size)

        def progress(records: int) -> None:
            now = time.monotonic()
            if now - last_emit[0] >= 0.05:
                last_emit[0] = now
                loop.call_soon_threadsafe(self.ingest_progress.emit, scope, records)

        def work() -> IngestResult:
            if process is not None:
                result: IngestResult = process.run(progress)
                return result
            checker = SchemaChecker.for_scope(self.domain, scope)  # compiling it takes a while
            conn = self.store.connect()
            try:
                return ingest_file(
                    conn,
                    path,
                    profile_id=self.profile_id,
                    domain=self.domain,
                    scope=scope,
                    version=version,
                    sha256=sha256,
                    size=size,
                    retention=retention,
                    checker=checker,
                    cancel=cancel,
                    progress=progress,
                    feed=feed if isinstance(feed, DownloadFeed) else None,
                )
            finally:
                conn.close()

        future = loop.run_in_executor(None, work)
        try:
            result = await asyncio.shield(future)
        except asyncio.CancelledError:
            cancel.set()
            if process is not None:
                process.cancel()
            with contextlib.suppress(BaseException):
                await future  # the worker rolls back; wait so nothing runs behind our back
            raise
        self.ingest_progress.emit(scope, result.records)
        self.last_ingest = result
        return result
