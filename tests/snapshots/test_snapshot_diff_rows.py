"""The comparison of two versions in storage: rows with bodies, keyset pages, search, export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from snapshot_support import product, write_json

from sage50_desktop.services.diff_export import export_diff_csv, export_diff_xlsx
from sage50_desktop.services.export import CsvFlavour, ExportCancelled, ExportColumn
from sage50_desktop.services.ingest import ingest_file
from sage50_desktop.storage.snapshot_store import SnapshotStore


@pytest.fixture
def local_store(tmp_path: Path):
    st = SnapshotStore(tmp_path / "cache.sqlite3")
    yield st
    st.close()


def load(store: SnapshotStore, path: Path, version: str) -> int:
    conn = store.connect()
    try:
        return ingest_file(
            conn,
            path,
            profile_id="p1",
            domain="ecommerce",
            scope="products",
            version=version,
            retention=10,
        ).snapshot_id
    finally:
        conn.close()


@pytest.fixture
def pair(local_store, tmp_path):
    """Two versions: P00000-P00004 removed, P00005 and P00006 changed, P00100-P00102 added."""
    v1 = [product(i) for i in range(100)]
    v2 = [product(i) for i in range(5, 100)] + [product(i) for i in range(100, 103)]
    v2[0] = product(5, rev=1, barcode="08412345678901")
    v2[1] = product(6, netPrice=99.25)
    a = load(local_store, write_json(tmp_path / "1.json", v1), "1.aaaaaaaaaaaa")
    b = load(local_store, write_json(tmp_path / "2.json", v2), "2.bbbbbbbbbbbb")
    return a, b


COLUMNS = [
    ExportColumn("id", "Id"),
    ExportColumn("name", "Name"),
    ExportColumn("netPrice", "Net price", "number"),
    ExportColumn("timestamp", "Changed", "datetime"),
    ExportColumn("barcode", "Barcode"),
]


def test_rows_pages_and_search(local_store, pair):
    a, b = pair
    changed = local_store.diff_rows(a, b, "changed")
    assert [r.record_id for r in changed] == ["P00005", "P00006"]
    assert (
        changed[0].old["name"] == "Cuchillo 5 rev0" and changed[0].new["name"] == "Cuchillo 5 rev1"
    )
    paths = {c.path: (c.old, c.new) for c in changed[1].changes()}
    assert paths == {"netPrice": (9.0, 99.25)}
    removed = local_store.diff_rows(b, a, "removed")  # either order: older → newer
    assert [r.record_id for r in removed] == [f"P{i:05d}" for i in range(5)]
    assert removed[0].new is None and removed[0].old["id"] == "P00000"
    added = local_store.diff_rows(a, b, "added", limit=2)
    assert [r.record_id for r in added] == ["P00100", "P00101"]
    more = local_store.diff_rows(a, b, "added", after="P00101", limit=2)  # keyset paging
    assert [r.record_id for r in more] == ["P00102"] and more[0].old is None
    # search within the differences: the id or either body, case-insensitive, literal % and _
    assert local_store.diff(a, b, search="rev1") == type(local_store.diff(a, b))(a, b, 0, 1, 0)
    s = local_store.diff(a, b, search="p0000")
    assert (s.added, s.changed, s.removed) == (0, 2, 5)
    assert [r.record_id for r in local_store.diff_rows(a, b, "removed", search="P00003")] == [
        "P00003"
    ]
    assert local_store.diff(a, b, search="100%").changed == 0
    searched = local_store.diff_rows(a, b, "changed", search="99.25", after="P00000")
    assert [r.record_id for r in searched] == ["P00006"]
    everything = list(local_store.iter_diff(a, b, chunk=2))
    assert [(r.kind, r.record_id) for r in everything][:4] == [
        ("added", "P00100"),
        ("added", "P00101"),
        ("added", "P00102"),
        ("changed", "P00005"),
    ]
    assert len(everything) == 3 + 2 + 5


def test_export_csv_spanish_and_xlsx_types(local_store, pair, tmp_path):
    a, b = pair
    labels = {"added": "Añadido", "changed": "Cambiado", "removed": "Eliminado"}
    headers = {"change": "Cambio", "id": "Id", "fields": "Campos cambiados", "before": "Antes"}
    names = {"name": "Nombre", "netPrice": "Precio neto", "barcode": "Código de barras"}
    target = tmp_path / "cambios.csv"
    count = export_diff_csv(
        local_store,
        a,
        b,
        target,
        columns=COLUMNS,
        flavour=CsvFlavour.for_language("es"),
        headers=headers,
        kind_labels=labels,
        label_for=lambda p: names.get(p, p),
    )
    assert count == 10
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM for Excel
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Cambio", "Id", "Campos cambiados", "Antes", "Name", "Net price"] + [
        "Changed",
        "Barcode",
    ]
    by_id = {r[1]: r for r in rows[1:]}
    assert by_id["P00100"][0] == "Añadido" and by_id["P00100"][2] == ""
    assert by_id["P00003"][0] == "Eliminado" and by_id["P00003"][4] == "Cuchillo 3 rev0"
    five = by_id["P00005"]
    assert five[0] == "Cambiado" and five[2] == "Nombre, Precio neto, Código de barras"
    assert five[3] == "Nombre: Cuchillo 5 rev0; Precio neto: 7.5; Código de barras: "
    assert five[4] == "Cuchillo 5 rev1" and five[5] == "8,5"  # decimal comma
    assert five[7] == '="08412345678901"'  # a barcode stays text in Excel
    assert by_id["P00006"][2] == "Precio neto" and by_id["P00006"][5] == "99,25"
    assert "/" in five[6] and five[6].count(":") == 2  # a local date-time, day first

    book_path = tmp_path / "cambios.xlsx"
    assert (
        export_diff_xlsx(
            local_store, a, b, book_path, columns=COLUMNS, kind_labels=labels, sheet_name="Cambios"
        )
        == 10
    )
    book = openpyxl.load_workbook(book_path, read_only=True)
    sheet = book["Cambios"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:4] == ("Change", "Id", "Changed fields", "Before")
    rows_by_id = {r[1]: r for r in values[1:]}
    six = rows_by_id["P00006"]
    assert six[0] == "Cambiado" and six[2] == "netPrice" and six[3] == "netPrice: 9.0"
    assert isinstance(six[5], float) and six[5] == 99.25  # typed number
    assert type(six[6]).__name__ == "datetime"  # typed date-time
    assert rows_by_id["P00005"][7] == "08412345678901"  # text, all digits kept
    book.close()


def test_export_cancel_leaves_nothing(local_store, pair, tmp_path):
    a, b = pair
    target = tmp_path / "keep.csv"
    target.write_text("old")
    with pytest.raises(ExportCancelled):
        export_diff_csv(local_store, a, b, target, columns=COLUMNS, cancelled=lambda: True)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".keep")] == []


def test_pages_walk_the_churn_only(local_store, pair):
    """Each page is an id range over the outer spans; the other side is one lookup per record
    (a range scan of it, or reading every body valid at the older version, would make a page
    at a million records cost seconds)."""
    from sage50_desktop.storage.snapshot_diff import _searched

    conn = local_store.connect()
    try:
        for kind in ("added", "changed", "removed"):
            for search in (None, "x"):
                sql, extra = _searched(kind, search, keyset=True)
                plan = [
                    row[-1]
                    for row in conn.execute(
                        f"EXPLAIN QUERY PLAN {sql} ORDER BY d.record_id LIMIT 5",
                        {"sc": 1, "a": 1, "b": 2, "after": "P", **extra},
                    )
                ]
                outer = "o" if kind == "removed" else "n"
                assert plan[0].startswith(f"SEARCH {outer} ") and "record_id>?" in plan[0], plan
                inner = [p for p in plan[1:] if p.startswith("SEARCH ") and " USING PRIMARY" in p]
                assert all("record_id=?" in p for p in inner), plan
    finally:
        conn.close()
