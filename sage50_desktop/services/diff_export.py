"""Export of the differences between two versions to CSV or XLSX (streaming).

One row per differing record, added first, then changed, then removed (each
in id order), narrowed by the comparison's search like the screen:

``Change | Id | Changed fields | Before | <the scope's columns…>``

* **Change** says ``added``, ``changed`` or ``removed`` (in the UI's words,
  ``kind_labels``);
* **Changed fields** (changed records only) lists the fields that differ, by
  their column labels, and **Before** gives their old values
  (``Net price: 7.5; Name: Cuchillo``), so the row shows before and after;
* the scope's columns hold the record as it is in the newer version (the
  older one for a removed record), with the same cells as a version export:
  CSV in the user's Excel flavour (Spanish ``;``, decimal comma, UTF-8 BOM,
  long digit strings kept as text), XLSX with typed cells.

The file is written like every export (:mod:`sage50_desktop.services.export`):
a temporary file beside the target, moved over it at the end; cancelling or
failing leaves the target as it was. Blocking: run it in a worker thread.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from sage50_desktop.services.export import (
    PROGRESS_EVERY,
    XLSX_MAX_RECORDS,
    CsvFlavour,
    ExportCancelled,
    ExportColumn,
    _abandon,
    _run,
    _sheet_name,
    _too_many,
)
from sage50_desktop.services.export_cells import TEXT, csv_cell, value_at, write_xlsx_cell
from sage50_desktop.storage.snapshot_diff import KINDS, DiffRow
from sage50_desktop.storage.snapshot_records import cell_text
from sage50_desktop.storage.snapshot_store import SnapshotStore

__all__ = ["DiffHeaders", "diff_columns", "export_diff_csv", "export_diff_xlsx"]

Progress = Callable[[int], None]
DiffHeaders = Mapping[str, str]  # "change", "id", "fields", "before" -> header text

_DEFAULT_HEADERS = {
    "change": "Change",
    "id": "Id",
    "fields": "Changed fields",
    "before": "Before",
}


def diff_columns(columns: Sequence[ExportColumn]) -> list[ExportColumn]:
    """The scope's columns after the fixed ones (``id`` is already the second column)."""
    return [c for c in columns if c.path != "id"]


def _rows(
    store: SnapshotStore,
    snapshot_a: int,
    snapshot_b: int,
    search: str | None,
    cancelled: Callable[[], bool] | None,
) -> Iterator[DiffRow]:
    for count, row in enumerate(store.iter_diff(snapshot_a, snapshot_b, search=search)):
        if cancelled is not None and count % 200 == 0 and cancelled():
            raise ExportCancelled()
        yield row


def _described(
    row: DiffRow, label_for: Callable[[str], str], kind_labels: Mapping[str, str]
) -> tuple[str, str, str, Any]:
    """(change, changed fields, before, the record shown) of one row."""
    change = kind_labels.get(row.kind, row.kind)
    if row.kind != "changed":
        return change, "", "", row.new if row.kind == "added" else row.old
    changes = row.changes()
    fields = ", ".join(label_for(c.path) for c in changes)
    before = "; ".join(
        f"{label_for(c.path)}: {'' if c.old is None else cell_text(c.old)}" for c in changes
    )
    return change, fields, before, row.new


def export_diff_csv(
    store: SnapshotStore,
    snapshot_a: int,
    snapshot_b: int,
    path: Path,
    *,
    columns: Sequence[ExportColumn],
    search: str | None = None,
    flavour: CsvFlavour | None = None,
    headers: DiffHeaders | None = None,
    kind_labels: Mapping[str, str] | None = None,
    label_for: Callable[[str], str] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the differences as CSV; returns the number of records written."""
    flavour = flavour or CsvFlavour()
    names = {**_DEFAULT_HEADERS, **(headers or {})}
    labels = kind_labels or {k: k for k in KINDS}
    label = label_for or (lambda p: p)
    cols = diff_columns(columns)

    def write(fh: IO[Any]) -> int:
        writer = csv.writer(fh, delimiter=flavour.delimiter)
        writer.writerow(
            [names["change"], names["id"], names["fields"], names["before"]]
            + [c.label for c in cols]
        )
        count = 0
        for row in _rows(store, snapshot_a, snapshot_b, search, cancelled):
            change, fields, before, record = _described(row, label, labels)
            writer.writerow(
                [
                    change,
                    csv_cell(row.record_id, TEXT, flavour),
                    fields,
                    csv_cell(before, TEXT, flavour),
                ]
                + [csv_cell(value_at(record, c.path, c.kind), c.kind, flavour) for c in cols]
            )
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
        return count

    return _run(path, write, "w", encoding="utf-8-sig", newline="")


def export_diff_xlsx(
    store: SnapshotStore,
    snapshot_a: int,
    snapshot_b: int,
    path: Path,
    *,
    columns: Sequence[ExportColumn],
    search: str | None = None,
    headers: DiffHeaders | None = None,
    kind_labels: Mapping[str, str] | None = None,
    label_for: Callable[[str], str] | None = None,
    sheet_name: str = "Changes",
    date_format: str = "dd/mm/yyyy hh:mm:ss",
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the differences as an XLSX workbook with typed cells; returns the records written."""
    import xlsxwriter  # type: ignore[import-untyped]  # noqa: PLC0415 - only exports need it

    names = {**_DEFAULT_HEADERS, **(headers or {})}
    labels = kind_labels or {k: k for k in KINDS}
    label = label_for or (lambda p: p)
    cols = diff_columns(columns)

    def write(fh: IO[Any]) -> int:
        book = xlsxwriter.Workbook(
            fh,
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "in_memory": False,
                "tmpdir": str(Path(path).parent),
            },
        )
        bold = book.add_format({"bold": True})
        dates = book.add_format({"num_format": date_format})
        sheet = book.add_worksheet(_sheet_name(sheet_name))
        sheet.freeze_panes(1, 2)
        fixed = [names["change"], names["id"], names["fields"], names["before"]]
        for index, text in enumerate(fixed):
            sheet.set_column(index, index, (12, 14, 28, 40)[index])
            sheet.write_string(0, index, text, bold)
        for offset, column in enumerate(cols):
            index = len(fixed) + offset
            sheet.set_column(
                index,
                index,
                max(10, min(40, len(column.label) + 2)),
                dates if column.kind == "datetime" else None,
            )
            sheet.write_string(0, index, column.label, bold)
        count = 0
        try:
            for row in _rows(store, snapshot_a, snapshot_b, search, cancelled):
                if count >= XLSX_MAX_RECORDS:
                    raise _too_many()
                count += 1
                change, fields, before, record = _described(row, label, labels)
                sheet.write_string(count, 0, change)
                sheet.write_string(count, 1, row.record_id)
                if fields:
                    sheet.write_string(count, 2, fields)
                if before:
                    sheet.write_string(count, 3, before)
                for offset, column in enumerate(cols):
                    index = len(fixed) + offset
                    write_xlsx_cell(
                        sheet,
                        count,
                        index,
                        value_at(record, column.path, column.kind),
                        column.kind,
                        dates,
                    )
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress(count)
        except BaseException:
            _abandon(book)
            raise
        book.close()
        return count

    return _run(path, write, "wb")
