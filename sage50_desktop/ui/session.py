"""One connection profile while the app runs: its connection, scope listing and state.

A :class:`Session` opens the profile's :class:`~sage50_desktop.services.connection.Connection`
lazily, lists the domain's scope files (4.1) in named tasks, polls at the
``poll_interval_seconds`` setting, keeps the last listing on disk so it stays
browsable offline (``<data_dir>/listings/<profile id>.json``, with when it was
fetched), and turns the key manager's signals into state the UI shows
(``rotated`` → last renewal; ``consent_lost`` → consent needed).

:class:`SessionManager` keeps one session per profile in the store.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from sage50_desktop.api import contract
from sage50_desktop.api.errors import (
    ApikeyInvalid,
    ConsentRevoked,
    CredentialsMissing,
    Sage50Error,
    TransientApiError,
    TransportError,
)
from sage50_desktop.api.models import ScopeSummary, format_timestamp, parse_timestamp
from sage50_desktop.services import activity as A
from sage50_desktop.services import settings as S
from sage50_desktop.services.activity import ActivityLog, target_for
from sage50_desktop.services.connection import Connection
from sage50_desktop.services.onboarding import ConsentFlow
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.services.uploads import UploadService
from sage50_desktop.storage.profiles import Profile, ProfileNotFound

log = logging.getLogger(__name__)

# session states
NEW = "new"  # nothing fetched yet, nothing cached
LOADING = "loading"
ONLINE = "online"
OFFLINE = "offline"  # the server cannot be reached; cached data shown
ERROR = "error"
CONSENT = "consent"  # consent revoked or no credentials: run the consent step again


class ConsentNotGranted(Sage50Error):
    """The passcode was denied or expired before anyone granted it."""

    hint = "Consent was not granted. Request a new passcode and ask the Sage 50 administrator to approve it."


@dataclass(frozen=True, slots=True)
class Listing:
    """The last scope listing of a profile's domain and when it was fetched."""

    domain: str
    scopes: tuple[ScopeSummary, ...]
    fetched_at: datetime
    seen: dict[str, str]  # scope -> version the user has seen

    def get(self, scope: str) -> ScopeSummary | None:
        return next((s for s in self.scopes if s.scope == scope), None)

    def has_new_version(self, scope: str) -> bool:
        summary = self.get(scope)
        return summary is not None and self.seen.get(scope) != summary.version


def scopes_of(domain: str, listing: Listing | None) -> list[tuple[str, bool]]:
    """The domain's scopes as ``(scope, uploadable)``: download scopes, then upload scopes."""
    names = list(contract.DOWNLOAD_SCOPES.get(domain, ()))
    if listing is not None:
        names += [s.scope for s in listing.scopes if s.scope not in names
                  and not contract.scope_is_uploadable(domain, s.scope)]
    result = [(name, False) for name in names]
    result += [(name, True) for name in contract.UPLOAD_SCOPES.get(domain, ())]
    return result


class ListingCache:
    """Listings on disk, one JSON file per profile (written atomically)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, profile_id: str) -> Path:
        return self.folder / f"{profile_id}.json"

    def load(self, profile_id: str) -> Listing | None:
        try:
            raw = json.loads(self._path(profile_id).read_text(encoding="utf-8"))
            scopes = tuple(ScopeSummary.from_json(item) for item in raw["scopes"])
            return Listing(raw["domain"], scopes, parse_timestamp(raw["fetchedAt"]),
                           dict(raw.get("seen", {})))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, Sage50Error) as exc:
            log.warning("cached listing of %s unreadable (%s); ignored", profile_id,
                        type(exc).__name__)
            return None

    def save(self, profile_id: str, listing: Listing) -> None:
        data = {"domain": listing.domain, "fetchedAt": format_timestamp(listing.fetched_at),
                "seen": listing.seen,
                "scopes": [{"scope": s.scope, "version": s.version,
                            "lastModified": format_timestamp(s.last_modified),
                            "size": s.size, "sha256": s.sha256} for s in listing.scopes]}
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".listing-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh)
            os.replace(tmp, self._path(profile_id))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def remove(self, profile_id: str) -> None:
        self._path(profile_id).unlink(missing_ok=True)


class Session(QObject):
    """The live state of one profile.

    Signals:
        changed(): state, listing, key or profile changed (views coalesce redraws).
        rotated(str reason): the API key was renewed silently.
        consentLost(): consent was revoked; the consent step must run again.
    """

    changed = Signal()
    rotated = Signal(str)
    consentLost = Signal()

    def __init__(self, runtime: Runtime, profile: Profile, tasks: TaskRegistry,
                 activity: ActivityLog, cache: ListingCache,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.profile = profile
        self.tasks = tasks
        self.activity = activity
        self._cache = cache
        self._connection: Connection | None = None
        self._uploads: UploadService | None = None
        self._uploads_resumed = False
        self.listing = cache.load(profile.id)
        self.state = CONSENT if profile.consent_needed else (OFFLINE if self.listing else NEW)
        self.error: BaseException | None = None
        self.last_rotation: datetime | None = None
        self.consent_running = False
        self._closed = False
        self._poll = QTimer(self)
        self._poll.setObjectName(f"poll-{profile.id}")
        self._poll.timeout.connect(lambda: self.refresh(quiet=True))
        self._apply_poll_interval()

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

    # --- the connection -----------------------------------------------------------------
    @property
    def connection(self) -> Connection:
        """The profile's connection (opened on first use)."""
        if self._connection is None:
            self._connection = self.runtime.connect(self.profile)
            self._connection.keys.rotated.connect(self._on_rotated)
            self._connection.keys.consent_lost.connect(self._on_consent_lost)
        return self._connection

    @property
    def uploads(self) -> UploadService:
        """The profile's upload engine (created on first use, kept across reconnects).

        Unfinished uploads resume tracking as soon as the connection is online,
        whether or not the Uploads page is ever opened.
        """
        if self._uploads is None:
            self._uploads = UploadService(self.runtime, self.connection)
            self._uploads.finished.connect(self._on_upload_finished)
        return self._uploads

    def _on_upload_finished(self, upload_id: str, status: str) -> None:
        failed = status in (contract.UploadStatus.BAD_REQUEST, contract.UploadStatus.FAILED,
                            contract.UploadStatus.EXPIRED)
        record = self._uploads.get(upload_id) if self._uploads is not None else None
        subject = record.file_name if record is not None else upload_id
        self.activity.record(A.KIND_UPLOAD, subject, state=A.FAILED if failed else A.SUCCEEDED,
                             detail=status, target=self.target)

    def _resume_uploads(self) -> None:
        if self._uploads_resumed or self._closed or self.tasks.closing:
            return
        self._uploads_resumed = True

        async def resume() -> None:
            resumed = await self.uploads.resume_all()
            if resumed:
                log.info("resumed tracking of %d upload(s) of %s", len(resumed),
                         self.profile.name)

        self.tasks.start(self.task_name("resume-uploads"), resume(), kind=A.KIND_UPLOAD,
                         subject=self.profile.name, target=self.target, quiet=True,
                         if_running="keep")

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
        uploads, self._uploads = self._uploads, None
        if uploads is not None:
            await uploads.aclose()
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.keys.rotated.disconnect(self._on_rotated)
            connection.keys.consent_lost.disconnect(self._on_consent_lost)
            await connection.aclose()

    async def reconnect(self) -> None:
        """Close the connection so the next use opens one with the current settings."""
        connection, self._connection = self._connection, None
        if self._uploads is not None:
            self._uploads.connection = self.connection  # uploads keep going on the new one
        if connection is not None:
            connection.keys.rotated.disconnect(self._on_rotated)
            connection.keys.consent_lost.disconnect(self._on_consent_lost)
            await connection.aclose()
        if self.state != CONSENT and self.profile.onboarded and not self._closed:
            self.refresh(quiet=True)

    def reload_profile(self) -> None:
        try:
            self.profile = self.runtime.profiles.get(self.profile.id)
        except ProfileNotFound:
            return
        self.changed.emit()

    # --- refreshing -----------------------------------------------------------------------
    @property
    def refreshing(self) -> bool:
        return self.tasks.is_running(self.task_name("refresh"))

    def refresh(self, quiet: bool = False) -> None:
        """List the domain's scope files in the background (task ``refresh:<id>``)."""
        if (not self.profile.onboarded or self.consent_running or self.tasks.closing
                or self._closed):
            return
        if quiet and self.state == CONSENT:
            return  # polling cannot help; the consent step must run first
        if not quiet and self.state != ONLINE:
            self.state = LOADING if self.listing is None else self.state
            self.changed.emit()
        self.tasks.start(self.task_name("refresh"), self._refresh(), kind=A.KIND_REFRESH,
                         subject=self.profile.name, target=self.target, quiet=quiet,
                         if_running="keep")

    async def _refresh(self) -> None:
        previous = self.state
        try:
            scope_list = await self.connection.client.list_scope_files(self.domain)
        except asyncio.CancelledError:
            self._set_state(NEW if previous == LOADING and self.listing is None else
                            (OFFLINE if previous == LOADING else previous), self.error)
            raise
        except (ConsentRevoked, CredentialsMissing, ApikeyInvalid) as exc:
            self._set_state(CONSENT, exc)
            raise
        except (TransportError, TransientApiError) as exc:
            self._set_state(OFFLINE if self.listing is not None else ERROR, exc)
            raise
        except Exception as exc:
            self._set_state(ERROR, exc)
            raise
        seen = dict(self.listing.seen) if self.listing else {}
        self.listing = Listing(scope_list.domain, scope_list.scopes, datetime.now(UTC), seen)
        await asyncio.to_thread(self._cache.save, self.profile.id, self.listing)
        self._set_state(ONLINE, None)

    def mark_seen(self, scope: str) -> None:
        """The user has looked at the scope's published version (clears the badge)."""
        if self.listing is None:
            return
        summary = self.listing.get(scope)
        if summary is None or self.listing.seen.get(scope) == summary.version:
            return
        seen = dict(self.listing.seen)
        seen[scope] = summary.version
        self.listing = replace(self.listing, seen=seen)
        try:
            self._cache.save(self.profile.id, self.listing)
        except OSError as exc:
            log.warning("could not save the listing cache: %s", type(exc).__name__)
        self.changed.emit()

    def _set_state(self, state: str, error: BaseException | None) -> None:
        self.state = state
        self.error = error
        if state == ONLINE and not self._poll.isActive():
            self._poll.start()
        if state == ONLINE:
            self._resume_uploads()
        self.changed.emit()

    def _apply_poll_interval(self) -> None:
        seconds = int(self.runtime.settings.get(S.POLL_INTERVAL))
        self._poll.setInterval(seconds * 1000)

    def settings_changed(self) -> None:
        self._apply_poll_interval()

    # --- the key -----------------------------------------------------------------------------
    def renew_key(self) -> None:
        """Renew the API key now (task ``renew-key:<id>``)."""
        async def renew() -> None:
            await self.connection.keys.rotate_now()

        self.tasks.start(self.task_name("renew-key"), renew(), kind=A.KIND_KEY_ROTATION,
                         subject=self.profile.name, target=self.target, if_running="keep")

    def _on_rotated(self, expiration: datetime | None, reason: str) -> None:
        self.last_rotation = datetime.now(UTC)
        self.profile = replace(self.profile, key_expiration=expiration, consent_needed=False)
        if reason != "manual":  # a manual renewal is recorded by its own task
            self.activity.record(A.KIND_KEY_ROTATION, self.profile.name, state=A.SUCCEEDED,
                                 detail=reason, target=self.target)
        self.rotated.emit(reason)
        self.changed.emit()

    def _on_consent_lost(self, exc: ConsentRevoked) -> None:
        self.profile = replace(self.profile, consent_needed=True)
        self.activity.record(A.KIND_CONSENT_LOST, self.profile.name, target=self.target,
                             error=exc)
        self._set_state(CONSENT, exc)
        self.consentLost.emit()

    # --- consent --------------------------------------------------------------------------------
    def consent_restored(self) -> None:
        """The consent step stored a new key elsewhere (the wizard): use it."""
        self.reload_profile()
        if self._connection is not None:
            self._connection.keys.reset()
        self.state = LOADING if self.listing is None else OFFLINE
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
        self.tasks.start(self.task_name("consent"), self._sandbox_consent(timeout),
                         kind=A.KIND_CONSENT, subject=self.profile.name, target=self.target,
                         if_running="keep")

    async def _sandbox_consent(self, wait_seconds: float) -> None:
        try:
            flow = ConsentFlow(self.connection.client, self.runtime.credentials_for(self.profile),
                               self.runtime.profiles, self.profile, poll_interval=0.5)
            await flow.request_passcode()
            status = await flow.wait(timeout=wait_seconds)
            if status.status != contract.PasscodeState.APPROVED:
                raise ConsentNotGranted(f"the passcode ended as {status.status}")
        except BaseException as exc:
            if not isinstance(exc, asyncio.CancelledError):
                self._set_state(CONSENT if self.listing is None else OFFLINE, exc)
            raise
        finally:
            self.consent_running = False
        self.consent_restored()


class SessionManager(QObject):
    """One :class:`Session` per stored profile.

    Signals:
        sessionsChanged(): a session was added or removed (profile list changed).
        sessionChanged(str profile_id): something in that session changed.
    """

    sessionsChanged = Signal()
    sessionChanged = Signal(str)

    def __init__(self, runtime: Runtime, tasks: TaskRegistry, activity: ActivityLog,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.tasks = tasks
        self.activity = activity
        self.cache = ListingCache(runtime.data_dir / "listings")
        self._sessions: dict[str, Session] = {}
        self._closing: set[asyncio.Task[None]] = set()
        self.sync()

    def get(self, profile_id: str) -> Session | None:
        return self._sessions.get(profile_id)

    def all(self) -> list[Session]:
        return sorted(self._sessions.values(), key=lambda s: s.profile.name.casefold())

    def sync(self) -> None:
        """Match the sessions to the profile store (after add, rename, remove)."""
        profiles = {p.id: p for p in self.runtime.profiles.list()}
        changed = False
        for profile_id in list(self._sessions):
            if profile_id not in profiles:
                self._drop(profile_id)
                changed = True
        for profile_id, profile in profiles.items():
            session = self._sessions.get(profile_id)
            if session is None:
                session = Session(self.runtime, profile, self.tasks, self.activity, self.cache,
                                  self)
                session.changed.connect(lambda pid=profile_id: self.sessionChanged.emit(pid))
                self._sessions[profile_id] = session
                changed = True
            elif session.profile != profile:
                if session.profile.name != profile.name:
                    changed = True
                session.profile = profile
                session.changed.emit()
        if changed:
            self.sessionsChanged.emit()

    def forget(self, profile_id: str) -> None:
        """Drop a removed profile's session and its cached listing."""
        self._drop(profile_id)
        self.cache.remove(profile_id)
        self.sessionsChanged.emit()

    def _drop(self, profile_id: str) -> None:
        session = self._sessions.pop(profile_id, None)
        if session is None:
            return
        for what in ("refresh", "consent", "renew-key"):
            self.tasks.cancel(session.task_name(what))

        async def close() -> None:
            try:
                await session.aclose()
            finally:
                session.deleteLater()

        task = asyncio.get_running_loop().create_task(close())
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    def settings_changed(self, reconnect: bool = False) -> None:
        """Apply changed settings: the poll interval, and (``reconnect``) network options."""
        for session in self._sessions.values():
            session.settings_changed()
            if reconnect:
                task = asyncio.get_running_loop().create_task(session.reconnect())
                self._closing.add(task)
                task.add_done_callback(self._closing.discard)

    async def aclose(self) -> None:
        for session in list(self._sessions.values()):
            await session.aclose()
        if self._closing:
            await asyncio.gather(*self._closing, return_exceptions=True)
