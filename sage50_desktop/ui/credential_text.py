"""What the GUI says about where the API key and the secret are kept (overview, Done page).

The facts come from :mod:`sage50_desktop.storage.credential_backend`; this
module only words them, in the UI language. A file-based keyring is named
as a file, with a warning, and never described as the system store.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from sage50_desktop.storage import credential_backend as B
from sage50_desktop.storage.credential_backend import BackendInfo


def _t(text: str) -> str:
    return QCoreApplication.translate("CredentialText", text)


def where(info: BackendInfo) -> str:
    """A short value: "Secret Service (system credential store)", "a file, not encrypted: …"."""
    if info.kind == B.SYSTEM:
        return _t("%1 (the system credential store)").replace("%1", info.name)
    if info.kind == B.MEMORY:
        return _t("memory only (sandbox connections get fresh credentials at every start)")
    if info.kind == B.UNAVAILABLE:
        return _t("no credential store is available on this computer")
    if info.kind == B.FILE:
        text = {
            True: _t("⚠ a file, encrypted: %1 (%2)"),
            False: _t("⚠ a file, NOT encrypted: %1 (%2)"),
            None: _t("⚠ a file (encryption unknown): %1 (%2)"),
        }[info.encrypted]
        return text.replace("%1", info.path or _t("location unknown")).replace("%2", info.name)
    return _t("⚠ %1 (a keyring backend this app does not know)").replace("%1", info.name)


def statement(info: BackendInfo) -> str:
    """The full sentence about where secrets go, plain text (the caller escapes it)."""
    if info.kind == B.SYSTEM:
        return _t(
            "%1 is the system credential store: the app writes the API key and the "
            "secret to no file of its own and never to the log."
        ).replace("%1", info.name)
    if info.kind == B.MEMORY:
        return _t(
            "They are kept in memory only, for this session: sandbox connections get "
            "fresh credentials at every start."
        )
    if info.kind == B.UNAVAILABLE:
        return missing_store()
    advice = (
        _t(
            "To keep them in the system credential store instead, install %1 and start "
            "the app without PYTHON_KEYRING_BACKEND."
        ).replace("%1", B.LINUX_PROVIDERS)
        if B.linux()
        else _t(
            "To keep them in the system credential store instead, start the "
            "app without PYTHON_KEYRING_BACKEND."
        )
    )
    if info.kind == B.FILE:
        where_text = info.path or _t("a location it chooses")
        if info.encrypted is True:
            text = _t(
                "Warning: the keyring backend %1 keeps the API key and the secret in a "
                "file, %2, encrypted with its own password. Anyone with that file and "
                "the password can read them."
            )
        elif info.encrypted is False:
            text = _t(
                "Warning: the keyring backend %1 keeps the API key and the secret in a "
                "file, %2, NOT encrypted: anyone who can read that file can use this "
                "connection."
            )
        else:
            text = _t(
                "Warning: the keyring backend %1 keeps the API key and the secret in a "
                "file, %2; this app cannot tell whether it is encrypted."
            )
        return text.replace("%1", info.name).replace("%2", where_text) + " " + advice
    return (
        _t(
            "Warning: %1 is a keyring backend this app does not know; it cannot tell "
            "whether it writes the API key and the secret to a file."
        ).replace("%1", info.name)
        + " "
        + advice
    )


def missing_store() -> str:
    """No usable store: what to install (Linux) and that Retry looks again."""
    if B.linux():
        return _t(
            "No Secret Service is running, so there is nowhere safe to keep the API key "
            "and the secret. Install and unlock %1, then click Retry: the app looks "
            "again without a restart."
        ).replace("%1", B.LINUX_PROVIDERS)
    return _t(
        "No credential store is available on this computer. Unlock the system "
        "credential store, then click Retry."
    )
