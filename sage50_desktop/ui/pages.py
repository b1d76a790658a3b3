"""Central pages: what each gets (:class:`PageContext`), their base class, and the registry.

The main window shows one page per sidebar selection:

* a profile → ``"connection"`` (:class:`~sage50_desktop.ui.overview.page.ConnectionOverviewPage`)
* a download scope → ``"download"`` (:class:`~sage50_desktop.ui.browser.page.ScopePage`)
* an upload scope → ``"upload"`` (:class:`~sage50_desktop.ui.uploads.page.UploadsPage`)

A page class takes ``(context: PageContext, parent)``. To replace a page, keep
the class name and module (or call :func:`register_page` with another class)
and build anything inside it; the shell only calls the :class:`Page` hooks.

Pages are created on first selection and kept (one per profile/scope); a page
is *active* while shown. Pages redraw on ``session.changed`` only while active
(hidden pages catch up in :meth:`Page.activate`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QWidget

from sage50_desktop.services.activity import ActivityLog, target_for
from sage50_desktop.services.connection import Connection
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.storage.profiles import Profile
from sage50_desktop.ui import errors, i18n, icons
from sage50_desktop.ui.widgets.state_view import StateView

if TYPE_CHECKING:
    from sage50_desktop.ui.browser.backend import BrowserBackend
    from sage50_desktop.ui.session import Session


def _t(text: str) -> str:
    return QCoreApplication.translate("Page", text)


PAGE_CONNECTION = "connection"
PAGE_DOWNLOAD = "download"
PAGE_UPLOAD = "upload"


@dataclass(frozen=True)
class PageContext:
    """Everything a central page needs, handed in by the main window.

    Attributes:
        runtime: the app core (settings, profile store, databases, folders).
        session: the profile's live state: ``session.connection`` (client and key
            manager, opened lazily), ``session.listing`` (last scope listing and
            when it was fetched; offline-browsable), ``session.state``
            (``new``/``loading``/``online``/``offline``/``error``/``consent``)
            and its ``changed`` Qt signal.
        domain / scope: what the page shows (``None`` for the connection page).
        tasks: the named task registry: run background work with
            ``tasks.start(name, coro, kind=..., subject=..., target=context.target)``;
            failures reach the Activity dock by themselves.
        activity: the Activity history (``activity.record(...)`` for events).
        backend: the app's one snapshot store and query workers, with Qt signals.
        request_consent: runs the consent step again for this profile.
        open_target: jump to another target (``profile/<id>[/<domain>/<scope>]``).
        sandbox_running: whether the bundled sandbox runs (the sandbox's connection
            says it is not running, and how to start it, when it does not).
    """

    runtime: Runtime
    session: Session
    domain: str | None
    scope: str | None
    tasks: TaskRegistry
    activity: ActivityLog
    backend: BrowserBackend
    request_consent: Callable[[], None]
    open_target: Callable[[str], object]
    sandbox_running: Callable[[], bool] = lambda: True

    @property
    def profile(self) -> Profile:
        return self.session.profile

    @property
    def connection(self) -> Connection:
        return self.session.connection

    @property
    def target(self) -> str:
        return target_for(self.profile.id, self.domain, self.scope)

    def task_name(self, what: str) -> str:
        """A task name unique to this page's target: ``<what>:<profile>/<domain>/<scope>``."""
        if self.scope:
            return f"{what}:{self.profile.id}/{self.domain}/{self.scope}"
        return f"{what}:{self.profile.id}"


class Page(QWidget):
    """Base of the central pages.

    Subclasses implement :meth:`refresh_view` (draw from ``context.session``),
    :meth:`retranslate` (set every text) and may override :meth:`activate`.
    """

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.active = False
        self._stale = True
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(50)
        self._redraw.timeout.connect(self._redraw_now)
        context.session.changed.connect(self.mark_stale)

    # --- hooks for subclasses --------------------------------------------------------
    def refresh_view(self) -> None:
        """Redraw from the session (called coalesced, only while active)."""

    def retranslate(self) -> None:
        """Set every user-visible text (called at start and on a language change)."""

    def activate(self) -> None:
        """The page is shown. Default: redraw if anything changed meanwhile."""
        self.active = True
        if self._stale:
            self._redraw_now()

    def deactivate(self) -> None:
        self.active = False

    async def aclose(self) -> None:
        """Stop the page's own background work (app shutdown). Default: nothing."""

    def show_upload(self, upload_id: str) -> None:
        """Select this upload (an Activity row was clicked). Default: nothing to select."""

    # --- the session's state on a page ---------------------------------------------------
    def show_session_state(self, view: StateView, has_data: bool) -> bool:
        """Show the session's state in ``view``; True when the page should draw its content.

        Cached data stays browsable: offline, error and consent-needed states
        with data show the content under a notice saying when it was fetched.
        """
        from sage50_desktop.ui import session as S

        session = self.context.session
        listing = session.listing
        fetched = i18n.format_datetime(listing.fetched_at) if listing else ""
        retry = (_t("Retry"), lambda: session.refresh())
        if session.consent_running:
            view.clear_notice()
            view.show_loading(
                _t("Getting consent for this connection…"),
                (_t("Cancel"), lambda: self.context.tasks.cancel(session.task_name("consent"))),
            )
            return False
        if session.profile.sandbox and not self.context.sandbox_running():
            # no TEST page pointing at a dead port: say so, and how to start it
            from sage50_desktop.ui.connection_banner import sandbox_down_hint

            if has_data:
                view.set_notice(
                    "warning",
                    _t("The sandbox is not running — showing the data fetched on %1.").replace(
                        "%1", fetched
                    ),
                )
                view.show_content()
                return True
            view.clear_notice()
            view.show_empty(
                _t("The sandbox is not running"), sandbox_down_hint(), None, icons.icon("sandbox")
            )
            return False
        state = session.state
        if state == S.CONSENT:
            # the window's consent banner says it once, with the one button; pages only say
            # what they show meanwhile
            if has_data:
                view.set_notice(
                    "info", _t("Showing the data fetched on %1.").replace("%1", fetched)
                )
                view.show_content()
                return True
            view.clear_notice()
            view.show_empty(
                _t("Consent needed"),
                _t(
                    "Nothing can be fetched until consent is given again: use "
                    "“Run consent again” in the banner above."
                ),
                None,
                icons.icon("consent"),
            )
            return False
        if state in (S.OFFLINE, S.ERROR) and has_data:
            what = errors.error_title(session.error) if session.error else _t("Not connected")
            view.set_notice(
                "warning",
                _t("%1 — showing the data fetched on %2.")
                .replace("%1", what)
                .replace("%2", fetched),
                retry,
            )
            view.show_content()
            return True
        if state == S.ERROR or (state == S.OFFLINE and not has_data):
            view.clear_notice()
            error = session.error
            view.show_error(
                errors.error_title(error),
                errors.describe(error) if error else _t("No data yet."),
                retry,
                icon=icons.standard(self.style().StandardPixmap.SP_MessageBoxWarning),
            )
            return False
        if state in (S.LOADING, S.NEW) and not has_data:
            view.clear_notice()
            if session.refreshing or state == S.LOADING:
                view.show_loading(
                    _t("Asking the server for the published data sets…"),
                    (_t("Cancel"), lambda: self.context.tasks.cancel(session.task_name("refresh"))),
                )
            else:
                view.show_empty(
                    _t("Nothing fetched yet"),
                    _t("Ask the server which data sets Sage 50 has published."),
                    (_t("Refresh"), lambda: session.refresh()),
                    icons.icon("refresh"),
                )
            return False
        view.clear_notice()
        view.show_content()
        return True

    # --- coalesced redraw ---------------------------------------------------------------
    def mark_stale(self) -> None:
        self._stale = True
        if self.active and not self._redraw.isActive():
            self._redraw.start()

    def _redraw_now(self) -> None:
        self._stale = False
        self.refresh_view()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.mark_stale()
        super().changeEvent(event)


PageFactory = Callable[[PageContext, QWidget | None], Page]
_REGISTRY: dict[str, PageFactory] = {}


def register_page(kind: str, factory: PageFactory) -> None:
    """Use ``factory`` for pages of ``kind`` (``connection``, ``download``, ``upload``)."""
    _REGISTRY[kind] = factory


def page_factory(kind: str) -> PageFactory:
    if not _REGISTRY:
        _register_defaults()
    return _REGISTRY[kind]


def _register_defaults() -> None:
    _REGISTRY.setdefault(PAGE_CONNECTION, _lazy("overview.page", "ConnectionOverviewPage"))
    _REGISTRY.setdefault(PAGE_DOWNLOAD, _lazy("browser.page", "ScopePage"))
    _REGISTRY.setdefault(PAGE_UPLOAD, _lazy("uploads.page", "UploadsPage"))


def _lazy(module: str, name: str) -> PageFactory:
    """The page class ``name`` of ``sage50_desktop.ui.<module>``, imported when the first
    such page is built (a start opens one page: the others' modules wait)."""

    def build(context: PageContext, parent: QWidget | None) -> Page:
        from importlib import import_module

        page: type[Page] = getattr(import_module(f"sage50_desktop.ui.{module}"), name)
        return page(context, parent)

    return build
