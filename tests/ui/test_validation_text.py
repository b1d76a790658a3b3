"""Local validation messages are shown in the UI language (Spanish), not in the service's English."""

from __future__ import annotations

import pytest

from sage50_desktop.services.validation import validate_records
from sage50_desktop.ui import i18n, validation_text


@pytest.fixture
def spanish(qapp):
    i18n.install("es")
    yield
    i18n.install("en")


def test_every_message_of_a_broken_order_is_spanish(spanish):
    broken = {"id": "ORD-1", "customer": "not an object", "lines": []}
    report = validate_records([broken, broken], "ecommerce", "orders")
    assert not report.ok
    shown = [validation_text.message(issue.message) for issue in report.issues]
    english = [issue.message for issue in report.issues]
    assert "required field is missing" in english or any("should be" in m for m in english)
    for source, text in zip(english, shown, strict=True):
        assert text != source, f"not translated: {source!r}"
    assert any(
        t.startswith(
            (
                "falta un campo obligatorio",
                "debería ser",
                "no puede estar vacío",
                "id repetido",
                "necesita al menos",
            )
        )
        for t in shown
    )


@pytest.mark.parametrize(
    ("english", "spanish_text"),
    [
        ("required field is missing", "falta un campo obligatorio"),
        ("should be text or a number, not a list", "debería ser texto / un número, no una lista"),
        ("must be at least 1 (is 0)", "debe ser al menos 1 (es 0)"),
        (
            "duplicate id: record #3 has the same id",
            "id repetido: el registro n.º 3 tiene el mismo id",
        ),
        (
            "The file is not valid JSON after 2 record(s) (unexpected end).",
            "El fichero no es JSON válido tras 2 registro(s) (unexpected end).",
        ),
        ("something the templates do not know", "something the templates do not know"),
    ],
)
def test_templates(spanish, english, spanish_text):
    assert validation_text.message(english) == spanish_text


def test_english_stays_english(qapp):
    i18n.install("en")
    assert validation_text.message("must be at least 1 (is 0)") == "must be at least 1 (is 0)"


def test_activity_details_are_translated_with_plurals(spanish):
    from datetime import UTC, datetime

    from sage50_desktop.services import activity as A
    from sage50_desktop.storage.activity_store import ActivityRecord
    from sage50_desktop.ui.activity_dock import detail_text

    now = datetime.now(UTC)
    stored = ActivityRecord(
        kind=A.KIND_DOWNLOAD,
        subject="Productos",
        state="running",
        started_at=now,
        detail="1,000 records stored",
    )
    assert detail_text(stored) == "1000 registros guardados"
    one = ActivityRecord(
        kind=A.KIND_DOWNLOAD,
        subject="Productos",
        state="running",
        started_at=now,
        detail="1 records stored",
    )
    assert detail_text(one) == "1 registro guardado"
    export = ActivityRecord(
        kind=A.KIND_EXPORT, subject="x", state="running", started_at=now, done=2000, total=60000
    )
    assert detail_text(export) == "2000 de 60.000 registros"


def test_detail_pane_values_are_localised(spanish):
    from sage50_desktop.ui.browser.detail import value_text

    assert value_text("netPrice", 1234.5) == "1234,50"
    assert value_text("netPrice", 12) == "12,00"
    assert value_text("stock", 1234567) == "1.234.567"
    assert value_text("tax", 21.25) == "21,25"
    assert value_text("weight", 1234567.125) == "1.234.567,125"  # no digit lost
    assert value_text("timestamp", "2024-05-01T10:00:00Z") != "2024-05-01T10:00:00Z"
    assert "2024" in value_text("timestamp", "2024-05-01T10:00:00Z") or "24" in value_text(
        "timestamp", "2024-05-01T10:00:00Z"
    )
    assert value_text("name", "Cuchillo") == "Cuchillo"


def test_a_failed_activity_row_has_no_english_detail_in_spanish(spanish):
    from datetime import UTC, datetime

    from sage50_desktop.services import activity as A
    from sage50_desktop.storage.activity_store import ActivityRecord
    from sage50_desktop.ui.activity_dock import detail_text, technical_text

    now = datetime.now(UTC)
    failed = ActivityRecord(
        kind=A.KIND_UPLOAD,
        subject="pedidos.json",
        state="failed",
        started_at=now,
        finished_at=now,
        detail="the upload ended as failed",
        error_type="UploadNotAccepted",
    )
    shown = detail_text(failed)
    assert shown and "failed" not in shown and "(" not in shown  # no "(… failed)" in Spanish
    assert "the upload ended as failed" in technical_text(
        failed
    )  # kept for support, in the tooltip
    i18n.install("en")
    assert detail_text(failed).endswith("(the upload ended as failed)")


def test_upload_and_index_activity_details_are_spanish(spanish):
    from datetime import UTC, datetime

    from sage50_desktop.services import activity as A
    from sage50_desktop.storage.activity_store import ActivityRecord
    from sage50_desktop.ui.activity_dock import detail_text

    now = datetime.now(UTC)

    def row(kind, detail, done=None, total=None, state="running", error_type=None):
        return ActivityRecord(
            kind=kind,
            subject="x",
            state=state,
            started_at=now,
            detail=detail,
            done=done,
            total=total,
            error_type=error_type,
        )

    assert detail_text(row(A.KIND_UPLOAD, "sending", 1024, 4096)).startswith("Enviando")
    assert detail_text(row(A.KIND_UPLOAD, "processing", 50, 100)).endswith("50 %")
    assert detail_text(row(A.KIND_UPLOAD, "accepted", 100, 100, "succeeded")) == "Aceptado"
    searching = row(A.KIND_INDEX, "search index: 1,000 / 4,000 records", 1000, 4000)
    assert detail_text(searching) == "Índice de búsqueda: 1000 de 4000 registros"
    forgotten = row(A.KIND_UPLOAD, "gone", state="failed", error_type="UploadForgotten")
    assert "ya no conoce este envío" in detail_text(forgotten)
