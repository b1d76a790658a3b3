"""Restarts, crashes, key expiry and consent loss while uploads are in flight (sandbox)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from upload_support import make_order, wait_for

from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.api.errors import ConsentRevoked
from sage50_desktop.services.uploads import UploadLinkExpired
from sage50_desktop.storage.upload_store import LocalState


class Crash(BaseException):
    """Stands for the process dying."""


async def test_restart_in_the_middle_of_tracking(make_service, write_orders, control):
    control.processing(stepDelay=0.15)
    first = make_service()
    record = await first.upload(write_orders([make_order(1)]), "orders")
    await wait_for(lambda: first.get(record.id).status != UploadStatus.PENDING)
    await first.aclose()  # the app quits mid-tracking
    assert first.get(record.id).state == LocalState.TRACKING
    assert not first.get(record.id).terminal  # six steps of 0.15 s: far from the end

    second = make_service()  # next start, same database
    assert await second.resume_all() == [record.id]
    final = await second.wait(record.id, limit=20)
    assert final.status == UploadStatus.ACCEPTED and final.has_result
    assert second.recorder.of("finished") == [(record.id, "accepted")]
    statuses = [h.status for h in second.history(record.id)]
    assert statuses[0] == UploadStatus.PENDING and statuses[-1] == UploadStatus.ACCEPTED
    assert await second.resume_all() == []  # nothing left to do


async def test_crash_between_record_and_put_resumes_the_put(make_service, write_orders, control):
    first = make_service()

    async def crash(*_args, **_kwargs):
        raise Crash()

    first.connection.client.upload_file = crash
    with pytest.raises(Crash):
        await first.upload(write_orders([make_order(1)]), "orders")
    [record] = first.list_uploads()
    assert record.state == LocalState.SENDING and record.sent_at is None
    assert record.upload_url  # kept so the PUT can be resumed
    await first.aclose()

    second = make_service()
    assert await second.resume_all() == [record.id]
    final = await second.wait(record.id, limit=20)
    assert final.status == UploadStatus.ACCEPTED and final.sent_at is not None
    assert final.upload_url is None
    assert [u["uploadId"] for u in control.uploads()] == [record.id]


async def test_crash_before_put_with_expired_link_asks_for_reupload(
    make_service, write_orders, control
):
    control.processing(uploadUrlLifetime=0)
    first = make_service()

    async def crash(*_args, **_kwargs):
        raise Crash()

    first.connection.client.upload_file = crash
    with pytest.raises(Crash):
        await first.upload(write_orders([make_order(1)]), "orders")
    [record] = first.list_uploads()
    await first.aclose()
    await asyncio.sleep(1.05)  # the link runs out while the app is down

    control.processing(uploadUrlLifetime=900)
    second = make_service()
    await second.resume_all()
    await second.wait(record.id, limit=20)
    after = second.get(record.id)
    assert after.state == LocalState.URL_EXPIRED and after.sent_at is None
    assert after.display_status == "upload link expired"
    assert isinstance(second.recorder.of("error")[0][1], UploadLinkExpired)
    child = await second.reupload(record.id)
    assert (await second.wait(child.id, limit=20)).status == UploadStatus.ACCEPTED


async def test_key_expiring_during_tracking_is_handled_silently(
    make_service, write_orders, control
):
    control.processing(stepDelay=0.1)
    service = make_service()
    record = await service.upload(write_orders([make_order(1)]), "orders")
    await wait_for(lambda: service.get(record.id).status != UploadStatus.PENDING)
    assert control.expire_key() >= 1
    final = await service.wait(record.id, limit=20)
    assert final.status == UploadStatus.ACCEPTED and final.has_result
    assert service.connection.keys.rotations >= 1
    assert service.recorder.of("error") == []


@pytest.mark.log_warnings_expected("consent lost is logged as a warning")
async def test_consent_revoked_stops_tracking_and_stays_resumable(
    make_service, write_orders, control
):
    control.processing(stepDelay=0.1)
    service = make_service()
    record = await service.upload(write_orders([make_order(1)]), "orders")
    await wait_for(lambda: service.get(record.id).status != UploadStatus.PENDING)
    control.revoke_consent()
    stopped = await service.wait(record.id, limit=20)
    assert stopped.state == LocalState.INTERRUPTED
    assert "Consent is needed" in (stopped.state_message or "")
    [(upload_id, exc)] = service.recorder.of("error")
    assert upload_id == record.id and isinstance(exc, ConsentRevoked)
    assert stopped.display_status == "interrupted"


@pytest.mark.log_warnings_expected("an unknown upload status is logged as a warning")
async def test_unknown_status_is_recorded_not_fatal(service, write_orders, control):
    real = service.connection.client.get_tracking
    calls = 0

    async def odd_tracking(url):
        nonlocal calls
        calls += 1
        tracking = await real(url)
        return replace(tracking, status="quarantined", progress=7) if calls == 1 else tracking

    service.connection.client.get_tracking = odd_tracking
    record = await service.upload(write_orders([make_order(1)]), "orders")
    final = await service.wait(record.id, limit=20)
    assert final.status == UploadStatus.ACCEPTED
    assert "quarantined" in [h.status for h in service.history(record.id)]
    changed = [args for args in service.recorder.of("status_changed") if args[1] == "quarantined"]
    assert changed and "does not know" in changed[0][3]
