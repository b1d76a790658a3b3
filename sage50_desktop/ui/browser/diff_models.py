"""The models of the comparison of two versions: the differing records (lazy) and their colours.

:class:`DiffRowsModel` lists the records added, changed or removed between
two snapshots, a page (:data:`ID_PAGE`) at a time through the query workers
(``canFetchMore``/``fetchMore``, keyset paging by record id, so the millionth
row costs what the first does). Each row holds the record before and after,
so a selected record's field-level before/after needs no further query.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

from sage50_desktop.storage.snapshot_diff import DiffRow, diff_rows
from sage50_desktop.storage.snapshot_view import QueryRunner
from sage50_desktop.ui import theme
from sage50_desktop.ui.bridge import GuiBridge
from sage50_desktop.ui.browser.columns import path_label

ID_PAGE = 200
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the DiffRow
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


@dataclass(frozen=True, slots=True)
class DiffQuery:
    """What the list shows: the two versions (scope, seqs), the kind and the search."""

    scope_id: int
    seq_a: int
    seq_b: int
    kind: str
    search: str | None
    total: int


def _name(record: Any) -> str:
    if isinstance(record, dict):
        for key in ("name", "legalName", "description"):
            value = record.get(key)
            if isinstance(value, str):
                return value
    return ""


class DiffRowsModel(QAbstractTableModel):
    """The records of one kind of difference between two snapshots (lazy, id order).

    Columns: the record id; for a changed record the fields that changed, else its name.
    """

    def __init__(self, runner: QueryRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.rows: list[DiffRow] = []
        self.query: DiffQuery | None = None
        self._summaries: list[str] = []
        self._loading = False
        self._generation = 0
        self._lane = f"diff-rows:{id(self)}"
        self._bridge = GuiBridge(self)

    @property
    def ids(self) -> list[str]:
        return [r.record_id for r in self.rows]

    @property
    def kind(self) -> str:
        return self.query.kind if self.query is not None else "changed"

    def set_query(self, query: DiffQuery | None) -> None:
        self.beginResetModel()
        self._generation += 1
        self.query = query
        self.rows, self._summaries = [], []
        self._loading = False
        self.endResetModel()
        if query is None:
            self.runner.cancel_lane(self._lane)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return self.tr("Record")
        if section == 1:
            return self.tr("Changed fields") if self.kind == "changed" else self.tr("Name")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.UserRole:
            return row.record_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.record_id if index.column() == 0 else self._summaries[index.row()]
        return None

    def canFetchMore(self, parent: Index) -> bool:
        q = self.query
        return (
            not parent.isValid()
            and q is not None
            and not self._loading
            and len(self.rows) < q.total
        )

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        q = self.query
        assert q is not None
        self._loading = True
        after = self.rows[-1].record_id if self.rows else None
        generation = self._generation

        def work(conn: Any) -> list[DiffRow]:
            return diff_rows(
                conn,
                q.scope_id,
                q.seq_a,
                q.seq_b,
                q.kind,
                after=after,
                limit=ID_PAGE,
                search=q.search,
            )

        future = self.runner.submit(self._lane, work)
        self._bridge.when_done(future, lambda f: self._arrived(generation, f))

    def _arrived(self, generation: int, future: Future[Any]) -> None:
        if generation != self._generation or self.query is None:
            return
        self._loading = False
        try:
            rows: list[DiffRow] = future.result()
        except Exception:  # cancelled, or the snapshot went (retention): the list stays short
            rows = []
        if not rows:
            self.query = replace(self.query, total=len(self.rows))
            return
        summaries = [self._summary(r) for r in rows]
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        self.rows.extend(rows)
        self._summaries.extend(summaries)
        self.endInsertRows()

    def relabel(self) -> None:
        """The UI language changed: the headers and the changed fields' labels again."""
        self._summaries = [self._summary(r) for r in self.rows]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self.rows) - 1, 1))

    def _summary(self, row: DiffRow) -> str:
        if row.kind == "changed":
            return ", ".join(path_label(c.path) for c in row.changes())
        return _name(row.new if row.kind == "added" else row.old)

    def row_of(self, index: QModelIndex) -> DiffRow | None:
        value = index.data(ROW_ROLE) if index.isValid() else None
        return value if isinstance(value, DiffRow) else None
