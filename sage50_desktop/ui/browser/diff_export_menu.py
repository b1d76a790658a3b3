"""The comparison's Export ▾ button: the differences to CSV or Excel (XLSX), as a task.

Rows as :mod:`sage50_desktop.services.diff_export` writes them (each says
added / changed / removed and, for a changed record, which fields), in the
UI language: Spanish CSV with ``;``, decimal comma and day/month/year. The
file is written by a worker thread inside a named ``export-changes:`` task, so
the Activity dock lists it; :class:`ExportProgress` shows a bar and Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from sage50_desktop.services import settings as S
from sage50_desktop.services.diff_export import export_diff_csv, export_diff_xlsx
from sage50_desktop.services.export import CsvFlavour, ExportColumn
from sage50_desktop.services.tasks import TaskInfo
from sage50_desktop.services.version_names import short_id
from sage50_desktop.ui import i18n, icons, scope_names
from sage50_desktop.ui.browser.columns import path_label
from sage50_desktop.ui.browser.export_progress import ExportProgress
from sage50_desktop.ui.browser.export_run import ExportRun

if TYPE_CHECKING:
    from sage50_desktop.ui.browser.diff_view import DiffView


def _t(text: str) -> str:
    return QCoreApplication.translate("DiffExport", text)


class DiffExportMenu:
    """The export button of a :class:`DiffView` and the running export's strip."""

    def __init__(self, view: DiffView, parent: QWidget) -> None:
        self.view = view
        self.button = QToolButton(parent)
        self.button.setObjectName("diffExportButton")
        self.button.setIcon(icons.icon("export"))
        self.button.setToolButtonStyle(self.button.toolButtonStyle().ToolButtonTextBesideIcon)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.button.setMenu(self.menu)
        self.as_csv = self.menu.addAction("", lambda: self.choose("csv"))
        self.as_xlsx = self.menu.addAction("", lambda: self.choose("xlsx"))
        self.progress = ExportProgress(parent)
        self.progress.setObjectName("diffExportProgress")
        self.progress.cancel_button.clicked.connect(self.cancel)
        self.run = ExportRun(self.progress)

    def retranslate(self) -> None:
        self.button.setText(_t("Export"))
        self.button.setToolTip(
            _t("Export the differences shown (every kind, with the search applied)")
        )
        self.as_csv.setText(_t("Differences as CSV…"))
        self.as_xlsx.setText(_t("Differences as Excel (XLSX)…"))
        self.progress.retranslate()

    def choose(self, fmt: str) -> None:
        view = self.view
        pair = view.snapshot_pair()
        if pair is None:
            return
        old, new = pair
        suggested = str(
            Path.home()
            / f"{view.scope}-{short_id(old.version)}-{short_id(new.version)}-changes.{fmt}"
        )
        filters = _t("CSV files (*.csv)") if fmt == "csv" else _t("Excel workbooks (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(
            view, _t("Export the differences"), suggested, filters
        )
        if path:
            self.export(Path(path), fmt)

    def export(self, path: Path, fmt: str) -> TaskInfo | None:
        """Write the differences of the two chosen versions to ``path`` (a task)."""
        view = self.view
        pair = view.snapshot_pair()
        context = view.context
        if pair is None or context is None:
            return None
        old, new = pair
        store = view.store
        language = i18n.current_language()
        args: dict[str, Any] = {
            "columns": [ExportColumn(c.path, c.label, c.kind) for c in view.columns],
            "search": view.search_text() or None,
            "headers": {
                "change": _t("Change"),
                "id": _t("Record"),
                "fields": _t("Changed fields"),
                "before": _t("Before"),
            },
            "kind_labels": {
                "added": _t("added"),
                "changed": _t("changed"),
                "removed": _t("removed"),
            },
            "label_for": path_label,
        }
        if fmt == "csv":
            writer: Callable[..., int] = export_diff_csv
            args["flavour"] = CsvFlavour.for_language(
                language, semicolon=bool(context.runtime.settings.get(S.CSV_SEMICOLON))
            )
        else:
            writer = export_diff_xlsx
            args["sheet_name"] = _t("Changes")
            args["date_format"] = (
                "dd/mm/yyyy hh:mm:ss" if language == "es" else "mm/dd/yyyy hh:mm:ss"
            )
        return self.run.start(
            context.tasks,
            context.task_name("export-changes"),
            writer,
            (store, old.id, new.id, path),
            args,
            file_name=path.name,
            total=view.total(),
            subject=f"{scope_names.label(view.scope)} → {path.name}",
            target=context.target,
        )

    @property
    def task_name(self) -> str | None:
        """The running export's task, or None."""
        return self.run.task_name

    def cancel(self) -> bool:
        """Stop the running export (its temporary file is removed; the target is untouched)."""
        return self.run.cancel()
