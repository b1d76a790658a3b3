"""The records table's view: a ``QTableView`` set up for a million lazily read rows.

One owner for how the browser's table is configured, so the page and the
benchmark (``bench/bench_browser.py``) measure the same table. Nothing in it
may cost time proportional to the row count on a model reset or a change of
the row count:

* the vertical header is hidden and its sections ``Fixed`` at one default
  height (no per-row size hints, never ``resizeRowsToContents``): rows are
  laid out by arithmetic, not by asking the model for each row;
* the horizontal header has a default width (130 px) and no
  ``ResizeToContents`` (which would ask the model about every row);
* columns the scope hides by default (long descriptions…) are hidden: every
  painted cell costs a text layout (~0.1 ms), whatever its length;
* a new sort order is shown from its first row (``RecordsModel.sortShown``
  scrolls to the top), so a sort never reads a deep page of the new order;
* when the row count changes (a new view swapped in, a count made exact) the
  table lays itself out at once instead of at its next pass of the event loop:
  laid out after the repaint the swap had asked for, the new scroll range
  repainted the whole table a second time, right after the first (a search at
  1,000,000 records: two ~25 ms repaints back to back, the GUI's longest stall);
* cells are drawn without text shaping for scripts that need none (Latin:
  ``QFont.PreferNoShaping``, no kerning or ligatures): a full repaint of the
  viewport — every scroll jump, every page arriving — costs ~25 % less. The
  font is otherwise inherited (only the style strategy is set).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from sage50_desktop.ui.browser.records_model import RecordsModel

COLUMN_WIDTH = 130


def row_height(table: QTableView) -> int:
    """The fixed height of every row: one line of the table's font."""
    return table.fontMetrics().height() + 8


def setup_records_table(table: QTableView, model: RecordsModel) -> None:
    """Show ``model`` in ``table``, configured for the browser's records."""
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    font = QFont()  # resolves nothing but the strategy: family and size stay inherited
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    table.setFont(font)
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    model.sortShown.connect(table.scrollToTop)  # a new order is read from its top
    # after the table's own handlers (connected by setModel): one layout, one repaint
    model.rowsInserted.connect(table.executeDelayedItemsLayout)
    model.rowsRemoved.connect(table.executeDelayedItemsLayout)
    vheader = table.verticalHeader()
    vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vheader.setDefaultSectionSize(row_height(table))
    vheader.hide()
    hheader = table.horizontalHeader()
    hheader.setSectionsMovable(True)
    hheader.setDefaultSectionSize(COLUMN_WIDTH)
    for i, column in enumerate(model.columns):
        table.setColumnHidden(i, not column.visible)
