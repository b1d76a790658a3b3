"""The credential store: two entries per profile, no plaintext fallback, deletion."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sage50_desktop.api.rotation import KeyMaterial
from sage50_desktop.storage.credentials import (
    APIKEY_SERVICE,
    SECRET_SERVICE,
    CredentialStoreUnavailable,
    KeyringCredentialStore,
    MemoryCredentialStore,
    ProfileVault,
)

KEY = "ak_" + "k" * 40
SECRET = "S" * 64


def test_key_and_secret_are_two_entries_under_two_services(test_keyring):
    store = KeyringCredentialStore()
    exp = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    store.set_apikey("p1", KeyMaterial(KEY, exp))
    store.set_secret("p1", SECRET)
    assert set(test_keyring.entries) == {(APIKEY_SERVICE, "p1"), (SECRET_SERVICE, "p1")}
    assert SECRET not in test_keyring.entries[(APIKEY_SERVICE, "p1")]
    assert KEY not in test_keyring.entries[(SECRET_SERVICE, "p1")]
    material = store.get_apikey("p1")
    assert material.apikey == KEY and material.expiration == exp
    assert store.get_secret("p1") == SECRET
    store.delete("p1")
    assert test_keyring.entries == {}
    store.delete("p1")  # deleting twice is fine


def test_no_usable_backend_is_a_clear_error_not_a_plaintext_fallback():
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(CredentialStoreUnavailable) as info:
            KeyringCredentialStore()
        assert "Secret Service" in info.value.hint
    finally:
        keyring.set_keyring(previous)


async def test_profile_vault_round_trip_off_the_event_loop():
    store = MemoryCredentialStore()
    vault = ProfileVault(store, "p2")
    assert await vault.load_key() is None
    await vault.save_key(KeyMaterial(KEY, None))
    store.set_secret("p2", SECRET)
    assert (await vault.load_key()).apikey == KEY
    assert await vault.load_secret() == SECRET
