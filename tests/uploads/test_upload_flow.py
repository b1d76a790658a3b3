"""Upload engine against the sandbox over real sockets: the status paths."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from upload_support import UNKNOWN_PRODUCT, make_order, wait_for

from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.api.errors import ScopeNotUploadable
from sage50_desktop.services.tracking import TrackingPolicy, describe_status
from sage50_desktop.services.uploads import NotResumable, UploadLinkExpired
from sage50_desktop.services.validation import ValidationFailed
from sage50_desktop.storage.upload_store import LocalState


async def test_accepted(service, write_orders, control):
    control.processing(stepDelay=0.08)
    path = write_orders([make_order(1), make_order(2), make_order(3)])
    record = await service.upload(path, "orders")
    assert record.sent_at is not None and record.upload_url is None
    assert record.state == LocalState.TRACKING
    final = await service.wait(record.id, limit=20)

    assert final.status == UploadStatus.ACCEPTED and final.state == LocalState.DONE
    assert (final.result_total, final.result_accepted, final.result_rejected) == (3, 3, 0)
    summary = service.summary(record.id)
    assert summary is not None and summary.total == 3 and summary.errors == ()
    outcomes = service.outcomes(record.id)
    assert [(o.record_id, o.outcome) for o in outcomes] == [
        ("ORD-1", "accepted"),
        ("ORD-2", "accepted"),
        ("ORD-3", "accepted"),
    ]
    # raw result file kept in the uploads folder
    assert final.result_path and final.result_path.endswith(".result.json")
    assert b'"accepted"' in await asyncio.to_thread(Path(final.result_path).read_bytes)
    # the local copy is the one uploaded; the original may move
    assert final.local_path.startswith(str(service.uploads_dir))
    path.unlink()
    # every status change is in the history, in order
    statuses = [h.status for h in service.history(record.id)]
    seen = [s for i, s in enumerate(statuses) if i == 0 or statuses[i - 1] != s]
    assert seen[0] == UploadStatus.PENDING and seen[-1] == UploadStatus.ACCEPTED
    assert len(seen) >= 4 and seen == [s for s in UploadStatus.HAPPY_PATH if s in seen]
    # events
    rec = service.recorder
    assert rec.of("upload_added") == [(record.id,)]
    assert rec.of("transfer_progress")[-1] == (record.id, final.size, final.size)
    assert rec.of("result_ready") == [(record.id,)]
    assert rec.of("finished") == [(record.id, "accepted")]
    assert rec.of("error") == []
    assert {args[1] for args in rec.of("status_changed")} >= set(seen)
    # the sandbox got exactly this upload
    uploads = control.uploads()
    assert [u["uploadId"] for u in uploads] == [record.id]
    assert "imported every record" in service.describe(record.id)


async def test_failed_stores_rejections_and_partial_reupload(service, write_orders, control):
    path = write_orders([make_order(1), make_order(2, product=UNKNOWN_PRODUCT), make_order(3)])
    record = await service.upload(path, "orders")
    final = await service.wait(record.id, limit=20)
    assert final.status == UploadStatus.FAILED
    assert (final.result_total, final.result_accepted, final.result_rejected) == (3, 2, 1)
    rejected = service.outcomes(record.id, "rejected")
    assert len(rejected) == 1 and rejected[0].record_id == "ORD-2"
    assert rejected[0].errors == (("lines.0.productId", "unknown product"),)
    assert "rejected some or all records" in describe_status(final.status)

    # partial re-upload: the rejected records, fixed
    records = await service.rejected_records(record.id)
    assert [r["id"] for r in records] == ["ORD-2"]
    records[0]["lines"][0]["productId"] = "P0000002"
    child = await service.reupload_records(record.id, records)
    assert child.parent_id == record.id and child.record_count == 1
    done = await service.wait(child.id, limit=20)
    assert done.status == UploadStatus.ACCEPTED and done.result_accepted == 1
    assert [c.id for c in service.children(record.id)] == [child.id]

    # filters of the history
    assert [u.id for u in service.list_uploads(status="failed")] == [record.id]
    assert [u.id for u in service.list_uploads(status="accepted")] == [child.id]
    assert len(service.list_uploads(scope="orders")) == 2
    assert service.list_uploads(scope="customers") == []


async def test_partial_reupload_is_validated_first(service, write_orders, control):
    record = await service.upload(write_orders([make_order(1, product=UNKNOWN_PRODUCT)]), "orders")
    await service.wait(record.id, limit=20)
    broken = make_order(1)
    del broken["lines"]
    before = len(control.uploads())
    with pytest.raises(ValidationFailed) as info:
        await service.reupload_records(record.id, [broken])
    assert info.value.report.issues[0].path == "lines"
    assert len(control.uploads()) == before


async def test_bad_request_from_the_server(service, write_orders, control):
    control.processing(outcome="badRequest")
    record = await service.upload(write_orders([make_order(1)]), "orders")
    final = await service.wait(record.id, limit=20)
    assert final.status == UploadStatus.BAD_REQUEST and final.state == LocalState.DONE
    assert final.has_result
    summary = service.summary(record.id)
    assert summary is not None and summary.errors and "forced" in summary.errors[0]
    assert service.recorder.of("finished") == [(record.id, "badRequest")]
    assert "rejected the file" in describe_status("badRequest")
    assert "Nothing was imported" in describe_status("badRequest")


async def test_local_validation_blocks_and_nothing_is_sent(service, write_orders, control):
    broken = make_order(1)
    del broken["customer"]["email"]
    path = write_orders([make_order(0), broken])
    with pytest.raises(ValidationFailed) as info:
        await service.upload(path, "orders")
    issue = info.value.report.issues[0]
    assert (issue.record, issue.path) == ("ORD-1", "customer.email")
    assert control.uploads() == []
    assert not any("/api/files" in key and "POST" in key for key in control.counters())
    assert service.list_uploads() == []
    assert [p for p in service.uploads_dir.iterdir()] == []  # the copy is gone too
    # not JSON at all
    path.write_bytes(b"not json")
    with pytest.raises(ValidationFailed, match="not JSON"):
        await service.upload(path, "orders")
    with pytest.raises(ScopeNotUploadable):
        await service.upload(path, "products")
    assert control.uploads() == []


async def test_late_result_file(make_service, write_orders, control):
    control.processing(resultDelay=0.5)
    service = make_service(TrackingPolicy(initial=0.02, maximum=0.1, result_grace=10))
    record = await service.upload(write_orders([make_order(1)]), "orders")
    waiting = await wait_for(lambda: service.get(record.id).state == LocalState.WAITING_RESULT)
    assert waiting
    assert service.get(record.id).status == UploadStatus.ACCEPTED
    assert not service.get(record.id).has_result
    assert "waiting for Sage 50 to publish the result" in service.describe(record.id)
    final = await service.wait(record.id, limit=20)
    assert final.has_result and final.result_accepted == 1 and final.state == LocalState.DONE
    assert service.recorder.of("finished") == [(record.id, "accepted")]


async def test_grace_period_ends_without_result(make_service, write_orders, control):
    control.processing(resultDelay=30)
    service = make_service(TrackingPolicy(initial=0.02, maximum=0.05, result_grace=0.3))
    record = await service.upload(write_orders([make_order(1)]), "orders")
    final = await service.wait(record.id, limit=20)
    assert final.status == UploadStatus.ACCEPTED and final.state == LocalState.DONE
    assert not final.has_result
    assert "No result file" in (final.state_message or "")


async def test_upload_url_expired_then_reupload(service, write_orders, control):
    control.processing(uploadUrlLifetime=0)  # the sandbox rounds up: it lives < 1 s
    path = write_orders([make_order(1)])
    real_put = service.connection.client.upload_file

    async def slow_put(url, file, **kwargs):
        await asyncio.sleep(1.05)  # the link expires before the bytes go
        return await real_put(url, file, **kwargs)

    service.connection.client.upload_file = slow_put
    with pytest.raises(UploadLinkExpired) as info:
        await service.upload(path, "orders")
    service.connection.client.upload_file = real_put
    assert "Re-upload" in info.value.hint
    [record] = service.list_uploads()
    assert record.state == LocalState.URL_EXPIRED
    assert record.display_status == "upload link expired"
    assert service.recorder.of("error")[0][0] == record.id
    with pytest.raises(NotResumable):
        await service.resume(record.id)

    control.processing(uploadUrlLifetime=900)
    path.unlink()  # the saved copy is enough
    again = await service.reupload(record.id)
    assert again.parent_id == record.id and again.id != record.id
    final = await service.wait(again.id, limit=20)
    assert final.status == UploadStatus.ACCEPTED


async def test_cancel_and_resume(make_service, write_orders, control):
    control.processing(stepDelay=0.2)
    service = make_service()
    record = await service.upload(write_orders([make_order(1)]), "orders")
    cancelled = await service.cancel(record.id)
    assert cancelled.state == LocalState.CANCELLED
    assert service.tracking(record.id) is None
    assert [u.id for u in service.list_uploads(status="tracking cancelled")] == [record.id]
    assert "Tracking was cancelled" in service.describe(record.id)
    await service.resume(record.id)
    final = await service.wait(record.id, limit=20)
    assert final.status == UploadStatus.ACCEPTED and final.state == LocalState.DONE
