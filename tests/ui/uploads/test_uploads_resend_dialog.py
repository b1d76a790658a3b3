"""The duplicate-order question in both languages, with real plural forms."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sage50_desktop.services.resend_guard import AcceptedRecord, ResendCheck
from sage50_desktop.ui import i18n
from sage50_desktop.ui.uploads.resend_dialog import ResendDialog


def _check(n: int) -> ResendCheck:
    when = datetime(2026, 12, 1, 18, 28, tzinfo=UTC)
    return ResendCheck(
        compared=n + 1,
        duplicates=tuple(AcceptedRecord(f"ORD-{i}", "up-1", when, "orders.json") for i in range(n)),
    )


@pytest.fixture
def language(qapp):
    yield i18n.install
    i18n.install("en")


@pytest.mark.parametrize(
    ("lang", "n", "title", "button"),
    [
        ("en", 1, "1 order in this file was already accepted", "Send 1 order again"),
        ("en", 12, "12 orders in this file were already accepted", "Send 12 orders again"),
        ("es", 1, "1 pedido de este fichero ya se aceptó", "Enviar 1 pedido de nuevo"),
        ("es", 12, "12 pedidos de este fichero ya se aceptaron", "Enviar 12 pedidos de nuevo"),
    ],
)
def test_resend_question_names_the_count(qtbot, language, lang, n, title, button):
    language(lang)
    dialog = ResendDialog(_check(n))
    qtbot.addWidget(dialog)
    assert dialog.text().startswith(title)
    assert dialog.send_button.text() == button
    assert dialog.defaultButton() is dialog.cancel_button
    details = dialog.informativeText()
    assert "ORD-0" in details and "up-1" in details
    if n > 10:
        assert ("and 2 more" if lang == "en" else "y 2 más") in details
        assert "ORD-10" not in details
