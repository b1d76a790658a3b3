"""Silent API key rotation (contract section 3).

:class:`ApiKeyManager` owns the key of one connection. The client asks it for
the key of every *key* operation; the manager renews the key ahead of its
expiration, and after a ``401`` renews it **once** for any number of
concurrent failures (single-flight), so the failed requests are replayed with
the new key. A request that failed with a key older than the current one is
replayed without a second rotation. ``409 apikeyRotated`` (another process
rotated first) makes it adopt the key in the credential store; ``403
consentRevoked`` turns it into the "consent needed" state and stops retries.

The new key is written to the vault (the credential store) before it is used:
the old one is dead the moment the platform rotates.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sage50_desktop.api.errors import ApikeyRotated, ConsentRevoked, CredentialsMissing
from sage50_desktop.api.models import ApikeyIssued
from sage50_desktop.events import Signal

log = logging.getLogger(__name__)

DEFAULT_MARGIN = timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class KeyMaterial:
    """An API key and when it expires (``None``: unknown)."""

    apikey: str = field(repr=False)
    expiration: datetime | None = None


class KeyVault(Protocol):
    """Where the manager reads and writes the key and reads the secret."""

    async def load_key(self) -> KeyMaterial | None: ...

    async def save_key(self, material: KeyMaterial) -> None: ...

    async def load_secret(self) -> str | None: ...


Rotate = Callable[[str, str], Awaitable[ApikeyIssued]]  # (old key, secret) -> new key


class ApiKeyManager:
    """Hands out the current API key and renews it silently.

    Signals:
        rotated(expiration: datetime | None, reason: str): a new key is in use;
            reason is ``"expiring"``, ``"rejected"``, ``"manual"`` or ``"adopted"``
            (taken over from another process).
        consent_lost(error: ConsentRevoked): no rotation can help; the app must
            run the consent step again.
    """

    def __init__(self, vault: KeyVault, rotate: Rotate, *, margin: timedelta = DEFAULT_MARGIN,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._vault = vault
        self._rotate_call = rotate
        self.margin = margin
        self._clock = clock
        self._material: KeyMaterial | None = None
        self._lock = asyncio.Lock()
        self._consent_error: ConsentRevoked | None = None
        self.rotations = 0
        self.last_rotation: datetime | None = None
        self.rotated = Signal("rotated")
        self.consent_lost = Signal("consent_lost")

    # --- state -------------------------------------------------------------
    @property
    def consent_needed(self) -> bool:
        return self._consent_error is not None

    @property
    def expiration(self) -> datetime | None:
        return self._material.expiration if self._material else None

    def reset(self, material: KeyMaterial | None = None) -> None:
        """Forget the cached key (after a new consent), optionally setting a new one."""
        self._material = material
        self._consent_error = None

    # --- used by the client --------------------------------------------------
    async def current(self) -> str:
        """The key to send now, renewed first when it expires within the margin."""
        self._raise_if_consent_lost()
        material = await self._loaded()
        if self._expiring(material):
            await self._rotate_if_current(material.apikey, "expiring")
            material = await self._loaded()
        return material.apikey

    async def after_rejection(self, used_key: str) -> str:
        """A key operation answered 401 with ``used_key``: the key to retry with.

        Rotates only when ``used_key`` is still the current key; concurrent
        callers wait for that one rotation and all get its key.
        """
        self._raise_if_consent_lost()
        await self._rotate_if_current(used_key, "rejected")
        return (await self._loaded()).apikey

    async def rotate_now(self) -> KeyMaterial:
        """Renew the key now (user action)."""
        self._raise_if_consent_lost()
        material = await self._loaded()
        await self._rotate_if_current(material.apikey, "manual")
        return await self._loaded()

    # --- internals -----------------------------------------------------------
    def _raise_if_consent_lost(self) -> None:
        if self._consent_error is not None:
            raise self._consent_error

    def _expiring(self, material: KeyMaterial) -> bool:
        if material.expiration is None:
            return False
        return material.expiration - self.margin <= self._clock()

    async def _loaded(self) -> KeyMaterial:
        if self._material is None:
            material = await self._vault.load_key()
            if material is None:
                raise CredentialsMissing("no API key is stored for this connection")
            self._material = material
        return self._material

    async def _rotate_if_current(self, used_key: str, reason: str) -> None:
        async with self._lock:
            self._raise_if_consent_lost()
            material = await self._loaded()
            if material.apikey != used_key:
                return  # someone rotated while we waited: retry with the newer key
            if reason == "expiring" and not self._expiring(material):
                return
            await self._rotate_locked(used_key, reason)

    async def _rotate_locked(self, used_key: str, reason: str) -> None:
        secret = await self._vault.load_secret()
        if not secret:
            raise CredentialsMissing("no secret is stored for this connection")
        try:
            issued = await self._rotate_call(used_key, secret)
        except ApikeyRotated:
            stored = await self._vault.load_key()
            if stored is not None and stored.apikey != used_key:
                log.info("API key was renewed by another process; using it")
                self._material = stored
                self.rotated.emit(stored.expiration, "adopted")
                return
            self._lose(ConsentRevoked("the API key was replaced elsewhere and no newer key is stored",
                                      status=409))
        except ConsentRevoked as exc:
            self._lose(exc)
        new = KeyMaterial(issued.apikey, issued.expiration)
        await self._vault.save_key(new)  # stored before it is used
        self._material = new
        self.rotations += 1
        self.last_rotation = self._clock()
        log.info("API key renewed (%s); new key expires %s", reason, issued.expiration.isoformat())
        self.rotated.emit(issued.expiration, reason)

    def _lose(self, exc: ConsentRevoked) -> None:
        self._consent_error = exc
        log.warning("consent lost: %s", exc.message)
        self.consent_lost.emit(exc)
        raise exc


class StaticVault:
    """A :class:`KeyVault` held in memory (tests, throwaway sandbox profiles)."""

    def __init__(self, material: KeyMaterial | None = None, secret: str | None = None) -> None:
        self.material = material
        self.secret = secret
        self.saves = 0

    async def load_key(self) -> KeyMaterial | None:
        await asyncio.sleep(0)
        return self.material

    async def save_key(self, material: KeyMaterial) -> None:
        await asyncio.sleep(0)
        self.material = material
        self.saves += 1

    async def load_secret(self) -> str | None:
        await asyncio.sleep(0)
        return self.secret
