"""Every field of every shipped schema has its own label, translated in Spanish.

Without a label a field falls back to its split name in English ("Delivery address"),
which a Spanish administrator then sees in the table headers, the detail pane and the
rejected-orders form.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from sage50_desktop.resources import schema_dir
from sage50_desktop.ui import i18n
from sage50_desktop.ui.browser.columns import field_label, path_label


def _property_names(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                found.update(value)
            _property_names(value, found)
    elif isinstance(node, list):
        for item in node:
            _property_names(item, found)
    return found


def _all_fields() -> list[str]:
    found: set[str] = set()
    for path in sorted(schema_dir("ecommerce").glob("*.json")):
        _property_names(json.loads(path.read_text(encoding="utf-8")), found)
    return sorted(found)


@pytest.fixture
def spanish(qapp):
    i18n.install("es")
    yield
    i18n.install("en")


def test_every_schema_field_has_a_spanish_label(spanish):
    fields = _all_fields()
    assert {"deliveryAddress", "orderDate", "quantity", "netPrice"} <= set(fields)
    i18n.install("en")
    english = {name: field_label(name) for name in fields}
    i18n.install("es")
    untranslated = [
        name
        for name in fields
        if field_label(name) == english[name] and name not in {"id", "totalAmount"}
    ]
    assert not untranslated, f"fields shown in English in Spanish: {untranslated}"
    assert field_label("deliveryAddress") == "Dirección de entrega"
    assert path_label("lines.0.quantity") == "Cantidad · Líneas 1"
