"""The window of the first moments (objectName ``openingWindow``), while the app opens.

``app.main()`` shows it as soon as the ``QApplication`` exists — before the
databases, SQLAlchemy, httpx, the pages or the sandbox are loaded — so a window
is on screen within the cold-start budget (``bench/bench_startup.py``). It says
what is being opened, with a progress bar: the app's data (in a worker thread),
with ``--sandbox`` each step of the sandbox's start (the demo data of each scope
generated, on a first start), then the window. The main window then takes its
place at the same position and size (:meth:`hand_over`). Closing it meanwhile
ends the start (:attr:`cancelled`, :attr:`closed`).

Only light modules are imported here (Qt, the state view, settings-free helpers).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from sage50_desktop import APP_DISPLAY_NAME
from sage50_desktop.ui import icons, layout_prefs, scope_names
from sage50_desktop.ui.widgets.state_view import StateView

#: the main window's size on a first start (``MainWindow`` uses the same)
FIRST_SIZE = (1280, 820)

STEP_DATA = "data"
STEP_SANDBOX = "sandbox"
STEP_WINDOW = "window"


class OpeningWindow(QMainWindow):
    """The app's window until the main window is built.

    Signals:
        closed(): the user closed it before the hand-over (the start is cancelled).
    """

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openingWindow")
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.setWindowIcon(icons.icon("app"))
        self.view = StateView(self)
        self.view.setObjectName("openingView")
        self.setCentralWidget(self.view)
        self.resize(*FIRST_SIZE)
        geometry = layout_prefs.saved_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.cancelled = False
        self.steps: list[str] = []  # every text shown, in order (tests read it)
        self._handed_over = False
        self.show_step(STEP_DATA)

    # --- what is being opened ------------------------------------------------------------
    def show_step(self, step: str) -> None:
        """``STEP_DATA``, ``STEP_SANDBOX`` or ``STEP_WINDOW`` (busy bar)."""
        texts = {
            STEP_DATA: self.tr("Opening the app's data…"),
            STEP_SANDBOX: self.tr("Starting the sandbox…"),
            STEP_WINDOW: self.tr("Opening the window…"),
        }
        self._show(texts[step], None, None)

    def show_sandbox_progress(self, step: str, done: int, total: int) -> None:
        """A step of the sandbox's start (``SandboxRuntime.load``'s progress)."""
        if step == "restore":
            text = self.tr("Starting the sandbox: preparing the data it published before…")
            self._show(text, None, None)
            return
        text = (
            self.tr("Starting the sandbox: generating the demo data (%1 of %2: %3)…")
            .replace("%1", str(done + 1))
            .replace("%2", str(total))
            .replace("%3", scope_names.label(step))
        )
        self._show(text, done, total)

    def _show(self, text: str, done: int | None, total: int | None) -> None:
        if self._handed_over:  # a late step (its Qt object may be gone already)
            return
        self.steps.append(text)
        self.view.show_loading(text, done=done, total=total)

    @property
    def text(self) -> str:
        """The step shown now."""
        return self.view.loading.text.text()

    # --- hand-over -------------------------------------------------------------------------
    def hand_over(self, window: QMainWindow) -> None:
        """Place ``window`` where this one is, before it is shown (its size is its own:
        both restore the same remembered geometry, and on a first start the window
        manager placed this one)."""
        if layout_prefs.saved_geometry() is None and not self.isMaximized():
            window.move(self.pos())

    def finish(self) -> None:
        """Close for good once the main window is on screen."""
        self._handed_over = True
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._handed_over and not self.cancelled:
            self.cancelled = True
            self.closed.emit()
        super().closeEvent(event)
