"""What the credential store really is: the keyring backend in use, and whether it is a file.

``keyring`` picks a backend by itself; some keep secrets in the operating
system's protected store (Secret Service, KWallet, macOS Keychain, Windows
Credential Manager), others in a plain or encrypted file (``keyrings.alt``,
``keyrings.cryptfile``). :func:`describe` tells them apart so the app can say
plainly where the API key and the secret live, and warn when it is a file.

:func:`redetect` makes ``keyring`` look for a backend again (a Secret Service
started after the app did), so Retry works without a restart.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

SYSTEM = "system"  # the OS's own protected store
FILE = "file"  # a file on disk (see ``encrypted``)
MEMORY = "memory"  # this process only
UNKNOWN = "unknown"  # a backend this app does not know: where it keeps secrets is not known
UNAVAILABLE = "unavailable"

#: the OS stores, by the backend's module and class
_SYSTEM_NAMES = {
    "keyring.backends.SecretService.Keyring": "Secret Service",
    "keyring.backends.libsecret.Keyring": "Secret Service (libsecret)",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet 4",
    "keyring.backends.macOS.Keyring": "macOS Keychain",
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Manager",
}

#: what to install on Linux when there is no Secret Service
LINUX_PROVIDERS = "GNOME Keyring, KWallet or KeePassXC (with its Secret Service integration)"


@dataclass(frozen=True, slots=True)
class BackendInfo:
    """Where a credential store keeps secrets, for the user to read."""

    name: str  # e.g. "Secret Service", "PlaintextKeyring"
    kind: str  # SYSTEM, FILE, MEMORY, UNKNOWN or UNAVAILABLE
    path: str | None = None  # the file, for FILE
    encrypted: bool | None = None  # for FILE: True, False or None (cannot tell)

    @property
    def in_file(self) -> bool:
        return self.kind == FILE

    @property
    def warn(self) -> bool:
        """True when the user should be told the secrets are not in a protected store."""
        return self.kind in (FILE, UNKNOWN, UNAVAILABLE)

    def statement(self) -> str:
        """One English sentence (CLI, logs); the GUI words its own translated one."""
        if self.kind == SYSTEM:
            return f"{self.name}, the system credential store: the app writes them to no file."
        if self.kind == MEMORY:
            return "memory only (this session)."
        if self.kind == FILE:
            where = f" ({self.path})" if self.path else ""
            how = {True: "encrypted", False: "NOT encrypted", None: "encryption unknown"}
            return f"WARNING: {self.name} keeps them in a file{where}, {how[self.encrypted]}."
        if self.kind == UNAVAILABLE:
            return "no credential store is available."
        return (
            f"WARNING: {self.name} is a keyring backend this app does not know; it cannot "
            "tell whether it keeps them in a file."
        )


def dotted(backend: object) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _primary(backend: Any) -> Any:
    """The backend a chainer writes to first."""
    if type(backend).__name__ == "ChainerBackend":
        inner = list(getattr(backend, "backends", []) or [])
        if inner:
            return inner[0]
    return backend


def describe(backend: Any) -> BackendInfo:
    """Describe a ``keyring`` backend object."""
    backend = _primary(backend)
    key = dotted(backend)
    name = _SYSTEM_NAMES.get(key)
    if name is not None:
        return BackendInfo(name, SYSTEM)
    cls = type(backend).__name__
    label = str(getattr(backend, "name", "") or cls)
    path = None
    for attr in ("file_path", "path", "filename"):
        try:
            value = getattr(backend, attr, None)
        except Exception:  # a property that fails (no such file yet)
            value = None
        if isinstance(value, str | bytes) or hasattr(value, "__fspath__"):
            path = str(value)
            break
    lowered = f"{key}".lower()
    if path is not None or "file" in lowered or "crypt" in lowered or "plaintext" in lowered:
        if "plaintext" in lowered:
            encrypted: bool | None = False
        elif "crypt" in lowered:
            encrypted = True
        else:
            encrypted = None
        return BackendInfo(cls, FILE, path, encrypted)
    if key.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return BackendInfo(label, UNAVAILABLE)
    return BackendInfo(label, UNKNOWN)


def linux() -> bool:
    return sys.platform.startswith("linux")


def redetect(keyring_module: Any) -> object:
    """Make ``keyring`` detect its backend again; returns the new one."""
    try:
        from keyring import backend as keyring_backend

        reset = getattr(keyring_backend.get_all_keyring, "reset", None)
        if reset is not None:
            reset()
        keyring_module.core.init_backend()
    except Exception as exc:  # keep the old backend; the caller reports it
        log.warning("re-detecting the keyring backend failed: %s", type(exc).__name__)
    return keyring_module.get_keyring()
