"""Exports a Spanish Excel opens right: separators, decimals, dates, text kept as text; XLSX types;
the current view's sort and columns; the target file handled safely."""

from __future__ import annotations

import csv
import io
import os
import threading
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from snapshot_support import product, write_json

from sage50_desktop.services.export import (
    CsvFlavour,
    ExportCancelled,
    ExportColumn,
    ExportTargetError,
    export_csv,
    export_json,
    export_xlsx,
)
from sage50_desktop.services.ingest import ingest_file
from sage50_desktop.storage.snapshot_store import SnapshotStore

SPANISH = CsvFlavour.for_language("es")
COLUMNS = [
    ExportColumn("barCode", "Código de barras"),
    ExportColumn("name", "Nombre"),
    ExportColumn("netPrice", "Precio neto", "number"),
    ExportColumn("timestamp", "Último cambio", "datetime"),
    ExportColumn("discountByUnit", "Descuento por unidad", "boolean"),
    ExportColumn("dimensions.w", "Ancho", "number"),
]


@pytest.fixture
def store(tmp_path: Path):
    st = SnapshotStore(tmp_path / "cache.sqlite3")
    yield st
    st.close()


def _load(store: SnapshotStore, records, tmp_path: Path) -> int:
    conn = store.connect()
    try:
        return ingest_file(
            conn,
            write_json(tmp_path / "p.json", records),
            profile_id="p1",
            domain="ecommerce",
            scope="products",
            version="v1",
            retention=10,
        ).snapshot_id
    finally:
        conn.close()


def _records():
    records = [product(i, barCode=f"84{i:011d}") for i in range(1, 31)]
    records[0]["name"] = '=HYPERLINK("http://x")'
    records[1]["name"] = "+1 llamada"
    records[2]["name"] = "-resta"
    records[3]["name"] = "@SUM(A1)"
    records[4]["name"] = "\tcon tabulador"
    records[5]["barCode"] = "0012345"
    records[7]["netPrice"] = 1234.5  # product 8: Garden/Tools
    return records


def _csv_rows(path: Path, delimiter: str):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_spanish_csv_current_view_sorted_with_visible_columns(store, tmp_path):
    snap = _load(store, _records(), tmp_path)
    out = tmp_path / "vista.csv"
    count = export_csv(
        store,
        snap,
        out,
        columns=COLUMNS,
        flavour=SPANISH,
        sort_column="netPrice",
        descending=True,
        filters={"category": "Garden/Tools"},
    )
    assert count == 15
    rows = _csv_rows(out, ";")
    assert rows[0] == [c.label for c in COLUMNS]  # the UI's labels, in the view's order
    body = rows[1:]
    prices = [float(r[2].replace(",", ".")) for r in body]
    assert prices == sorted(prices, reverse=True)  # the view's sort order
    assert "1234,5" in [r[2] for r in body]  # decimal comma, no grouping
    by_name = {r[1]: r for r in body}
    assert all(r[0].startswith('="') and r[0].endswith('"') for r in body)  # barcode: text
    local = datetime.fromisoformat("2024-05-01T10:00:00+00:00").astimezone()
    assert body[0][3] == local.strftime("%d/%m/%Y %H:%M:%S")  # local time, day first
    assert body[0][4] == "false"
    assert "'+1 llamada" in by_name and "'@SUM(A1)" in by_name  # OWASP: neutralised
    assert set(tuple(r) for r in body) and len(body[0]) == len(COLUMNS)


def test_csv_neutralises_formula_like_cells_and_keeps_leading_zeros(store, tmp_path):
    snap = _load(store, _records(), tmp_path)
    out = tmp_path / "todo.csv"
    export_csv(store, snap, out, columns=COLUMNS, flavour=SPANISH)
    body = _csv_rows(out, ";")[1:]
    names = [r[1] for r in body[:5]]
    assert names == [
        '\'=HYPERLINK("http://x")',
        "'+1 llamada",
        "'-resta",
        "'@SUM(A1)",
        "'\tcon tabulador",
    ]
    assert body[5][0] == '="0012345"'
    assert all(not r[1].startswith(("=", "+", "-", "@", "\t", "\r")) for r in body)
    assert body[1][5] == "2"  # a number stays a number


def test_english_csv_keeps_the_comma_and_the_point(store, tmp_path):
    snap = _load(store, _records(), tmp_path)
    out = tmp_path / "en.csv"
    export_csv(store, snap, out, columns=COLUMNS, flavour=CsvFlavour.for_language("en"))
    rows = _csv_rows(out, ",")
    assert rows[8][2] == "1234.5" and rows[0][0] == "Código de barras"


def test_xlsx_cells_are_typed(store, tmp_path):
    snap = _load(store, _records(), tmp_path)
    out = tmp_path / "vista.xlsx"
    count = export_xlsx(store, snap, out, columns=COLUMNS, sort_column="netPrice")
    assert count == 30
    book = openpyxl.load_workbook(out, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    assert rows[0] == tuple(c.label for c in COLUMNS)
    first = rows[1]
    assert isinstance(first[0], str) and first[0].startswith("84")  # barcode: text, exact
    assert first[1] == '=HYPERLINK("http://x")'  # text, never a formula, value kept
    assert isinstance(first[2], float | int) and first[2] == 1.5
    assert isinstance(first[3], datetime)
    assert first[3] == datetime.fromisoformat("2024-05-01T10:00:00+00:00").astimezone().replace(
        tzinfo=None
    )
    assert first[4] is False and isinstance(first[5], int | float)
    prices = [r[2] for r in rows[1:]]
    assert prices == sorted(prices)
    assert "0012345" in [r[0] for r in rows[1:]]
    # the cells are typed in the XML too (no formula anywhere)
    import zipfile

    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and 't="b"' in xml


def test_whole_version_xlsx_and_csv_flatten_every_field(store, tmp_path):
    snap = _load(store, _records(), tmp_path)
    out = tmp_path / "all.xlsx"
    assert export_xlsx(store, snap, out, label_for=str.upper) == 30
    book = openpyxl.load_workbook(out, read_only=True)
    header = next(book.active.iter_rows(values_only=True))
    book.close()
    assert "DIMENSIONS.W" in header and "TAGS.1" in header


def test_export_refuses_folders_links_and_missing_folders(store, tmp_path):
    snap = _load(store, _records(), tmp_path)
    folder = tmp_path / "carpeta"
    folder.mkdir()
    with pytest.raises(ExportTargetError) as info:
        export_csv(store, snap, folder)
    assert "is a folder" in info.value.hint and "Choose a file name" in info.value.hint
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "link.csv"
    link.symlink_to(victim)
    with pytest.raises(ExportTargetError) as info:
        export_xlsx(store, snap, link)
    assert "not a regular file" in info.value.hint
    assert victim.read_text() == "keep me" and link.is_symlink()
    with pytest.raises(ExportTargetError) as info:
        export_json(store, snap, tmp_path / "missing" / "x.json")
    assert "does not exist" in info.value.hint
    # a regular file is replaced; no temporary file stays behind
    existing = tmp_path / "old.csv"
    existing.write_text("old")
    export_csv(store, snap, existing)
    assert existing.read_text(encoding="utf-8-sig").startswith("id,")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_temporary_file_is_exclusive_and_random(store, tmp_path, monkeypatch):
    import tempfile

    snap = _load(store, _records(), tmp_path)
    made = []
    real = tempfile.mkstemp

    def spy(*args, **kwargs):
        fd, name = real(*args, **kwargs)
        made.append((name, os.fstat(fd).st_mode))
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    export_csv(store, snap, tmp_path / "a.csv")
    export_csv(store, snap, tmp_path / "a.csv")
    assert len(made) == 2 and made[0][0] != made[1][0]
    assert all(Path(n).parent == tmp_path and Path(n).name.startswith(".a.csv.") for n, _ in made)
    assert not any(Path(n).exists() for n, _ in made)


def test_cancel_removes_the_partial_file(store, tmp_path):
    snap = _load(store, [product(i) for i in range(3000)], tmp_path)
    out = tmp_path / "big.xlsx"
    out.write_text("previous")
    stop = threading.Event()
    seen = []

    def progress(done):
        seen.append(done)
        stop.set()

    with pytest.raises(ExportCancelled):
        export_xlsx(store, snap, out, progress=progress, cancelled=stop.is_set)
    assert seen and out.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    # XlsxWriter's row data (kept beside the target, not in the system temp folder) is gone
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("tmp")] == []
