"""Issue 11 — bad input: every broken answer gets a clear message; nothing is lost; nothing crashes.

Scope files are published byte for byte with the sandbox's ``publish_raw`` knob
(``POST /sandbox/scopes/{domain}/{scope}/raw``); tracking and HTML answers come
from the ``trackingStatus`` and ``htmlAnswers`` fault knobs.
"""

from __future__ import annotations

import asyncio
import time

import orjson
import pytest
from orders import make_order
from reliability_support import leftovers

from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.api.errors import UnexpectedResponse
from sage50_desktop.services.ingest import IngestError, ingest_file, iter_record_lists
from sage50_desktop.services.tracking import TrackingPolicy, describe_status
from sage50_desktop.services.uploads import UploadService, ValidationFailed
from sage50_desktop.storage.upload_store import LocalState

FAST = TrackingPolicy(initial=0.02, factor=1.5, maximum=0.1, result_grace=5.0, error_maximum=0.2)


def _product(n: int, **extra):
    body = {
        "id": f"P{n:07d}",
        "name": f"Producto {n}",
        "netPrice": 1.5 * n,
        "tax": 21,
        "timestamp": "2025-01-31T12:00:00Z",
    }
    body.update(extra)
    return body


def _deep(depth: int) -> bytes:
    return b"[" + b'{"id":"P1","x":' + b"[" * depth + b"]" * depth + b"}]"


BAD_FILES = {
    "malformed_json": (b'[{"id": "P1", "name": "a"}, {"id": "P2", "name": ', "not valid JSON"),
    "object_not_array": (orjson.dumps({"records": [_product(1)]}), "JSON object"),
    "record_without_id": (orjson.dumps([_product(1), {"name": "no id"}]), "no 'id'"),
    "duplicate_ids": (orjson.dumps([_product(1), _product(2), _product(1)]), "more than once"),
    "invalid_utf8": (b'[{"id": "P1", "name": "caf\xe9 \xff\xfe"}]', "UTF-8"),
    "deeply_nested": (_deep(100_000), "nest"),
    "zero_bytes": (b"", "empty"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
async def test_bad_scope_file_is_refused_clearly_and_previous_snapshot_kept(
    case, control, profile, sync_for, store, runtime
):
    data, words = BAD_FILES[case]
    sync = sync_for()
    good = await sync.sync("products")
    control.publish_raw("products", data)
    with pytest.raises(IngestError) as info:
        await sync.sync("products")
    assert words.lower() in str(info.value).lower(), str(info.value)
    assert "previous version is kept" in info.value.hint
    latest = store.latest(profile.id, profile.domain, "products")
    assert latest.version == good.version and store.page(latest.id, 0, 1).total == 300
    assert leftovers(runtime.downloads_dir) == []
    control.publish("products", changed_count=2)  # the next good file goes in
    assert (await sync.sync("products")).records == 300


async def test_ten_megabyte_strings_are_stored_without_crash(control, profile, sync_for, store):
    big = "x" * (10 * 1024 * 1024)
    control.publish_raw(
        "products", orjson.dumps([_product(1, description=big), _product(2, name="small")])
    )
    result = await sync_for().sync("products")
    assert result.records == 2
    assert store.record(result.snapshot_id, "P0000001")["description"] == big


async def test_a_hundred_megabyte_record_is_refused_naming_it_and_the_limit(
    profile, sync_for, store, tmp_path
):
    """One 100 MB record (a huge nested array of objects) in a scope file: refused by the
    app's ingest in bounded time, naming the record and the 64 MB limit (it was "not
    valid JSON"), nothing stored, the previous version kept."""
    good = await sync_for().sync("products")
    source = tmp_path / "products.json"
    item = b'{"sku":"' + b"x" * 90 + b'"},'
    with source.open("wb") as fh:  # generated here: 100 MB in 1 MB writes
        fh.write(b'[{"id":"P1","name":"small"},\n{"id":"HUGE","items":[')
        block = item * ((1 << 20) // len(item))
        for _ in range(101):
            fh.write(block)
        fh.write(b'{"sku":"end"}]},{"id":"P3"}]')
    assert source.stat().st_size > 100 << 20

    def ingest() -> None:
        conn = store.connect()
        try:
            ingest_file(
                conn, source, profile_id=profile.id, domain=profile.domain,
                scope="products", version="9.huge",
            )  # fmt: skip
        finally:
            conn.close()

    started = time.monotonic()
    with pytest.raises(IngestError) as info:
        await asyncio.to_thread(ingest)
    took = time.monotonic() - started
    message = str(info.value)
    assert "Record #2" in message and '"HUGE"' in message and "64 MB" in message, message
    assert "not valid JSON" not in message
    assert "previous version is kept" in info.value.hint
    assert took < 60, f"{took:.1f} s"  # ~3 s on an idle machine
    latest = store.latest(profile.id, profile.domain, "products")
    assert latest.version == good.version


def test_record_splitting_stays_linear_in_a_record_full_of_commas():
    """A 40 MB record that is one array of numbers: every comma used to be a step of a
    Python loop, once per 512 KB block (minutes); now seconds."""
    import io

    data = b'[{"id":"A"},{"id":"NUMS","v":[' + b"1," * (20 << 20) + b'2]},{"id":"C"}]'
    started = time.monotonic()
    ids = [r["id"] for batch in iter_record_lists(io.BytesIO(data)) for r in batch]
    assert ids == ["A", "NUMS", "C"]
    assert time.monotonic() - started < 30


UPLOAD_BAD = {
    "malformed_json": b'[{"id": "ORD-1", ',
    "object_not_array": b'{"id": "ORD-1"}',
    "invalid_utf8": b'[{"id": "ORD-\xff"}]',
    "deeply_nested": _deep(100_000),
    "zero_bytes": b"",
}


@pytest.mark.parametrize("case", sorted(UPLOAD_BAD))
async def test_bad_upload_file_is_refused_locally_nothing_sent(
    case, control, connect, runtime, tmp_path
):
    path = tmp_path / f"{case}.json"
    path.write_bytes(UPLOAD_BAD[case])
    control.reset_counters()
    async with UploadService(runtime, connect(), policy=FAST) as service:
        with pytest.raises(ValidationFailed) as info:
            await service.upload(path, "orders")
    assert info.value.report.issues and str(info.value)
    assert control.counters().get("createUpload", 0) == 0
    assert leftovers(runtime.uploads_dir) == []


async def _wait_status(service, upload_id, predicate, within=10.0):
    import asyncio
    import time

    deadline = time.monotonic() + within
    while not predicate(service.get(upload_id)):
        assert time.monotonic() < deadline, service.get(upload_id)
        await asyncio.sleep(0.02)
    return service.get(upload_id)


@pytest.mark.log_warnings_expected("an unknown tracking status is logged")
async def test_tracking_with_unknown_status_keeps_tracking_and_reaches_the_end(
    control, connect, runtime, tmp_path
):
    path = tmp_path / "orders.json"
    path.write_bytes(orjson.dumps([make_order(1), make_order(2)]))
    control.processing(stepDelay=0.3)
    control.faults(trackingStatus="quarantined")
    async with UploadService(runtime, connect(), policy=FAST) as service:
        messages = []
        service.status_changed.connect(lambda uid, st, pr, msg: messages.append((st, msg)))
        record = await service.upload(path, "orders")
        seen = await _wait_status(service, record.id, lambda r: r.status == "quarantined")
        assert seen.state == LocalState.TRACKING  # not terminal, not an error
        # the status is written before it is announced: wait for the announcement too
        await _wait_status(
            service,
            record.id,
            lambda _r: ("quarantined", describe_status("quarantined")) in messages,
        )
        assert "does not know" in describe_status("quarantined")
        control.faults(trackingStatus=None)
        final = await service.wait(record.id, 20)
    assert final.status == UploadStatus.ACCEPTED and final.state == LocalState.DONE
    assert final.result_total == 2


@pytest.mark.log_warnings_expected("tracking stopped by an HTML answer is logged")
async def test_server_answering_html_gives_a_clear_message_and_nothing_is_lost(
    control, profile, connect, sync_for, store, runtime, tmp_path
):
    sync = sync_for()
    good = await sync.sync("products")
    path = tmp_path / "orders.json"
    path.write_bytes(orjson.dumps([make_order(1)]))
    control.processing(stepDelay=0.2)
    async with UploadService(runtime, connect(), policy=FAST) as service:
        record = await service.upload(path, "orders")
        control.faults(htmlAnswers=True)  # the API now answers a portal page
        with pytest.raises(UnexpectedResponse) as info:
            await sync.connection.client.list_scope_files(profile.domain)
        assert "expected JSON" in str(info.value) and "text/html" in str(info.value)
        assert "Sage 50 Cloud API" in info.value.hint
        with pytest.raises(UnexpectedResponse):
            await sync.sync("products")
        stopped = await _wait_status(
            service, record.id, lambda r: r.state == LocalState.INTERRUPTED
        )
        assert "expected JSON" in (stopped.state_message or "")
        # nothing lost: the snapshot is there, the upload resumes once the API is back
        assert store.latest(profile.id, profile.domain, "products").version == good.version
        control.faults(htmlAnswers=False)
        await service.resume(record.id)
        final = await service.wait(record.id, 20)
    assert final.status == UploadStatus.ACCEPTED and final.state == LocalState.DONE
