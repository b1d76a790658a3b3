"""The connection session keeps the key alive while idle, and Activity tells the truth about it."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

import pytest

from sage50_desktop.services import activity as A
from sage50_desktop.services.activity import ActivityLog
from sage50_desktop.services.connection_session import ConnectionSession, ListingCache
from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.storage.activity_store import ActivityStore


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
        poll_seconds=3600,
    )
    yield core
    await tasks.cancel_all()
    await core.aclose()


def _renewals(session) -> list[str]:
    return [
        r.detail
        for r in session.activity.entries()
        if r.kind == A.KIND_KEY_ROTATION and r.state == A.SUCCEEDED
    ]


async def test_an_idle_session_renews_before_expiry_and_says_so(session, control):
    control.set_key_lifetime(3.0)
    await session.connection.keys.rotate_now()  # a 3-s key; nothing is requested after this
    control.reset_counters()
    await _until(lambda: len(_renewals(session)) >= 2, message="two idle renewals")
    assert _renewals(session)[:2] == ["expiring", "expiring"]  # before it expired, truly
    counters = control.counters()
    assert counters["rotateApikey"] == 2 and counters.get("listFiles", 0) == 0


async def test_a_renewal_after_the_expiry_is_not_called_before_it(session, control, runtime):
    keys = session.connection.keys
    await keys.rotate_now()
    control.expire_key()
    # the computer slept past the expiry: the stored expiration is in the past
    material = runtime.sandbox_credentials.get_apikey(session.id)
    past = replace(material, expiration=material.received)
    runtime.sandbox_credentials.set_apikey(session.id, past)
    keys.reset()  # read the key again from the credential store, as after a restart
    await _until(lambda: "expired" in _renewals(session), message="the late renewal")
    assert "expiring" not in _renewals(session)
