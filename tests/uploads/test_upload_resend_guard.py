"""The duplicate-order guard: orders already accepted on this connection are not sent again unasked."""

from __future__ import annotations

import pytest
from upload_support import UNKNOWN_PRODUCT, make_order

from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.services.resend_guard import DuplicateOrders


async def test_reupload_of_an_accepted_upload_is_held_back_until_allowed(
    service, write_orders, control
):
    record = await service.upload(write_orders([make_order(1), make_order(2)]), "orders")
    final = await service.wait(record.id, limit=20)
    assert final.status == UploadStatus.ACCEPTED
    with pytest.raises(DuplicateOrders) as info:
        await service.reupload(record.id)
    check = info.value.check
    assert check.count == 2 and check.compared == 2
    assert check.sample_ids() == ["ORD-1", "ORD-2"] and check.uploads() == [record.id]
    assert all(d.accepted_at is not None for d in check.duplicates)
    assert "2 of the 2 order(s)" in str(info.value)
    assert [u["uploadId"] for u in control.uploads()] == [record.id]  # nothing sent
    assert len(service.list_uploads()) == 1  # nothing recorded
    again = await service.reupload(record.id, allow_resend=True)
    assert again.parent_id == record.id
    assert len(control.uploads()) == 2


async def test_new_file_with_accepted_orders_names_only_those(
    service, write_orders, control, tmp_path
):
    first = await service.upload(write_orders([make_order(1), make_order(2)], "a.json"), "orders")
    await service.wait(first.id, limit=20)
    path = write_orders([make_order(2), make_order(3), make_order(4)], "b.json")
    check = await service.check_resend(path, "orders")
    assert check.sample_ids() == ["ORD-2"] and check.compared == 3
    before = set(service.uploads_dir.iterdir())
    with pytest.raises(DuplicateOrders):
        await service.upload(path, "orders")
    assert set(service.uploads_dir.iterdir()) == before  # the copy was not kept
    assert len(control.uploads()) == 1
    fresh = write_orders([make_order(3), make_order(4)], "c.json")
    assert (await service.check_resend(fresh, "orders")).clean
    record = await service.upload(fresh, "orders")
    assert (await service.wait(record.id, limit=20)).status == UploadStatus.ACCEPTED


async def test_rejected_orders_are_not_counted_as_accepted(service, write_orders, control):
    path = write_orders([make_order(1), make_order(2, product=UNKNOWN_PRODUCT)])
    record = await service.upload(path, "orders")
    assert (await service.wait(record.id, limit=20)).status == UploadStatus.FAILED
    with pytest.raises(DuplicateOrders) as info:
        await service.reupload(record.id)  # ORD-1 was accepted, ORD-2 was not
    assert info.value.check.sample_ids() == ["ORD-1"]
    records = await service.rejected_records(record.id)
    records[0]["lines"][0]["productId"] = "P0000002"
    child = await service.reupload_records(record.id, records)  # ORD-2 only: no question
    assert (await service.wait(child.id, limit=20)).status == UploadStatus.ACCEPTED
    with pytest.raises(DuplicateOrders):
        await service.reupload_records(record.id, records)  # now it was accepted


async def test_other_profiles_accepted_orders_do_not_count(service, write_orders, control):
    record = await service.upload(write_orders([make_order(1)]), "orders")
    await service.wait(record.id, limit=20)
    store = service.store
    assert (
        store.accepted_among(
            profile_id="someone-else", domain=service.domain, scope="orders", record_ids=["ORD-1"]
        )
        == []
    )
    assert [
        a.record_id
        for a in store.accepted_among(
            profile_id=service.profile_id,
            domain=service.domain,
            scope="orders",
            record_ids=["ORD-1", "ORD-9"],
            chunk=1,
        )
    ] == ["ORD-1"]
