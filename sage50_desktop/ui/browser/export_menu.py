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

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from sage50_desktop.services import settings as S
from sage50_desktop.services.export import (
    CsvFlavour,
    ExportColumn,
    export_csv,
    export_json,
    export_xlsx,
)
from sage50_desktop.services.tasks import TaskInfo
from sage50_desktop.services.version_names import short_id
from sage50_desktop.ui import i18n, icons, scope_names
from sage50_desktop.ui.browser.columns import path_label
from sage50_desktop.ui.browser.export_progress import ExportProgress
from sage50_desktop.ui.browser.export_run import ExportRun

if TYPE_CHECKING:
    from sage50_desktop.ui.browser.page import ScopePage

SUFFIX = {"csv": "csv", "xlsx": "xlsx", "json": "json"}


def _t(text: str) -> str:
    return QCoreApplication.translate("ExportMenu", text)


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
        self.run = ExportRun(self.progress)

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
        return self.run.start(
            context.tasks,
            context.task_name("export"),
            writers[fmt],
            (store, spec.snapshot_id, path),
            args,
            file_name=path.name,
            total=total,
            subject=f"{scope_names.label(page.scope)} → {path.name}",
            target=context.target,
        )

    @property
    def task_name(self) -> str | None:
        """The running export's task, or None."""
        return self.run.task_name

    def cancel(self) -> bool:
        """Stop the running export (its temporary file is removed; the target is untouched)."""
        return self.run.cancel()
