"""Polls the domain's scope files and reports (and optionally downloads) new versions.

Each round asks 4.1 (all scopes of the domain in one call); when 4.1 is not
available it asks 4.2 per watched scope with ``If-None-Match`` (304 = nothing
new). A version that differs from the newest local snapshot is reported once
through ``new_version``; with the AUTO_DOWNLOAD setting it is synced at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sage50_desktop.api.errors import ApiError, Sage50Error
from sage50_desktop.events import Signal
from sage50_desktop.services import settings as S
from sage50_desktop.services.sync import SyncResult, SyncService

log = logging.getLogger(__name__)


class ScopeWatcher:
    """Polls for new scope versions on an interval (setting POLL_INTERVAL).

    Signals (emitted on the event-loop thread):
        new_version(scope: str, version: str) — once per new version seen.
        synced(result: SyncResult) — an automatic download finished.
        error(exc: BaseException) — a round failed (the watcher keeps going).

    Args:
        sync: the connection's :class:`SyncService` (its store gives local versions).
        settings: read for POLL_INTERVAL and AUTO_DOWNLOAD on every round.
        scopes: scopes to watch (default: every scope 4.1 lists).
        interval / auto_download: override the settings (tests).
    """

    def __init__(self, sync: SyncService, settings: S.Settings | None = None, *,
                 scopes: list[str] | None = None, interval: float | None = None,
                 auto_download: bool | None = None) -> None:
        self.sync = sync
        self.settings = settings
        self.scopes = scopes
        self._interval = interval
        self._auto = auto_download
        self.new_version = Signal("watcher.new_version")
        self.synced = Signal("watcher.synced")
        self.error = Signal("watcher.error")
        self._reported: dict[str, str] = {}
        self._task: asyncio.Task[None] | None = None

    @property
    def interval(self) -> float:
        if self._interval is not None:
            return self._interval
        return float(self.settings.get(S.POLL_INTERVAL) if self.settings else
                     S.POLL_INTERVAL.default)

    @property
    def auto_download(self) -> bool:
        if self._auto is not None:
            return self._auto
        return bool(self.settings.get(S.AUTO_DOWNLOAD) if self.settings else False)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        """Start polling (first round at once) on the running event loop."""
        if not self.running:
            self._task = asyncio.get_running_loop().create_task(self._run(),
                                                               name="scope-watcher")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        while True:
            try:
                await self.check_now()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.info("watch round failed: %s", exc)
                self.error.emit(exc)
            await asyncio.sleep(self.interval)

    async def _remote_versions(self) -> dict[str, str]:
        client, domain = self.sync.connection.client, self.sync.domain
        try:
            listing = await client.list_scope_files(domain)
            return {s.scope: s.version for s in listing.scopes
                    if self.scopes is None or s.scope in self.scopes}
        except ApiError as exc:
            if exc.status != 404 or not self.scopes:
                raise
        versions = {}
        for scope in self.scopes:
            known = self.sync.latest_version(scope)
            info = await client.get_scope_file(domain, scope, known)
            if info is not None:
                versions[scope] = info.version
            elif known is not None:
                versions[scope] = known
        return versions

    async def check_now(self) -> list[tuple[str, str]]:
        """One round: returns the (scope, version) pairs that are new."""
        found = []
        for scope, version in (await self._remote_versions()).items():
            if version == self.sync.latest_version(scope):
                continue
            found.append((scope, version))
            if self._reported.get(scope) != version:
                self._reported[scope] = version
                self.new_version.emit(scope, version)
        if self.auto_download:
            for scope, _version in found:
                try:
                    result: SyncResult = await self.sync.sync(scope)
                except Sage50Error as exc:
                    self.error.emit(exc)
                    continue
                except Exception as exc:  # ingest errors: reported, next scope
                    self.error.emit(exc)
                    continue
                self.synced.emit(result)
        return found
