"""Export of a snapshot, or a searched/filtered view of it, to CSV or JSON (streaming).

* CSV: UTF-8 with BOM (Excel opens it right), ``,`` or ``;`` (Spanish Excel,
  setting CSV_SEMICOLON), nested fields flattened into dotted headers
  (``addresses.0.city``). Two passes over the stored bodies: the first
  collects the headers in first-seen order, the second writes the rows.
  Cells: strings as they are, null empty, numbers/booleans as JSON
  (``12.5``, ``true``).
* JSON: an array of the stored record bodies, copied without re-parsing.

Neither ever holds the snapshot in memory; the work is blocking, so call it
with ``asyncio.to_thread`` from the GUI.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import orjson

from sage50_desktop.storage.snapshot_records import cell_text, flatten
from sage50_desktop.storage.snapshot_store import SnapshotStore

Progress = Callable[[int], None]


def _atomic(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp")


def export_csv(store: SnapshotStore, snapshot_id: int, path: Path, *, semicolon: bool = False,
               search_text: str | None = None, filters: Mapping[str, Any] | None = None,
               progress: Progress | None = None) -> int:
    """Write the view as CSV; returns the number of records written."""
    headers: dict[str, None] = {}
    for body in store.iter_bodies(snapshot_id, search_text, filters):
        for key in flatten(orjson.loads(body)):
            headers.setdefault(key, None)
    columns = list(headers)
    tmp = _atomic(path)
    count = 0
    try:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=";" if semicolon else ",")
            writer.writerow(columns)
            for body in store.iter_bodies(snapshot_id, search_text, filters):
                flat = flatten(orjson.loads(body))
                writer.writerow([cell_text(flat.get(c)) if c in flat else "" for c in columns])
                count += 1
                if progress is not None and count % 10000 == 0:
                    progress(count)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return count


def export_json(store: SnapshotStore, snapshot_id: int, path: Path, *,
                search_text: str | None = None, filters: Mapping[str, Any] | None = None,
                progress: Progress | None = None) -> int:
    """Write the view as a JSON array of records; returns the number written."""
    tmp = _atomic(path)
    count = 0
    try:
        with tmp.open("wb") as fh:
            fh.write(b"[")
            for body in store.iter_bodies(snapshot_id, search_text, filters):
                fh.write(b"\n" if count == 0 else b",\n")
                fh.write(body)
                count += 1
                if progress is not None and count % 10000 == 0:
                    progress(count)
            fh.write(b"\n]\n" if count else b"]\n")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return count
