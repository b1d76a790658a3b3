"""Snapshot history (``snapshotList``): every stored version with time, records and changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.storage.snapshot_store import SnapshotInfo
from sage50_desktop.ui import i18n
from sage50_desktop.ui.browser import versions

SNAPSHOT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class SnapshotsModel(QAbstractTableModel):
    """The stored versions of a scope, newest first (a few dozen at most)."""

    COLUMNS = ("version", "downloaded", "records", "added", "changed", "removed", "warnings")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.snapshots: list[SnapshotInfo] = []
        self.current: int | None = None

    def set_snapshots(self, snapshots: list[SnapshotInfo], current: int | None) -> None:
        self.beginResetModel()
        self.snapshots = list(snapshots)
        self.current = current
        self.endResetModel()

    def set_current(self, snapshot_id: int | None) -> None:
        self.current = snapshot_id
        if self.snapshots:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.snapshots) - 1, len(self.COLUMNS) - 1)
            )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.snapshots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return [
                self.tr("Version"),
                self.tr("Downloaded"),
                self.tr("Records"),
                self.tr("Added"),
                self.tr("Changed"),
                self.tr("Removed"),
                self.tr("Schema warnings"),
            ][section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.snapshots):
            return None
        snap = self.snapshots[index.row()]
        key = self.COLUMNS[index.column()]
        if role == SNAPSHOT_ID_ROLE:
            return snap.id
        if role == Qt.ItemDataRole.FontRole and snap.id == self.current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("version", "downloaded"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key == "warnings" and snap.warnings:
            examples = "\n".join(
                f"{e.get('id')}: {e.get('path')} — {e.get('message')}"
                for e in snap.warning_examples[:8]
            )
            return (
                self.tr(
                    "%1 of %2 checked records do not match the schema; records are "
                    "kept as delivered."
                )
                .replace("%1", i18n.format_number(snap.warnings))
                .replace("%2", i18n.format_number(snap.warnings_checked))
                + "\n"
                + examples
            )
        if role == Qt.ItemDataRole.ToolTipRole and key == "version":
            return versions.version_tooltip(snap)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if key == "version":  # a short id (full in the tooltip); "(current)" marks the latest
            first = self.snapshots[-1].id == snap.id and snap.added == snap.records
            latest = self.snapshots[0].id == snap.id
            return (
                versions.short_id(snap.version)
                + (" " + self.tr("(current)") if latest else "")
                + (" " + self.tr("(first)") if first and len(self.snapshots) > 1 else "")
            )
        if key == "downloaded":
            return i18n.format_datetime(snap.downloaded_at)
        if key == "warnings":
            return i18n.format_number(snap.warnings) if snap.warnings else "—"
        value = getattr(snap, key)
        prefix = {"added": "+", "changed": "~", "removed": "−"}.get(key, "")
        return prefix + i18n.format_number(value) if value or key == "records" else "—"


class HistoryPanel(QWidget):
    """The versions list with Open and Compare.

    Signals:
        openRequested(int): show this snapshot in the table.
        compareRequested(int, int): compare these two snapshots (older, newer or any order).
    """

    openRequested = Signal(int)
    compareRequested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = SnapshotsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("snapshotList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(
            lambda index: self.openRequested.emit(index.data(SNAPSHOT_ID_ROLE))
        )
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setObjectName("historyHint")
        row.addWidget(self.hint, 1)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openVersion")
        self.open_button.clicked.connect(self._open)
        self.compare_button = QPushButton(self)
        self.compare_button.setObjectName("compareVersions")
        self.compare_button.clicked.connect(self._compare)
        row.addWidget(self.open_button)
        row.addWidget(self.compare_button)
        layout.addLayout(row)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        # the headers' words changed: their sections size to the new words (Spanish's
        # "Modificado" is wider than "Changed": kept at the old width, it was cut)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.model.COLUMNS) - 1)
        self.open_button.setText(self.tr("&Open version"))
        self.compare_button.setText(self.tr("Co&mpare…"))
        self.compare_button.setToolTip(
            self.tr("Compare the two selected versions (one selected: with the version before it)")
        )
        self.hint.setText(
            self.tr("Double-click a version to browse it; select two to compare them.")
        )

    def set_snapshots(self, snapshots: list[SnapshotInfo], current: int | None) -> None:
        self.model.set_snapshots(snapshots, current)
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.snapshots[r].id for r in rows]

    def _update_buttons(self, *_args: Any) -> None:
        ids = self.selected_ids()
        self.open_button.setEnabled(len(ids) == 1)
        self.compare_button.setEnabled(len(self.model.snapshots) >= 2 and len(ids) <= 2)

    def _open(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.openRequested.emit(ids[0])

    def _compare(self) -> None:
        snaps = self.model.snapshots
        ids = self.selected_ids()
        if len(ids) == 2:
            self.compareRequested.emit(ids[1], ids[0])
        elif len(ids) == 1:
            row = next(i for i, s in enumerate(snaps) if s.id == ids[0])
            if row + 1 < len(snaps):
                self.compareRequested.emit(snaps[row + 1].id, ids[0])
            else:
                self.compareRequested.emit(ids[0], snaps[row - 1].id)
        elif len(snaps) >= 2:
            self.compareRequested.emit(snaps[1].id, snaps[0].id)
