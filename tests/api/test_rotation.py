"""Silent key rotation: single flight, stale keys, 409 adoption, consent revoked, ahead of expiry."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from fake_platform import APP, DEV, DOMAIN, FakePlatform

from sage50_desktop.api.client import Sage50Client
from sage50_desktop.api.errors import ConsentRevoked
from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.api.rotation import ApiKeyManager, KeyMaterial, StaticVault


async def _nosleep(_seconds: float) -> None:
    await asyncio.sleep(0)


def make_client(
    platform: FakePlatform, *, expiration: datetime | None = None, vault: StaticVault | None = None
) -> tuple[Sage50Client, ApiKeyManager, StaticVault]:
    vault = vault or StaticVault(
        KeyMaterial(platform.current_key, expiration), initial=platform.initial_key
    )
    client = Sage50Client(
        platform.base, transport=platform.transport(), sleep=_nosleep, retry=RetryPolicy(attempts=3)
    )

    async def rotate(initial: str, current: str):
        return await client.rotate_apikey(DEV, APP, initial, current)

    keys = ApiKeyManager(vault, rotate)
    client.keys = keys
    return client, keys, vault


async def test_twenty_concurrent_calls_on_an_expired_key_cause_one_rotation():
    platform = FakePlatform()
    platform.key_expired = True
    platform.rotation_delay = 0.05  # slow rotation: all 20 requests fail and wait
    client, keys, vault = make_client(platform)
    rotated = []
    keys.rotated.connect(lambda exp, reason: rotated.append(reason))
    async with client:
        results = await asyncio.gather(*(client.list_scope_files(DOMAIN) for _ in range(20)))
    assert all(r.domain == DOMAIN for r in results)
    assert platform.rotations == 1
    assert rotated == ["rejected"]
    assert vault.material.apikey == platform.current_key
    assert vault.saves == 1


async def test_request_sent_with_a_stale_key_is_replayed_without_a_second_rotation():
    platform = FakePlatform()
    client, keys, vault = make_client(platform)
    async with client:
        stale = await keys.current()
        # another task rotates first
        await keys.after_rejection(stale)
        assert platform.rotations == 1
        # a request that had been sent with the stale key fails with 401 ...
        key = await keys.after_rejection(stale)
        assert key == platform.current_key
        assert platform.rotations == 1
        await client.list_scope_files(DOMAIN)
    assert platform.rotations == 1


async def test_new_key_is_stored_before_it_is_used():
    platform = FakePlatform()
    platform.key_expired = True
    order: list[str] = []

    class RecordingVault(StaticVault):
        async def save_key(self, material):
            order.append("saved")
            await super().save_key(material)

    vault = RecordingVault(KeyMaterial(platform.current_key))
    original = platform.handle

    async def handle(request):
        if (
            request.url.path.startswith("/api/files/")
            and request.headers.get("apikey") != "key-0000000001"
        ):
            order.append("used")
        return await original(request)

    platform.handle = handle
    client, keys, _ = make_client(platform, vault=vault)
    async with client:
        await client.list_scope_files(DOMAIN)
    assert order == ["saved", "used"]


async def test_rotates_ahead_of_expiry_without_any_401():
    platform = FakePlatform()
    soon = datetime.now(UTC) + timedelta(seconds=30)  # inside the 2-minute margin
    client, keys, _ = make_client(platform, expiration=soon)
    async with client:
        await client.list_scope_files(DOMAIN)
    assert platform.rotations == 1
    # no request with a key got a 401
    assert all(
        r.url.path != "/api/files/ecommerce" or r.headers["apikey"] == platform.current_key
        for r in platform.requests
    )


async def test_key_expired_while_the_app_was_closed_rotates_before_the_first_call():
    platform = FakePlatform()
    platform.key_expired = True
    past = datetime.now(UTC) - timedelta(hours=3)
    client, keys, _ = make_client(platform, expiration=past)
    async with client:
        await client.list_scope_files(DOMAIN)
    assert platform.rotations == 1
    file_calls = [r for r in platform.requests if r.url.path == "/api/files/ecommerce"]
    assert len(file_calls) == 1  # the expired key was never sent


async def test_409_apikey_rotated_adopts_the_key_another_process_stored():
    platform = FakePlatform()
    client, keys, vault = make_client(platform)
    async with client:
        old = await keys.current()
        # another process rotates and stores the new key in the shared credential store
        issued = await client.rotate_apikey(DEV, APP, platform.initial_key, old)
        vault.material = KeyMaterial(issued.apikey, issued.expiration)
        reasons = []
        keys.rotated.connect(lambda exp, reason: reasons.append(reason))
        result = await client.list_scope_files(DOMAIN)  # 401 -> rotate -> 409 -> adopt
    assert result.domain == DOMAIN
    assert platform.rotations == 1
    assert reasons == ["adopted"]


@pytest.mark.log_warnings_expected("consent lost is logged as a warning")
async def test_409_with_no_newer_key_stored_reports_consent_lost():
    platform = FakePlatform()
    client, keys, vault = make_client(platform)
    async with client:
        old = await keys.current()
        await client.rotate_apikey(
            DEV, APP, platform.initial_key, old
        )  # rotated elsewhere, never stored
        with pytest.raises(ConsentRevoked):
            await client.list_scope_files(DOMAIN)
    assert keys.consent_needed


@pytest.mark.log_warnings_expected("consent lost is logged as a warning")
async def test_consent_revoked_is_a_distinct_state_and_stops_retrying():
    platform = FakePlatform()
    platform.consent_revoked = True
    client, keys, _ = make_client(platform)
    lost = []
    keys.consent_lost.connect(lost.append)
    async with client:
        with pytest.raises(ConsentRevoked):
            await client.list_scope_files(DOMAIN)
        assert keys.consent_needed
        calls = len(platform.requests)
        with pytest.raises(ConsentRevoked):
            await client.list_scope_files(DOMAIN)
        assert len(platform.requests) == calls  # nothing sent again: no retry loop
    assert len(lost) == 1
    assert platform.rotations == 0


async def test_manual_rotation():
    platform = FakePlatform()
    client, keys, vault = make_client(platform)
    async with client:
        material = await keys.rotate_now()
    assert material.apikey == platform.current_key == vault.material.apikey
    assert material.expiration is not None


@pytest.mark.log_warnings_expected("consent lost is logged as a warning")
async def test_a_missing_initial_key_is_reported_once_to_concurrent_callers():
    """A connection stored before v2: every caller fails, consent is lost once, no rotation."""
    from sage50_desktop.api.errors import InitialKeyMissing

    platform = FakePlatform()
    vault = StaticVault(KeyMaterial(platform.current_key, None), initial="")
    client, keys, _vault = make_client(platform, vault=vault)
    lost: list[BaseException] = []
    keys.consent_lost.connect(lost.append)
    async with client:
        results = await asyncio.gather(
            *(client.list_scope_files(DOMAIN) for _ in range(5)), return_exceptions=True
        )
        again = await asyncio.gather(client.list_scope_files(DOMAIN), return_exceptions=True)
    assert all(isinstance(r, InitialKeyMissing) for r in results + again)
    assert len(lost) == 1
    assert platform.rotations == 0
