"""Local validation of upload files (no network)."""

from __future__ import annotations

import copy
import json
import tracemalloc

import orjson
import pytest
from orders import make_order

from sage50_desktop.api import contract
from sage50_desktop.services.validation import (
    ValidationFailed,
    validate_file,
    validate_file_async,
    validate_records,
)

ORDER = make_order(1001)


def order(n: int = 1001, **changes):
    doc = copy.deepcopy(ORDER)
    doc["id"] = f"ORD-{n}"
    doc.update(changes)
    return doc


def write(tmp_path, content, name="orders.json"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else orjson.dumps(content))
    return path


def check(path):
    return validate_file(path, contract.ECOMMERCE, "orders")


def test_valid_file(tmp_path):
    report = check(write(tmp_path, [order(1), order(2)]))
    assert report.ok and report.records == 2 and report.issues == []
    assert "2 record(s)" in report.summary()


@pytest.mark.parametrize(
    "content, words",
    [
        (b"hello", "not JSON"),
        (b'{"id": "x"}', "single JSON object"),
        (b"42", "JSON number"),
        (b"", "empty"),
        (b"   \n ", "blank"),
        (b"[]", "empty array"),
        (b"[{", "not valid JSON"),
        (b"[1, 2] extra", "not valid JSON"),
        (b"\xef\xbb\xbf[]", "byte-order mark"),
    ],
)
def test_file_level_problems_give_one_clear_error(tmp_path, content, words):
    report = check(write(tmp_path, content))
    assert not report.ok
    assert report.file_error is not None
    assert words in report.file_error.message
    file_errors = [i for i in report.issues if i.record is None]
    assert len(file_errors) == 1


def test_invalid_utf8(tmp_path):
    good = orjson.dumps([order(1)])
    bad = good.replace(b'"Leeds"', b'"Le\xffds"', 1)
    report = check(write(tmp_path, bad))
    assert not report.ok
    assert "not UTF-8" in report.file_error.message
    offset = bad.index(b"\xff")
    assert f"byte {offset}" in report.file_error.message


def test_missing_field_reports_id_and_path(tmp_path):
    broken = order(7)
    del broken["customer"]["email"]
    broken["lines"][0]["quantity"] = "two"
    report = check(write(tmp_path, [order(1), broken]))
    assert report.error_count == 2 and report.records == 2
    by_path = {i.path: i for i in report.issues}
    assert by_path["customer.email"].record == "ORD-7"
    assert by_path["customer.email"].index == 1
    assert by_path["customer.email"].message == "required field is missing"
    assert by_path["lines.0.quantity"].message == "should be a number, not text"
    assert str(by_path["customer.email"]) == "ORD-7 at customer.email: required field is missing"


def test_record_without_id_is_named_by_index(tmp_path):
    no_id = order(3)
    del no_id["id"]
    report = check(write(tmp_path, [order(1), order(2), no_id, "not an object"]))
    keys = {(i.record, i.path) for i in report.issues}
    assert ("#2", "id") in keys
    assert ("#3", "") in keys


def test_formats_and_duplicates(tmp_path):
    report = check(write(tmp_path, [order(1, orderDate="yesterday"), order(1)]))
    messages = [str(i) for i in report.issues]
    assert any("orderDate" in m and "date and time" in m for m in messages)
    assert any("duplicate id" in m for m in messages)


def test_error_cap_counts_all(tmp_path):
    records = [order(n, discount=-1) for n in range(50)]
    report = validate_file(write(tmp_path, records), contract.ECOMMERCE, "orders", max_errors=10)
    assert report.error_count == 50
    assert len(report.issues) == 10 and report.truncated
    assert report.rejected_records == 10
    assert "showing the first 10" in report.summary()


def test_too_large_is_refused_without_parsing(tmp_path):
    path = write(tmp_path, b"[" + b" " * 5000 + b"]")
    report = validate_file(path, contract.ECOMMERCE, "orders", size_limit=1000)
    assert report.error_count == 1 and "at most 1,000 bytes" in report.file_error.message


def test_big_file_is_streamed(tmp_path):
    """A 24 MB file of large records: peak memory stays a fraction of the file size."""
    path = tmp_path / "big.json"
    count = 24
    with path.open("wb") as fh:
        fh.write(b"[")
        for n in range(count):
            record = order(n)
            record["lines"][0]["description"] = "x" * 1_000_000
            fh.write((b"," if n else b"") + orjson.dumps(record))
        fh.write(b"]")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        report = check(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.ok, report.issues[:3]
    assert report.records == count
    assert peak < size / 4, (peak, size)


async def test_async_validation_runs_in_a_thread(tmp_path):
    report = await validate_file_async(write(tmp_path, [order(1)]), contract.ECOMMERCE, "orders")
    assert report.ok


def test_validate_records_and_exception():
    bad = order(5)
    del bad["lines"]
    report = validate_records([order(1), bad], contract.ECOMMERCE, "orders")
    assert [(i.record, i.path) for i in report.issues] == [("ORD-5", "lines")]
    exc = ValidationFailed(report)
    assert "1 problem(s)" in str(exc)
    assert not validate_records([], contract.ECOMMERCE, "orders").ok
    assert json.dumps(ORDER)  # fixture sanity
