"""Export of a snapshot, or the current view of it, to CSV, XLSX or JSON (streaming).

* **What**: a whole version (every field, nested ones flattened into dotted
  paths, in first-seen order) or the table's current view: its search and
  filters, its **sort order** and its **visible columns**, in their order.
  Headers are the UI's column labels (``label_for`` names the rest).
* **CSV**: UTF-8 with BOM; for Spanish ``;``, decimal comma and local dates
  (:class:`~sage50_desktop.services.export_cells.CsvFlavour`); long digit
  strings kept as text; formula-like text neutralised (OWASP CSV injection).
* **XLSX**: typed cells (numbers, booleans, date-times, text) via XlsxWriter
  in ``constant_memory`` mode: each row is written out as the next begins, so
  a million rows never sit in memory. At most 1,048,575 records (Excel's row
  limit): more is a clear error that suggests CSV.
* **JSON**: an array of the stored record bodies, copied without re-parsing.

**The file**: written to a temporary file created exclusively (random name,
``O_EXCL``, symlinks not followed) beside the target, then moved over it
(``os.replace``: a link at the target is replaced, never followed). Only a
regular file is ever replaced: a folder, a link or a device at the target is
refused with :class:`ExportTargetError`. Cancelling (``cancelled()`` turns
true) or failing removes the temporary file and leaves the target as it was.

Nothing holds the snapshot in memory; the work is blocking, so call it with
``asyncio.to_thread`` from the GUI.
"""

from __future__ import annotations

import csv
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import orjson

from sage50_desktop.services.export_cells import (
    CsvFlavour,
    ExportColumn,
    csv_cell,
    value_at,
    write_xlsx_cell,
)
from sage50_desktop.storage.snapshot_export import iter_view_bodies
from sage50_desktop.storage.snapshot_records import flatten
from sage50_desktop.storage.snapshot_store import SnapshotStore

__all__ = [
    "CsvFlavour",
    "ExportCancelled",
    "ExportColumn",
    "ExportFailed",
    "ExportTargetError",
    "XLSX_MAX_RECORDS",
    "export_csv",
    "export_json",
    "export_xlsx",
]

Progress = Callable[[int], None]
XLSX_MAX_RECORDS = 1_048_575  # Excel's 1,048,576 rows, less the header
PROGRESS_EVERY = 2000


class ExportFailed(Exception):
    """The export could not be written; nothing was replaced.

    ``reason`` names the case for a translated message: ``folder``,
    ``not_regular``, ``no_folder``, ``permission``, ``disk_full``,
    ``too_many`` or ``io``; ``path`` is the chosen target.
    """

    hint = "The export was not written. Check the folder and the free space, then try again."

    def __init__(
        self, message: str, hint: str | None = None, *, reason: str = "io", path: Path | None = None
    ) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint
        self.reason = reason
        self.path = path


class ExportTargetError(ExportFailed):
    """The chosen target cannot be written (a folder, a link, a missing folder)."""


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written."""


# --- the target file ---------------------------------------------------------------------
def check_target(path: Path) -> None:
    """Refuse anything but a new name or a regular file in an existing folder."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        parent = path.parent
        if not parent.is_dir():
            raise ExportTargetError(
                f"no such folder: {parent}",
                f"The folder {parent} does not exist. Choose another folder.",
                reason="no_folder",
                path=path,
            ) from None
        return
    if stat.S_ISDIR(info.st_mode):
        raise ExportTargetError(
            f"{path} is a folder",
            f"{path} is a folder. Choose a file name, not a folder.",
            reason="folder",
            path=path,
        )
    if not stat.S_ISREG(info.st_mode):
        raise ExportTargetError(
            f"{path} is not a regular file",
            f"{path} is not a regular file (a link, a device or a pipe); "
            "the export only replaces regular files. Choose another "
            "name.",
            reason="not_regular",
            path=path,
        )


class _Target:
    """A temporary file beside ``path``, moved over it on :meth:`commit`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        check_target(self.path)
        try:
            fd, tmp = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
            )  # O_CREAT|O_EXCL|O_NOFOLLOW, random name
        except OSError as exc:
            raise _failed(exc, self.path) from None
        self.fd = fd
        self.tmp = Path(tmp)

    def open(self, mode: str, **kwargs: Any) -> IO[Any]:
        return os.fdopen(self.fd, mode, **kwargs)

    def commit(self) -> None:
        check_target(self.path)  # nothing changed into a folder or a link meanwhile
        try:
            os.replace(self.tmp, self.path)
        except IsADirectoryError:
            raise ExportTargetError(
                f"{self.path} is a folder",
                f"{self.path} is a folder. Choose a file name, not a folder.",
                reason="folder",
                path=self.path,
            ) from None
        except OSError as exc:
            raise _failed(exc, self.path) from None

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)


def _failed(exc: OSError, path: Path) -> ExportFailed:
    if exc.errno == errno.ENOSPC:
        return ExportFailed(
            f"the disk is full writing {path.name}",
            "The disk is full. Free some space or choose another drive, then export again.",
            reason="disk_full",
            path=path,
        )
    if isinstance(exc, PermissionError):
        return ExportTargetError(
            f"no permission to write {path}",
            f"This app may not write to {path.parent}. Choose another folder.",
            reason="permission",
            path=path,
        )
    return ExportFailed(f"{path.name} could not be written: {exc.strerror or exc}", path=path)


def _run(path: Path, write: Callable[[IO[Any]], int], mode: str, **open_args: Any) -> int:
    target = _Target(path)
    try:
        try:
            with target.open(mode, **open_args) as fh:
                count = write(fh)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise _failed(exc, path) from None
        target.commit()
        return count
    finally:
        target.discard()


# --- rows --------------------------------------------------------------------------------
def _rows(
    store: SnapshotStore,
    snapshot_id: int,
    search_text: str | None,
    filters: Mapping[str, Any] | None,
    sort_column: str | None,
    descending: bool,
    cancelled: Callable[[], bool] | None,
) -> Iterator[Any]:
    for count, body in enumerate(
        iter_view_bodies(
            store,
            snapshot_id,
            search_text=search_text,
            filters=filters,
            sort_column=sort_column,
            descending=descending,
        )
    ):
        if cancelled is not None and count % 500 == 0 and cancelled():
            raise ExportCancelled()
        yield orjson.loads(body)


def _all_columns(
    store: SnapshotStore,
    snapshot_id: int,
    search_text: str | None,
    filters: Mapping[str, Any] | None,
    label_for: Callable[[str], str] | None,
    cancelled: Callable[[], bool] | None,
) -> list[ExportColumn]:
    """Every flattened field of the view, first seen first (one pass, id order)."""
    paths: dict[str, None] = {}
    for count, body in enumerate(store.iter_bodies(snapshot_id, search_text, filters)):
        if cancelled is not None and count % 500 == 0 and cancelled():
            raise ExportCancelled()
        for key in flatten(orjson.loads(body)):
            paths.setdefault(key, None)
    labels = [label_for(p) if label_for else p for p in paths]
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
    return [
        ExportColumn(p, label if seen[label] == 1 else f"{label} ({p})")
        for p, label in zip(paths, labels, strict=True)
    ]


def _columns(
    store: SnapshotStore,
    snapshot_id: int,
    columns: Sequence[ExportColumn] | None,
    search_text: str | None,
    filters: Mapping[str, Any] | None,
    label_for: Callable[[str], str] | None,
    cancelled: Callable[[], bool] | None,
) -> list[ExportColumn]:
    if columns is not None:
        return list(columns)
    return _all_columns(store, snapshot_id, search_text, filters, label_for, cancelled)


def _flat_value(record: Any, column: ExportColumn, flat: dict[str, Any] | None) -> Any:
    if flat is not None:
        return flat.get(column.path)
    return value_at(record, column.path, column.kind)


# --- formats -----------------------------------------------------------------------------
def export_csv(
    store: SnapshotStore,
    snapshot_id: int,
    path: Path,
    *,
    semicolon: bool = False,
    search_text: str | None = None,
    filters: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    sort_column: str | None = None,
    descending: bool = False,
    columns: Sequence[ExportColumn] | None = None,
    flavour: CsvFlavour | None = None,
    label_for: Callable[[str], str] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the view as CSV; returns the number of records written.

    ``columns`` None: every field (flattened); ``flavour`` None: ``,`` or ``;``
    (``semicolon``) with a decimal point.
    """
    flavour = flavour or CsvFlavour.for_language("en", semicolon=semicolon)
    cols = _columns(store, snapshot_id, columns, search_text, filters, label_for, cancelled)
    flat_paths = columns is None

    def write(fh: IO[Any]) -> int:
        writer = csv.writer(fh, delimiter=flavour.delimiter)
        writer.writerow([c.label for c in cols])
        count = 0
        for record in _rows(
            store, snapshot_id, search_text, filters, sort_column, descending, cancelled
        ):
            flat = flatten(record) if flat_paths else None
            writer.writerow([csv_cell(_flat_value(record, c, flat), c.kind, flavour) for c in cols])
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
        return count

    return _run(path, write, "w", encoding="utf-8-sig", newline="")


def export_xlsx(
    store: SnapshotStore,
    snapshot_id: int,
    path: Path,
    *,
    search_text: str | None = None,
    filters: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    sort_column: str | None = None,
    descending: bool = False,
    columns: Sequence[ExportColumn] | None = None,
    label_for: Callable[[str], str] | None = None,
    sheet_name: str = "Records",
    date_format: str = "dd/mm/yyyy hh:mm:ss",
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the view as an XLSX workbook with typed cells; returns the records written."""
    import xlsxwriter  # type: ignore[import-untyped]  # only exports need it

    cols = _columns(store, snapshot_id, columns, search_text, filters, label_for, cancelled)
    flat_paths = columns is None

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
        header = book.add_format({"bold": True})
        dates = book.add_format({"num_format": date_format})
        sheet = book.add_worksheet(_sheet_name(sheet_name))
        sheet.freeze_panes(1, 0)
        for index, column in enumerate(cols):
            sheet.set_column(
                index,
                index,
                max(10, min(40, len(column.label) + 2)),
                dates if column.kind == "datetime" else None,
            )
            sheet.write_string(0, index, column.label, header)
        count = 0
        try:
            for record in _rows(
                store, snapshot_id, search_text, filters, sort_column, descending, cancelled
            ):
                if count >= XLSX_MAX_RECORDS:
                    raise _too_many()
                count += 1
                flat = flatten(record) if flat_paths else None
                for index, column in enumerate(cols):
                    write_xlsx_cell(
                        sheet, count, index, _flat_value(record, column, flat), column.kind, dates
                    )
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress(count)
        except BaseException:
            _abandon(book)
            raise
        book.close()
        return count

    return _run(path, write, "wb")


def _abandon(book: Any) -> None:
    """A cancelled/failed workbook: close and remove its row-data temporary files."""
    for sheet in book.worksheets():
        handle = getattr(sheet, "row_data_fh", None)
        if handle is not None and not handle.closed:
            handle.close()
        name = getattr(sheet, "row_data_filename", None)
        if name:
            Path(name).unlink(missing_ok=True)


def _too_many() -> ExportFailed:
    return ExportFailed(
        f"more than {XLSX_MAX_RECORDS:,} records for one XLSX sheet",
        f"Excel holds at most {XLSX_MAX_RECORDS:,} records in a sheet. Export "
        "this view as CSV, or narrow it with a search or a filter.",
        reason="too_many",
    )


def _sheet_name(name: str) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'")
    return (cleaned or "Records")[:31]


def export_json(
    store: SnapshotStore,
    snapshot_id: int,
    path: Path,
    *,
    search_text: str | None = None,
    filters: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    sort_column: str | None = None,
    descending: bool = False,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the view as a JSON array of records; returns the number written."""

    def write(fh: IO[Any]) -> int:
        count = 0
        fh.write(b"[")
        for body in iter_view_bodies(
            store,
            snapshot_id,
            search_text=search_text,
            filters=filters,
            sort_column=sort_column,
            descending=descending,
        ):
            if cancelled is not None and count % 500 == 0 and cancelled():
                raise ExportCancelled()
            fh.write(b"\n" if count == 0 else b",\n")
            fh.write(body)
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
        fh.write(b"\n]\n" if count else b"]\n")
        return count

    return _run(path, write, "wb")
