"""Two resumers of one interrupted upload (two ``sage50 track --wait``): bytes sent once,
both report the platform's true outcome."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import orjson
import pytest
from mp_support import Procs, add_and_consent
from orders import make_order


def _interrupted_upload(procs: Procs, sandbox, tmp_path) -> str:
    orders = tmp_path / "orders.json"
    orders.write_bytes(orjson.dumps([make_order(3001 + i) for i in range(3)]))
    sandbox.control.faults(
        every_nth=1, status=503, retry_after=None, path_prefix="/presigned/uploads"
    )
    failed = procs.sage50("--json", "upload", "orders", str(orders))
    sandbox.control.reset_faults()
    assert failed.code == 1, str(failed)
    listed = procs.sage50("--json", "uploads")
    assert listed.code == 0, str(listed)
    [upload] = listed.json["uploads"]
    assert upload["state"] == "interrupted", upload
    return upload["uploadId"]


@pytest.mark.timeout(300)
def test_two_resumers_send_the_bytes_once_and_both_report_the_true_outcome(
    procs: Procs, sandbox, tmp_path
):
    add_and_consent(procs, sandbox)
    upload_id = _interrupted_upload(procs, sandbox, tmp_path)
    sandbox.control.reset_counters()
    # a slow link: the first PUT is still going when the second resumer looks
    sandbox.control.faults(put_delay=4)
    resumers = [
        procs.start_cli("--json", "track", upload_id, "--wait", "--timeout", "120")
        for _ in range(2)
    ]
    done = procs.wait_all(resumers)
    failures = [str(d) for d in done if d.code != 0]
    assert not failures, "\n".join(failures)
    assert [d.json["status"] for d in done] == ["accepted", "accepted"]
    assert sandbox.control.counters().get("upload", 0) == 1  # one PUT request in all
    [platform] = [u for u in sandbox.control.uploads() if u["uploadId"] == upload_id]
    assert platform["putAttempts"] == 1


@pytest.mark.timeout(300)
def test_bytes_that_arrived_behind_this_folders_back_are_tracked_not_resent(
    procs: Procs, sandbox, tmp_path
):
    """The PUT went through but this data folder never learned it (an answer lost):
    resuming asks tracking first and never reports "nothing reached the platform"."""
    add_and_consent(procs, sandbox)
    upload_id = _interrupted_upload(procs, sandbox, tmp_path)
    # the bytes reach the platform behind this data folder's back
    app = procs.data / "app.sqlite3"
    with sqlite3.connect(app) as db:
        url, path = db.execute(
            "SELECT upload_url, local_path FROM uploads WHERE id=?", (upload_id,)
        ).fetchone()
    put = httpx.put(
        url, content=Path(path).read_bytes(), headers={"Content-Type": "application/json"}
    )
    assert put.status_code == 201
    done = procs.sage50("--json", "track", upload_id, "--wait", "--timeout", "120")
    assert done.code == 0, str(done)
    assert done.json["status"] == "accepted"
