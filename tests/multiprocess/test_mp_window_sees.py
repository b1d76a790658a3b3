"""The window's core sees what ``sage50`` processes add: snapshots, within seconds."""

from __future__ import annotations

import asyncio

import pytest
from mp_support import Procs, add_and_consent

from sage50_desktop.services.activity import ActivityLog
from sage50_desktop.services.connection_session import ConnectionSessions
from sage50_desktop.services.external_changes import ExternalChanges
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.storage.activity_store import ActivityStore


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
