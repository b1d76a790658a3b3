"""The window's core sees what ``sage50`` processes add: snapshots and uploads, within seconds.

The uploads: a child ``sage50 upload --wait`` tracks its upload to the end while the
window only shows it (no second tracker); a child ``sage50 upload`` without
``--wait`` leaves it unfinished and the window takes the tracking over.
"""

from __future__ import annotations

import asyncio

import keyring
import orjson
import pytest
from mp_keyring import ENV, LockedFileKeyring
from mp_support import Procs, add_and_consent
from orders import make_order

from sage50_desktop.services.activity import ActivityLog
from sage50_desktop.services.connection_session import ConnectionSessions
from sage50_desktop.services.external_changes import ExternalChanges
from sage50_desktop.services.runtime import APP_DB, Runtime
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.storage.activity_store import ActivityStore
from sage50_desktop.storage.upload_store import LocalState


async def _until(condition, what: str, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


@pytest.mark.timeout(240)
async def test_snapshot_stored_by_sage50_appears_without_restart(procs: Procs, sandbox):
    await asyncio.to_thread(add_and_consent, procs, sandbox)
    runtime = Runtime(procs.data)
    tasks = TaskRegistry()
    sessions = ConnectionSessions(
        runtime, tasks, ActivityLog(ActivityStore(runtime.app_engine), tasks), runtime.snapshots
    )
    sessions.match_profiles()
    [session] = sessions.list_sessions()
    changed: list[tuple[str, str, str]] = []
    runtime.snapshots.changed.connect(lambda p, d, s: changed.append((p, d, s)))
    watcher = ExternalChanges(runtime.snapshots, interval=0.2)
    watcher.start()
    try:
        await _until(lambda: watcher.checks >= 1, "the first look")
        done = await asyncio.to_thread(procs.sage50, "--json", "download", "products")
        assert done.code == 0, str(done)
        await _until(
            lambda: (session.id, session.domain, "products") in changed,
            "the snapshot stored by sage50",
        )
    finally:
        await watcher.aclose()
        await sessions.aclose()
        runtime.close()


class _Window:
    """The window's core on the children's data folder and keyring, watching other processes."""

    def __init__(self, procs: Procs) -> None:
        self.runtime = Runtime(procs.data)
        self.tasks = TaskRegistry()
        self.sessions = ConnectionSessions(
            self.runtime,
            self.tasks,
            ActivityLog(ActivityStore(self.runtime.app_engine), self.tasks),
            self.runtime.snapshots,
        )
        self.sessions.match_profiles()
        [self.session] = self.sessions.list_sessions()
        self.service = self.session.uploads  # the Uploads page opened
        self.seen: list[tuple[str, str, bool]] = []  # (id, status, tracked here)
        self.service.status_changed.connect(
            lambda uid, status, *_: self.seen.append(
                (uid, status, self.service.tracking(uid) is not None)
            )
        )
        self.watcher = ExternalChanges(
            self.runtime.snapshots,
            uploads=self.sessions,
            app_db=procs.data / APP_DB,
            interval=0.2,
        )

    async def aclose(self) -> None:
        await self.watcher.aclose()
        await self.tasks.cancel_all()
        await self.sessions.aclose()
        self.runtime.close()


@pytest.fixture
def window_keyring(procs: Procs, monkeypatch):
    """This process reads the children's credentials (as the window would the OS store)."""
    monkeypatch.setenv(ENV, str(procs.keyring_file))
    previous = keyring.get_keyring()
    keyring.set_keyring(LockedFileKeyring())
    yield
    keyring.set_keyring(previous)


def _orders(tmp_path, first: int):
    path = tmp_path / f"orders-{first}.json"
    path.write_bytes(orjson.dumps([make_order(first + i) for i in range(3)]))
    return path


@pytest.mark.timeout(240)
@pytest.mark.log_warnings_expected(
    "the processes' shared file keyring is named as keeping secrets in a file"
)
async def test_upload_by_sage50_wait_shows_to_the_end_without_a_second_tracker(
    procs: Procs, sandbox, tmp_path, window_keyring
):
    await asyncio.to_thread(add_and_consent, procs, sandbox)
    window = _Window(procs)
    window.watcher.start()
    try:
        await _until(lambda: window.watcher.checks >= 1, "the first look")
        sandbox.control.reset_counters()
        child = procs.start_cli(
            "--json", "upload", "orders", str(_orders(tmp_path, 5101)), "--wait"
        )
        await _until(lambda: window.seen, "the upload made by sage50", timeout=60)
        upload_id = window.seen[0][0]
        done = await asyncio.to_thread(procs.wait, child)
        assert done.code == 0, str(done)
        assert done.json["uploadId"] == upload_id and done.json["status"] == "accepted"
        await _until(
            lambda: (upload_id, "accepted") in [(u, s) for u, s, _ in window.seen],
            "the final status in the window",
        )
        assert {u for u, _, _ in window.seen} == {upload_id}
        assert not any(tracked for _, _, tracked in window.seen)  # it only showed it
        assert window.service.tracking(upload_id) is None
        record = await asyncio.to_thread(window.service.get, upload_id)
        assert record.state == LocalState.DONE and record.has_result
        assert sandbox.control.counters().get("upload", 0) == 1  # one PUT
        assert upload_id not in window.service.followed
    finally:
        await window.aclose()


@pytest.mark.timeout(240)
@pytest.mark.log_warnings_expected(
    "the processes' shared file keyring is named as keeping secrets in a file"
)
async def test_upload_left_unfinished_by_sage50_is_tracked_to_the_end_by_the_window(
    procs: Procs, sandbox, tmp_path, window_keyring
):
    await asyncio.to_thread(add_and_consent, procs, sandbox)
    window = _Window(procs)
    window.watcher.start()
    try:
        await _until(lambda: window.watcher.checks >= 1, "the first look")
        sandbox.control.reset_counters()
        sandbox.control.processing(stepDelay=0.3)  # still going when the child exits
        done = await asyncio.to_thread(
            procs.sage50, "--json", "upload", "orders", str(_orders(tmp_path, 5201))
        )
        assert done.code == 0, str(done)
        upload_id = done.json["uploadId"]
        assert done.json["status"] != "accepted"
        await _until(
            lambda: (
                window.service.tracking(upload_id) is not None
                or window.service.get(upload_id).state == LocalState.DONE
            ),
            "the window taking the tracking over",
            timeout=60,
        )
        await asyncio.wait_for(window.service.wait(upload_id), 60)
        record = await asyncio.to_thread(window.service.get, upload_id)
        assert record.status == "accepted" and record.has_result
        assert record.state == LocalState.DONE
        assert any(tracked for u, _, tracked in window.seen if u == upload_id)
        assert sandbox.control.counters().get("upload", 0) == 1  # sent once, by the child
        listed = await asyncio.to_thread(procs.sage50, "--json", "uploads")
        assert [u["displayStatus"] for u in listed.json["uploads"]] == ["accepted"]
    finally:
        await window.aclose()
