"""Contract v2 rotation over real sockets: initial key + current key, missing expiration,
wrong initial key, connections stored before v2, three entries, renewal while idle."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import pytest

from sage50_desktop.api.errors import ConsentRevoked, InitialKeyMissing, PollingNotOffered
from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.api.rotation import KeyMaterial
from sage50_desktop.sandbox.testing import SandboxThread
from sage50_desktop.services import onboarding
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.storage.credentials import (
    APIKEY_SERVICE,
    INITIAL_APIKEY_SERVICE,
    SECRET_SERVICE,
)
from sage50_desktop.storage.profiles import Profile

FAST = RetryPolicy(attempts=2, base=0.01, cap=0.05)


@pytest.fixture
def runtime(app_home):
    rt = Runtime()
    yield rt
    rt.close()


async def _onboard(runtime: Runtime, sandbox: SandboxThread) -> Profile:
    profile = runtime.profiles.add(
        Profile(
            "Tienda", sandbox.base_url, sandbox.developer_id, sandbox.application_id, sandbox.domain
        )
    )
    async with runtime.connect(profile) as conn:
        flow = onboarding.ConsentFlow(
            conn.client, runtime.credentials, runtime.profiles, profile, poll_interval=0.05
        )
        passcode = await flow.request_passcode()
        await asyncio.to_thread(sandbox.control.grant, passcode.passcode)
        status = await flow.wait(timeout=10)
    assert status.status == "approved"
    return runtime.profiles.get(profile.id)


async def test_three_entries_through_several_rotations_keep_the_initial_key(
    sandbox, runtime, test_keyring
):
    profile = await _onboard(runtime, sandbox)
    initial = test_keyring.entries[(INITIAL_APIKEY_SERVICE, profile.id)]
    secret = test_keyring.entries[(SECRET_SERVICE, profile.id)]
    assert test_keyring.entries[(APIKEY_SERVICE, profile.id)].split("\n")[0] == initial
    seen = {initial}
    async with runtime.connect(profile) as conn:
        for _ in range(3):
            sandbox.control.expire_key()
            await conn.client.list_scope_files(profile.domain)  # 401 → PATCH → replay
            current = test_keyring.entries[(APIKEY_SERVICE, profile.id)].split("\n")[0]
            assert current not in seen
            seen.add(current)
            assert test_keyring.entries[(INITIAL_APIKEY_SERVICE, profile.id)] == initial
            assert test_keyring.entries[(SECRET_SERVICE, profile.id)] == secret
    assert sandbox.control.counters()["rotateApikey"] == 3
    assert {s for s, user in test_keyring.entries if user == profile.id} == {
        APIKEY_SERVICE,
        INITIAL_APIKEY_SERVICE,
        SECRET_SERVICE,
    }


async def test_a_rotation_answer_without_expiration_is_used_and_renewed_on_the_next_401(
    sandbox, runtime
):
    profile = await _onboard(runtime, sandbox)
    sandbox.control.platform(rotationExpiration=False)
    async with runtime.connect(profile) as conn:
        sandbox.control.expire_key()
        await conn.client.list_scope_files(profile.domain)
        stored = runtime.credentials.get_apikey(profile.id)
        assert stored is not None and stored.expiration is None  # kept, expiry unknown
        assert conn.keys.expiration is None
        assert runtime.profiles.get(profile.id).key_expiration is None
        # the key works; with no expiry known it is renewed only when refused
        await conn.client.list_scope_files(profile.domain)
        assert sandbox.control.counters()["rotateApikey"] == 1
        sandbox.control.expire_key()
        await conn.client.list_scope_files(profile.domain)
        assert sandbox.control.counters()["rotateApikey"] == 2
        assert runtime.credentials.get_apikey(profile.id).apikey != stored.apikey


@pytest.mark.log_warnings_expected("consent lost is logged as a warning")
async def test_wrong_initial_key_means_consent_needed_with_a_hint(sandbox, runtime):
    profile = await _onboard(runtime, sandbox)
    runtime.credentials.set_initial_apikey(profile.id, "sk_not_the_initial_key")
    sandbox.control.expire_key()
    async with runtime.connect(profile, retry=FAST) as conn:
        lost = []
        conn.keys.consent_lost.connect(lost.append)
        with pytest.raises(ConsentRevoked) as info:
            await conn.client.list_scope_files(profile.domain)
        assert info.value.status == 403 and "consent" in info.value.hint.lower()
        with pytest.raises(ConsentRevoked):  # no second rotation attempt
            await conn.client.list_scope_files(profile.domain)
    assert len(lost) == 1
    assert sandbox.control.counters()["rotateApikey"] == 1
    assert runtime.profiles.get(profile.id).consent_needed


@pytest.mark.log_warnings_expected("consent lost is logged as a warning")
async def test_a_connection_stored_before_v2_asks_for_consent_once_and_never_rotates(
    sandbox, runtime, test_keyring
):
    profile = await _onboard(runtime, sandbox)
    # what v1 left behind: the secret and the current key, no initial key
    del test_keyring.entries[(INITIAL_APIKEY_SERVICE, profile.id)]
    sandbox.control.expire_key()
    sandbox.control.reset_counters()
    async with runtime.connect(profile, retry=FAST) as conn:
        lost = []
        conn.keys.consent_lost.connect(lost.append)
        for _ in range(3):
            with pytest.raises(InitialKeyMissing) as info:
                await conn.client.list_scope_files(profile.domain)
        assert "consent must be given again" in info.value.hint.lower()
    assert len(lost) == 1  # said once
    counters = sandbox.control.counters()
    assert counters.get("rotateApikey", 0) == 0 and counters.get("listScopeFiles", 0) == 0
    assert runtime.profiles.get(profile.id).consent_needed


async def test_a_platform_without_polling_is_its_own_error(sandbox, runtime):
    profile = runtime.profiles.add(
        Profile(
            "Tienda", sandbox.base_url, sandbox.developer_id, sandbox.application_id, sandbox.domain
        )
    )
    sandbox.control.platform(polling=False)
    async with runtime.connect(profile) as conn:
        flow = onboarding.ConsentFlow(
            conn.client, runtime.credentials, runtime.profiles, profile, poll_interval=0.05
        )
        await flow.request_passcode()
        started = time.monotonic()
        with pytest.raises(PollingNotOffered) as info:
            await flow.wait(timeout=30)
        assert time.monotonic() - started < 5
        assert "--listen" in info.value.hint and "--paste" in info.value.hint
        # ids are still checked on such a platform
        await onboarding.verify_ids(conn.client, sandbox.developer_id, sandbox.application_id)


async def test_idle_renewal_rotates_once_per_lifetime_before_expiry(sandbox, runtime):
    lifetime = 4.0
    sandbox.control.set_key_lifetime(lifetime)
    profile = await _onboard(runtime, sandbox)
    sandbox.control.reset_counters()
    async with runtime.connect(profile) as conn:
        reasons: list[str] = []
        done = asyncio.Event()

        def on_rotated(expiration: datetime | None, reason: str) -> None:
            reasons.append(reason)
            # renewed while the old key was still valid
            assert expiration is not None and expiration > datetime.now(UTC)
            if len(reasons) == 3:
                done.set()

        conn.keys.rotated.connect(on_rotated)
        started = time.monotonic()
        conn.keep_key_alive()  # nothing is requested from here on
        await asyncio.wait_for(done.wait(), timeout=30)
        elapsed = time.monotonic() - started
    assert reasons == ["expiring"] * 3
    counters = sandbox.control.counters()
    assert counters["rotateApikey"] == 3  # once per lifetime, not more
    assert elapsed >= 2 * lifetime  # three renewals take more than two lifetimes
    assert counters.get("listScopeFiles", 0) == 0  # no request was needed to keep it alive
    stored = runtime.credentials.get_apikey(profile.id)
    assert isinstance(stored, KeyMaterial) and stored.expiration > datetime.now(UTC)
