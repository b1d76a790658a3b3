"""Issue 16 — server ids never become paths (a hostile platform on loopback).

The platform chooses the ``uploadId``; the app names the result file from a
derived safe name inside its uploads folder, refuses ids it cannot use, and
refuses a repeated id with a clear message (no ``Errno``, no SQL).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from hostile_support import (
    Hostile,
    clean_message,
    files_outside,
    keyed_profile,
    orders_file,
    snapshot,
)

from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.services.server_ids import (
    DuplicateUploadId,
    UnsafeServerId,
    file_name_for,
    path_inside,
)
from sage50_desktop.services.tracking import TrackingPolicy
from sage50_desktop.services.uploads import UploadService
from sage50_desktop.storage.upload_store import LocalState

FAST = TrackingPolicy(initial=0.02, factor=1.5, maximum=0.1, result_grace=2.0)


@pytest.fixture
async def hostile(runtime):
    server = await Hostile().start()
    server.conns = []
    yield server
    for conn in server.conns:
        await conn.aclose()
    await server.stop()


def _service(runtime, hostile):
    profile = keyed_profile(runtime, hostile.base)
    conn = runtime.connect(profile, retry=RetryPolicy(attempts=1))
    hostile.conns.append(conn)
    return UploadService(runtime, conn, policy=FAST)


def _assert_nothing_outside(
    runtime, root: Path, before: set[Path], result: str | None, unique: str
) -> None:
    assert result is not None
    assert Path(result).resolve().parent == runtime.uploads_dir.resolve()
    data = runtime.data_dir.resolve()
    assert [p for p in files_outside(root, before) if not p.resolve().is_relative_to(data)] == []
    assert not Path(f"/tmp/{unique}").exists()


@pytest.mark.parametrize(
    "upload_id",
    [
        "../../../escape/PWNED",
        "..\\..\\..\\escape\\PWNED",
        "/tmp/{unique}/PWNED",
        "CON",
        "NUL.txt",
        "a/b/c",
        "..",
        ".",
        "~root",
        "ümlaut id ☃",
    ],
)
async def test_hostile_upload_id_never_writes_outside_the_uploads_folder(
    runtime, hostile, tmp_path, upload_id
):
    unique = uuid.uuid4().hex
    upload_id = upload_id.replace("{unique}", unique)
    hostile.upload_platform(upload_id)
    source = orders_file(tmp_path)
    before = snapshot(tmp_path)
    async with _service(runtime, hostile) as service:
        record = await service.upload(source, "orders")
        final = await service.wait(record.id, 20)
    assert final.id == upload_id  # the id itself is kept as data
    assert final.state == LocalState.DONE and final.result_total == 1
    _assert_nothing_outside(runtime, tmp_path, before, final.result_path, unique)


def test_derived_names_are_safe_distinct_and_stay_inside(tmp_path):
    names = {file_name_for(i, ".result.json") for i in ("a/b", "a_b", "a\\b", "a b", "CON")}
    assert len(names) == 5  # a hash of the whole id: no two ids share a name
    for name in names:
        assert "/" not in name and "\\" not in name and not name.startswith(".")
        assert path_inside(tmp_path, name).parent == tmp_path
    assert file_name_for("CON", ".x").upper() != "CON.X"  # never a bare device name
    for bad in ("..", "../x", "a/b", ""):
        with pytest.raises(UnsafeServerId):
            path_inside(tmp_path, bad)


@pytest.mark.parametrize(
    "upload_id,words",
    [
        ("x" * 5000, "5,000 characters"),
        ("", "empty"),
        ("id\x1b[31mred", "control characters"),
    ],
)
async def test_unusable_upload_id_is_refused_clearly_and_nothing_is_sent(
    runtime, hostile, tmp_path, upload_id, words
):
    hostile.upload_platform(upload_id)
    async with _service(runtime, hostile) as service:
        with pytest.raises(UnsafeServerId) as info:
            await service.upload(orders_file(tmp_path), "orders")
        assert service.store.records(profile_id=service.profile_id) == []  # nothing recorded
    text = f"{info.value} {info.value.hint}"
    assert words in text and clean_message(text) == []
    assert not [m for m, p, _h in hostile.seen if m == "PUT"]  # no bytes went


async def test_repeated_upload_id_is_refused_clearly_and_not_sent_twice(runtime, hostile, tmp_path):
    hostile.upload_platform("u-same")
    async with _service(runtime, hostile) as service:
        first = await service.upload(orders_file(tmp_path), "orders")
        await service.wait(first.id, 20)
        puts = len([m for m, _p, _h in hostile.seen if m == "PUT"])
        with pytest.raises(DuplicateUploadId) as info:
            await service.upload(orders_file(tmp_path, "again.json"), "orders")
        assert len([m for m, _p, _h in hostile.seen if m == "PUT"]) == puts
        assert service.store.get("u-same").state == LocalState.DONE  # the first one intact
    text = f"{info.value} {info.value.hint}"
    assert "earlier" in text and clean_message(text) == []
