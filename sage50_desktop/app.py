"""Entry point of the ``sage50-desktop`` GUI: builds everything once and wires it.

``main()`` parses the command line (``--version`` answers before any Qt),
makes this the only instance per user (a second start brings the first
window forward), starts the qasync event loop, builds the :class:`Shell`
and, with ``--sandbox``, the bundled sandbox with its demo connection.

:class:`Shell` is the one place that knows every layer: the
:class:`~sage50_desktop.services.runtime.Runtime`, the task registry, the
Activity history, the sessions and the main window; tests build it directly.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import gc
import logging
import os
import socket
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from sage50_desktop import APP_DISPLAY_NAME, APP_NAME, __version__

# the app core opened with a dialog for what the user must fix (light: no Qt on import)
from sage50_desktop.ui.opening_runtime import fatal as _fatal
from sage50_desktop.ui.opening_runtime import open_runtime as _open_runtime  # noqa: F401
from sage50_desktop.ui.opening_runtime import open_runtime_async as _open_runtime_async
from sage50_desktop.ui.opening_runtime import preload_network as _preload_network

log = logging.getLogger(__name__)

SANDBOX_PROFILE_NAME = "Sandbox (demo)"
SANDBOX_PORT = 8750
SANDBOX_AUTO_APPROVE = 2.0  # seconds until the sandbox grants a passcode by itself
#: ms after the window shows until index builds an earlier run left resume (the first
#: rows of a page come first: the build takes a core and part of the GIL for minutes)
RESUME_INDEXES_AFTER_MS = 3000
#: ms after the window shows until httpx is imported in a worker (not beside the first
#: rows of a page: both threads' imports share one GIL); a connection opened earlier
#: imports it itself
PRELOAD_NETWORK_AFTER_MS = 300
#: ms after the window shows until the listings are refreshed, when the OS credential
#: store must be opened for them first (in a worker; it holds the GIL for ~0.4 s)
REFRESH_AFTER_MS = 800


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sage50-desktop", description=APP_DISPLAY_NAME)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--sandbox", action="store_true", help="start the bundled sandbox and open the app on it"
    )
    parser.add_argument(
        "--sandbox-port",
        type=int,
        default=SANDBOX_PORT,
        help=f"port of the bundled sandbox (default {SANDBOX_PORT}; a free one when taken)",
    )
    parser.add_argument("--debug", action="store_true", help="log debug messages too")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation end to end offscreen on an in-process "
        "sandbox (onboard, download, upload) and exit 0 if all worked",
    )
    return parser.parse_args(argv)


# --- the bundled sandbox ------------------------------------------------------------------
def _port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def start_sandbox(
    data_dir: Path,
    port: int = SANDBOX_PORT,
    auto_approve: float | None = SANDBOX_AUTO_APPROVE,
    progress: Any = None,
    **config: Any,
) -> Any:
    """Start the bundled sandbox in a background thread; state kept under ``data_dir/sandbox``.

    Uses ``port`` when it is free, else any free port. ``progress(step, done, total)``
    hears each start-up step (from the sandbox's thread). Returns the running
    :class:`~sage50_desktop.sandbox.testing.SandboxThread`.
    """
    from sage50_desktop.sandbox.config import SandboxConfig
    from sage50_desktop.sandbox.testing import SandboxThread

    folder = data_dir / "sandbox"
    folder.mkdir(parents=True, exist_ok=True)

    def build(chosen: int) -> Any:
        return SandboxThread(
            SandboxConfig(
                port=chosen,
                auto_approve=auto_approve,
                data_dir=folder,
                state_file=folder / "state.json",
                **config,
            )
        )

    chosen = port if port and _port_free(port) else 0
    try:
        return build(chosen).start(progress=progress)
    except OSError:
        if chosen == 0:
            raise
        return build(0).start(progress=progress)  # taken between the check and the bind


def ensure_sandbox_profile(runtime: Any, sandbox: Any) -> Any:
    """Create or update the demo profile on the running sandbox; returns it."""
    from sage50_desktop.storage.profiles import Profile

    existing = next(
        (
            p
            for p in runtime.profiles.list_profiles()
            if p.sandbox
            and p.developer_id == sandbox.developer_id
            and p.application_id == sandbox.application_id
            and p.name == SANDBOX_PROFILE_NAME
        ),
        None,
    )
    if existing is None:
        existing = next(
            (
                p
                for p in runtime.profiles.list_profiles()
                if p.sandbox
                and p.developer_id == sandbox.developer_id
                and p.application_id == sandbox.application_id
            ),
            None,
        )
    if existing is not None:
        # credentials are in memory only: whatever the last run stored is gone
        return runtime.profiles.save(
            replace(
                existing,
                base_url=sandbox.base_url,
                domain=sandbox.domain,
                key_expiration=None,
                consent_needed=False,
            )
        )
    return runtime.profiles.upsert(
        Profile(
            name=SANDBOX_PROFILE_NAME,
            base_url=sandbox.base_url,
            developer_id=sandbox.developer_id,
            application_id=sandbox.application_id,
            domain=sandbox.domain,
            sandbox=True,
        )
    )


# --- the shell --------------------------------------------------------------------------
class Shell:
    """The GUI's services and main window, built once.

    Args:
        runtime: the app core.
        sandbox: the running bundled sandbox (``--sandbox``), stopped by :meth:`shutdown`.
        open_wizard_when_empty: with no profile at all, open the wizard on start.
        sandbox_port: the port the in-app sandbox takes when started from the window
            (the sandbox connection's banner offers it while none runs; 0: any free one).
    """

    def __init__(
        self,
        runtime: Any,
        *,
        sandbox: Any = None,
        open_wizard_when_empty: bool = True,
        sandbox_port: int = SANDBOX_PORT,
    ) -> None:
        from sage50_desktop.services.activity import ActivityLog
        from sage50_desktop.services.connection_session import ConnectionSessions
        from sage50_desktop.services.external_changes import ExternalChanges
        from sage50_desktop.services.runtime import APP_DB
        from sage50_desktop.services.tasks import TaskRegistry
        from sage50_desktop.storage.activity_store import ActivityStore
        from sage50_desktop.ui import i18n, scope_names
        from sage50_desktop.ui.browser.backend import BrowserBackend
        from sage50_desktop.ui.browser.columns import default_sort_columns
        from sage50_desktop.ui.main_window import MainWindow
        from sage50_desktop.ui.session import SessionManager

        self.runtime = runtime
        self.sandbox = sandbox
        self.open_wizard_when_empty = open_wizard_when_empty
        self.sandbox_port = sandbox_port
        self.sandbox_profile: Any = None
        if sandbox is not None:
            self.sandbox_profile = ensure_sandbox_profile(runtime, sandbox)
        # the one of each: task registry, Activity history, snapshot store and query
        # workers (owned by the runtime), connection sessions
        self.tasks = TaskRegistry()
        self.activity = ActivityLog(ActivityStore(runtime.app_engine), self.tasks)
        self.connections = ConnectionSessions(
            runtime,
            self.tasks,
            self.activity,
            runtime.snapshots,
            scope_label=scope_names.label,
            format_bytes=i18n.format_bytes,
            index_columns=default_sort_columns,
        )
        self.sessions = SessionManager(self.connections)
        self.backend = BrowserBackend(runtime.snapshots, runtime.queries)
        # what `sage50` processes write to the data folder shows up here within seconds
        self.external = ExternalChanges(
            runtime.snapshots,
            uploads=self.connections,
            app_db=runtime.data_dir / APP_DB,
            tasks=self.tasks,
        )
        self.window = MainWindow(
            runtime,
            self.tasks,
            self.activity,
            self.sessions,
            self.backend,
            sandbox_info=sandbox,
            start_sandbox=self.start_sandbox_later,
        )
        self._closed = asyncio.Event()
        self._shut = False
        self.window.closing.connect(self._closed.set)

    def start(self) -> None:
        """Show the window; connect the sandbox demo, or open the wizard, or refresh."""
        from PySide6.QtCore import QCoreApplication, QTimer

        from sage50_desktop.services.activity import KIND_REFRESH, target_for

        self.window.show()
        # resuming the index builds an earlier run left (minutes of a core at 1M records)
        # waits until the window and its first rows are on screen
        QTimer.singleShot(RESUME_INDEXES_AFTER_MS, self._resume_indexes)
        QTimer.singleShot(PRELOAD_NETWORK_AFTER_MS, self._preload_network)
        self.external.start()
        if self.runtime.snapshots.rebuilt is not None:
            self.window.statusBar().showMessage(
                QCoreApplication.translate(
                    "App",
                    "The local cache was damaged and has been rebuilt; download the data "
                    "sets again.",
                )
            )
        if self.runtime.read_only is not None:  # a full disk, a read-only folder: said once
            self.window.show_problem(read_only_words(self.runtime.read_only))
        if self.sandbox_profile is not None:
            session = self.sessions.get(self.sandbox_profile.id)
            assert session is not None
            self.window.open_target(target_for(session.id))
            session.run_sandbox_consent()
        starting = [
            session
            for session in self.sessions.list_sessions()
            # a sandbox profile while no sandbox runs: its throwaway credentials are gone
            if not (session.profile.sandbox and self.sandbox is None)
            and session.profile.id != getattr(self.sandbox_profile, "id", None)
            and session.profile.onboarded
        ]
        if any(not s.profile.sandbox for s in starting) and not self.runtime.credentials_open:
            # the OS credential store (keyring: ~0.4 s) is opened in a worker, not on the
            # GUI thread while the first page's rows are on their way
            self.tasks.start(
                "open-credentials",
                self._refresh_when_open(starting),
                kind=KIND_REFRESH,
                quiet=True,
                if_running="keep",
            )
        else:
            self._refresh_on_start(starting)
        if not self.sessions.list_sessions() and self.open_wizard_when_empty:
            self.window.add_connection()

    async def _refresh_when_open(self, sessions: list[Any]) -> None:
        await asyncio.sleep(REFRESH_AFTER_MS / 1000)  # the first page's rows come first
        await asyncio.to_thread(self.runtime.open_credentials)
        self._refresh_on_start(sessions)

    def _refresh_on_start(self, sessions: list[Any]) -> None:
        for session in sessions:
            current = self.sessions.get(session.id)
            if current is not None and current is session:  # not removed meanwhile
                current.refresh(quiet=current.listing is not None)

    def _preload_network(self) -> None:
        if not self._shut:
            _preload_network()

    def _resume_indexes(self) -> None:
        if not self._shut:
            self.runtime.snapshots.ensure_indexes()

    def start_sandbox_later(self) -> None:
        """Start the in-app sandbox in the background (task ``start-sandbox``)."""
        from sage50_desktop.services.activity import KIND_SANDBOX

        if self.sandbox is not None or self._shut:
            return
        self.tasks.start(
            "start-sandbox",
            self.start_sandbox_now(),
            kind=KIND_SANDBOX,
            subject=SANDBOX_PROFILE_NAME,
            if_running="keep",
        )

    async def start_sandbox_now(self) -> None:
        """Start the in-app sandbox, point its connection at it and get its key."""
        banner = self.window.sandbox_banner
        banner.starting = True
        self.window.set_sandbox(None)  # the banner says it is starting
        try:
            sandbox = await asyncio.to_thread(
                start_sandbox, self.runtime.data_dir, self.sandbox_port
            )
        finally:
            banner.starting = False
        if self._shut:
            await asyncio.to_thread(sandbox.stop)
            return
        self.sandbox = sandbox
        log.info("sandbox started from the window at %s", sandbox.base_url)
        self.sandbox_profile = await asyncio.to_thread(
            ensure_sandbox_profile, self.runtime, sandbox
        )
        self.sessions.sync()
        session = self.sessions.get(self.sandbox_profile.id)
        if session is not None:
            await session.core.reconnect(refresh=False)  # the old address is of no use
        self.window.set_sandbox(sandbox)
        if session is not None:
            session.run_sandbox_consent()

    async def wait_closed(self) -> None:
        await self._closed.wait()

    async def shutdown(self) -> None:
        """Cancel every task (one ``cancel_all``), then close pages, connections,
        databases, and stop the sandbox."""
        if self._shut:
            return
        self._shut = True
        self.window.save_layout()
        await self.tasks.cancel_all()  # every background job of the app runs in it
        for page in list(self.window.pages.values()):
            await page.aclose()
        await self.external.aclose()
        await self.sessions.aclose()
        self.window.hide()
        await self._delete_qt_objects()
        self.runtime.close()
        if self.sandbox is not None:
            await asyncio.to_thread(self.sandbox.stop)
            self.sandbox = None
        log.info("shut down cleanly")

    async def _delete_qt_objects(self) -> None:
        """Destroy the window and the sessions now, on the GUI thread.

        Left to Python's garbage collector, Qt objects holding timers could be
        destroyed on whatever thread collects them.
        """
        gone = asyncio.Event()
        pending = {id(self.window), id(self.sessions), id(self.backend.signals)}

        def destroyed(key: int) -> None:
            pending.discard(key)
            if not pending:
                gone.set()

        for obj in (self.window, self.sessions, self.backend.signals):
            key = id(obj)
            obj.destroyed.connect(functools.partial(lambda k, *_args: destroyed(k), key))
            obj.deleteLater()
        try:
            await asyncio.wait_for(gone.wait(), 5)
        except TimeoutError:
            log.warning("the window was not destroyed in time")


def read_only_words(problem: Any) -> str:
    """What the window says once when it opens on a full disk or a read-only data folder."""
    from PySide6.QtCore import QCoreApplication

    from sage50_desktop.storage.data_folder import FULL

    translate = QCoreApplication.translate
    if problem.state == FULL:
        text = translate(
            "App",
            "The disk that holds the app's data folder {folder} is full. You can view "
            "what is stored, but nothing new can be saved (downloads, uploads, changes to "
            "connections) until you free some space on that disk or keep fewer versions "
            "per data set.",
        )
    else:
        text = translate(
            "App",
            "The app's data folder {folder} is read-only (or not yours). You can view what "
            "is stored, but nothing new can be saved until the folder is writable for "
            "your account.",
        )
    return text.format(folder=problem.folder)


# --- main -----------------------------------------------------------------------------------
def _close_on_terminate(window: Callable[[], Any]) -> None:
    """SIGTERM (log-out, ``kill``) closes the window, so the app shuts down cleanly.

    Installed as soon as the opening window shows: ``window()`` is the window on
    screen at the time (the opening window while the app opens, whose close
    cancels the start; then the main window).
    """
    import signal

    from PySide6.QtCore import QTimer

    def terminate(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, lambda: window().close())

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, terminate)


def run_and_shut_down(loop: Any, main_coro: Any, shell: Any) -> int:
    """Run ``main_coro`` on the qasync ``loop``, then shut the shell down on a running loop.

    However the Qt loop ends — the window closed (also by SIGTERM), or
    ``QApplication.quit()`` as on an OS session end, which stops the loop
    before ``main_coro`` completes — :meth:`Shell.shutdown` runs on a running
    event loop again, so connections close cleanly (httpx's ``aclose`` needs one).
    ``shell`` returns the shell once built (or None).
    """
    task = asyncio.ensure_future(main_coro, loop=loop)
    code = 0
    try:
        code = loop.run_until_complete(task)
    except RuntimeError:
        if task.done():
            raise
        log.info("the Qt event loop was ended; shutting down")
        task.cancel()
    finally:
        built = shell()
        if built is not None:
            loop.run_until_complete(built.shutdown())
        if not task.done():
            loop.run_until_complete(asyncio.gather(task, return_exceptions=True))
    return code


async def open_shell(
    opening: Any,
    *,
    settings: Any = None,
    sandbox: bool = False,
    sandbox_port: int = SANDBOX_PORT,
    settle: Callable[[], None] | None = None,
    **shell_options: Any,
) -> Shell | None:
    """Open the app behind ``opening`` (an :class:`~sage50_desktop.ui.opening.OpeningWindow`
    on screen) and start the :class:`Shell`; None when it cannot open (the user was told
    why) or ``opening`` was closed meanwhile.

    The app core is opened in a worker thread (imports, migrations, backups), then with
    ``sandbox`` the bundled sandbox (its demo data generated on a first start, each step
    shown in ``opening``), then the window is built in ``opening``'s place. ``settle()``
    is called once the app core is open and once the window is built (``main()``: the
    objects made so far are long-lived, see :meth:`GarbageCollector.freeze`).
    """
    from PySide6.QtCore import QCoreApplication

    from sage50_desktop.ui.opening import STEP_SANDBOX, STEP_WINDOW

    runtime = await _open_runtime_async(settings)
    if runtime is None or opening.cancelled:
        if runtime is not None:
            runtime.close()
        opening.finish()
        return None
    # imported by the worker with the runtime (not before it, on the GUI thread)
    from sage50_desktop.storage.data_folder import DataFolderUnavailable

    if settle is not None:
        settle()
    running = None
    if sandbox:
        opening.show_step(STEP_SANDBOX)
        loop = asyncio.get_running_loop()

        def progress(step: str, done: int, total: int) -> None:  # on the sandbox's thread
            loop.call_soon_threadsafe(
                lambda: (
                    None if opening.cancelled else opening.show_sandbox_progress(step, done, total)
                )
            )

        try:
            running = await asyncio.to_thread(
                start_sandbox, runtime.data_dir, sandbox_port, progress=progress
            )
        except Exception as exc:  # the app cannot offer what was asked
            log.exception("the sandbox did not start")
            _fatal(
                QCoreApplication.translate("App", "The sandbox did not start"),
                f"{type(exc).__name__}: {exc}",
            )
            runtime.close()
            opening.finish()
            return None
        log.info("sandbox running at %s", running.base_url)
        if opening.cancelled:
            await asyncio.to_thread(running.stop)
            runtime.close()
            return None
    opening.show_step(STEP_WINDOW)
    try:
        shell = Shell(runtime, sandbox=running, sandbox_port=sandbox_port, **shell_options)
    except DataFolderUnavailable as exc:  # read-only (a full disk), and a table is missing
        _fatal(APP_DISPLAY_NAME, exc.hint)
        if running is not None:
            await asyncio.to_thread(running.stop)
        runtime.close()
        opening.finish()
        return None
    opening.hand_over(shell.window)
    shell.start()
    opening.finish()
    if settle is not None:
        settle()
    return shell


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)  # --version and --help end here, before any Qt
    if args.self_test:
        from sage50_desktop.selftest import main as self_test

        return self_test()

    # no automatic collection while the start makes its modules and window (all
    # long-lived): CPython's would walk them again and again (~80 collections before the
    # first rows of a page, most inside the imports); the GarbageCollector made below
    # collects from the GUI thread, and its freezes keep them out of every later walk
    gc_was_enabled = gc.isenabled()
    gc.disable()
    from sage50_desktop import logging_setup, paths

    os.umask(0o077)  # files the app creates (data, logs, temp files): this user only
    log_file = logging_setup.configure(logging.DEBUG if args.debug else logging.INFO)
    log.info("starting %s %s (log: %s)", APP_DISPLAY_NAME, __version__, log_file)

    # the app core's modules load in a thread while Qt starts and the opening window shows
    from sage50_desktop.ui.opening_runtime import preload_core

    preload_core()
    import qasync
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from sage50_desktop.services import settings as S
    from sage50_desktop.ui import i18n, icons
    from sage50_desktop.ui.errors import ExceptionReporter
    from sage50_desktop.ui.single_instance import SingleInstance

    QCoreApplication.setOrganizationName("Sage50Desktop")
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QApplication.setApplicationDisplayName(APP_DISPLAY_NAME)
    QApplication.setDesktopFileName(APP_NAME)
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication([sys.argv[0] if sys.argv else APP_NAME])
    )
    app.setStyle("Fusion")  # follows the OS light/dark scheme, looks the same everywhere
    app.setWindowIcon(icons.icon("app"))
    app.setQuitOnLastWindowClosed(False)  # the main window's close ends the app, cleanly
    from sage50_desktop.ui.gc_guard import GarbageCollector

    gc_guard = GarbageCollector(app, starting=True, was_enabled=gc_was_enabled)

    instance = SingleInstance()
    if not instance.acquire():
        print(f"{APP_DISPLAY_NAME} is already running; its window was brought to the front.")
        gc_guard.stop()
        return 0

    # the window first: the databases, SQLAlchemy, the pages and the sandbox are opened
    # behind it (open_shell), their progress shown in it; httpx once the window shows
    settings = S.Settings(paths.config_dir() / "settings.json")
    i18n.install(settings.get(S.LANGUAGE))
    from sage50_desktop.ui.opening import OpeningWindow

    opening = OpeningWindow()
    opening.show()
    gc_guard.freeze()  # Qt's and the app's modules so far: never collected, never scanned
    instance.activated.connect(opening.raise_)
    shell: Shell | None = None
    _close_on_terminate(lambda: shell.window if shell is not None else opening)

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    reporter = ExceptionReporter(lambda: shell.window if shell is not None else None)
    reporter.install(loop)

    async def run() -> int:
        nonlocal shell
        shell = await open_shell(
            opening,
            settings=settings,
            sandbox=args.sandbox,
            sandbox_port=args.sandbox_port,
            settle=gc_guard.freeze,
        )
        gc_guard.freeze(started=True)
        if shell is None:
            return 0 if opening.cancelled else 1
        instance.activated.connect(shell.window.bring_to_front)
        await shell.wait_closed()
        return 0

    try:
        with loop:
            code = run_and_shut_down(loop, run(), lambda: shell)
    finally:
        reporter.uninstall()
        instance.release()
        gc_guard.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
