"""Child of bench_startup.py: start something, write the wall time of its first paint.

    startup_child.py floor|app|ready|sandbox|rows OUT   (or: prepare OUT RECORDS)

Writes ``<time.time() of the first paint>\\n<note>`` to OUT and quits. An
application-wide event filter (installed on the QApplication before the app
builds anything: ``main()`` reuses an existing instance) sees the first
``Paint`` of a ``QMainWindow`` (the app's window: the opening window, see
``ui/opening.py``) — for ``ready``, of the built main window (``mainWindow``:
sidebar, pages, menus); for ``rows``, of the records table's viewport once its
model holds the first page of rows (``prepare`` leaves the window closed on the
products page, which the window opens again; else it is opened once the main
window paints).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

MODE, OUT = sys.argv[1], Path(sys.argv[2])
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def prepare(records: int) -> None:
    """A profile and a cached products snapshot in the data folder."""
    from sage50_desktop.sandbox.generator import write_scope_file
    from sage50_desktop.services.ingest import ingest_file
    from sage50_desktop.services.runtime import Runtime
    from sage50_desktop.storage.profiles import Profile

    runtime = Runtime()
    profile = runtime.profiles.add(
        Profile(
            name="Bench",
            base_url="http://127.0.0.1:9",
            developer_id="dev",
            application_id="app",
            domain="ecommerce",
        )
    )
    source = runtime.data_dir / "products.json"
    write_scope_file(source, "products", 50, range(1, records + 1), {})
    conn = runtime.snapshots.connect()
    try:
        ingest_file(
            conn,
            source,
            profile_id=profile.id,
            domain="ecommerce",
            scope="products",
            version="1.bench",
        )
    finally:
        conn.close()
    source.unlink()
    OUT.write_text(profile.id)
    runtime.close()
    # the user closed the window on the products page: the window opens it again
    from sage50_desktop.services.activity import target_for
    from sage50_desktop.ui import layout_prefs

    settings = layout_prefs.window_settings()
    settings.setValue("version", layout_prefs.WINDOW_VERSION)
    settings.setValue("page", target_for(profile.id, "ecommerce", "products"))
    settings.sync()


def watch(want_rows: bool) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])

    class FirstPaint(QObject):
        done = False
        opened = False
        main_painted = 0.0

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if self.done or event.type() != QEvent.Type.Paint:
                return False
            if MODE == "ready":
                if isinstance(obj, QMainWindow) and obj.objectName() == "mainWindow":
                    self.finish("main window built and painted")
            elif not want_rows and isinstance(obj, QMainWindow):
                self.finish(f"{obj.objectName() or 'window'} painted")
            elif want_rows:
                if (
                    isinstance(obj, QMainWindow)
                    and obj.objectName() == "mainWindow"
                    and not self.opened
                ):
                    self.opened = True
                    self.main_painted = time.time()
                    # the window opens the page it was closed on (prepare): then a no-op
                    QTimer.singleShot(0, lambda: self.open_scope(obj))
                view = obj.parent()
                if (
                    isinstance(view, QAbstractItemView)
                    and view.model() is not None
                    and view.model().rowCount() > 0
                    and view.objectName() == "recordsTable"
                    and view.model().is_loaded(0)  # the first page's rows, not empty cells
                ):
                    after = time.time() - self.main_painted if self.opened else 0.0
                    self.finish(
                        f"{view.model().rowCount():,} rows, {after:.2f} s after the main "
                        "window's first paint"
                    )
            return False

        def open_scope(self, window: QObject) -> None:
            from sage50_desktop.services.activity import target_for

            profile_id = (OUT.parent / "prep.txt").read_text().strip()
            if not window.open_target(target_for(profile_id, "ecommerce", "products")):
                self.finish("could not open the products page")

        def finish(self, note: str) -> None:
            self.done = True
            # the process's CPU time (all threads) to the paint: less load-bound than the wall
            OUT.write_text(f"{time.time()}\n{note}; CPU {time.process_time():.2f} s")
            QTimer.singleShot(0, lambda: app.exit(0) if MODE == "floor" else _close(app))

    app._first_paint = FirstPaint()  # type: ignore[attr-defined]
    app.installEventFilter(app._first_paint)  # type: ignore[attr-defined]


def _close(app: object) -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow):
            widget.close()
    QApplication.exit(0)


def floor() -> int:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication.instance() or QApplication([sys.argv[0]])

    class Lazy(QAbstractTableModel):
        def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else 1_000_000

        def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else 8

        def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            return (
                f"{index.row()}:{index.column()}" if role == Qt.ItemDataRole.DisplayRole else None
            )

    window = QMainWindow()
    table = QTableView(window)
    model = Lazy(table)
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1024, 700)
    window.show()
    return app.exec()


if __name__ == "__main__":
    if MODE == "prepare":
        prepare(int(sys.argv[3]))
        sys.exit(0)
    if MODE == "floor":
        watch(False)
        sys.exit(floor())
    watch(MODE == "rows")
    from sage50_desktop.app import main

    sys.exit(main(["--sandbox"] if MODE == "sandbox" else []))
