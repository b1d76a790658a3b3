"""How the fix form reads an edited value back and writes it into the order."""

from __future__ import annotations

from sage50_desktop.ui.uploads.record_form import parse_value, set_path, value_text


def test_values_keep_their_type_when_the_text_is_one():
    assert parse_value("3", 2) == 3 and isinstance(parse_value("3", 2), int)
    assert parse_value("12,5", 24.5) == 12.5  # a decimal comma is accepted
    assert parse_value("12.5", 2) == 12.5
    assert parse_value("many", 2) == "many"  # not a number: the schema check says so
    assert parse_value("08001", "28001") == "08001"  # text stays text, zeros and all
    assert parse_value("false", True) is False and parse_value("no", True) == "no"
    assert parse_value("7", None) == 7 and parse_value("", None) is None  # a missing field
    assert parse_value("C0000001", None) == "C0000001"
    assert parse_value('["a"]', []) == ["a"]
    assert value_text(None) == "" and value_text(True) == "true" and value_text(2.5) == "2.5"


def test_set_path_copies_and_creates():
    order = {"id": "ORD-1", "lines": [{"productId": "P1", "quantity": 2}]}
    fixed = set_path(order, "lines.0.productId", "P2")
    assert fixed["lines"][0] == {"productId": "P2", "quantity": 2}
    assert order["lines"][0]["productId"] == "P1"  # the original is untouched
    assert set_path(order, "customer.id", "C1")["customer"] == {"id": "C1"}
    assert set_path(order, "lines.1.quantity", 3)["lines"][1] == {"quantity": 3}
    assert set_path(order, "id.x", 1)["id"] == {"x": 1}  # a scalar in the way becomes an object
