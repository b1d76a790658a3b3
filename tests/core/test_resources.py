"""The schemas the app ships are exact copies of the contract's."""

from __future__ import annotations

from pathlib import Path

import pytest

from sage50_desktop.resources import resources_dir, schema_dir

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "contract" / "schemas"


def test_resources_are_found():
    assert (resources_dir() / "schemas" / "ecommerce" / "orders.schema.json").is_file()


@pytest.mark.skipif(
    not SHARED.is_dir(), reason="the contract folder ../shared is not beside this checkout"
)
def test_shipped_schemas_match_the_contract_byte_for_byte():
    contract_files = sorted(p.relative_to(SHARED) for p in SHARED.rglob("*.json"))
    shipped_files = sorted(
        p.relative_to(resources_dir() / "schemas")
        for p in (resources_dir() / "schemas").rglob("*.json")
    )
    assert contract_files == shipped_files
    for rel in contract_files:
        assert (SHARED / rel).read_bytes() == (resources_dir() / "schemas" / rel).read_bytes(), rel
    assert schema_dir("ecommerce").is_dir()
