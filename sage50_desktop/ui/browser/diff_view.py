"""What changed between two versions (``diffView``): counts, the records, their fields.

Counts and record ids come from the engine's diff (SQL over validity spans;
neither version is loaded); ids are listed lazily (``canFetchMore`` /
``fetchMore``, :data:`ID_PAGE` at a time). For a changed record the changed
fields are shown old → new, highlighted; for an added or removed record its
fields.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QSplitter,
    QTabBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.storage.snapshot_diff import KINDS, DiffSummary, FieldChange
from sage50_desktop.storage.snapshot_records import cell_text, flatten
from sage50_desktop.storage.snapshot_store import SnapshotInfo, SnapshotStore
from sage50_desktop.storage.snapshot_view import QueryRunner
from sage50_desktop.ui import i18n, theme
from sage50_desktop.ui.bridge import GuiBridge
from sage50_desktop.ui.browser.columns import path_label

ID_PAGE = 200
Index = QModelIndex | QPersistentModelIndex
OLD_BG, NEW_BG = QColor(255, 205, 205), QColor(200, 240, 200)
TEXT_ON_BG = QColor(20, 20, 20)
# dark mode: deep red/green behind light text (the palette's own text colour)
OLD_BG_DARK, NEW_BG_DARK = QColor(92, 32, 36), QColor(28, 74, 40)


def diff_colours() -> tuple[QColor, QColor, QColor]:
    """(before background, after background, text) for the palette in use (light or dark)."""
    if theme.is_dark():
        text = QGuiApplication.palette().color(QPalette.ColorRole.Text)
        return OLD_BG_DARK, NEW_BG_DARK, text
    return OLD_BG, NEW_BG, TEXT_ON_BG


class DiffIdsModel(QAbstractListModel):
    """Ids of the records added, changed or removed between two snapshots (lazy)."""

    def __init__(
        self, store: SnapshotStore, runner: QueryRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.ids: list[str] = []
        self.pair: tuple[int, int] | None = None
        self.kind = "changed"
        self.total = 0
        self._loading = False
        self._generation = 0
        self._bridge = GuiBridge(self)

    def set_diff(self, pair: tuple[int, int] | None, kind: str, total: int) -> None:
        self.beginResetModel()
        self._generation += 1
        self.pair, self.kind, self.total = pair, kind, total
        self.ids = []
        self._loading = False
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.ids):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return self.ids[index.row()]
        return None

    def canFetchMore(self, parent: Index) -> bool:
        return (
            not parent.isValid()
            and self.pair is not None
            and not self._loading
            and len(self.ids) < self.total
        )

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        assert self.pair is not None
        self._loading = True
        old, new = self.pair
        offset, kind, generation = len(self.ids), self.kind, self._generation
        future = self.runner.call(lambda: self.store.diff_ids(old, new, kind, offset, ID_PAGE))
        self._bridge.when_done(future, lambda f: self._arrived(generation, f))

    def _arrived(self, generation: int, future: Future[Any]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        try:
            ids = future.result()
        except Exception:  # the snapshot went (retention); list stays short
            self.total = len(self.ids)
            return
        if not ids:
            self.total = len(self.ids)
            return
        self.beginInsertRows(QModelIndex(), len(self.ids), len(self.ids) + len(ids) - 1)
        self.ids.extend(ids)
        self.endInsertRows()


class DiffView(QWidget):
    """Compare two versions of a scope.

    Signals:
        openRecord(int, str): show this record of this snapshot in the table's detail.
    """

    openRecord = Signal(int, str)

    def __init__(
        self, store: SnapshotStore, runner: QueryRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("diffView")
        self.store, self.runner = store, runner
        self.snapshots: list[SnapshotInfo] = []
        self.summary: DiffSummary | None = None
        self._generation = 0
        self._bridge = GuiBridge(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.old_label, self.new_label = QLabel(self), QLabel(self)
        self.old_label.setTextFormat(Qt.TextFormat.PlainText)
        self.new_label.setTextFormat(Qt.TextFormat.PlainText)
        self.old_combo, self.new_combo = QComboBox(self), QComboBox(self)
        self.old_combo.setObjectName("diffOld")
        self.new_combo.setObjectName("diffNew")
        for label, combo in ((self.old_label, self.old_combo), (self.new_label, self.new_combo)):
            label.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._combo_changed)
            row.addWidget(label)
            row.addWidget(combo)
        self.summary_label = QLabel(self)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setObjectName("diffSummary")
        row.addSpacing(12)
        row.addWidget(self.summary_label, 1)
        layout.addLayout(row)
        self.kinds = QTabBar(self)
        self.kinds.setObjectName("diffKinds")
        for _kind in KINDS:
            self.kinds.addTab("")
        self.kinds.setCurrentIndex(1)
        self.kinds.currentChanged.connect(lambda _i: self._show_kind())
        layout.addWidget(self.kinds)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.ids_model = DiffIdsModel(store, runner, self)
        self.ids_view = QListView(split)
        self.ids_view.setObjectName("diffRecords")
        self.ids_view.setModel(self.ids_model)
        self.ids_view.setUniformItemSizes(True)
        self.ids_view.selectionModel().currentChanged.connect(self._record_selected)
        self.ids_view.doubleClicked.connect(self._open_record)
        self.fields = QTableWidget(0, 3, split)
        self.fields.setObjectName("diffFields")
        self.fields.verticalHeader().hide()
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.setWordWrap(False)
        split.addWidget(self.ids_view)
        split.addWidget(self.fields)
        split.setStretchFactor(1, 3)
        split.setSizes([160, 600])
        layout.addWidget(split, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.old_label.setText(self.tr("From"))
        self.new_label.setText(self.tr("to"))
        self.fields.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Before"), self.tr("After")]
        )
        self._update_summary()

    # --- choosing versions ----------------------------------------------------------------
    def set_snapshots(self, snapshots: list[SnapshotInfo]) -> None:
        """The versions to pick from (newest first); defaults to the last two."""
        old_id, new_id = self.pair() or (None, None)
        self.snapshots = list(snapshots)
        for combo in (self.old_combo, self.new_combo):
            combo.blockSignals(True)
            combo.clear()
            for snap in self.snapshots:
                combo.addItem(
                    f"{snap.version} · {i18n.format_datetime(snap.downloaded_at)}", snap.id
                )
            combo.blockSignals(False)
        ids = [s.id for s in self.snapshots]
        if old_id in ids and new_id in ids and old_id != new_id:
            self.compare(old_id, new_id)
        elif len(ids) >= 2:
            self.compare(ids[1], ids[0])
        else:
            self._clear()

    def pair(self) -> tuple[int, int] | None:
        old, new = self.old_combo.currentData(), self.new_combo.currentData()
        return (old, new) if old is not None and new is not None else None

    def compare(self, old_id: int, new_id: int) -> None:
        """Compare two snapshots (given in any order: the older is "before")."""
        seqs = {s.id: s.seq for s in self.snapshots}
        if seqs.get(old_id, 0) > seqs.get(new_id, 0):
            old_id, new_id = new_id, old_id
        for combo, sid in ((self.old_combo, old_id), (self.new_combo, new_id)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(sid)))
            combo.blockSignals(False)
        self._run()

    def _combo_changed(self, _index: int) -> None:
        self._run()

    def _run(self) -> None:
        pair = self.pair()
        self._generation += 1
        self.summary = None
        self.ids_model.set_diff(None, self._kind(), 0)
        self.fields.setRowCount(0)
        if pair is None or pair[0] == pair[1]:
            self._update_summary()
            return
        self.summary_label.setText(self.tr("Comparing…"))
        generation = self._generation
        old, new = pair
        future = self.runner.call(lambda: self.store.diff(old, new))
        self._bridge.when_done(future, lambda f: self._diff_done(generation, f))

    def _diff_done(self, generation: int, future: Future[Any]) -> None:
        if generation != self._generation:
            return
        try:
            self.summary = future.result()
        except Exception as exc:
            self.summary_label.setText(
                self.tr("Could not compare: %1").replace("%1", type(exc).__name__)
            )
            return
        self._update_summary()
        self._show_kind()

    def _clear(self) -> None:
        self.summary = None
        self.ids_model.set_diff(None, self._kind(), 0)
        self.fields.setRowCount(0)
        self._update_summary()

    # --- showing -------------------------------------------------------------------------------
    def _kind(self) -> str:
        return KINDS[max(0, self.kinds.currentIndex())]

    def counts(self) -> tuple[int, int, int] | None:
        s = self.summary
        return (s.added, s.changed, s.removed) if s is not None else None

    def _update_summary(self) -> None:
        s = self.summary
        names = [self.tr("Added"), self.tr("Changed"), self.tr("Removed")]
        for i, name in enumerate(names):
            count = getattr(s, KINDS[i]) if s is not None else None
            self.kinds.setTabText(
                i, name if count is None else f"{name} ({i18n.format_number(count)})"
            )
        if s is None:
            if len(self.snapshots) < 2:
                self.summary_label.setText(
                    self.tr("Only one version is stored: there is nothing to compare yet.")
                )
            elif self.pair() and self.pair()[0] == self.pair()[1]:  # type: ignore[index]
                self.summary_label.setText(self.tr("Pick two different versions."))
            return
        self.summary_label.setText(
            self.tr("%1 added · %2 changed · %3 removed")
            .replace("%1", "+" + i18n.format_number(s.added))
            .replace("%2", "~" + i18n.format_number(s.changed))
            .replace("%3", "−" + i18n.format_number(s.removed))
        )

    def _show_kind(self) -> None:
        kind = self._kind()
        self.fields.setRowCount(0)
        if self.summary is None:
            self.ids_model.set_diff(None, kind, 0)
            return
        self.ids_model.set_diff(
            (self.summary.old, self.summary.new), kind, getattr(self.summary, kind)
        )
        self.ids_model.fetchMore(QModelIndex())

    def _record_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.summary is None:
            return
        record_id = current.data(Qt.ItemDataRole.UserRole)
        old, new, kind = self.summary.old, self.summary.new, self._kind()
        generation = self._generation

        def work() -> list[FieldChange]:
            if kind == "changed":
                return self.store.diff_record(old, new, record_id)
            body = self.store.record(new if kind == "added" else old, record_id) or {}
            return [
                FieldChange(
                    p, v if kind == "removed" else None, v if kind == "added" else None, kind
                )
                for p, v in flatten(body).items()
            ]

        self._bridge.when_done(
            self.runner.call(work), lambda f: self._fields_done(generation, record_id, f)
        )

    def _fields_done(self, generation: int, record_id: str, future: Future[Any]) -> None:
        current = self.ids_view.currentIndex()
        if generation != self._generation or current.data(Qt.ItemDataRole.UserRole) != record_id:
            return
        try:
            changes: list[FieldChange] = future.result()
        except Exception:
            changes = []
        self.fields.setRowCount(len(changes))
        old_bg, new_bg, text_colour = diff_colours()
        for row, change in enumerate(changes):
            name = QTableWidgetItem(path_label(change.path))
            name.setToolTip(change.path)
            before = QTableWidgetItem("" if change.kind == "added" else cell_text(change.old))
            after = QTableWidgetItem("" if change.kind == "removed" else cell_text(change.new))
            if change.kind != "added":
                before.setBackground(QBrush(old_bg))
                before.setForeground(QBrush(text_colour))
            if change.kind != "removed":
                after.setBackground(QBrush(new_bg))
                after.setForeground(QBrush(text_colour))
            for column, item in enumerate((name, before, after)):
                self.fields.setItem(row, column, item)
        self.fields.resizeColumnToContents(0)
        self.fields.resizeColumnToContents(1)

    def _open_record(self, index: QModelIndex) -> None:
        if self.summary is not None and index.isValid():
            snapshot = self.summary.old if self._kind() == "removed" else self.summary.new
            self.openRecord.emit(snapshot, index.data(Qt.ItemDataRole.UserRole))
