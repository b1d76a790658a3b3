"""The snapshot check's fast judge (``schemas.record_check``, fastjsonschema) and the
contract's validator (``schemas.record_validator``, jsonschema 2020-12) agree on every
scope's records: valid ones as generated, and broken variants of them (each field
removed, emptied, nulled or of another type, nested fields too). The fast judge only
says yes/no; a "no" goes through jsonschema for the messages, so a "yes" it gave
wrongly would hide a warning: this test fails first."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from orders import make_order

from sage50_desktop import schemas
from sage50_desktop.sandbox.generator import customer, product

DOMAIN = "ecommerce"
OTHER_VALUES: list[Any] = [None, "", "x", 0, -1, 2.5, 10**12, True, [], {}, [1], {"a": 1}]


def _records(scope: str) -> list[dict[str, Any]]:
    if scope == "products":
        return [product(7, n, revision) for n in (1, 2, 3, 50) for revision in (0, 1)]
    if scope == "customers":
        return [customer(7, n, revision) for n in (1, 2, 3, 50) for revision in (0, 1)]
    return [make_order(n) for n in (1, 2)]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path of a key or list item inside ``value``, depth first."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*path, index)
            yield from _paths(item, (*path, index))


def _variants(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield record
    for path in _paths(record):
        for replacement in [*OTHER_VALUES, KeyError]:
            broken = copy.deepcopy(record)
            parent = broken
            for step in path[:-1]:
                parent = parent[step]
            if replacement is KeyError:
                del parent[path[-1]]
            else:
                parent[path[-1]] = replacement
            yield broken
    yield {**record, "unknownField": "kept"}


@pytest.mark.parametrize("scope", ["products", "customers", "orders"])
def test_the_fast_check_judges_records_as_the_contract_validator_does(scope):
    slow = schemas.record_validator(DOMAIN, scope, formats=False)
    fast = schemas.record_check(DOMAIN, scope)
    verdicts = {True: 0, False: 0}
    for record in _records(scope):
        assert slow.is_valid(record), record  # the corpus starts from valid records
        for variant in _variants(record):
            verdict = slow.is_valid(variant)
            assert fast(variant) is verdict, (scope, variant)
            verdicts[verdict] += 1
    assert verdicts[True] > 10 and verdicts[False] > 100, verdicts


@pytest.mark.parametrize("value", [None, "text", 3, [], [{"id": "P1"}]])
def test_the_fast_check_refuses_what_is_not_a_record(value):
    assert schemas.record_check(DOMAIN, "products")(value) is False


def test_a_scope_without_a_schema_has_no_fast_check():
    with pytest.raises(KeyError):
        schemas.record_check(DOMAIN, "no-such-scope")
