"""Starts the app (``app.main()``) on a prepared data folder and reports its first rows.

Used by ``test_shell_startup.py``. At the first paint of the records table with its
first page of rows it prints one JSON line — the row count, the first cell, the page
the window opened by itself and the modules imported by then — and closes the window.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication

import sage50_desktop.app as app

qt = QApplication.instance() or QApplication([sys.argv[0]])


class FirstRows(QObject):
    done = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self.done or event.type() != QEvent.Type.Paint:
            return False
        view = obj.parent()
        if not isinstance(view, QAbstractItemView) or view.objectName() != "recordsTable":
            return False
        model = view.model()
        if model.rowCount() == 0 or not model.is_loaded(0):
            return False
        self.done = True
        window = view.window()
        report = {
            "rows": model.rowCount(),
            "first": model.index(0, 0).data(),
            "target": window.current_target,
            "modules": sorted(sys.modules),
        }
        print(json.dumps(report), flush=True)
        QTimer.singleShot(0, window.close)
        return False


probe = FirstRows()
qt.installEventFilter(probe)
QTimer.singleShot(60_000, lambda: qt.exit(3))  # no rows: the test says so
sys.exit(app.main([]))
