"""The Qt face of the connection sessions: Qt signals over the Qt-free core.

Everything a connection does lives in
:class:`~sage50_desktop.services.connection_session.ConnectionSession`
(state, listing, sync, uploads, the watcher loop, key and consent handling).
A :class:`Session` wraps one for the widgets: the same attributes, and its
events as Qt signals delivered on the GUI thread by a
:class:`~sage50_desktop.ui.bridge.GuiBridge`, which disconnects itself when the
Session is destroyed. :class:`SessionManager` does the same for
:class:`~sage50_desktop.services.connection_session.ConnectionSessions`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from sage50_desktop.services.activity import ActivityLog
from sage50_desktop.services.connection import Connection
from sage50_desktop.services.connection_session import (
    ConnectionSession,
    ConnectionSessions,
    ConsentNotGranted,
    SessionState,
)
from sage50_desktop.services.listing import Listing, ListingCache, scopes_of
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.tasks import TaskInfo, TaskRegistry
from sage50_desktop.storage.profiles import Profile
from sage50_desktop.ui.bridge import GuiBridge

if TYPE_CHECKING:
    from sage50_desktop.services.sync import SyncService
    from sage50_desktop.services.uploads import UploadService

__all__ = [
    "CONSENT",
    "ERROR",
    "LOADING",
    "NEW",
    "OFFLINE",
    "ONLINE",
    "ConsentNotGranted",
    "Listing",
    "ListingCache",
    "Session",
    "SessionManager",
    "scopes_of",
]

# the states, by their old names (the views compare against these)
NEW = SessionState.NEW
LOADING = SessionState.LOADING
ONLINE = SessionState.ONLINE
OFFLINE = SessionState.OFFLINE
ERROR = SessionState.ERROR
CONSENT = SessionState.CONSENT


class Session(QObject):
    """One connection for the widgets (see the module docstring).

    Signals:
        changed(): state, listing, key or profile changed (views coalesce redraws).
        rotated(str reason): the API key was renewed silently.
        consentLost(): consent was revoked; the consent step must run again.
        newVersion(str scope, str version): a version newer than the downloaded one.
    """

    changed = Signal()
    rotated = Signal(str)
    consentLost = Signal()
    newVersion = Signal(str, str)

    def __init__(self, core: ConnectionSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self._bridge = GuiBridge(self)
        self._bridge.subscribe(core.changed, self.changed.emit)
        self._bridge.subscribe(core.rotated, self.rotated.emit)
        self._bridge.subscribe(core.consent_lost, self.consentLost.emit)
        self._bridge.subscribe(core.new_version, self.newVersion.emit)

    # --- what the views read -----------------------------------------------------------
    @property
    def runtime(self) -> Runtime:
        return self.core.runtime

    @property
    def tasks(self) -> TaskRegistry:
        return self.core.tasks

    @property
    def activity(self) -> ActivityLog:
        return self.core.activity

    @property
    def profile(self) -> Profile:
        return self.core.profile

    @property
    def id(self) -> str:
        return self.core.id

    @property
    def domain(self) -> str:
        return self.core.domain

    @property
    def target(self) -> str:
        return self.core.target

    @property
    def state(self) -> SessionState:
        return self.core.state

    @property
    def listing(self) -> Listing | None:
        return self.core.listing

    @property
    def error(self) -> BaseException | None:
        return self.core.error

    @property
    def last_rotation(self) -> datetime | None:
        return self.core.last_rotation

    @property
    def consent_running(self) -> bool:
        return self.core.consent_running

    @property
    def key_expiration(self) -> datetime | None:
        return self.core.key_expiration

    @property
    def refreshing(self) -> bool:
        return self.core.refreshing

    @property
    def poll_interval(self) -> float:
        return self.core.poll_interval

    @property
    def connection(self) -> Connection:
        return self.core.connection

    @property
    def uploads(self) -> UploadService:
        return self.core.uploads

    @property
    def sync(self) -> SyncService:
        return self.core.sync

    def task_name(self, what: str) -> str:
        return self.core.task_name(what)

    # --- what the views ask for --------------------------------------------------------
    def refresh(self, quiet: bool = False) -> None:
        self.core.refresh(quiet)

    def download(self, scope: str, *, quiet: bool = False) -> TaskInfo:
        return self.core.download(scope, quiet=quiet)

    def downloaded_versions(self, scopes: list[str]) -> dict[str, str]:
        """Blocking (call in a worker thread): scope -> downloaded version."""
        return self.core.downloaded_versions(scopes)

    def renew_key(self) -> None:
        self.core.renew_key()

    def consent_restored(self) -> None:
        self.core.consent_restored()

    def run_sandbox_consent(self, timeout: float = 120.0) -> None:
        self.core.run_sandbox_consent(timeout)

    def reload_profile(self) -> None:
        self.core.reload_profile()

    async def reconnect(self) -> None:
        await self.core.reconnect()

    async def aclose(self) -> None:
        await self.core.aclose()


class SessionManager(QObject):
    """One :class:`Session` per stored profile.

    Signals:
        sessionsChanged(): a session was added or removed (profile list changed).
        sessionChanged(str profile_id): something in that session changed.
    """

    sessionsChanged = Signal()
    sessionChanged = Signal(str)

    def __init__(self, core: ConnectionSessions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self._sessions: dict[str, Session] = {}
        self._bridge = GuiBridge(self)
        self._bridge.subscribe(core.added, self._added)
        self._bridge.subscribe(core.removed, self._removed)
        self._bridge.subscribe(core.sessions_changed, self.sessionsChanged.emit)
        for session in core.list_sessions():
            self._added(session)
        self.sync()

    @property
    def runtime(self) -> Runtime:
        return self.core.runtime

    @property
    def tasks(self) -> TaskRegistry:
        return self.core.tasks

    @property
    def activity(self) -> ActivityLog:
        return self.core.activity

    @property
    def cache(self) -> ListingCache:
        return self.core.cache

    def _added(self, core: ConnectionSession) -> None:
        session = Session(core, self)
        session.changed.connect(lambda pid=core.id: self.sessionChanged.emit(pid))
        self._sessions[core.id] = session

    def _removed(self, core: ConnectionSession) -> None:
        session = self._sessions.pop(core.id, None)
        if session is not None:
            session.deleteLater()

    def get(self, profile_id: str) -> Session | None:
        return self._sessions.get(profile_id)

    def list_sessions(self) -> list[Session]:
        return sorted(self._sessions.values(), key=lambda s: s.profile.name.casefold())

    def sync(self) -> None:
        """Match the sessions to the profile store (after add, rename, remove)."""
        self.core.match_profiles()

    def forget(self, profile_id: str) -> None:
        """Drop a removed profile's session and its cached listing."""
        self.core.forget(profile_id)

    def settings_changed(self, reconnect: bool = False) -> None:
        self.core.settings_changed(reconnect)

    async def aclose(self) -> None:
        await self.core.aclose()
