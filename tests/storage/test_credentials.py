"""The credential store: three entries per profile, no plaintext fallback, deletion."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sage50_desktop.api.rotation import KeyMaterial
from sage50_desktop.storage.credentials import (
    APIKEY_SERVICE,
    INITIAL_APIKEY_SERVICE,
    SECRET_SERVICE,
    CredentialStoreUnavailable,
    KeyringCredentialStore,
    MemoryCredentialStore,
    ProfileVault,
    store_consent,
)

KEY = "ak_" + "k" * 40
SECRET = "S" * 64


def test_secret_initial_key_and_current_key_are_three_entries_under_three_services(test_keyring):
    store = KeyringCredentialStore()
    exp = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    store_consent(store, "p1", SECRET, KeyMaterial(KEY, exp))
    assert set(test_keyring.entries) == {
        (APIKEY_SERVICE, "p1"),
        (SECRET_SERVICE, "p1"),
        (INITIAL_APIKEY_SERVICE, "p1"),
    }
    assert SECRET not in test_keyring.entries[(APIKEY_SERVICE, "p1")]
    assert KEY not in test_keyring.entries[(SECRET_SERVICE, "p1")]
    assert test_keyring.entries[(INITIAL_APIKEY_SERVICE, "p1")] == KEY
    # a rotation replaces only the current key; the initial key stays
    store.set_apikey("p1", KeyMaterial("k" * 30, None))
    assert store.get_initial_apikey("p1") == KEY
    material = store.get_apikey("p1")
    assert material.apikey == "k" * 30 and material.expiration is None
    store.set_apikey("p1", KeyMaterial(KEY, exp))
    material = store.get_apikey("p1")
    assert material.apikey == KEY and material.expiration == exp
    assert store.get_secret("p1") == SECRET
    store.delete("p1")
    assert test_keyring.entries == {}
    store.delete("p1")  # deleting twice is fine


def test_no_usable_backend_is_a_clear_error_not_a_plaintext_fallback(monkeypatch):
    import keyring
    import keyring.backend
    from keyring.backends import fail

    # a machine with no backend at all (the store re-detects, and would find the suite's own)
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [])
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)

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


def test_a_current_key_stored_before_v2_still_reads_and_has_no_initial_key(test_keyring):
    """v1 wrote ``<key>\\n<expiration>`` and no initial key: both facts must be readable."""
    store = KeyringCredentialStore()
    test_keyring.entries[(APIKEY_SERVICE, "old")] = f"{KEY}\n2026-12-01T10:00:00Z"
    material = store.get_apikey("old")
    assert material.apikey == KEY and material.expiration == datetime(2026, 12, 1, 10, tzinfo=UTC)
    assert material.received is None
    assert store.get_initial_apikey("old") is None
