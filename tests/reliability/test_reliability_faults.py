"""Issue 11 — faults survived: each test names the platform fault and proves the app lives through it.

Everything runs against the real sandbox on loopback sockets; faults come from its
``/sandbox/faults`` knobs. Retry sleeps are recorded, not slept (``Sleeps``).
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from reliability_support import (
    FAST_RETRY,
    Sleeps,
    free_port,
    integrity,
    leftovers,
    onboard,
)

from sage50_desktop.api.errors import (
    ConsentRevoked,
    DownloadCorrupt,
    ServerUnreachable,
    TransportError,
)
from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.api.rotation import KeyMaterial
from sage50_desktop.sandbox.config import SandboxConfig
from sage50_desktop.sandbox.testing import SandboxThread
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.settings import Settings
from sage50_desktop.storage.credentials import KeyringCredentialStore


@pytest.mark.parametrize("status", [503, 429])
async def test_every_nth_request_with_retry_after_is_survived(
    status, control, profile, sync_for, sleeps, store
):
    control.faults(everyNth=2, status=status, retryAfter=1, pathPrefix="/")
    sync = sync_for()
    first = await sync.sync("products")
    control.publish("products", changed_count=5)
    second = await sync.sync("products")
    for _ in range(3):
        await sync.connection.client.list_scope_files(profile.domain)
    faults = control.faults()
    assert faults["injected"] >= 3
    assert first.records == 300 and second.changed == 5
    # Retry-After was honoured: every retry waited at least the announced second
    assert sleeps.calls and all(s >= 1 for s in sleeps.calls)
    assert len(store.list_snapshots(profile.id, profile.domain, "products")) == 2


async def test_connection_dropped_mid_large_download_resumes_and_verifies(
    control, profile, sync_for, store, runtime
):
    control.set_records("products", 20_000)  # ~15 MB
    size = next(s["size"] for s in control.scopes() if s["scope"] == "products")
    control.faults(dropAfterBytes=size // 2, dropMode="once")
    control.reset_counters()
    result = await sync_for().sync("products")
    assert result.records == 20_000 and result.downloaded_bytes == size
    assert control.counters()["download"] == 2  # the cut one, then a Range resume
    assert leftovers(runtime.downloads_dir) == []
    snap = store.latest(profile.id, profile.domain, "products")
    assert snap.sha256 == next(s["sha256"] for s in control.scopes() if s["scope"] == "products")


async def test_corrupted_bytes_rejected_previous_snapshot_intact_then_retried(
    control, profile, sync_for, store, runtime
):
    sync = sync_for()
    v1 = await sync.sync("products")
    control.publish("products", changed_count=3)
    control.faults(corruptNextDownload=True)
    with pytest.raises(DownloadCorrupt) as info:
        await sync.sync("products")
    assert "damaged" in info.value.hint
    latest = store.latest(profile.id, profile.domain, "products")
    assert latest.version == v1.version and latest.records == 300
    assert store.page(latest.id, 0, 5).total == 300
    assert leftovers(runtime.downloads_dir) == []
    v2 = await sync.sync("products")  # retried: the next download is clean
    assert v2.version != v1.version and v2.changed == 3


async def test_presigned_url_expired_mid_flow_a_new_one_is_asked_for(
    control, profile, sync_for, store
):
    control.set_records("products", 5_000)
    size = next(s["size"] for s in control.scopes() if s["scope"] == "products")
    # URLs live 1 s; the connection drops half-way and the retry waits 2.2 s, so the
    # resume finds its URL expired and must ask 4.2 for a new one
    control.faults(urlLifetime=1, dropAfterBytes=size // 2, dropMode="once")
    control.reset_counters()
    result = await sync_for(sleep=Sleeps(real=2.2)).sync("products")
    assert result.records == 5_000
    counters = control.counters()
    assert counters["getFile"] == 2  # the first 4.2 and the refresh after urlExpired
    assert counters["download"] == 3  # cut, refused as expired, resumed on the new URL


async def test_slow_rotation_with_twenty_waiting_requests_rotates_once(
    control, profile, connect, runtime
):
    conn = connect()
    control.expire_key()
    control.faults(rotationDelay=0.5)
    control.reset_counters()
    results = await asyncio.gather(
        *(conn.client.get_scope_file(profile.domain, "products") for _ in range(20))
    )
    assert all(r is not None and r.scope == "products" for r in results)
    assert control.counters()["rotateApikey"] == 1
    assert runtime.profiles.get(profile.id).key_expiration > profile.key_expiration


async def test_key_expired_while_app_was_closed_first_call_rotates_silently(
    control, sandbox, app_home, test_keyring
):
    # session 1: onboard, then quit
    rt = Runtime(
        app_home / "data",
        credentials=KeyringCredentialStore(),
        settings=Settings(app_home / "config" / "settings.json"),
    )
    profile = await onboard(rt, sandbox)
    old = rt.credentials.get_apikey(profile.id)
    rt.close()
    # while closed: the key runs out on the server, and its stored expiry is in the past
    control.expire_key()
    rt_store = KeyringCredentialStore()
    rt_store.set_apikey(
        profile.id, KeyMaterial(old.apikey, datetime.now(UTC) - timedelta(minutes=5))
    )
    # session 2: the first call works; one rotation; the new key is stored
    rt = Runtime(
        app_home / "data",
        credentials=KeyringCredentialStore(),
        settings=Settings(app_home / "config" / "settings.json"),
    )
    try:
        control.reset_counters()
        async with rt.connect(rt.profiles.get(profile.id), retry=FAST_RETRY) as conn:
            listed = await conn.client.list_scope_files(profile.domain)
        assert {s.scope for s in listed.scopes} == {"customers", "products"}
        assert control.counters()["rotateApikey"] == 1
        new = rt.credentials.get_apikey(profile.id)
        assert new.apikey != old.apikey and new.expiration > datetime.now(UTC)
        assert not rt.profiles.get(profile.id).consent_needed
        # same story when the stored expiry still looks valid (clock skew): 401, rotate, replay
        control.expire_key()
        control.reset_counters()
        async with rt.connect(rt.profiles.get(profile.id), retry=FAST_RETRY) as conn:
            await conn.client.list_scope_files(profile.domain)
        assert control.counters()["rotateApikey"] == 1
    finally:
        rt.close()


@pytest.mark.log_warnings_expected("consent lost is logged as a warning")
async def test_consent_revoked_clear_state_cached_data_browsable_no_retry_loop(
    control, profile, sync_for, store, runtime, sleeps
):
    sync = sync_for()
    first = await sync.sync("products")
    control.revoke_consent()
    control.reset_counters()
    for _ in range(3):
        with pytest.raises(ConsentRevoked) as info:
            await sync.sync("products")
        assert "consent" in info.value.hint.lower()
    # one 4.2 answered 403 and one rotation attempt confirmed it; after that the key
    # manager refuses locally: three syncs, two requests in all, no retry sleeps
    assert sum(control.counters().values()) <= 2
    assert sleeps.calls == []
    assert runtime.profiles.get(profile.id).consent_needed
    snap = store.latest(profile.id, profile.domain, "products")
    assert snap.version == first.version
    page = store.page(snap.id, 0, 10)
    assert page.total == 300 and len(page.rows) == 10
    assert store.record(snap.id, page.rows[0]["id"]) == page.rows[0]


async def test_server_gone_clear_message_bounded_time_no_hang(
    app_home, test_keyring, control, sandbox
):
    # a server that went away (nothing listens on its port any more)
    rt = Runtime(
        app_home / "data",
        credentials=KeyringCredentialStore(),
        settings=Settings(app_home / "config" / "settings.json"),
    )
    try:
        own = SandboxThread(SandboxConfig(customers=5, products=5)).start()
        profile = await onboard(rt, own)
        own.stop()
        for base in (own.base_url, f"http://127.0.0.1:{free_port()}"):
            prof = replace(profile, base_url=base)
            sleeps = Sleeps()
            started = time.monotonic()
            async with rt.connect(prof, sleep=sleeps) as conn:  # the default retry policy
                with pytest.raises(ServerUnreachable) as info:
                    await conn.client.list_scope_files(prof.domain)
            elapsed = time.monotonic() - started
            assert isinstance(info.value, TransportError)
            assert "does not answer" in info.value.hint
            assert len(sleeps.calls) == RetryPolicy().attempts - 1  # bounded tries
            assert sum(sleeps.calls) <= 0.5 + 1 + 2 + 4  # bounded backoff (full jitter)
            assert elapsed < 5
    finally:
        rt.close()


def _limit_pages(store, extra_pages: int) -> list[int]:
    """Make every new cache connection unable to grow the file beyond ``extra_pages``."""
    original = store.connect
    limits: list[int] = []

    def connect() -> sqlite3.Connection:
        conn = original()
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + extra_pages}")
        limits.append(pages + extra_pages)
        return conn

    store.connect = connect  # type: ignore[method-assign]
    return limits


async def test_disk_full_while_ingesting_previous_snapshot_intact_db_not_corrupt(
    control, profile, sync_for, store, runtime
):
    """Disk full is simulated with ``PRAGMA max_page_count`` on the ingest's connection."""
    sync = sync_for()
    first = await sync.sync("products")
    control.set_records("products", 20_000)
    limits = _limit_pages(store, extra_pages=200)  # ~800 KB of room: far too little
    with pytest.raises(Exception) as info:  # noqa: B017 - the type is asserted below
        await sync.sync("products")
    assert limits, "the ingest did not open its own connection"
    assert "full" in str(info.value).lower()
    del store.connect  # space is back
    assert integrity(runtime.cache_path) == "ok"
    snap = store.latest(profile.id, profile.domain, "products")
    assert snap.version == first.version and store.page(snap.id, 0, 1).total == 300
    assert leftovers(runtime.downloads_dir) == []
    again = await sync.sync("products")
    assert again.records == 20_000


async def test_disk_full_while_ingesting_gives_a_clear_error(control, profile, sync_for, store):
    sync = sync_for()
    await sync.sync("products")
    control.set_records("products", 20_000)
    _limit_pages(store, extra_pages=200)
    with pytest.raises(Exception) as info:  # noqa: B017
        await sync.sync("products")
    hint = getattr(info.value, "hint", "") or ""
    assert "disk" in hint.lower() or "space" in hint.lower()
