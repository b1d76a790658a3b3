"""The main window (objectName ``mainWindow``): sidebar, pages, banners, Activity dock, status bar.

The window only arranges and routes: sessions hold state
(:mod:`.session`), pages draw it (:mod:`.pages`), the Activity dock and the
status bar show tasks (:mod:`.activity_dock`, :mod:`.status_bar`). Menus and
shortcuts live in :mod:`.menus`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QScreen
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop import APP_DISPLAY_NAME
from sage50_desktop.api.errors import InitialKeyMissing
from sage50_desktop.services import activity as A
from sage50_desktop.services import settings as S
from sage50_desktop.services.activity import ActivityLog, parse_target, target_for
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.storage.activity_store import ActivityRecord
from sage50_desktop.ui import activity_dock, i18n, icons, layout_prefs, menus, scope_names
from sage50_desktop.ui import session as SS
from sage50_desktop.ui.activity_dock import ActivityDock
from sage50_desktop.ui.browser.backend import BrowserBackend
from sage50_desktop.ui.connection_banner import ConnectionBanner
from sage50_desktop.ui.pages import (
    PAGE_CONNECTION,
    Page,
    PageContext,
    page_factory,
)
from sage50_desktop.ui.plain_text import escape, install_plain_tooltips
from sage50_desktop.ui.profile_actions import ProfileActions
from sage50_desktop.ui.sidebar import KIND_DOMAIN, Sidebar
from sage50_desktop.ui.status_bar import StatusBar
from sage50_desktop.ui.widgets.infobar import InfoBar
from sage50_desktop.ui.widgets.state_view import StateView

if TYPE_CHECKING:  # the dialogs load when first opened, not with the window
    from sage50_desktop.ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)

SETTINGS_VERSION = layout_prefs.WINDOW_VERSION
window_settings = layout_prefs.window_settings


#: the page area's fixed minimum (the window never grows to fit a page)
PAGE_MINIMUM = QSize(480, 260)
#: the Activity dock's first height (a compact strip: its toolbar and a few rows)
ACTIVITY_START_HEIGHT = 120
#: the window's first size (no saved layout yet), when the screen has room for it
FIRST_SIZE = QSize(1280, 820)
#: what the window frame (title bar, borders) takes around the window, at most
FRAME_ALLOWANCE = QSize(16, 48)


def first_size(screen: QScreen | None) -> QSize:
    """The window's first size: :data:`FIRST_SIZE`, bounded by the screen's available room
    (a 1024×768 laptop gets a window that fits, frame included)."""
    if screen is None:
        return FIRST_SIZE
    room = screen.availableGeometry().size() - FRAME_ALLOWANCE
    return FIRST_SIZE.boundedTo(room.expandedTo(PAGE_MINIMUM))


def sidebar_width(window_width: int) -> int:
    """The sidebar's first width: a fifth of the window, between 252 and 280 px (the
    Spanish "Comercio electrónico" and a name with its PRUEBAS tag fit)."""
    return max(252, min(280, window_width // 5))


class MainWindow(QMainWindow):
    """The app's window.

    Args:
        runtime / tasks / activity / sessions: the services built by ``app.py``.
        backend: the app's snapshot store and query workers with their Qt signals
            (built by ``app.py``; one for every page and the sidebar).
        sandbox_info: the running bundled sandbox (``--sandbox``), or None.
        start_sandbox: starts the in-app sandbox (offered by the sandbox connection's
            banner while no sandbox runs), or None when the app cannot.

    Signals:
        closing(): the user closed the window; the app shuts down.
    """

    closing = Signal()
    # the menus (built by ui/menus.py)
    menu_file: QMenu
    menu_view: QMenu
    menu_connection: QMenu
    menu_help: QMenu

    def __init__(
        self,
        runtime: Runtime,
        tasks: TaskRegistry,
        activity: ActivityLog,
        sessions: SS.SessionManager,
        backend: BrowserBackend,
        sandbox_info: Any = None,
        parent: QWidget | None = None,
        start_sandbox: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        install_plain_tooltips()  # platform text in tooltips is never rendered
        self.setWindowIcon(icons.icon("app"))
        self.runtime = runtime
        self.tasks = tasks
        self.activity = activity
        self.sessions = sessions
        self.backend = backend
        self.sandbox_info = sandbox_info
        self.current: SS.Session | None = None
        self.current_target: str | None = None
        self.pages: dict[str, Page] = {}
        self.wizard: QWidget | None = None
        self._consent_offered: set[str] = set()  # pre-v2 connections sent to the consent step
        self.profile_actions = ProfileActions(runtime, sessions, self, tasks, activity)
        self.profile_actions.failed.connect(self.show_problem)
        self.profile_actions.removed.connect(self._after_remove)
        self.profile_actions.renamed.connect(lambda _pid: self._update_chrome())

        # left: the sidebar and "Add connection"
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        left = QWidget(self.splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        self.sidebar = Sidebar(sessions, backend, left)
        self.sidebar.targetSelected.connect(self._on_selected)
        self.sidebar.context_menu = lambda target, kind: menus.sidebar_menu(self, target, kind)
        left_layout.addWidget(self.sidebar, 1)
        self.add_button = QPushButton(icons.icon("add"), "", left)
        self.add_button.setObjectName("addConnectionButton")
        self.add_button.clicked.connect(lambda: self.add_connection())
        left_layout.addWidget(self.add_button)
        # right: banners over the pages
        right = QWidget(self.splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 6, 6, 6)
        right_layout.setSpacing(6)
        self.sandbox_banner = ConnectionBanner(start_sandbox, right)
        right_layout.addWidget(self.sandbox_banner)
        self.consent_banner = InfoBar("warning", "consentBanner", right)
        self.consent_banner.set_icon(icons.icon("consent"))
        self.consent_banner.actionTriggered.connect(self._consent_banner_action)
        self.consent_banner.hide()
        right_layout.addWidget(self.consent_banner)
        self.stack = QStackedWidget(right)
        self.stack.setObjectName("pageStack")
        # an explicit minimum: no page's own minimum size can make the window grow by itself
        # (a page that needs more room scrolls or elides inside it)
        self.stack.setMinimumSize(PAGE_MINIMUM)
        self.welcome = StateView(self.stack)
        self.welcome.setObjectName("welcomePage")
        self.stack.addWidget(self.welcome)
        right_layout.addWidget(self.stack, 1)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        size = first_size(self.screen())
        side = sidebar_width(size.width())
        self.splitter.setSizes([side, size.width() - side])
        self.setCentralWidget(self.splitter)

        self.activity_dock = ActivityDock(activity, tasks, self)
        self.activity_dock.targetActivated.connect(self.open_target)
        self.activity_dock.exportRequested.connect(self.ask_export_activity)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.activity_dock)
        self.status = StatusBar(tasks, self)
        self.setStatusBar(self.status)
        self.actions_ = menus.build(self)

        self._chrome = QTimer(self)  # coalesced updates of title, banners, actions
        self._chrome.setSingleShot(True)
        self._chrome.setInterval(30)
        self._chrome.timeout.connect(self._update_chrome)
        sessions.sessionChanged.connect(lambda _pid: self._chrome.start())
        sessions.sessionChanged.connect(self._offer_consent_again)
        sessions.sessionsChanged.connect(self._on_sessions_changed)
        self._quit_confirmed = False
        self.quit_box: QMessageBox | None = None
        #: the page the window showed when it was last closed: opened again at start
        self._start_page: str | None = None
        self.resize(size)
        # the Activity dock starts as a compact strip; the records get the room
        self.resizeDocks([self.activity_dock], [ACTIVITY_START_HEIGHT], Qt.Orientation.Vertical)
        self.restore_layout()
        self.retranslate()
        self._on_sessions_changed()

    # --- selection and pages ------------------------------------------------------------
    def open_target(self, target: str) -> bool:
        """Select what ``target`` names (``profile/<id>[/<domain>/<scope>[/upload/<id>]]``)
        and show it; an upload opens on its scope's Uploads page, selected."""
        parsed = parse_target(target)
        if parsed is None or self.sessions.get(parsed.profile_id) is None:
            return False
        shown = self.sidebar.select_target(parsed.page)
        if shown and parsed.upload_id:
            page = self.pages.get(parsed.page)
            if page is not None:
                page.show_upload(parsed.upload_id)
        return shown or self.sidebar.select_target(target_for(parsed.profile_id))

    def _on_selected(self, target: str, kind: str) -> None:
        if kind == KIND_DOMAIN:
            target, kind = target.split("#", 1)[0], PAGE_CONNECTION
        parsed = parse_target(target)
        session = self.sessions.get(parsed.profile_id) if parsed else None
        if session is None or parsed is None:
            return
        page = self.pages.get(target)
        if page is None:
            context = PageContext(
                runtime=self.runtime,
                session=session,
                domain=parsed.domain,
                scope=parsed.scope,
                tasks=self.tasks,
                activity=self.activity,
                backend=self.backend,
                request_consent=lambda s=session: self.request_consent(s),  # type: ignore[misc]
                open_target=self.open_target,
                sandbox_running=self.sandbox_running,
            )
            page = page_factory(kind)(context, self.stack)
            self.pages[target] = page
            self.stack.addWidget(page)
        previous = self.stack.currentWidget()
        if isinstance(previous, Page) and previous is not page:
            previous.deactivate()
        self.stack.setCurrentWidget(page)
        page.activate()
        self.current_target = target
        if session is not self.current:
            self.current = session
            self.status.set_session(session)
        self._update_chrome()

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def _on_sessions_changed(self) -> None:
        # pages of profiles that are gone
        def gone(target: str) -> bool:
            parsed = parse_target(target)
            return parsed is None or self.sessions.get(parsed.profile_id) is None

        for target in [t for t in self.pages if gone(t)]:
            page = self.pages.pop(target)
            self.stack.removeWidget(page)
            page.deleteLater()
        if self.current is not None and self.sessions.get(self.current.id) is None:
            self.current = None
            self.current_target = None
            self.status.set_session(None)
        sessions = self.sessions.list_sessions()
        if not sessions:
            self.stack.setCurrentWidget(self.welcome)
        elif self.current is None:
            self.sidebar.update_now()
            start, self._start_page = self._start_page, None
            if not (start and self.open_target(start)):
                self.open_target(target_for(sessions[0].id))
        self._show_welcome()
        self._update_chrome()

    def _after_remove(self, _profile_id: str) -> None:
        self._on_sessions_changed()

    def _show_welcome(self) -> None:
        self.welcome.show_empty(
            self.tr("No connection yet"),
            self.tr(
                "Connect this app to a company's Sage 50: the connection assistant walks "
                "you through registration and consent. To look around first, start the "
                "app with --sandbox for a test connection with demo data."
            ),
            (self.tr("Add connection…"), lambda: self.add_connection()),
            icons.icon("app"),
        )

    # --- chrome: title, banners, actions ------------------------------------------------------
    def _update_chrome(self) -> None:
        session = self.current
        # Qt appends the application display name itself (" — Sage 50 Desktop"), so the
        # title names only the connection: the app's name appears once
        title = APP_DISPLAY_NAME
        if session is not None:
            title = f"{session.profile.name} ({scope_names.label(session.domain)})"
            if session.profile.is_test:
                title += " — " + self.tr("TEST")
        self.setWindowTitle(title)
        self._update_sandbox_banner(session)
        self._update_consent_banner(session)
        menus.update_enabled(self)

    def _update_sandbox_banner(self, session: SS.Session | None) -> None:
        self.sandbox_banner.show_for(
            session.profile if session is not None else None, self.sandbox_running()
        )

    def sandbox_running(self) -> bool:
        """Whether the bundled sandbox runs (``--sandbox``, or started from the banner)."""
        return self.sandbox_info is not None

    def set_sandbox(self, sandbox: Any) -> None:
        """The running sandbox changed (None: none runs, or it is starting): its
        connection's pages and banner say so."""
        self.sandbox_info = sandbox
        for page in self.pages.values():
            page.mark_stale()
        self._update_chrome()

    def consent_session(self) -> SS.Session | None:
        """The session the consent banner is about: the current one first."""
        if self.current is not None and self.current.state == SS.CONSENT:
            return self.current
        return next((s for s in self.sessions.list_sessions() if s.state == SS.CONSENT), None)

    def _update_consent_banner(self, _session: SS.Session | None) -> None:
        session = self.consent_session()
        if session is None:
            self.consent_banner.hide()
            return
        fetched = session.listing.fetched_at if session.listing else None
        if isinstance(session.error, InitialKeyMissing):
            text = self.tr(
                "<b>Consent needed for “%1”.</b> This connection was set up before the app "
                "kept the consent's initial API key, which every renewal of the key now "
                "needs: give consent again once. "
            ).replace("%1", escape(session.profile.name))
        else:
            text = self.tr(
                "<b>Consent needed for “%1”.</b> Sage 50 withdrew this app's access, or "
                "it has no valid key. "
            ).replace("%1", escape(session.profile.name))
        if fetched is not None:
            text += self.tr("Everything fetched until %1 stays browsable offline.").replace(
                "%1", i18n.format_datetime(fetched)
            )
        else:
            text += self.tr("Nothing was fetched yet.")
        self.consent_banner.set_rich_text(text)
        self.consent_banner.set_action(self.tr("Run consent again"))
        self.consent_banner.action_button.setEnabled(not session.consent_running)
        self.consent_banner.show()

    def _offer_consent_again(self, profile_id: str) -> None:
        """A connection stored before contract v2 (no initial key) goes to the consent step.

        Once per connection and run: the banner says why, and the wizard opens at its
        consent step unless a wizard is open already. The key manager does not retry
        (the loss is sticky), so this never loops.
        """
        session = self.sessions.get(profile_id)
        if (
            session is None
            or session.state != SS.CONSENT
            or not isinstance(session.error, InitialKeyMissing)
            or session.profile.sandbox
            or profile_id in self._consent_offered
            or self.findChild(QWidget, "onboardingWizard") is not None
        ):
            return
        self._consent_offered.add(profile_id)
        self.request_consent(session)

    def _consent_banner_action(self) -> None:
        session = self.consent_session()
        if session is not None:
            self.request_consent(session)

    # --- actions ---------------------------------------------------------------------------------
    def add_connection(self) -> QWidget | None:
        """Open the wizard to add a connection."""
        from sage50_desktop.ui.wizard_launcher import open_wizard

        self.wizard = open_wizard(
            self.runtime,
            self,
            sandbox_info=self.sandbox_info,
            tasks=self.tasks,
            on_profile=self._profile_created,
        )
        return self.wizard

    def _profile_created(self, profile_id: str) -> None:
        self.sessions.sync()
        session = self.sessions.get(profile_id)
        if session is not None:
            session.consent_restored()
            self.open_target(target_for(profile_id))

    def request_consent(self, session: SS.Session | None = None) -> None:
        """Run the consent step again: silently for sandbox connections, else the wizard."""
        session = session or self.current
        if session is None:
            return
        if session.profile.sandbox:
            session.run_sandbox_consent()
            return
        from sage50_desktop.ui.wizard_launcher import open_wizard

        self.wizard = open_wizard(
            self.runtime,
            self,
            profile=session.profile,
            sandbox_info=self.sandbox_info,
            tasks=self.tasks,
            on_profile=lambda _pid: session.consent_restored(),
        )

    def refresh_current(self) -> None:
        if self.current is not None:
            self.current.refresh()

    def open_settings(self) -> SettingsDialog:
        from sage50_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.runtime.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.apply()))
        dialog.open()
        return dialog

    def apply_settings(self, changed: list[S.Setting]) -> None:
        keys = {setting.key for setting in changed}
        if S.LANGUAGE.key in keys:
            i18n.install(self.runtime.settings.get(S.LANGUAGE))
        network = {S.PROXY.key, S.CA_BUNDLE.key, S.KEY_RENEWAL_MARGIN.key}
        self.sessions.settings_changed(reconnect=bool(keys & network))

    def ask_export_activity(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the activity history"),
            str(Path.home() / "sage50-activity.csv"),
            self.tr("CSV files (*.csv)"),
        )
        if path:
            self.export_activity(Path(path))

    def export_activity(self, path: Path) -> None:
        """Write the history as CSV in a background task (``export-activity``)."""
        # Spanish Excel reads ";" (the setting asks for it in English too)
        semicolon = (
            bool(self.runtime.settings.get(S.CSV_SEMICOLON)) or i18n.current_language() == "es"
        )
        header = [
            self.tr("Started"),
            self.tr("Finished"),
            self.tr("Task"),
            self.tr("Concerns"),
            self.tr("Outcome"),
            self.tr("Details"),
            self.tr("Error"),
            self.tr("Target"),
        ]

        def row(record: ActivityRecord) -> list[str]:
            return [
                i18n.format_datetime(record.started_at, seconds=True),
                i18n.format_datetime(record.finished_at, seconds=True),
                activity_dock.kind_label(record.kind),
                record.subject,
                activity_dock.state_label(record.state),
                activity_dock.detail_text(record) or record.detail,
                record.error_type or "",
                record.target or "",
            ]

        # the rows are formatted here, on the GUI thread (locale), then written in a worker
        records = self.activity.entries(A.HISTORY_LIMIT)
        rows = {id(r): row(r) for r in records}

        async def export() -> int:
            def write() -> int:
                return self.activity.export_csv(
                    path,
                    semicolon=semicolon,
                    header=header,
                    records=records,
                    row=lambda r: rows[id(r)],
                )

            count = await asyncio.to_thread(write)
            self.statusBar().showMessage(self.tr("%n activity entries exported", "", count), 5000)
            return count

        self.tasks.start(
            "export-activity", export(), kind=A.KIND_EXPORT, subject=path.name, if_running="keep"
        )

    def show_problem(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, APP_DISPLAY_NAME, message, QMessageBox.StandardButton.Ok, self
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the message may come from the platform
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def bring_to_front(self) -> None:
        """Another start of the app asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def context_menu_for(self, target: str) -> QMenu | None:
        return menus.sidebar_menu(self, target, PAGE_CONNECTION)

    # --- layout persistence ---------------------------------------------------------------------
    def restore_layout(self) -> None:
        settings = window_settings()
        if settings.value("version", 0, int) != SETTINGS_VERSION:
            return
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("state")
        if state is not None:
            self.restoreState(state, SETTINGS_VERSION)
        splitter = settings.value("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        page = settings.value("page")
        self._start_page = page if isinstance(page, str) and page else None

    def save_layout(self) -> None:
        settings = window_settings()
        settings.setValue("version", SETTINGS_VERSION)
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("state", self.saveState(SETTINGS_VERSION))
        settings.setValue("splitter", self.splitter.saveState())
        settings.setValue("page", self.current_target or "")
        settings.sync()

    # --- Qt events ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add connection…"))
        self.add_button.setAccessibleName(self.tr("Add connection"))
        self.stack.setAccessibleName(self.tr("Selected page"))
        menus.retranslate(self)
        self._show_welcome()
        self._update_chrome()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def tracked_uploads(self) -> int:
        """Uploads being sent or tracked right now (their tasks)."""
        return sum(
            1 for info in self.tasks.running() if info.kind == A.KIND_UPLOAD and not info.quiet
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        count = self.tracked_uploads()
        if count and not self._quit_confirmed:
            # say that nothing is lost; the question is not modal (the loop keeps running)
            event.ignore()
            self.ask_quit(count)
            return
        self.save_layout()
        event.accept()
        self.closing.emit()

    def ask_quit(self, count: int) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Uploads are still being tracked"),
            self.tr("%n upload(s) are still being tracked.", "", count),
            parent=self,
        )
        box.setInformativeText(
            self.tr(
                "They resume by themselves at the next start: the app "
                "picks up where it was, and nothing is sent twice."
            )
        )
        quit_button = box.addButton(self.tr("Quit"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Keep the app open"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        quit_button.clicked.connect(self._quit_anyway)
        self.quit_box = box
        box.open()
        return box

    def _quit_anyway(self) -> None:
        self._quit_confirmed = True
        self.close()
