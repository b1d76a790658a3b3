"""Where the credential store keeps secrets: named, a file said to be a file, Retry re-detects."""

from __future__ import annotations

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from plain_file_keyring import ENV, EncryptedKeyring, PlaintextKeyring

from sage50_desktop.storage import credential_backend as B
from sage50_desktop.storage.credentials import (
    CredentialStoreUnavailable,
    KeyringCredentialStore,
    MemoryCredentialStore,
    store_info,
)


def test_system_stores_are_named_and_not_files():
    from keyring.backends import SecretService, Windows, kwallet, macOS

    for cls, name in (
        (SecretService.Keyring, "Secret Service"),
        (kwallet.DBusKeyring, "KWallet"),
        (macOS.Keyring, "macOS Keychain"),
        (Windows.WinVaultKeyring, "Windows Credential Manager"),
    ):
        info = B.describe(object.__new__(cls))
        assert (info.name, info.kind, info.warn) == (name, B.SYSTEM, False)
        assert "writes them to no file" in info.statement()


def test_file_backends_are_files_with_their_path_and_encryption(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, str(tmp_path / "keyring.json"))
    plain = B.describe(PlaintextKeyring())
    assert (plain.kind, plain.path, plain.encrypted, plain.warn) == (
        B.FILE,
        str(tmp_path / "keyring.json"),
        False,
        True,
    )
    assert "NOT encrypted" in plain.statement() and str(tmp_path) in plain.statement()
    encrypted = B.describe(EncryptedKeyring())
    assert encrypted.kind == B.FILE and encrypted.encrypted is True and encrypted.warn
    assert B.describe(fail.Keyring()).kind == B.UNAVAILABLE
    assert store_info(MemoryCredentialStore()).kind == B.MEMORY


class _StrangeKeyring(KeyringBackend):
    """A backend this app has never heard of."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        pass

    def delete_password(self, service: str, username: str) -> None:
        pass


def test_unknown_backend_is_not_called_safe():
    info = B.describe(_StrangeKeyring())  # a backend this app cannot know
    assert info.kind == B.UNKNOWN and info.warn and "does not know" in info.statement()


def test_chainer_is_described_by_the_backend_it_writes_to(tmp_path, monkeypatch):
    from keyring.backends.chainer import ChainerBackend

    monkeypatch.setenv(ENV, str(tmp_path / "k.json"))
    chainer = object.__new__(ChainerBackend)
    monkeypatch.setattr(ChainerBackend, "backends", property(lambda self: [PlaintextKeyring()]))
    assert B.describe(chainer).kind == B.FILE


@pytest.mark.log_warnings_expected("a plaintext file keyring is warned about: that is the point")
def test_retry_redetects_a_store_that_appeared_without_a_restart(tmp_path, monkeypatch):
    import keyring.backend

    previous = keyring.get_keyring()
    # a machine with no backend (no Secret Service); the suite's own backends are not offered
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [])
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv(ENV, str(tmp_path / "keyring.json"))
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(CredentialStoreUnavailable) as info:
            KeyringCredentialStore()
        assert "KeePassXC" in info.value.hint and "Retry" in info.value.hint
        # the user installs a store (here: a file keyring chosen by the environment) and retries
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "plain_file_keyring.PlaintextKeyring")
        store = KeyringCredentialStore()
        assert store.info.kind == B.FILE and store.info.encrypted is False
        assert store.info.path == str(tmp_path / "keyring.json")
        store.set_secret("p1", "S" * 64)
        assert "S" * 64 in (tmp_path / "keyring.json").read_text()
    finally:
        keyring.set_keyring(previous)
