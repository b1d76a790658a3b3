"""The Qt-free connection session on a real sandbox: the one watcher loop.

One listing (4.1) per poll interval, each new version reported once, and the
automatic download works with no page (no GUI at all) open.
"""

from __future__ import annotations

import asyncio
import time

import pytest
from qt_helpers import assert_not_emitted, wait_signal

from sage50_desktop.services import settings as S
from sage50_desktop.services.activity import ActivityLog
from sage50_desktop.services.connection_session import (
    ConnectionSession,
    ListingCache,
    SessionState,
)
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.storage.activity_store import ActivityStore

INTERVAL = 0.3


async def _until(condition, timeout: float = 30.0, message: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {message}")
        await asyncio.sleep(0.02)


@pytest.fixture
async def session(runtime, profile):
    tasks = TaskRegistry()
    activity = ActivityLog(ActivityStore(runtime.app_engine), tasks)
    core = ConnectionSession(
        runtime,
        profile,
        tasks,
        activity,
        ListingCache(runtime.data_dir / "listings"),
        runtime.snapshots,
        poll_seconds=INTERVAL,
    )
    yield core
    await tasks.cancel_all()
    await core.aclose()


async def test_auto_download_without_any_page(session, runtime, control):
    runtime.settings.set(S.AUTO_DOWNLOAD, True)
    control.set_records("customers", 40)
    session.refresh()
    store = runtime.snapshots
    await _until(
        lambda: store.latest(session.id, session.domain, "customers") is not None,
        message="the first automatic download",
    )
    assert session.state == SessionState.ONLINE
    published = control.publish("customers", changed_count=2)

    def stored(_profile: str, _domain: str, scope: str) -> bool:
        latest = store.latest(session.id, session.domain, "customers")
        return scope == "customers" and latest.version == published["version"]

    await wait_signal(
        store.changed,
        timeout=30,
        check=stored,
        message="the new version stored by the watcher loop",
    )


async def test_one_listing_per_round_and_each_version_reported_once(session, runtime, control):
    runtime.settings.set(S.AUTO_DOWNLOAD, False)
    reported: list[tuple[str, str]] = []
    session.new_version.connect(lambda scope, version: reported.append((scope, version)))
    rounds = []
    session.tasks.finished.connect(
        lambda info: rounds.append(info) if info.name == session.task_name("refresh") else None
    )
    session.refresh()
    await _until(lambda: len(rounds) >= 1, message="the first listing")
    control.reset_counters()
    first = len(rounds)
    started = time.monotonic()
    published = control.publish("customers", changed_count=1)
    await _until(lambda: len(rounds) >= first + 4, message="four polling rounds")
    elapsed = time.monotonic() - started
    listings = control.counters().get("listFiles", 0)
    # one 4.1 call per round, and no more rounds than the interval allows
    assert listings == len(rounds) - first
    assert listings <= elapsed / INTERVAL + 1
    # nothing downloaded: every round sees the versions as new, each is reported once
    versions = [v for s, v in reported if s == "customers"]
    assert versions.count(published["version"]) == 1
    assert len(reported) == len(set(reported))
    # the next rounds report nothing again
    await assert_not_emitted(session.new_version, within=3 * INTERVAL)
