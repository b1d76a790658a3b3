"""The sample order files shipped in resources/demo behave as their README says on the sandbox."""

from __future__ import annotations

import pytest

from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.resources import resource_path
from sage50_desktop.services.validation import ValidationFailed


async def test_valid_sample_is_accepted(service, control):
    record = await service.upload(resource_path("demo", "orders-sandbox-valid.json"), "orders")
    final = await service.wait(record.id, limit=20)
    assert final.status == UploadStatus.ACCEPTED
    assert (final.result_total, final.result_rejected) == (5, 0)


async def test_sample_with_unknown_references_has_two_orders_rejected(service, control):
    record = await service.upload(
        resource_path("demo", "orders-sandbox-some-rejected.json"), "orders"
    )
    final = await service.wait(record.id, limit=20)
    assert final.status == UploadStatus.FAILED
    rejected = {o.record_id for o in service.outcomes(record.id, "rejected")}
    assert rejected == {"WEB-2026-00102", "WEB-2026-00103"}


async def test_invalid_sample_is_blocked_locally(service, control):
    with pytest.raises(ValidationFailed) as info:
        await service.upload(resource_path("demo", "orders-invalid.json"), "orders")
    paths = {(issue.record, issue.path) for issue in info.value.report.issues}
    assert paths == {("WEB-2026-00201", "lines"), ("WEB-2026-00202", "customer.email")}
    assert control.uploads() == []
