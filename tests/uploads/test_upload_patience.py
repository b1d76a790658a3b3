"""Tracking patience: an ``available`` upload is polled ever more slowly up to a ceiling,
across restarts, and a status the app does not know is never terminal (real sandbox)."""

from __future__ import annotations

import asyncio

import pytest
from upload_support import make_order, wait_for

from sage50_desktop.api import contract
from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.services.tracking import TrackingPolicy, describe_status
from sage50_desktop.services.uploads import UploadService
from sage50_desktop.storage.upload_store import LocalState

PATIENT = TrackingPolicy(
    initial=0.02, factor=2.0, maximum=0.04, result_grace=5.0, waiting_maximum=0.3
)


def test_the_waiting_ceiling_is_the_contracts_15_minutes():
    assert contract.TRACKING_MAX_INTERVAL == 15 * 60
    policy = TrackingPolicy()
    delay = policy.initial
    for _ in range(40):
        delay = policy.next_delay(delay, UploadStatus.AVAILABLE)
    assert delay == 15 * 60
    assert policy.next_delay(delay, UploadStatus.PROCESSING) == policy.maximum
    assert "online" in describe_status(UploadStatus.AVAILABLE)


async def test_available_is_polled_ever_more_slowly_and_resumed_after_a_restart(
    runtime, profile, write_orders, control
):
    control.faults(trackingStatus=UploadStatus.AVAILABLE)  # Sage 50's installation is offline
    naps: list[float] = []

    async def sleep(seconds: float) -> None:
        naps.append(seconds)
        await asyncio.sleep(seconds)

    def make() -> UploadService:
        connection = runtime.connect(profile)
        connection.client.retry = RetryPolicy(attempts=3, base=0.01, cap=0.05)
        return UploadService(runtime, connection, policy=PATIENT, sleep=sleep)

    first = make()
    try:
        record = await first.upload(write_orders([make_order(1)]), "orders")
        await wait_for(lambda: first.get(record.id).status == UploadStatus.AVAILABLE)
        # the interval grows past the busy-platform cap up to the waiting ceiling, no further
        await wait_for(lambda: naps and max(naps) >= PATIENT.waiting_maximum, within=20)
        assert max(naps) == PATIENT.waiting_maximum > PATIENT.maximum
        assert first.get(record.id).state == LocalState.TRACKING
    finally:
        await first.aclose()
        await first.connection.aclose()
    # next start: still tracked; Sage 50 comes online and fetches the file
    second = make()
    try:
        assert await second.resume_all() == [record.id]
        control.faults(trackingStatus=None)
        final = await second.wait(record.id, limit=30)
        assert final.status == UploadStatus.ACCEPTED
    finally:
        await second.aclose()
        await second.connection.aclose()


@pytest.mark.log_warnings_expected("an unknown tracking status is logged")
async def test_an_unknown_status_is_shown_as_it_is_and_never_ends_tracking(
    service, write_orders, control
):
    control.faults(trackingStatus="queuedInSage50")
    record = await service.upload(write_orders([make_order(1)]), "orders")
    await wait_for(lambda: service.get(record.id).status == "queuedInSage50")
    assert "queuedInSage50" in describe_status("queuedInSage50")
    polls = control.counters()["tracking"]
    await wait_for(lambda: control.counters()["tracking"] >= polls + 3)  # polled on and on
    assert service.get(record.id).state == LocalState.TRACKING
    assert service.recorder.of("finished") == []
    control.faults(trackingStatus=None)
    final = await service.wait(record.id, limit=30)
    assert final.status == UploadStatus.ACCEPTED
