"""The snapshot engine as the browser pages share it: store, query workers, sync, watcher.

One :class:`BrowserBackend` per running app core (``Runtime``), shared by
every scope page: the :class:`SnapshotStore` on ``cache.sqlite3``, the
:class:`QueryRunner` (worker threads with their own connections), one
:class:`SyncService` per connection profile and, while the
``auto_download`` setting is on, a :class:`ScopeWatcher` round per profile
run as a quiet named task that downloads each new version it reports.
Pages :meth:`acquire` it when created and :meth:`release` it when destroyed;
the last release stops the workers and closes the store.

Engine callbacks arrive on worker or loop threads; :class:`BackendSignals`
re-emits them on the GUI thread.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from sage50_desktop.services import activity as A
from sage50_desktop.services import settings as S
from sage50_desktop.services.activity import target_for
from sage50_desktop.services.sync import SyncResult, SyncService
from sage50_desktop.services.tasks import TaskInfo, TaskRegistry
from sage50_desktop.services.watcher import ScopeWatcher
from sage50_desktop.storage.snapshot_store import SnapshotStore
from sage50_desktop.ui import i18n, scope_names
from sage50_desktop.ui.browser.bridge import GuiBridge
from sage50_desktop.ui.browser.snapshot_view import QueryRunner

if TYPE_CHECKING:
    from sage50_desktop.ui.session import Session

log = logging.getLogger(__name__)


class BackendSignals(QObject):
    """Engine events on the GUI thread.

    Signals:
        snapshotsChanged(str, str, str): a snapshot of (profile, domain, scope)
            was added or deleted.
        indexReady(int): the search index of a snapshot is built.
        newVersion(str, str, str): the watcher saw (profile, scope, version).
    """

    snapshotsChanged = Signal(str, str, str)
    indexReady = Signal(int)
    newVersion = Signal(str, str, str)


def download_task_name(profile_id: str, domain: str, scope: str) -> str:
    return f"download:{profile_id}/{domain}/{scope}"


class BrowserBackend:
    """Store, query workers and per-profile sync shared by the browser pages."""

    _shared: dict[int, BrowserBackend] = {}

    def __init__(self, runtime: Any) -> None:
        self.runtime = runtime
        self.store = SnapshotStore(runtime.cache_path)
        self.runner = QueryRunner(self.store)
        self.signals = BackendSignals()
        self._bridge = GuiBridge(self.signals)
        self._users = 0
        self._closed = False
        self._syncs: dict[str, SyncService] = {}
        self._sessions: dict[str, tuple[Session, TaskRegistry]] = {}
        self.store.changed.connect(
            lambda p, d, s: self._bridge.post(self.signals.snapshotsChanged.emit, p, d, s))
        self.store.index_ready.connect(
            lambda sid: self._bridge.post(self.signals.indexReady.emit, sid))
        runtime.settings.on_change(self._setting_changed)
        self.store.ensure_indexes()  # resume index builds an earlier run left unfinished

    # --- sharing -----------------------------------------------------------------------
    @classmethod
    def acquire(cls, runtime: Any) -> BrowserBackend:
        backend = cls._shared.get(id(runtime))
        if backend is None or backend._closed:
            backend = cls(runtime)
            cls._shared[id(runtime)] = backend
        backend._users += 1
        return backend

    @classmethod
    def existing(cls, runtime: Any) -> BrowserBackend | None:
        """The backend shared by ``runtime``'s pages, if one is open (no new one is made)."""
        backend = cls._shared.get(id(runtime))
        return None if backend is None or backend._closed else backend

    def release(self, *_args: Any) -> None:
        self._users -= 1
        if self._users <= 0 and not self._closed:
            self.close()

    def close(self) -> None:
        self._closed = True
        if self._shared.get(id(self.runtime)) is self:
            del self._shared[id(self.runtime)]
        self.runner.close()
        self.store.close()
        if shiboken6.isValid(self.signals):
            self.signals.deleteLater()

    # --- sync ------------------------------------------------------------------------------
    def attach(self, session: Session, tasks: TaskRegistry) -> None:
        """A page of ``session``'s profile exists: watch it when auto-download is on."""
        self._sessions[session.id] = (session, tasks)
        self._update_watch(session.id)

    def sync_for(self, session: Session) -> SyncService:
        connection = session.connection
        sync = self._syncs.get(session.id)
        if sync is None or sync.connection is not connection:
            if sync is not None:
                self.store.index_ready.disconnect(sync._relay_index_ready)
            sync = SyncService.for_runtime(self.runtime, connection, self.store)
            self._syncs[session.id] = sync
        return sync

    def download(self, session: Session, tasks: TaskRegistry, domain: str, scope: str,
                 *, quiet: bool = False) -> TaskInfo:
        """Sync ``scope`` now as the task ``download:<profile>/<domain>/<scope>``.

        Progress (bytes, then records stored) shows in the Activity dock;
        cancelling the task leaves the previous version as it was.
        """
        name = download_task_name(session.id, domain, scope)

        async def run() -> SyncResult:
            sync = self.sync_for(session)

            def on_bytes(which: str, done: int, total: int | None) -> None:
                if which == scope:
                    tasks.progress(name, done, total, f"{i18n.format_bytes(done)} / "
                                   f"{i18n.format_bytes(total)}" if total else None)

            def on_records(which: str, records: int) -> None:
                if which == scope:
                    tasks.progress(name, records, 0, f"{records:,} records stored")

            sync.download_progress.connect(on_bytes)
            sync.ingest_progress.connect(on_records)
            try:
                return await sync.sync(scope)
            finally:
                sync.download_progress.disconnect(on_bytes)
                sync.ingest_progress.disconnect(on_records)

        return tasks.start(name, run(), kind=A.KIND_DOWNLOAD, subject=scope_names.label(scope),
                           target=target_for(session.id, domain, scope), quiet=quiet,
                           if_running="keep")

    # --- reads for other views --------------------------------------------------------
    def downloaded_versions(self, profile_id: str, domain: str, scopes: list[str]
                            ) -> dict[str, str]:
        """Blocking (call in a worker thread): scope -> version of its latest snapshot."""
        return _latest_versions(self.store, profile_id, domain, scopes)

    # --- auto-download ---------------------------------------------------------------------
    def _setting_changed(self, setting: S.Setting, _value: Any) -> None:
        if self._closed or setting not in (S.AUTO_DOWNLOAD, S.POLL_INTERVAL):
            return
        for profile_id in list(self._sessions):
            self._update_watch(profile_id, restart=setting is S.POLL_INTERVAL)

    def _update_watch(self, profile_id: str, restart: bool = False) -> None:
        session, tasks = self._sessions[profile_id]
        name = f"watch:{profile_id}"
        wanted = bool(self.runtime.settings.get(S.AUTO_DOWNLOAD)) and not tasks.closing
        running = tasks.is_running(name)
        if running and (restart or not wanted):
            tasks.cancel(name)
            running = False
        if wanted and not running:
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                return
            tasks.start(name, self._watch(session, tasks), kind=A.KIND_POLL,
                        subject=session.profile.name, target=target_for(session.id),
                        quiet=True, if_running="replace")

    async def _watch(self, session: Session, tasks: TaskRegistry) -> None:
        """Rounds of the engine's watcher; each new version is downloaded as its own task."""
        while True:
            if session.state in ("online", "offline", "error"):
                try:
                    sync = self.sync_for(session)
                    watcher = ScopeWatcher(sync, self.runtime.settings, auto_download=False)
                    for scope, version in await watcher.check_now():
                        self.signals.newVersion.emit(session.id, scope, version)
                        self.download(session, tasks, session.domain, scope)
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # noqa: BLE001 - next round tries again
                    log.info("auto-download round failed: %s", type(exc).__name__)
            await asyncio.sleep(float(self.runtime.settings.get(S.POLL_INTERVAL)))


def _latest_versions(store: SnapshotStore, profile_id: str, domain: str,
                     scopes: list[str]) -> dict[str, str]:
    versions: dict[str, str] = {}
    for scope in scopes:
        info = store.latest(profile_id, domain, scope)
        if info is not None:
            versions[scope] = info.version
    return versions


def read_downloaded_versions(runtime: Any, profile_id: str, domain: str,
                             scopes: list[str], backend: BrowserBackend | None = None
                             ) -> dict[str, str]:
    """Blocking (call in a worker thread): scope -> version of its latest downloaded snapshot.

    Reads through ``backend``'s shared store when one is open, otherwise
    through a short-lived store on the cache (closed before returning).
    """
    if backend is not None and not backend._closed:
        return backend.downloaded_versions(profile_id, domain, scopes)
    if not Path(runtime.cache_path).exists():
        return {}
    store = SnapshotStore(runtime.cache_path)
    try:
        return _latest_versions(store, profile_id, domain, scopes)
    finally:
        store.close()
