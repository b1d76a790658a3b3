"""One connection profile while the app runs, without Qt: its state, listing, sync and uploads.

A :class:`ConnectionSession` owns everything that lives as long as a profile
is open in the app (GUI or CLI):

* the :class:`~sage50_desktop.services.connection.Connection` (client and key
  manager, opened on first use, reopened by :meth:`~ConnectionSession.reconnect`);
* the state (:class:`SessionState`) and the last scope listing (4.1), kept on
  disk by a :class:`~sage50_desktop.services.listing.ListingCache` so it stays
  browsable offline;
* the one :class:`~sage50_desktop.services.sync.SyncService` and the one
  :class:`~sage50_desktop.services.uploads.UploadService` of the connection;
* the **one watcher loop**: every ``poll_interval_seconds`` one listing (4.1)
  is asked for; each published version newer than the downloaded one is
  reported once (``new_version``) and, with the ``auto_download`` setting,
  downloaded as its own task — whether or not any page of the connection is
  open;
* key-renewal events (``rotated``, ``consent_lost``) turned into state and
  Activity entries, and the silent consent of sandbox profiles.

Every piece of background work runs in the app's
:class:`~sage50_desktop.services.tasks.TaskRegistry` under a name ending in the
profile id (``refresh:<id>``, ``download:<id>/<domain>/<scope>``, ``consent:<id>``,
``renew-key:<id>``, ``resume-uploads:<id>``).

Events (:class:`~sage50_desktop.events.Signal`, emitted on the event-loop thread):
    changed(): state, listing, key or profile changed.
    rotated(reason: str): the API key was renewed.
    consent_lost(): consent was revoked; the consent step must run again.
    new_version(scope: str, version: str): a published version newer than the
        downloaded one, reported once per version.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from dataclasses import replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sage50_desktop.api import contract
from sage50_desktop.api.errors import (
    ApikeyInvalid,
    ConsentRevoked,
    CredentialsMissing,
    Sage50Error,
    TransientApiError,
    TransportError,
)
from sage50_desktop.events import Signal
from sage50_desktop.services import activity as A
from sage50_desktop.services import settings as S
from sage50_desktop.services.activity import ActivityLog, target_for
from sage50_desktop.services.connection import Connection
from sage50_desktop.services.indexing import build_indexes, index_task_name
from sage50_desktop.services.listing import Listing, ListingCache
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.tasks import TaskInfo, TaskRegistry
from sage50_desktop.storage.profiles import Profile, ProfileNotFound
from sage50_desktop.storage.snapshot_store import SnapshotStore

if TYPE_CHECKING:  # loaded on first use: a start that shows cached rows needs none of them
    from sage50_desktop.services.sync import SyncResult, SyncService
    from sage50_desktop.services.uploads import UploadService

log = logging.getLogger(__name__)


class SessionState(StrEnum):
    """Where a connection stands (the values are the words the logs use)."""

    NEW = "new"  # nothing fetched yet, nothing cached
    LOADING = "loading"
    ONLINE = "online"
    OFFLINE = "offline"  # the server cannot be reached; cached data shown
    ERROR = "error"
    CONSENT = "consent"  # consent revoked or no credentials: run the consent step again


class ConsentNotGranted(Sage50Error):
    """The passcode was denied or expired before anyone granted it."""

    hint = (
        "Consent was not granted. Request a new passcode and ask the Sage 50 "
        "administrator to approve it."
    )


def download_task_name(profile_id: str, domain: str, scope: str) -> str:
    return f"download:{profile_id}/{domain}/{scope}"


class PollTimer:
    """Calls ``callback`` every ``seconds`` on the running event loop (Qt-free)."""

    def __init__(self, callback: Callable[[], None], seconds: float) -> None:
        self._callback = callback
        self.seconds = seconds
        self._handle: asyncio.TimerHandle | None = None

    @property
    def active(self) -> bool:
        return self._handle is not None

    def start(self) -> None:
        if self._handle is None:
            self._handle = asyncio.get_running_loop().call_later(self.seconds, self._fire)

    def stop(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            handle.cancel()

    def set_interval(self, seconds: float) -> None:
        if seconds == self.seconds:
            return
        self.seconds = seconds
        if self._handle is not None:
            self.stop()
            self.start()

    def _fire(self) -> None:
        self._handle = None
        self.start()
        self._callback()


def _identity(text: str) -> str:
    return text


def _plain_bytes(size: int | None) -> str:
    return "" if size is None else f"{size:,} B"


class ConnectionSession:
    """The live state of one profile (see the module docstring).

    Args:
        runtime: the app core (settings, profile store, folders).
        profile: the stored profile.
        tasks / activity: the app's task registry and Activity history.
        cache: where listings are kept between runs.
        snapshots: the app's one snapshot store.
        scope_label / format_bytes: words for task subjects and progress lines
            (the GUI hands in translated ones).
        index_columns: (domain, scope) → the columns whose sort indexes are built
            after a download (the GUI's default-visible columns; None: none).
        poll_seconds: overrides the ``poll_interval_seconds`` setting (tests).
    """

    def __init__(
        self,
        runtime: Runtime,
        profile: Profile,
        tasks: TaskRegistry,
        activity: ActivityLog,
        cache: ListingCache,
        snapshots: SnapshotStore,
        *,
        scope_label: Callable[[str], str] = _identity,
        format_bytes: Callable[[int | None], str] = _plain_bytes,
        poll_seconds: float | None = None,
        index_columns: Callable[[str, str], list[str]] | None = None,
    ) -> None:
        self.runtime = runtime
        self.profile = profile
        self.tasks = tasks
        self.activity = activity
        self.snapshots = snapshots
        self._index_columns = index_columns
        self._cache = cache
        self._scope_label = scope_label
        self._format_bytes = format_bytes
        self.changed = Signal("session.changed")
        self.rotated = Signal("session.rotated")
        self.consent_lost = Signal("session.consent_lost")
        self.new_version = Signal("session.new_version")
        self._connection: Connection | None = None
        self._uploads: UploadService | None = None
        self._sync: SyncService | None = None
        self._uploads_resumed = False
        self._reported: dict[str, str] = {}  # scope -> version already reported as new
        self.listing: Listing | None = cache.load(profile.id)
        self.state = (
            SessionState.CONSENT
            if profile.consent_needed
            else (SessionState.OFFLINE if self.listing else SessionState.NEW)
        )
        self.error: BaseException | None = None
        self.last_rotation: datetime | None = None
        self.consent_running = False
        self._closed = False
        self._poll_override = poll_seconds
        self._poll = PollTimer(lambda: self.refresh(quiet=True), self._poll_seconds())
        runtime.settings.on_change(self._setting_changed)

    # --- names ------------------------------------------------------------------------
    @property
    def id(self) -> str:
        return self.profile.id

    @property
    def domain(self) -> str:
        return self.profile.domain

    def task_name(self, what: str) -> str:
        return f"{what}:{self.profile.id}"

    @property
    def target(self) -> str:
        return target_for(self.profile.id)

    @property
    def closed(self) -> bool:
        return self._closed

    # --- the connection and its services -----------------------------------------------
    @property
    def connection(self) -> Connection:
        """The profile's connection (opened on first use)."""
        if self._connection is None:
            self._connection = self.runtime.connect(self.profile)
            self._connection.keys.rotated.connect(self._on_rotated)
            self._connection.keys.consent_lost.connect(self._on_consent_lost)
            self._connection.keep_key_alive()  # renewed before expiry even while idle
        return self._connection

    @property
    def uploads(self) -> UploadService:
        """The profile's upload engine (created on first use, kept across reconnects).

        Unfinished uploads resume tracking as soon as the connection is online,
        whether or not the Uploads page is ever opened. Each send and track runs
        in the task registry (``upload-tracking:<upload id>``): it shows as running
        in Activity and the status bar, and its end is the upload's Activity entry.
        """
        if self._uploads is None:
            from sage50_desktop.services.uploads import UploadService

            self._uploads = UploadService(self.runtime, self.connection, tasks=self.tasks)
        return self._uploads

    @property
    def uploads_open(self) -> bool:
        """Whether the upload engine was created (see :attr:`uploads`)."""
        return self._uploads is not None

    @property
    def sync(self) -> SyncService:
        """The connection's sync service (rebuilt when the connection is reopened)."""
        connection = self.connection
        if self._sync is None or self._sync.connection is not connection:
            if self._sync is not None:
                self._sync.detach()
            from sage50_desktop.services.sync import SyncService

            self._sync = SyncService.for_runtime(self.runtime, connection, self.snapshots)
        return self._sync

    def _resume_uploads(self) -> None:
        if self._uploads_resumed or self._closed or self.tasks.closing:
            return
        self._uploads_resumed = True

        async def resume() -> None:
            resumed = await self.uploads.resume_all()
            if resumed:
                log.info("resumed tracking of %d upload(s) of %s", len(resumed), self.profile.name)

        self.tasks.start(
            self.task_name("resume-uploads"),
            resume(),
            kind=A.KIND_UPLOAD,
            subject=self.profile.name,
            target=self.target,
            quiet=True,
            if_running="keep",
        )

    @property
    def key_expiration(self) -> datetime | None:
        if self._connection is not None and self._connection.keys.expiration is not None:
            return self._connection.keys.expiration
        return self.profile.key_expiration

    async def aclose(self) -> None:
        """Stop polling and close the connection (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._poll.stop()
        self.runtime.settings.off_change(self._setting_changed)
        uploads, self._uploads = self._uploads, None
        if uploads is not None:
            await uploads.aclose()
        sync, self._sync = self._sync, None
        if sync is not None:
            sync.detach()
        connection, self._connection = self._connection, None
        if connection is not None:
            self._forget_connection(connection)
            await connection.aclose()

    def _forget_connection(self, connection: Connection) -> None:
        connection.keys.rotated.disconnect(self._on_rotated)
        connection.keys.consent_lost.disconnect(self._on_consent_lost)

    async def reconnect(self, refresh: bool = True) -> None:
        """Close the connection so the next use opens one with the current settings
        (and its address); ``refresh`` asks the server again at once."""
        if self._closed:
            return
        connection, self._connection = self._connection, None
        if self._uploads is not None:
            self._uploads.connection = self.connection  # uploads keep going on the new one
        if connection is not None:
            self._forget_connection(connection)
            await connection.aclose()
        if (
            refresh
            and self.state != SessionState.CONSENT
            and self.profile.onboarded
            and not self._closed
        ):
            self.refresh(quiet=True)

    def reload_profile(self) -> None:
        try:
            self.profile = self.runtime.profiles.get(self.profile.id)
        except ProfileNotFound:
            return
        self.changed.emit()

    def profile_updated(self, profile: Profile) -> None:
        """The stored profile changed (renamed, edited elsewhere)."""
        if profile != self.profile:
            self.profile = profile
            self.changed.emit()

    # --- refreshing and the watcher loop ----------------------------------------------
    @property
    def refreshing(self) -> bool:
        return self.tasks.is_running(self.task_name("refresh"))

    @property
    def poll_interval(self) -> float:
        """Seconds between two listings while online."""
        return self._poll.seconds

    @property
    def polling(self) -> bool:
        return self._poll.active

    def refresh(self, quiet: bool = False) -> None:
        """List the domain's scope files in the background (task ``refresh:<id>``).

        After each listing the published versions are compared with the
        downloaded ones (new ones reported once, downloaded with auto-download).
        """
        if not self.profile.onboarded or self.consent_running or self.tasks.closing or self._closed:
            return
        if quiet and self.state == SessionState.CONSENT:
            return  # polling cannot help; the consent step must run first
        if not quiet and self.state != SessionState.ONLINE:
            self.state = SessionState.LOADING if self.listing is None else self.state
            self.changed.emit()
        self.tasks.start(
            self.task_name("refresh"),
            self._refresh(),
            kind=A.KIND_REFRESH,
            subject=self.profile.name,
            target=self.target,
            quiet=quiet,
            if_running="keep",
        )

    async def _refresh(self) -> None:
        previous = self.state
        try:
            scope_list = await self.connection.client.list_scope_files(self.domain)
        except asyncio.CancelledError:
            self._set_state(
                SessionState.NEW
                if previous == SessionState.LOADING and self.listing is None
                else (SessionState.OFFLINE if previous == SessionState.LOADING else previous),
                self.error,
            )
            raise
        except (ConsentRevoked, CredentialsMissing, ApikeyInvalid) as exc:
            self._set_state(SessionState.CONSENT, exc)
            raise
        except (TransportError, TransientApiError) as exc:
            self._set_state(
                SessionState.OFFLINE if self.listing is not None else SessionState.ERROR, exc
            )
            raise
        except Exception as exc:
            self._set_state(SessionState.ERROR, exc)
            raise
        self.listing = Listing(scope_list.domain, scope_list.scopes, datetime.now(UTC))
        await asyncio.to_thread(self._cache.save, self.profile.id, self.listing)
        self._set_state(SessionState.ONLINE, None)
        await self._check_versions(self.listing)

    async def _check_versions(self, listing: Listing) -> None:
        """Report (once) and, with auto-download, download the versions not downloaded yet."""
        published = listing.versions()
        downloadable = {
            scope: version
            for scope, version in published.items()
            if not contract.scope_is_uploadable(self.domain, scope)
        }
        if not downloadable:
            return
        local = await asyncio.to_thread(self.downloaded_versions, list(downloadable))
        auto = bool(self.runtime.settings.get(S.AUTO_DOWNLOAD))
        for scope, version in downloadable.items():
            if version == local.get(scope):
                continue
            if self._reported.get(scope) != version:
                self._reported[scope] = version
                log.info("new version of %s/%s: %s", self.domain, scope, version)
                self.new_version.emit(scope, version)
            if auto and not self._closed and not self.tasks.closing:
                self.download(scope)

    def downloaded_versions(self, scopes: list[str]) -> dict[str, str]:
        """Blocking (call in a worker thread): scope -> version of its latest snapshot."""
        versions: dict[str, str] = {}
        for scope in scopes:
            info = self.snapshots.latest(self.profile.id, self.domain, scope)
            if info is not None:
                versions[scope] = info.version
        return versions

    def _set_state(self, state: SessionState, error: BaseException | None) -> None:
        self.state = state
        self.error = error
        if state == SessionState.ONLINE and not self._closed:
            self._poll.start()
            self._resume_uploads()
        self.changed.emit()

    def _poll_seconds(self) -> float:
        if self._poll_override is not None:
            return self._poll_override
        return float(self.runtime.settings.get(S.POLL_INTERVAL))

    def settings_changed(self) -> None:
        """Apply the current poll interval."""
        self._poll.set_interval(self._poll_seconds())

    def _setting_changed(self, setting: S.Setting, value: Any) -> None:
        if self._closed:
            return
        if setting is S.POLL_INTERVAL:
            self.settings_changed()
        elif (
            setting is S.AUTO_DOWNLOAD
            and value
            and self.state in (SessionState.ONLINE, SessionState.OFFLINE, SessionState.ERROR)
        ):
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                return
            self.refresh(quiet=True)  # the next listing downloads what is missing

    # --- downloads ---------------------------------------------------------------------
    def download(self, scope: str, *, quiet: bool = False) -> TaskInfo:
        """Sync ``scope`` now as the task ``download:<profile>/<domain>/<scope>``.

        Progress (bytes, then records stored) shows in the Activity dock;
        cancelling the task leaves the previous version as it was.
        """
        name = download_task_name(self.id, self.domain, scope)
        tasks = self.tasks

        async def run() -> SyncResult:
            sync = self.sync

            def on_bytes(which: str, done: int, total: int | None) -> None:
                if which == scope:
                    tasks.progress(
                        name,
                        done,
                        total,
                        f"{self._format_bytes(done)} / {self._format_bytes(total)}"
                        if total
                        else None,
                    )

            def on_records(which: str, records: int) -> None:
                if which == scope:
                    tasks.progress(name, records, 0, f"{records:,} records stored")

            sync.download_progress.connect(on_bytes)
            sync.ingest_progress.connect(on_records)
            try:
                result = await sync.sync(scope)
            finally:
                sync.download_progress.disconnect(on_bytes)
                sync.ingest_progress.disconnect(on_records)
            if result.snapshot_id is not None and not result.unchanged:
                self.build_indexes(scope, result.snapshot_id)
            return result

        return tasks.start(
            name,
            run(),
            kind=A.KIND_DOWNLOAD,
            subject=self._scope_label(scope),
            target=target_for(self.id, self.domain, scope),
            quiet=quiet,
            if_running="keep",
        )

    def build_indexes(self, scope: str, snapshot_id: int) -> TaskInfo:
        """The sort indexes of the default columns, then the search index, as the task
        ``index:<profile>/<domain>/<scope>`` (progress shown; cancelling stops it)."""
        columns = self._index_columns(self.domain, scope) if self._index_columns else []
        return self.tasks.start(
            index_task_name(self.id, self.domain, scope),
            build_indexes(self.snapshots, snapshot_id, columns),
            kind=A.KIND_INDEX,
            subject=self._scope_label(scope),
            target=target_for(self.id, self.domain, scope),
            if_running="replace",
        )

    # --- the key -----------------------------------------------------------------------
    def renew_key(self) -> None:
        """Renew the API key now (task ``renew-key:<id>``)."""

        async def renew() -> None:
            await self.connection.keys.rotate_now()

        self.tasks.start(
            self.task_name("renew-key"),
            renew(),
            kind=A.KIND_KEY_ROTATION,
            subject=self.profile.name,
            target=self.target,
            if_running="keep",
        )

    def _on_rotated(self, expiration: datetime | None, reason: str) -> None:
        self.last_rotation = datetime.now(UTC)
        self.profile = replace(self.profile, key_expiration=expiration, consent_needed=False)
        if reason != "manual":  # a manual renewal is recorded by its own task
            self.activity.record(
                A.KIND_KEY_ROTATION,
                self.profile.name,
                state=A.SUCCEEDED,
                detail=reason,
                target=self.target,
            )
        self.rotated.emit(reason)
        self.changed.emit()

    def _on_consent_lost(self, exc: ConsentRevoked) -> None:
        self.profile = replace(self.profile, consent_needed=True)
        self.activity.record(A.KIND_CONSENT_LOST, self.profile.name, target=self.target, error=exc)
        self._set_state(SessionState.CONSENT, exc)
        self.consent_lost.emit()

    # --- consent -----------------------------------------------------------------------
    def consent_restored(self) -> None:
        """The consent step stored a new key elsewhere (the wizard): use it."""
        self.reload_profile()
        if self._connection is not None:
            self._connection.keys.reset()
        self.state = SessionState.LOADING if self.listing is None else SessionState.OFFLINE
        self.error = None
        self._uploads_resumed = False  # uploads interrupted by the lost consent go on
        self.refresh()

    def run_sandbox_consent(self, timeout: float = 120.0) -> None:
        """Consent without a person (sandbox profiles): passcode → auto-approval → key.

        Sandbox credentials live in memory only, so this runs at every start
        (task ``consent:<id>``); the sandbox approves passcodes by itself.
        """
        if not self.profile.sandbox:
            raise ValueError("silent consent is only for sandbox connections")
        self.consent_running = True
        self.changed.emit()
        self.tasks.start(
            self.task_name("consent"),
            self._sandbox_consent(timeout),
            kind=A.KIND_CONSENT,
            subject=self.profile.name,
            target=self.target,
            if_running="keep",
        )

    async def _sandbox_consent(self, wait_seconds: float) -> None:
        from sage50_desktop.services.onboarding import ConsentFlow

        try:
            flow = ConsentFlow(
                self.connection.client,
                self.runtime.credentials_for(self.profile),
                self.runtime.profiles,
                self.profile,
                poll_interval=0.5,
            )
            await flow.request_passcode()
            status = await flow.wait(timeout=wait_seconds)
            if status.status != contract.PasscodeState.APPROVED:
                raise ConsentNotGranted(f"the passcode ended as {status.status}")
        except BaseException as exc:
            if not isinstance(exc, asyncio.CancelledError):
                self._set_state(
                    SessionState.CONSENT if self.listing is None else SessionState.OFFLINE, exc
                )
            raise
        finally:
            self.consent_running = False
        self.consent_restored()

    def cancel_tasks(self) -> None:
        """Cancel this session's own tasks (the profile is being removed)."""
        for what in ("refresh", "consent", "renew-key", "resume-uploads"):
            self.tasks.cancel(self.task_name(what))


class ConnectionSessions:
    """One :class:`ConnectionSession` per stored profile (Qt-free manager).

    Events:
        sessions_changed(): a session was added or removed, or one was renamed.
        added(session), removed(session): for adapters that wrap each session.
    """

    def __init__(
        self,
        runtime: Runtime,
        tasks: TaskRegistry,
        activity: ActivityLog,
        snapshots: SnapshotStore,
        *,
        scope_label: Callable[[str], str] = _identity,
        format_bytes: Callable[[int | None], str] = _plain_bytes,
        index_columns: Callable[[str, str], list[str]] | None = None,
    ) -> None:
        self.runtime = runtime
        self.tasks = tasks
        self.activity = activity
        self.snapshots = snapshots
        self.cache = ListingCache(runtime.data_dir / "listings")
        self._scope_label = scope_label
        self._format_bytes = format_bytes
        self._index_columns = index_columns
        self._sessions: dict[str, ConnectionSession] = {}
        self._closing: set[asyncio.Task[None]] = set()
        self._serial = 0
        self.sessions_changed = Signal("sessions.changed")
        self.added = Signal("sessions.added")
        self.removed = Signal("sessions.removed")

    def get(self, profile_id: str) -> ConnectionSession | None:
        return self._sessions.get(profile_id)

    def list_sessions(self) -> list[ConnectionSession]:
        return sorted(self._sessions.values(), key=lambda s: s.profile.name.casefold())

    def match_profiles(self) -> None:
        """Match the sessions to the profile store (after add, rename, remove)."""
        profiles = {p.id: p for p in self.runtime.profiles.list_profiles()}
        changed = False
        for profile_id in list(self._sessions):
            if profile_id not in profiles:
                self._drop(profile_id)
                changed = True
        for profile_id, profile in profiles.items():
            session = self._sessions.get(profile_id)
            if session is None:
                session = ConnectionSession(
                    self.runtime,
                    profile,
                    self.tasks,
                    self.activity,
                    self.cache,
                    self.snapshots,
                    scope_label=self._scope_label,
                    format_bytes=self._format_bytes,
                    index_columns=self._index_columns,
                )
                self._sessions[profile_id] = session
                self.added.emit(session)
                changed = True
            elif session.profile != profile:
                if session.profile.name != profile.name:
                    changed = True
                session.profile_updated(profile)
        if changed:
            self.sessions_changed.emit()

    def forget(self, profile_id: str) -> None:
        """Drop a removed profile's session and its cached listing."""
        self._drop(profile_id)
        self.cache.remove(profile_id)
        self.sessions_changed.emit()

    def _drop(self, profile_id: str) -> None:
        session = self._sessions.pop(profile_id, None)
        if session is None:
            return
        session.cancel_tasks()
        self.removed.emit(session)
        self._track(session, "close", session.aclose())

    # --- uploads of other processes (services/external_changes.py) ------------------------
    def upload_changed(
        self,
        profile_id: str,
        upload_id: str,
        state: str,
        status: str,
        progress: int,
        message: str,
    ) -> None:
        """Another process changed an upload: its connection's upload service announces it.

        A connection whose upload service was never opened has nothing showing it
        (the Uploads page loads the history when it opens).
        """
        session = self._sessions.get(profile_id)
        if session is not None and not session.closed and session.uploads_open:
            session.uploads.changed_elsewhere(upload_id, state, status, progress, message)

    async def adopt_uploads(self) -> None:
        """Track here what other processes left unfinished (:meth:`UploadService.adopt_followed`)."""
        for session in list(self._sessions.values()):
            if not session.closed and session.uploads_open and not self.tasks.closing:
                await session.uploads.adopt_followed()

    def _track(
        self, session: ConnectionSession, what: str, coro: Coroutine[Any, Any, None]
    ) -> None:
        """Run ``coro`` as the quiet cleanup task ``<what>:<profile>:<n>`` (see
        :class:`~sage50_desktop.services.tasks.TaskInfo`: shutdown lets it end)."""
        self._serial += 1
        info = self.tasks.start(
            f"{what}:{session.profile.id}:{self._serial}",
            coro,
            kind=A.KIND_CLOSE,
            subject=session.profile.name,
            quiet=True,
            cleanup=True,
        )
        assert info.task is not None
        task = info.task
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    def settings_changed(self, reconnect: bool = False) -> None:
        """Apply changed settings: the poll interval, and (``reconnect``) network options."""
        for session in self._sessions.values():
            session.settings_changed()
            if reconnect:
                self._track(session, "reconnect", session.reconnect())

    async def aclose(self) -> None:
        for session in list(self._sessions.values()):
            await session.aclose()
        if self._closing:
            await asyncio.gather(*self._closing, return_exceptions=True)
