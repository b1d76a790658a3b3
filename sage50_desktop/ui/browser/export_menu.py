"""The Export ▾ menu: the current view or a whole version, to CSV or JSON, off the GUI thread.

Uses the engine's streaming exports (:mod:`sage50_desktop.services.export`);
the file is written by a worker thread inside a named ``export:`` task, so
progress, success and failure show in the Activity dock. The engine exports
in record-id order (the table's sort is not applied).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from sage50_desktop.services import activity as A
from sage50_desktop.services import settings as S
from sage50_desktop.services.export import export_csv, export_json
from sage50_desktop.services.tasks import TaskInfo
from sage50_desktop.ui import icons, scope_names

if TYPE_CHECKING:
    from sage50_desktop.ui.browser.page import ScopePage


def _t(text: str) -> str:
    return QCoreApplication.translate("ExportMenu", text)


class ExportMenu:
    """The export button and its four actions, bound to a :class:`ScopePage`."""

    def __init__(self, page: ScopePage, parent: QWidget) -> None:
        self.page = page
        self.button = QToolButton(parent)
        self.button.setObjectName("exportButton")
        self.button.setIcon(icons.icon("export"))
        self.button.setToolButtonStyle(self.button.toolButtonStyle().ToolButtonTextBesideIcon)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.button.setMenu(self.menu)
        self.view_csv = self.menu.addAction("", lambda: self.choose("csv", whole=False))
        self.view_json = self.menu.addAction("", lambda: self.choose("json", whole=False))
        self.menu.addSeparator()
        self.all_csv = self.menu.addAction("", lambda: self.choose("csv", whole=True))
        self.all_json = self.menu.addAction("", lambda: self.choose("json", whole=True))

    def retranslate(self) -> None:
        self.button.setText(_t("Export"))
        self.view_csv.setText(_t("Current view as CSV…"))
        self.view_json.setText(_t("Current view as JSON…"))
        self.all_csv.setText(_t("Whole version as CSV…"))
        self.all_json.setText(_t("Whole version as JSON…"))

    def choose(self, fmt: str, *, whole: bool) -> None:
        page = self.page
        snap = page.current_snapshot()
        if snap is None:
            return
        suggested = str(Path.home() / f"{page.scope}-{snap.version}.{fmt}")
        filters = _t("CSV files (*.csv)") if fmt == "csv" else _t("JSON files (*.json)")
        path, _ = QFileDialog.getSaveFileName(page, _t("Export records"), suggested, filters)
        if path:
            self.export(Path(path), fmt, whole=whole)

    def export(self, path: Path, fmt: str, *, whole: bool) -> TaskInfo | None:
        """Write the current view (or the whole version) to ``path`` as a task."""
        page = self.page
        spec = page.model.spec
        if spec is None:
            return None
        context = page.context
        store = page.backend.store
        search = None if whole else (spec.search or None)
        filters = None if whole else (spec.filter_map() or None)
        semicolon = bool(context.runtime.settings.get(S.CSV_SEMICOLON))
        total = None if page.model.busy else page.model.rowCount()
        name = context.task_name("export")
        registry = context.tasks

        async def run() -> int:
            loop = asyncio.get_running_loop()

            def progress(done: int) -> None:
                loop.call_soon_threadsafe(registry.progress, name, done, total)

            if fmt == "csv":
                return await asyncio.to_thread(
                    export_csv, store, spec.snapshot_id, path, semicolon=semicolon,
                    search_text=search, filters=filters, progress=progress)
            return await asyncio.to_thread(
                export_json, store, spec.snapshot_id, path, search_text=search,
                filters=filters, progress=progress)

        return registry.start(name, run(), kind=A.KIND_EXPORT,
                              subject=f"{scope_names.label(page.scope)} → {path.name}",
                              target=context.target, if_running="replace")
