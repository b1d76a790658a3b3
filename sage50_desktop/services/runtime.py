"""The Qt-free core of one running app (GUI or CLI): folders, databases, stores.

Built once by ``app.py`` (GUI) or the CLI and handed to whatever needs it. It
owns the app's **one** :class:`~sage50_desktop.storage.snapshot_store.SnapshotStore`
(``cache.sqlite3``) and its **one**
:class:`~sage50_desktop.storage.snapshot_view.QueryRunner` (worker threads with
their own connections), both opened on first use and closed by :meth:`Runtime.close`.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from pathlib import Path

from filelock import Timeout
from sqlalchemy import Engine

from sage50_desktop import paths
from sage50_desktop.services import settings as S
from sage50_desktop.services.connection import Connection, NetworkOptions, open_connection
from sage50_desktop.storage import db_health
from sage50_desktop.storage.activity_store import ActivityStore
from sage50_desktop.storage.credentials import (
    CredentialStore,
    MemoryCredentialStore,
    default_store,
)
from sage50_desktop.storage.data_folder import DataFolderUnavailable
from sage50_desktop.storage.db import open_engine, read_only_reason, set_before_migration
from sage50_desktop.storage.db_worker import DbWorker
from sage50_desktop.storage.locks import Locks, open_lock
from sage50_desktop.storage.profiles import Profile, ProfileStore
from sage50_desktop.storage.snapshot_store import SnapshotStore
from sage50_desktop.storage.snapshot_view import QueryRunner
from sage50_desktop.storage.tempfiles import remove_stale
from sage50_desktop.storage.upload_store import UploadStore

log = logging.getLogger(__name__)

APP_DB = "app.sqlite3"
CACHE_DB = "cache.sqlite3"


class Runtime:
    """Folders, the two databases, settings, profiles and credential stores.

    Args:
        data_dir: where the databases live (default: the user data folder).
        credentials: the credential store of real profiles (default: the OS
            one, opened lazily so a machine without one can still run the
            sandbox demo).
        sandbox_credentials: where sandbox profiles keep their throwaway
            credentials (default: memory).
        role: who opens the data folder (``window`` or ``sage50``): named by
            ``restore-backup`` when this process has ``app.sqlite3`` open.
    """

    def __init__(
        self,
        data_dir: Path | None = None,
        *,
        credentials: CredentialStore | None = None,
        sandbox_credentials: CredentialStore | None = None,
        settings: S.Settings | None = None,
        role: str = "sage50",
    ) -> None:
        self.data_dir = data_dir or paths.data_dir()
        try:
            paths.ensure_private(self.data_dir)  # 0700/0600, also when it existed looser
        except OSError as exc:
            raise DataFolderUnavailable(self.data_dir, exc) from None
        app_path = self.data_dir / APP_DB
        existed = app_path.exists()
        # held while this process has app.sqlite3 open (restore-backup refuses meanwhile)
        self._open_lock_file = open_lock(app_path, role)
        try:
            self._open_lock_file.acquire(blocking=False)
        except (Timeout, OSError) as exc:  # a read-only folder fails just below, clearly
            log.debug("no open lock for %s: %s", app_path.name, exc)
        try:
            # DatabaseDamaged names it; immediate: several processes update it
            self.app_engine: Engine = open_engine(app_path, immediate=True)
        except BaseException:
            self._release_open_lock()
            raise
        #: why the app's data can only be read (a full disk, a read-only folder), or None:
        #: what is stored can be viewed, anything that must write says this
        self.read_only: DataFolderUnavailable | None = read_only_reason(self.app_engine)
        self._backed_up = self.read_only is not None  # no backup when nothing can be written
        set_before_migration(
            self.app_engine, lambda _current, _target: self._backup(int(existed), "upgrade")
        )
        self.cache_path = self.data_dir / CACHE_DB
        self.downloads_dir = self.data_dir / "downloads"
        self.uploads_dir = self.data_dir / "uploads"
        #: cross-process locks of the data folder (other processes may use it too)
        self.locks = Locks(self.data_dir)
        remove_stale(self.downloads_dir)  # temp files of crashed processes (personal data)
        self.profiles = ProfileStore(self.app_engine)
        # the event loop's app.sqlite3 work (uploads, tracking) runs on this one thread
        self.app_db = DbWorker("app-sqlite3")
        if self.read_only is None:
            # every table of app.sqlite3 made now, so that an open on a full disk or a
            # read-only folder later (read-only) finds them all, also after CLI-only use
            UploadStore(self.app_engine)
            ActivityStore(self.app_engine)
        self._backup(int(existed), "daily")  # (a database made just now holds nothing)
        self.settings = settings or S.Settings(paths.config_dir() / "settings.json")
        self._credentials = credentials
        self.sandbox_credentials = sandbox_credentials or MemoryCredentialStore()
        self._open_lock = threading.Lock()
        self._credentials_lock = threading.Lock()
        self._snapshots: SnapshotStore | None = None
        self._queries: QueryRunner | None = None

    def _backup(self, existed: int, reason: str) -> None:
        """Back ``app.sqlite3`` up: before the first migration of this run, and daily."""
        if not existed or self.read_only is not None:
            return  # a database made by this run holds nothing yet; nothing can be written
        path = self.data_dir / APP_DB
        try:
            if reason == "daily":
                db_health.backup_daily(path)
            elif not self._backed_up:
                self._backed_up = True
                db_health.backup(path, reason)
        except (OSError, sqlite3.Error) as exc:
            log.warning("could not back up %s: %s", path.name, exc)

    @property
    def snapshots(self) -> SnapshotStore:
        """The app's one snapshot store on ``cache.sqlite3`` (opened on first use)."""
        with self._open_lock:
            if self._snapshots is None:
                self._snapshots = SnapshotStore(self.cache_path)
            return self._snapshots

    @property
    def queries(self) -> QueryRunner:
        """The one pool of snapshot query workers (started on first use)."""
        store = self.snapshots
        with self._open_lock:
            if self._queries is None:
                self._queries = QueryRunner(store)
            return self._queries

    @property
    def snapshots_open(self) -> bool:
        return self._snapshots is not None

    @property
    def credentials(self) -> CredentialStore:
        """The OS credential store (raises CredentialStoreUnavailable with what to do)."""
        with self._credentials_lock:
            if self._credentials is None:
                self._credentials = default_store()
            return self._credentials

    @property
    def credentials_open(self) -> bool:
        """Whether :attr:`credentials` is at hand (else its first use opens it: ~0.4 s to
        import ``keyring`` and find its backend)."""
        return self._credentials is not None

    def open_credentials(self) -> None:
        """Open the OS credential store now (blocking: from a worker thread); a store that
        cannot be used is left for the first use of :attr:`credentials` to report."""
        try:
            self.credentials  # noqa: B018 - opened for later use
        except Exception as exc:  # CredentialStoreUnavailable, or a backend's own error
            log.debug("the credential store did not open in advance: %s", exc)

    def credentials_for(self, profile: Profile) -> CredentialStore:
        return self.sandbox_credentials if profile.sandbox else self.credentials

    def network_options(self) -> NetworkOptions:
        from datetime import timedelta

        return NetworkOptions(
            proxy=self.settings.get(S.PROXY) or None,
            ca_bundle=self.settings.get(S.CA_BUNDLE) or None,
            key_margin=timedelta(seconds=self.settings.get(S.KEY_RENEWAL_MARGIN)),
        )

    def connect(self, profile: Profile, **client_kwargs: object) -> Connection:
        return open_connection(
            profile,
            self.credentials_for(profile),
            self.profiles,
            self.network_options(),
            locks=self.locks,
            **client_kwargs,
        )

    def close(self) -> None:
        """Stop the query workers, close the snapshot store and the app database."""
        with self._open_lock:
            queries, self._queries = self._queries, None
            snapshots, self._snapshots = self._snapshots, None
        if queries is not None:
            queries.close()
        if snapshots is not None:
            snapshots.close()
        self.app_db.close()
        self.app_engine.dispose()
        self._release_open_lock()

    def _release_open_lock(self) -> None:
        lock = self._open_lock_file
        if lock.is_locked:
            lock.release()
            with contextlib.suppress(OSError):
                Path(lock.lock_file).unlink()
