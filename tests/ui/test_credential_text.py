"""What the GUI says about where secrets are kept: a file is called a file, in both languages."""

from __future__ import annotations

import pytest

from sage50_desktop.storage import credential_backend as B
from sage50_desktop.storage.credential_backend import BackendInfo
from sage50_desktop.ui import credential_text, i18n


@pytest.fixture
def language(qapp):
    yield i18n.install
    i18n.install("en")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_file_keyring_is_never_called_safe(language, lang):
    language(lang)
    plain = BackendInfo("PlaintextKeyring", B.FILE, "/home/u/.local/keyring_pass.cfg", False)
    text = credential_text.statement(plain)
    assert "/home/u/.local/keyring_pass.cfg" in text and "PlaintextKeyring" in text
    assert ("NOT encrypted" if lang == "en" else "SIN cifrar") in text
    assert ("never written to a file" not in text) and ("a no file" not in text)
    assert "KeePassXC" in text  # what to install instead (Linux)
    short = credential_text.where(plain)
    assert short.startswith("⚠") and "/home/u/.local/keyring_pass.cfg" in short
    encrypted = credential_text.statement(BackendInfo("EncryptedKeyring", B.FILE, "/k", True))
    assert (
        "encrypted with its own password" if lang == "en" else "cifrado con su propia"
    ) in encrypted
    system = credential_text.statement(BackendInfo("Secret Service", B.SYSTEM))
    assert "Secret Service" in system and "⚠" not in credential_text.where(
        BackendInfo("Secret Service", B.SYSTEM)
    )
    missing = credential_text.missing_store()
    assert "GNOME Keyring" in missing and "KWallet" in missing and "KeePassXC" in missing
    assert ("Retry" if lang == "en" else "Reintentar") in missing
