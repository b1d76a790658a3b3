"""The comparison of two versions of a data set (``diffView``, the scope page's Compare tab).

``From [version ▾] to [version ▾] [⇄]  summary``
``[Added (3)] [Changed (5)] [Removed (2)]   [search in the differences…] [Export ▾]``
records of that kind (lazy) | their fields, before → after (changed ones highlighted)

Counts come from the engine's diff (SQL over validity spans in
:mod:`sage50_desktop.storage.snapshot_diff`; neither version is loaded),
counted in a named task (``compare:…``) on the query workers, so a big
comparison can be cancelled and never blocks the window; the records are
listed a page at a time (:class:`~sage50_desktop.ui.browser.diff_models.DiffRowsModel`).
The search narrows counts and records to those whose id or fields (before or
after) contain the text. Export writes every kind (with the search) to CSV or
XLSX (:mod:`sage50_desktop.ui.browser.diff_export_menu`).

States: empty (fewer than two versions, or the same one twice), loading
(counting, with Cancel), error (with "Try again"), content.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabBar,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.services import activity as A
from sage50_desktop.storage.snapshot_diff import KINDS, DiffRow, DiffSummary, diff_counts
from sage50_desktop.storage.snapshot_records import cell_text, flatten
from sage50_desktop.storage.snapshot_store import SnapshotInfo, SnapshotStore
from sage50_desktop.storage.snapshot_view import QueryCancelled, QueryRunner
from sage50_desktop.ui import errors, i18n, icons, scope_names
from sage50_desktop.ui.browser import versions
from sage50_desktop.ui.browser.columns import Column, path_label
from sage50_desktop.ui.browser.diff_export_menu import DiffExportMenu
from sage50_desktop.ui.browser.diff_models import (
    NEW_BG,
    NEW_BG_DARK,
    OLD_BG,
    OLD_BG_DARK,
    TEXT_ON_BG,
    DiffQuery,
    DiffRowsModel,
    diff_colours,
)
from sage50_desktop.ui.widgets.state_view import StateView
from sage50_desktop.ui.widgets.wrap_label import ElidedLabel

if TYPE_CHECKING:
    from sage50_desktop.ui.pages import PageContext

__all__ = [
    "NEW_BG",
    "NEW_BG_DARK",
    "OLD_BG",
    "OLD_BG_DARK",
    "TEXT_ON_BG",
    "DiffView",
    "diff_colours",
]

SEARCH_DELAY_MS = 250


class DiffView(QWidget):
    """Compare two versions of a scope.

    Signals:
        openRecord(int, str): show this record of this snapshot in the records tab.
    """

    openRecord = Signal(int, str)

    def __init__(
        self,
        store: SnapshotStore,
        runner: QueryRunner,
        parent: QWidget | None = None,
        *,
        context: PageContext | None = None,
        scope: str = "",
        columns: list[Column] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("diffView")
        self.store, self.runner, self.context = store, runner, context
        self.scope = scope
        self.columns = list(columns or [])
        self.snapshots: list[SnapshotInfo] = []
        self.summary: DiffSummary | None = None
        self.failure: BaseException | None = None
        self._generation = 0
        self._lane = f"diff-counts:{id(self)}"
        self._task_name = context.task_name("compare") if context is not None else None
        self._alive = [True]  # False once the widget is gone: a late result touches nothing
        alive, name = self._alive, self._task_name
        tasks = context.tasks if context is not None else None

        def gone(*_args: Any) -> None:
            alive[0] = False
            if tasks is not None and name is not None:
                tasks.cancel(name)

        self.destroyed.connect(gone)
        self._build()
        self.retranslate()
        self._show_state()

    # --- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self._run(keep_content=True))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        self.old_label, self.new_label = QLabel(self), QLabel(self)
        self.old_combo, self.new_combo = QComboBox(self), QComboBox(self)
        self.old_combo.setObjectName("diffOld")
        self.new_combo.setObjectName("diffNew")
        for label, combo in ((self.old_label, self.old_combo), (self.new_label, self.new_combo)):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(combo)
            # bounded: long labels elide (full text in the tooltip), the row never widens the window
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(22)
            combo.currentIndexChanged.connect(self._combo_changed)
            row.addWidget(label)
            row.addWidget(combo)
        self.swap_button = QToolButton(self)
        self.swap_button.setObjectName("diffSwap")
        self.swap_button.setText("⇄")
        self.swap_button.clicked.connect(self.swap)
        row.addWidget(self.swap_button)
        self.summary_label = ElidedLabel("", self)  # elided with a tooltip when short of room
        self.summary_label.setObjectName("diffSummary")
        row.addSpacing(8)
        row.addWidget(self.summary_label, 1)
        outer.addLayout(row)

        self.view = StateView(self)
        body = QWidget(self.view)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        self.kinds = QTabBar(body)
        self.kinds.setObjectName("diffKinds")
        self.kinds.setExpanding(False)
        self.kinds.setDrawBase(False)
        for _kind in KINDS:
            self.kinds.addTab("")
        self.kinds.setCurrentIndex(1)
        self.kinds.currentChanged.connect(lambda _i: self._show_kind())
        tools.addWidget(self.kinds)
        self.search = QLineEdit(body)
        self.search.setObjectName("diffSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        tools.addWidget(self.search, 1)
        self.export_menu = DiffExportMenu(self, body)
        tools.addWidget(self.export_menu.button)
        layout.addLayout(tools)
        layout.addWidget(self.export_menu.progress)

        split = QSplitter(Qt.Orientation.Horizontal, body)
        self.ids_model = DiffRowsModel(self.runner, self)
        self.ids_view = QTableView(split)
        self.ids_view.setObjectName("diffRecords")
        self.ids_view.setModel(self.ids_model)
        self.ids_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ids_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.ids_view.setWordWrap(False)
        self.ids_view.verticalHeader().hide()
        self.ids_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.ids_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.ids_view.horizontalHeader().setStretchLastSection(True)
        self.ids_view.horizontalHeader().resizeSection(0, 110)
        self.ids_view.selectionModel().currentRowChanged.connect(self._record_selected)
        self.ids_view.doubleClicked.connect(self._open_record)
        right = QWidget(split)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.unchanged = QCheckBox(right)
        self.unchanged.setObjectName("diffUnchanged")
        self.unchanged.toggled.connect(lambda _on: self._show_fields())
        right_layout.addWidget(self.unchanged)
        self.fields = QTableWidget(0, 3, right)
        self.fields.setObjectName("diffFields")
        self.fields.verticalHeader().hide()
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.setWordWrap(False)
        right_layout.addWidget(self.fields, 1)
        split.addWidget(self.ids_view)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 500])
        layout.addWidget(split, 1)
        self.view.set_content(body)
        outer.addWidget(self.view, 1)

    def retranslate(self) -> None:
        self.old_label.setText(self.tr("&From"))
        self.new_label.setText(self.tr("&to"))
        self.swap_button.setToolTip(self.tr("Swap the two versions"))
        self.search.setPlaceholderText(self.tr("Search the changes…"))
        self.search.setToolTip(
            self.tr("Only the records whose id or fields (before or after) contain this text")
        )
        self.unchanged.setText(self.tr("Show unchanged fields too"))
        self.fields.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Before"), self.tr("After")]
        )
        self.export_menu.retranslate()
        self.ids_model.relabel()
        self._show_fields()
        if self.snapshots:
            self._fill_combos()
        self._update_summary()
        self._show_state()

    # --- choosing versions ---------------------------------------------------------------------
    def set_snapshots(self, snapshots: list[SnapshotInfo]) -> None:
        """The versions to pick from (newest first); defaults to the last two."""
        old_id, new_id = self.pair() or (None, None)
        before = [s.id for s in self.snapshots]
        # the default pair (the latest two) follows new versions; a chosen pair stays
        was_default = len(before) >= 2 and (old_id, new_id) == (before[1], before[0])
        self.snapshots = list(snapshots)
        self._fill_combos()
        ids = [s.id for s in self.snapshots]
        if not was_default and old_id in ids and new_id in ids and old_id != new_id:
            self.compare(old_id, new_id)
        elif len(ids) >= 2:
            self.compare(ids[1], ids[0])
        else:
            self._run()

    def _fill_combos(self) -> None:
        for combo in (self.old_combo, self.new_combo):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for snap in self.snapshots:
                text = versions.version_label(snap)
                if snap.id == self.snapshots[0].id:
                    text += " " + self.tr("(latest)")
                combo.addItem(text, snap.id)
                combo.setItemData(
                    combo.count() - 1, versions.version_tooltip(snap), Qt.ItemDataRole.ToolTipRole
                )
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self._combo_tooltips()

    def _combo_tooltips(self) -> None:
        for combo in (self.old_combo, self.new_combo):
            snap = self._snap(combo.currentData())
            combo.setToolTip(versions.version_tooltip(snap) if snap else "")

    def _snap(self, snapshot_id: Any) -> SnapshotInfo | None:
        return next((s for s in self.snapshots if s.id == snapshot_id), None)

    def pair(self) -> tuple[int, int] | None:
        old, new = self.old_combo.currentData(), self.new_combo.currentData()
        return (old, new) if old is not None and new is not None else None

    def snapshot_pair(self) -> tuple[SnapshotInfo, SnapshotInfo] | None:
        """The two versions compared, older first (None unless two different ones)."""
        pair = self.pair()
        if pair is None or pair[0] == pair[1]:
            return None
        old, new = self._snap(pair[0]), self._snap(pair[1])
        if old is None or new is None:
            return None
        return (old, new) if old.seq <= new.seq else (new, old)

    def compare(self, old_id: int, new_id: int) -> None:
        """Compare two snapshots (given in any order: the older is "before")."""
        seqs = {s.id: s.seq for s in self.snapshots}
        if seqs.get(old_id, 0) > seqs.get(new_id, 0):
            old_id, new_id = new_id, old_id
        for combo, sid in ((self.old_combo, old_id), (self.new_combo, new_id)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(sid)))
            combo.blockSignals(False)
        self._combo_tooltips()
        self._run()

    def swap(self) -> None:
        pair = self.pair()
        if pair is not None:
            for combo, sid in ((self.old_combo, pair[1]), (self.new_combo, pair[0])):
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(sid)))
                combo.blockSignals(False)
            self._combo_tooltips()
            self._run()

    def _combo_changed(self, _index: int) -> None:
        self._combo_tooltips()
        self._run()

    def search_text(self) -> str:
        return self.search.text().strip()

    # --- counting (a task) -----------------------------------------------------------------------
    def _run(self, keep_content: bool = False) -> None:
        self._search_timer.stop()
        self._generation += 1
        generation = self._generation
        self.summary = None
        self.failure = None
        self.ids_model.set_query(None)
        self.fields.setRowCount(0)
        pair = self.snapshot_pair()
        if pair is None:
            self._cancel_count()
            self._update_summary()
            self._show_state()
            return
        old, new = pair
        search = self.search_text() or None
        self.summary_label.setText(self.tr("Comparing…"))
        if not keep_content:
            self.view.show_loading(
                self.tr("Comparing %1 with %2…")
                .replace("%1", versions.version_label(old))
                .replace("%2", versions.version_label(new)),
                (self.tr("Cancel"), self.cancel),
            )
        coro = self._count(generation, old, new, search)
        if self.context is None or self._task_name is None:  # no page around it (tests)
            asyncio.get_running_loop().create_task(coro)
            return
        self.context.tasks.start(
            self._task_name,
            coro,
            kind=A.KIND_COMPARE,
            subject=scope_names.label(self.scope),
            target=self.context.target,
            quiet=True,
            if_running="replace",
        )

    async def _count(
        self, generation: int, old: SnapshotInfo, new: SnapshotInfo, search: str | None
    ) -> DiffSummary:
        future = self.runner.submit(
            self._lane, lambda conn: diff_counts(conn, old.scope_id, old.seq, new.seq, search)
        )
        try:
            added, changed, removed = await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            # cancelled from outside (Activity, shutdown); a newer run has a newer generation
            if self._alive[0] and generation == self._generation:
                self.runner.cancel_lane(self._lane)
                self._cancelled()
            raise
        except QueryCancelled:  # a newer comparison took the lane: not a failure
            raise asyncio.CancelledError() from None
        except Exception as exc:
            if self._alive[0] and generation == self._generation:
                self.failure = exc
                self._update_summary()
                self._show_state()
            raise
        summary = DiffSummary(old.id, new.id, added, changed, removed)
        if self._alive[0] and generation == self._generation:
            self.summary = summary
            self._update_summary()
            self._show_state()
            self._show_kind()
        return summary

    def cancel(self) -> None:
        """Stop counting (the comparison shows "cancelled" with "Compare again")."""
        self._cancel_count()
        self._cancelled()  # at once, even if the task had not started

    def _cancel_count(self) -> bool:
        self.runner.cancel_lane(self._lane)
        if self.context is not None and self._task_name is not None:
            return self.context.tasks.cancel(self._task_name)
        return False

    def _cancelled(self) -> None:
        self._generation += 1
        self.summary = None
        self.view.show_empty(
            self.tr("Comparison cancelled"),
            self.tr("The two versions were not compared."),
            (self.tr("Compare again"), lambda: self._run()),
            icons.icon("scope"),
        )
        self.summary_label.setText("")

    def total(self) -> int | None:
        s = self.summary
        return s.added + s.changed + s.removed if s is not None else None

    # --- showing -------------------------------------------------------------------------------
    def _kind(self) -> str:
        return KINDS[max(0, self.kinds.currentIndex())]

    def counts(self) -> tuple[int, int, int] | None:
        s = self.summary
        return (s.added, s.changed, s.removed) if s is not None else None

    def _show_state(self) -> None:
        if self.failure is not None:
            self.view.show_error(
                self.tr("These versions could not be compared"),
                errors.describe(self.failure),
                (self.tr("Try again"), lambda: self._run()),
            )
        elif len(self.snapshots) < 2:
            self.view.show_empty(
                self.tr("Nothing to compare yet"),
                self.tr(
                    "Only one version of this data set is stored. When Sage 50 publishes a "
                    "new one and it is downloaded, compare them here: what was added, "
                    "changed and removed, field by field."
                ),
                None,
                icons.icon("scope"),
            )
        elif self.snapshot_pair() is None:
            self.view.show_empty(
                self.tr("Pick two different versions"),
                self.tr("Choose an older version in “From” and a newer one in “to”."),
                None,
                icons.icon("scope"),
            )
        elif self.summary is not None:
            self.view.show_content()

    def _update_summary(self) -> None:
        s = self.summary
        names = [self.tr("Added"), self.tr("Changed"), self.tr("Removed")]
        for i, name in enumerate(names):
            count = getattr(s, KINDS[i]) if s is not None else None
            self.kinds.setTabText(
                i, name if count is None else f"{name} ({i18n.format_number(count)})"
            )
        if s is None:
            self.summary_label.setText("")
            return
        text = (
            self.tr("%1 added · %2 changed · %3 removed")
            .replace("%1", "+" + i18n.format_number(s.added))
            .replace("%2", "~" + i18n.format_number(s.changed))
            .replace("%3", "−" + i18n.format_number(s.removed))
        )
        if self.search_text():
            text += " " + self.tr("(matching the search)")
        self.summary_label.setText(text)

    def _show_kind(self) -> None:
        kind = self._kind()
        self.fields.setRowCount(0)
        pair = self.snapshot_pair()
        s = self.summary
        if s is None or pair is None:
            self.ids_model.set_query(None)
            return
        old, new = pair
        self.ids_model.set_query(
            DiffQuery(
                old.scope_id, old.seq, new.seq, kind, self.search_text() or None, getattr(s, kind)
            )
        )
        self.ids_model.fetchMore(QModelIndex())

    def current_row(self) -> DiffRow | None:
        return self.ids_model.row_of(self.ids_view.currentIndex())

    def _record_selected(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_fields()

    def _show_fields(self) -> None:
        row = self.current_row()
        self.fields.setRowCount(0)
        if row is None:
            return
        changes = row.changes()
        changed = {c.path for c in changes}
        lines: list[tuple[str, Any, Any, str]] = [(c.path, c.old, c.new, c.kind) for c in changes]
        if self.unchanged.isChecked() and row.kind == "changed":
            lines += [
                (path, value, value, "same")
                for path, value in flatten(row.new).items()
                if path not in changed
            ]
        self.fields.setRowCount(len(lines))
        old_bg, new_bg, text_colour = diff_colours()
        bold = QFont(self.fields.font())
        bold.setBold(True)
        for r, (path, old, new, kind) in enumerate(lines):
            name = QTableWidgetItem(path_label(path))
            name.setToolTip(path)
            before = QTableWidgetItem("" if kind == "added" else cell_text(old))
            after = QTableWidgetItem("" if kind == "removed" else cell_text(new))
            before.setToolTip(before.text())
            after.setToolTip(after.text())
            if kind != "same":
                name.setFont(bold)
                if kind != "added":
                    before.setBackground(QBrush(old_bg))
                    before.setForeground(QBrush(text_colour))
                if kind != "removed":
                    after.setBackground(QBrush(new_bg))
                    after.setForeground(QBrush(text_colour))
            for column, item in enumerate((name, before, after)):
                self.fields.setItem(r, column, item)
        self.fields.resizeColumnToContents(0)
        self.fields.setColumnWidth(1, max(120, min(260, self.fields.sizeHintForColumn(1) + 12)))

    def _open_record(self, index: QModelIndex) -> None:
        row = self.ids_model.row_of(index)
        pair = self.snapshot_pair()
        if row is not None and pair is not None:
            snapshot = pair[0] if row.kind == "removed" else pair[1]
            self.openRecord.emit(snapshot.id, row.record_id)

    def close_down(self) -> None:
        """The page goes: stop counting and listing."""
        self._cancel_count()
        self.ids_model.set_query(None)
