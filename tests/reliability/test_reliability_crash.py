"""Issue 11 — crash safety: kill -9 in the middle of an ingest and of an upload's tracking.

CI size: 100,000 products (~77 MB). The full-size check (1,000,000) is
``bench/crash_1m.py`` (see docs/reliability.md).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest
from crash_child import kill_mid_ingest
from orders import make_order
from reliability_support import (
    child_env,
    integrity,
    leftovers,
    run_sage50,
    sage50_script,
    wait_until,
)

from sage50_desktop.sandbox import generator
from sage50_desktop.storage.snapshot_store import SnapshotStore

CI_RECORDS = 100_000


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "products-100k.json"
    size, sha = generator.write_scope_file(path, "products", 50, range(1, CI_RECORDS + 1), {})
    return path, size, sha


async def test_kill9_mid_ingest_db_intact_no_half_snapshot_next_download_works(
    big_file, control, profile, sync_for, store, runtime
):
    sync = sync_for()
    before = await sync.sync("products")  # the previous snapshot (300 records)
    path, _size, _sha = big_file
    started = time.monotonic()
    done = kill_mid_ingest(
        runtime.cache_path,
        path,
        profile.id,
        profile.domain,
        "products",
        "999.big",
        kill_at=CI_RECORDS // 3,
    )
    assert done >= CI_RECORDS // 3 and time.monotonic() - started < 60
    assert integrity(runtime.cache_path) == "ok"
    fresh = SnapshotStore(runtime.cache_path)  # as after a restart
    try:
        snaps = fresh.list_snapshots(profile.id, profile.domain, "products")
        assert [s.version for s in snaps] == [before.version]
        assert all(s.status == "complete" for s in snaps)
        assert fresh.page(snaps[0].id, 0, 1).total == 300
    finally:
        fresh.close()
    control.publish("products", changed_count=4, added_count=2)
    after = await sync.sync("products")
    assert after.records == 302 and after.changed == 4 and after.added == 2
    assert integrity(runtime.cache_path) == "ok"
    assert leftovers(runtime.downloads_dir) == []


def test_kill9_mid_upload_tracking_resumes_after_restart_to_terminal_status(
    sandbox, control, tmp_path
):
    home = tmp_path / "child-home"
    env = child_env(home, tmp_path / "keyring.json")
    added = run_sage50(
        env,
        "--json",
        "profile",
        "add",
        "default",
        "--base-url",
        sandbox.base_url,
        "--developer-id",
        sandbox.developer_id,
        "--application-id",
        sandbox.application_id,
        "--domain",
        sandbox.domain,
    )
    assert added.returncode == 0, added.stderr
    control.auto_approve(0)
    consent = run_sage50(env, "--json", "consent", "--timeout", "30", "--poll-interval", "0.05")
    assert consent.returncode == 0, consent.stderr
    control.auto_approve(None)
    orders = tmp_path / "orders.json"
    orders.write_bytes(json.dumps([make_order(i) for i in range(1, 4)]).encode())
    control.processing(stepDelay=0.4)  # each status lasts 0.4 s: time to kill mid-tracking

    child = subprocess.Popen(
        [sage50_script(), "--json", "upload", "orders", str(orders), "--wait", "--timeout", "60"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:

        def tracking_started():
            ups = control.uploads()
            return ups and ups[0]["status"] in ("validating", "available") and ups[0]

        upload = wait_until(tracking_started, 30, "the upload to be tracked")
        os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == -signal.SIGKILL
    assert integrity(home / "data" / "app.sqlite3") == "ok"
    listed = run_sage50(env, "--json", "uploads")
    assert listed.returncode == 0, listed.stderr
    row = json.loads(listed.stdout)["uploads"][0]
    assert row["uploadId"] == upload["uploadId"] and row["state"] != "done"

    # restart: tracking resumes and reaches the terminal status with its result
    resumed = run_sage50(env, "--json", "track", upload["uploadId"], "--wait", "--timeout", "60")
    assert resumed.returncode == 0, resumed.stderr
    body = json.loads(resumed.stdout)
    assert body["status"] == "accepted" and body["state"] == "done"
    assert body["summary"]["total"] == 3 and body["summary"]["accepted"] == 3
    assert [u["putAttempts"] for u in control.uploads()] == [1]  # the bytes went once
