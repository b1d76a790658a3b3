"""The OS credential store (keyring): the secret, the initial key and the current key, apart.

Three entries per connection profile (contract v2, section 2), under three
service names (``sage50-desktop/secret``, ``sage50-desktop/initial-apikey``
and ``sage50-desktop/apikey``), with the profile's stable id as the user
name, so renaming a profile moves nothing. The initial key is the one consent
delivered; it never changes while the consent lasts and every rotation needs
it. The current key entry stores ``<key>\\n<expiration ISO>\\n<received ISO>``
(either time empty when unknown) so the expiration travels with the key between processes.
A new consent replaces all three; removing a connection removes all three. There is no plaintext fallback: with no usable
backend, :class:`CredentialStoreUnavailable` says what to install.

Profiles on the bundled sandbox may use :class:`MemoryCredentialStore`
instead: throwaway credentials kept in this process only.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import sys
import threading
from datetime import datetime
from typing import Any, Protocol

from sage50_desktop.api.errors import Sage50Error
from sage50_desktop.api.models import format_timestamp, parse_timestamp
from sage50_desktop.api.rotation import KeyMaterial
from sage50_desktop.redaction import register_secret
from sage50_desktop.storage.credential_backend import (
    MEMORY,
    UNAVAILABLE,
    BackendInfo,
    describe,
    redetect,
)

log = logging.getLogger(__name__)

APIKEY_SERVICE = "sage50-desktop/apikey"  # the current key and its expiration
INITIAL_APIKEY_SERVICE = "sage50-desktop/initial-apikey"  # the consent's initial key
SECRET_SERVICE = "sage50-desktop/secret"
SERVICES = (SECRET_SERVICE, INITIAL_APIKEY_SERVICE, APIKEY_SERVICE)


class CredentialStoreUnavailable(Sage50Error):
    """No usable credential store on this computer."""

    hint = (
        "No credential store is available. On Linux install and unlock a Secret Service "
        "provider (GNOME Keyring, KWallet or KeePassXC with its Secret Service integration), "
        "then click Retry; on Windows and macOS the system one is used. To choose a backend "
        "explicitly, set PYTHON_KEYRING_BACKEND."
    )


class CredentialStore(Protocol):
    """Where a profile's secret, initial key and current key are kept."""

    name: str

    def get_apikey(self, profile_id: str) -> KeyMaterial | None: ...
    def set_apikey(self, profile_id: str, material: KeyMaterial) -> None: ...
    def get_initial_apikey(self, profile_id: str) -> str | None: ...
    def set_initial_apikey(self, profile_id: str, apikey: str) -> None: ...
    def get_secret(self, profile_id: str) -> str | None: ...
    def set_secret(self, profile_id: str, secret: str) -> None: ...
    def delete(self, profile_id: str) -> None: ...


def _encode(material: KeyMaterial) -> str:
    exp = format_timestamp(material.expiration) if material.expiration else ""
    received = format_timestamp(material.received) if material.received else ""
    return f"{material.apikey}\n{exp}\n{received}"


def _time(text: str) -> datetime | None:
    if not text:
        return None
    try:
        return parse_timestamp(text)
    except Sage50Error:
        return None


def _decode(value: str | None) -> KeyMaterial | None:
    if not value:
        return None
    key, _, rest = value.partition("\n")
    exp, _, received = rest.partition("\n")
    register_secret(key)
    return KeyMaterial(key, _time(exp), _time(received))


class KeyringCredentialStore:
    """Credentials in the OS store through ``keyring`` (its active backend)."""

    def __init__(self, keyring_module: Any = None) -> None:
        if keyring_module is None:
            import keyring as keyring_module  # heavy import, only when used
        self._keyring: Any = keyring_module
        backend = self._keyring.get_keyring()
        if _unusable(backend) and hasattr(self._keyring, "core"):
            # keyring chose once, at import: look again (a Secret Service started since)
            backend = redetect(self._keyring)
        if _unusable(backend) and getattr(sys, "frozen", False):
            backend = _frozen_backend(self._keyring) or backend
        self.name = _backend_name(backend)
        self.info: BackendInfo = describe(backend)
        if self.info.warn and not _unusable(backend):
            log.warning("credential store: %s", self.info.statement())
        if _unusable(backend):
            raise CredentialStoreUnavailable(f"no usable keyring backend ({self.name})")

    def _get(self, service: str, user: str) -> str | None:
        try:
            value: str | None = self._keyring.get_password(service, user)
            return value
        except Exception as exc:  # keyring raises backend-specific errors
            raise CredentialStoreUnavailable(
                f"the credential store failed: {type(exc).__name__}"
            ) from None

    def _set(self, service: str, user: str, value: str) -> None:
        try:
            self._keyring.set_password(service, user, value)
        except Exception as exc:
            raise CredentialStoreUnavailable(
                f"the credential store failed: {type(exc).__name__}"
            ) from None

    def get_apikey(self, profile_id: str) -> KeyMaterial | None:
        return _decode(self._get(APIKEY_SERVICE, profile_id))

    def set_apikey(self, profile_id: str, material: KeyMaterial) -> None:
        register_secret(material.apikey)
        self._set(APIKEY_SERVICE, profile_id, _encode(material))

    def get_initial_apikey(self, profile_id: str) -> str | None:
        key = self._get(INITIAL_APIKEY_SERVICE, profile_id) or None
        register_secret(key)
        return key

    def set_initial_apikey(self, profile_id: str, apikey: str) -> None:
        register_secret(apikey)
        self._set(INITIAL_APIKEY_SERVICE, profile_id, apikey)

    def get_secret(self, profile_id: str) -> str | None:
        secret = self._get(SECRET_SERVICE, profile_id)
        register_secret(secret)
        return secret

    def set_secret(self, profile_id: str, secret: str) -> None:
        register_secret(secret)
        self._set(SECRET_SERVICE, profile_id, secret)

    def delete(self, profile_id: str) -> None:
        for service in SERVICES:
            try:
                self._keyring.delete_password(service, profile_id)
            except Exception as exc:  # PasswordDeleteError when absent
                if type(exc).__name__ != "PasswordDeleteError":
                    raise CredentialStoreUnavailable(
                        f"the credential store failed: {type(exc).__name__}"
                    ) from None


class MemoryCredentialStore:
    """Credentials in this process only (sandbox profiles, tests)."""

    name = "memory (this session only)"
    info = BackendInfo("memory", MEMORY)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str], str] = {}

    def get_apikey(self, profile_id: str) -> KeyMaterial | None:
        with self._lock:
            return _decode(self._entries.get((APIKEY_SERVICE, profile_id)))

    def set_apikey(self, profile_id: str, material: KeyMaterial) -> None:
        register_secret(material.apikey)
        with self._lock:
            self._entries[(APIKEY_SERVICE, profile_id)] = _encode(material)

    def get_initial_apikey(self, profile_id: str) -> str | None:
        with self._lock:
            return self._entries.get((INITIAL_APIKEY_SERVICE, profile_id))

    def set_initial_apikey(self, profile_id: str, apikey: str) -> None:
        register_secret(apikey)
        with self._lock:
            self._entries[(INITIAL_APIKEY_SERVICE, profile_id)] = apikey

    def get_secret(self, profile_id: str) -> str | None:
        with self._lock:
            return self._entries.get((SECRET_SERVICE, profile_id))

    def set_secret(self, profile_id: str, secret: str) -> None:
        register_secret(secret)
        with self._lock:
            self._entries[(SECRET_SERVICE, profile_id)] = secret

    def delete(self, profile_id: str) -> None:
        with self._lock:
            for service in SERVICES:
                self._entries.pop((service, profile_id), None)

    def entries(self) -> dict[tuple[str, str], str]:
        with self._lock:
            return dict(self._entries)


class ProfileVault:
    """The :class:`~sage50_desktop.api.rotation.KeyVault` of one profile.

    Blocking credential-store calls run in a worker thread.
    """

    def __init__(self, store: CredentialStore, profile_id: str) -> None:
        self.store = store
        self.profile_id = profile_id

    async def load_key(self) -> KeyMaterial | None:
        return await asyncio.to_thread(self.store.get_apikey, self.profile_id)

    async def save_key(self, material: KeyMaterial) -> None:
        await asyncio.to_thread(self.store.set_apikey, self.profile_id, material)

    async def load_initial_key(self) -> str | None:
        return await asyncio.to_thread(self.store.get_initial_apikey, self.profile_id)

    async def load_secret(self) -> str | None:
        return await asyncio.to_thread(self.store.get_secret, self.profile_id)


def store_consent(
    store: CredentialStore, profile_id: str, secret: str, material: KeyMaterial
) -> None:
    """A new consent: its secret, its initial key and the same key as current (three entries).

    The current key is written last: a reader that finds it finds the other two.
    """
    register_secret(material.apikey)
    store.set_secret(profile_id, secret)
    store.set_initial_apikey(profile_id, material.apikey)
    store.set_apikey(profile_id, material)


def store_info(store: object) -> BackendInfo:
    """Where ``store`` keeps secrets (an unknown store object is described as such)."""
    info = getattr(store, "info", None)
    if isinstance(info, BackendInfo):
        return info
    return BackendInfo(str(getattr(store, "name", type(store).__name__)), "unknown")


def unavailable_info() -> BackendInfo:
    return BackendInfo("", UNAVAILABLE)


def _backend_name(backend: object) -> str:
    name = getattr(backend, "name", None) or type(backend).__name__
    return f"{type(backend).__module__}.{type(backend).__name__}" if name == "" else str(name)


def _unusable(backend: object) -> bool:
    module = type(backend).__module__
    cls = type(backend).__name__
    if module.startswith("keyring.backends.fail") or (cls == "Keyring" and "fail" in module):
        return True
    if module.startswith("keyring.backends.null"):
        return True
    priority = getattr(backend, "priority", 1)
    try:
        return float(priority) <= 0
    except (TypeError, ValueError):
        return False


# keyring finds its backends through package entry points, which a frozen
# (PyInstaller) app does not have: there, name the platform's backend directly.
_PLATFORM_BACKENDS = {
    "win32": "keyring.backends.Windows.WinVaultKeyring",
    "darwin": "keyring.backends.macOS.Keyring",
    "linux": "keyring.backends.SecretService.Keyring",
}


def _frozen_backend(keyring_module: object) -> object | None:
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return None  # the user chose one; keyring honours it already
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    dotted = _PLATFORM_BACKENDS.get(platform)
    if not dotted:
        return None
    module_name, _, cls_name = dotted.rpartition(".")
    try:
        backend: object = getattr(importlib.import_module(module_name), cls_name)()
    except Exception:  # the platform store is not there (no D-Bus session, ...)
        return None
    if _unusable(backend):
        return None
    keyring_module.set_keyring(backend)  # type: ignore[attr-defined]
    return backend


def default_store() -> KeyringCredentialStore:
    """The OS credential store, or :class:`CredentialStoreUnavailable` with what to do."""
    return KeyringCredentialStore()
