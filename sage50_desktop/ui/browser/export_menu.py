"""The Export ▾ menu: the current view or a whole version, to CSV, Excel (XLSX) or JSON.

"Current view" is what the table shows: its search and filters, its sort
order and its visible columns in their on-screen order, with the column
labels as headers. CSV follows the UI language (Spanish: ``;``, decimal
comma, day/month/year) so Excel opens it right; XLSX has typed cells.

The file is written by a worker thread inside a named ``export:`` task
(:mod:`sage50_desktop.services.export`), so the Activity dock lists it; the
strip under the toolbar (:class:`ExportProgress`) shows a progress bar and a
Cancel button while it runs, and a translated message if it fails.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QToolButton,
    QWidget,
)

from sage50_desktop.services import activity as A
from sage50_desktop.services import settings as S
from sage50_desktop.services.export import (
    CsvFlavour,
    ExportCancelled,
    ExportColumn,
    ExportFailed,
    export_csv,
    export_json,
    export_xlsx,
)
from sage50_desktop.services.tasks import TaskInfo
from sage50_desktop.services.version_names import short_id
from sage50_desktop.ui import i18n, icons, scope_names
from sage50_desktop.ui.browser.columns import path_label

if TYPE_CHECKING:
    from sage50_desktop.ui.browser.page import ScopePage

SUFFIX = {"csv": "csv", "xlsx": "xlsx", "json": "json"}


def _t(text: str) -> str:
    return QCoreApplication.translate("ExportMenu", text)


def failure_text(error: BaseException) -> str:
    """What went wrong with an export, in the UI language."""
    reason = getattr(error, "reason", "io")
    path = str(getattr(error, "path", "") or "")
    texts = {
        "folder": _t("“%1” is a folder. Choose a file name, not a folder."),
        "not_regular": _t(
            "“%1” is not a regular file (a link, a device or a pipe); the "
            "export only replaces regular files. Choose another name."
        ),
        "no_folder": _t("The folder of “%1” does not exist. Choose another folder."),
        "permission": _t("This app may not write “%1”. Choose another folder."),
        "disk_full": _t(
            "The disk is full. Free some space or choose another drive, then export again."
        ),
        "too_many": _t(
            "Excel holds at most 1,048,575 records in a sheet. Export this view "
            "as CSV, or narrow it with a search or a filter."
        ),
    }
    text = texts.get(
        reason,
        _t(
            "The export of “%1” was not written. Check the folder and "
            "the free space, then try again."
        ),
    )
    return text.replace("%1", path)


class ExportProgress(QWidget):
    """The running export: what, a progress bar, Cancel; or why it failed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportProgress")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("exportLabel")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("exportBar")
        self.bar.setMaximumWidth(260)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("exportCancel")
        row.addWidget(self.label, 1)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.cancel_button.setText(_t("Cancel"))
        self.cancel_button.setToolTip(_t("Stop the export; nothing is written"))

    def running(self, name: str, total: int | None) -> None:
        self.label.setText(_t("Exporting to %1…").replace("%1", name))
        self.label.setToolTip(name)
        self.label.setStyleSheet("")
        self.bar.setRange(0, total or 0)
        self.bar.setValue(0)
        self.bar.show()
        self.cancel_button.show()
        self.show()

    def advance(self, done: int) -> None:
        if self.bar.maximum():
            self.bar.setValue(min(done, self.bar.maximum()))

    def failed(self, text: str) -> None:
        self.label.setText(text)
        self.label.setToolTip(text)
        self.label.setStyleSheet(
            "color: palette(highlighted-text); background: palette(highlight); padding: 2px;"
        )
        self.bar.hide()
        self.cancel_button.hide()
        self.show()


class ExportMenu:
    """The export button and its actions, bound to a :class:`ScopePage`."""

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
        self.view_xlsx = self.menu.addAction("", lambda: self.choose("xlsx", whole=False))
        self.view_json = self.menu.addAction("", lambda: self.choose("json", whole=False))
        self.menu.addSeparator()
        self.all_csv = self.menu.addAction("", lambda: self.choose("csv", whole=True))
        self.all_xlsx = self.menu.addAction("", lambda: self.choose("xlsx", whole=True))
        self.all_json = self.menu.addAction("", lambda: self.choose("json", whole=True))
        self.progress = ExportProgress(parent)
        self.progress.cancel_button.clicked.connect(self.cancel)
        self.task_name: str | None = None
        self._stop: threading.Event | None = None
        self._generation = 0

    def retranslate(self) -> None:
        self.button.setText(_t("Export"))
        self.view_csv.setText(_t("Current view as CSV…"))
        self.view_xlsx.setText(_t("Current view as Excel (XLSX)…"))
        self.view_json.setText(_t("Current view as JSON…"))
        self.all_csv.setText(_t("Whole version as CSV…"))
        self.all_xlsx.setText(_t("Whole version as Excel (XLSX)…"))
        self.all_json.setText(_t("Whole version as JSON…"))
        tip = _t(
            "Current view: the search, the filters, the sort order and the visible "
            "columns, as the table shows them"
        )
        for action in (self.view_csv, self.view_xlsx, self.view_json):
            action.setToolTip(tip)
        self.menu.setToolTipsVisible(True)
        self.progress.retranslate()

    def choose(self, fmt: str, *, whole: bool) -> None:
        page = self.page
        snap = page.current_snapshot()
        if snap is None:
            return
        suggested = str(
            Path.home()
            / f"{page.scope}-{snap.downloaded_at:%Y%m%d-%H%M}-{short_id(snap.version)}.{SUFFIX[fmt]}"
        )
        filters = {
            "csv": _t("CSV files (*.csv)"),
            "xlsx": _t("Excel workbooks (*.xlsx)"),
            "json": _t("JSON files (*.json)"),
        }[fmt]
        path, _ = QFileDialog.getSaveFileName(page, _t("Export records"), suggested, filters)
        if path:
            self.export(Path(path), fmt, whole=whole)

    # --- what the table shows ------------------------------------------------------------
    def visible_columns(self) -> list[ExportColumn]:
        """The table's visible columns in their on-screen order, with their labels."""
        table = self.page.table
        header = table.horizontalHeader()
        columns = self.page.columns
        shown = []
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            if 0 <= logical < len(columns) and not table.isColumnHidden(logical):
                column = columns[logical]
                shown.append(ExportColumn(column.path, column.label, column.kind))
        return shown

    def export(self, path: Path, fmt: str, *, whole: bool) -> TaskInfo | None:
        """Write the current view (or the whole version) to ``path`` as a task."""
        page = self.page
        spec = page.model.spec
        if spec is None:
            return None
        context = page.context
        store = page.backend.store
        args: dict[str, Any] = {}
        if not whole:
            args = {
                "search_text": spec.search or None,
                "filters": spec.filter_map() or None,
                "sort_column": spec.sort_column,
                "descending": spec.descending,
            }
        language = i18n.current_language()
        if fmt in ("csv", "xlsx"):
            if whole:
                args["label_for"] = path_label
            else:
                args["columns"] = self.visible_columns()
        if fmt == "csv":
            args["flavour"] = CsvFlavour.for_language(
                language, semicolon=bool(context.runtime.settings.get(S.CSV_SEMICOLON))
            )
        elif fmt == "xlsx":
            args["sheet_name"] = scope_names.label(page.scope)
            args["date_format"] = (
                "dd/mm/yyyy hh:mm:ss" if language == "es" else "mm/dd/yyyy hh:mm:ss"
            )
        snap = page.current_snapshot()
        total = (
            (snap.records if snap is not None else None)
            if whole
            else (None if page.model.busy else page.model.rowCount())
        )
        writers: dict[str, Callable[..., int]] = {
            "csv": export_csv,
            "xlsx": export_xlsx,
            "json": export_json,
        }
        writer = writers[fmt]
        name = context.task_name("export")
        registry = context.tasks
        stop = threading.Event()
        if self._stop is not None:
            self._stop.set()  # a newer export replaces the running one
        self._stop = stop
        self.task_name = name
        self._generation += 1
        generation = self._generation
        self.progress.running(path.name, total)

        async def run() -> int:
            loop = asyncio.get_running_loop()

            def progress(done: int) -> None:
                loop.call_soon_threadsafe(self._progress, generation, name, done, total)

            try:
                count: int = await asyncio.to_thread(
                    writer,
                    store,
                    spec.snapshot_id,
                    path,
                    progress=progress,
                    cancelled=stop.is_set,
                    **args,
                )
            except asyncio.CancelledError:
                stop.set()  # the worker stops at its next check and removes its file
                self._ended(generation)
                raise
            except ExportCancelled:
                self._ended(generation)
                raise asyncio.CancelledError() from None
            except ExportFailed as exc:
                self._ended(generation, failure_text(exc))
                raise
            self._ended(generation)
            return count

        return registry.start(
            name,
            run(),
            kind=A.KIND_EXPORT,
            subject=f"{scope_names.label(page.scope)} → {path.name}",
            target=context.target,
            if_running="replace",
        )

    def cancel(self) -> bool:
        """Stop the running export (its temporary file is removed; the target is untouched)."""
        if self._stop is not None:
            self._stop.set()
        if self.task_name is None:
            return False
        name = self.task_name
        self._ended(self._generation)  # the strip goes at once, even before the worker ran
        return self.page.context.tasks.cancel(name)

    def _progress(self, generation: int, name: str, done: int, total: int | None) -> None:
        if generation != self._generation:
            return
        self.page.context.tasks.progress(name, done, total)
        self.progress.advance(done)

    def _ended(self, generation: int, failure: str | None = None) -> None:
        if generation != self._generation:
            return
        self.task_name = None
        self._stop = None
        if failure:
            self.progress.failed(failure)
        else:
            self.progress.hide()
