"""The scope-data generator: deterministic, schema-valid, realistic."""

from __future__ import annotations

import hashlib
from pathlib import Path

import orjson
import pytest

from sage50_desktop.sandbox import generator
from sage50_desktop.sandbox.validation import validator


@pytest.mark.parametrize("scope", ["customers", "products"])
def test_records_are_valid(scope: str) -> None:
    check = validator("ecommerce", scope)
    for revision in (0, 3):
        records = [generator.RECORD_FACTORIES[scope](7, n, revision) for n in range(1, 400)]
        errors = list(check.iter_errors(records))
        assert not errors, errors[0].message


def test_products_look_spanish_and_barcodes_check() -> None:
    products = [generator.product(1, n, 0) for n in range(1, 300)]
    assert {p["tax"] for p in products} <= {21, 10, 4}
    assert any(p["category"] == "Hogar/Cocina/Cuchillos" for p in products)
    for p in products:
        code = p["barCode"]
        total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(code[:12]))
        assert len(code) == 13 and int(code[12]) == (10 - total % 10) % 10
        assert p["netPrice"] > 0 and p["timestamp"].endswith("Z")


def test_customers_have_spanish_addresses() -> None:
    c = generator.customer(3, 42, 0)
    assert c["addresses"][0]["country"] == "ES"
    assert c["addresses"][0]["telephone1"].startswith("+34 ")
    assert len(c["addresses"][0]["postCode"]) == 5 and "@" in c["email"]


def test_write_is_deterministic(tmp_path: Path) -> None:
    ids = list(range(1, 501))
    revs = {7: 2, 9: 3}
    a = generator.write_scope_file(tmp_path / "a.json", "products", 11, ids, revs)
    b = generator.write_scope_file(tmp_path / "b.json", "products", 11, ids, revs)
    c = generator.write_scope_file(tmp_path / "c.json", "products", 12, ids, revs)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert a == b and a[1] != c[1]
    raw = (tmp_path / "a.json").read_bytes()
    assert a == (len(raw), hashlib.sha256(raw).hexdigest())
    assert [r["id"] for r in orjson.loads(raw)] == [f"P{n:07d}" for n in ids]


def test_revision_changes_record() -> None:
    assert generator.product(5, 10, 0) != generator.product(5, 10, 1)
    assert generator.product(5, 10, 1) == generator.product(5, 10, 1)
    assert generator.product(5, 10, 0)["name"] == generator.product(5, 10, 1)["name"]


def test_same_seed_same_sandbox_files(make_sandbox) -> None:
    a = {s["scope"]: s["sha256"] for s in make_sandbox(seed=99).control.scopes()}
    b = {s["scope"]: s["sha256"] for s in make_sandbox(seed=99).control.scopes()}
    c = {s["scope"]: s["sha256"] for s in make_sandbox(seed=98).control.scopes()}
    assert a == b and a["products"] != c["products"]
