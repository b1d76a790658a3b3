"""Silent API key rotation (contract v2, section 3).

:class:`ApiKeyManager` owns the key of one connection. The client asks it for
the key of every *key* operation; the manager renews the key ahead of its
expiration (also while the app sits idle: :meth:`ApiKeyManager.keep_alive`),
and after a ``401`` renews it **once** for any number of concurrent failures
(single-flight), so the failed requests are replayed with the new key. A
request that failed with a key older than the current one is replayed without
a second rotation. Rotations of one connection are serialised across
processes (``exclusive``: a lock in the data folder), and after taking it the
stored key is read again: when another process rotated meanwhile, its key is
used without rotating. ``409 apikeyRotated`` (another process rotated first)
makes it adopt the key in the credential store (looked for again for up to
:data:`ADOPT_PATIENCE` seconds: the other process may still be storing it); ``403 consentRevoked`` (and a
connection with no initial key, stored before v2) turns it into the "consent
needed" state and stops retries.

Every rotation sends the consent's **initial** key and the current key; the
initial key never changes while the consent lasts. The new key is written to
the vault (the credential store) before it is used: the old one is dead the
moment the platform rotates. A new key without an expiration is used all the
same; its expiry is unknown and it is renewed on the next ``401``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sage50_desktop.api.errors import (
    ApikeyRotated,
    ConsentRevoked,
    CredentialsMissing,
    InitialKeyMissing,
    Sage50Error,
)
from sage50_desktop.api.models import ApikeyIssued
from sage50_desktop.events import Signal

log = logging.getLogger(__name__)

DEFAULT_MARGIN = timedelta(minutes=2)
# a key is renewed this share of its lifetime before it expires when the
# lifetime is shorter than four margins (90 s keys: after about 67 s)
LIFETIME_SHARE = 0.25
MAX_NAP = 60.0  # the idle renewal re-checks at least this often (sleep, clock changes)
RETRY_AFTER_FAILURE = 15.0  # seconds before an idle renewal that failed is tried again
ADOPT_PATIENCE = 3.0  # after a 409, seconds to wait for the other process's key to be stored
ADOPT_POLL = 0.1


@dataclass(frozen=True, slots=True)
class KeyMaterial:
    """An API key, when it expires (``None``: unknown) and when this app received it.

    ``received`` (``None``: unknown) tells the key's lifetime, so that short-lived
    keys are renewed a share of their lifetime early instead of a fixed margin.
    """

    apikey: str = field(repr=False)
    expiration: datetime | None = None
    received: datetime | None = None


class KeyVault(Protocol):
    """Where the manager reads and writes the current key and reads the initial key."""

    async def load_key(self) -> KeyMaterial | None: ...

    async def save_key(self, material: KeyMaterial) -> None: ...

    async def load_initial_key(self) -> str | None: ...


Rotate = Callable[[str, str], Awaitable[ApikeyIssued]]  # (initial key, current key) -> new key


class ApiKeyManager:
    """Hands out the current API key and renews it silently.

    Signals:
        rotated(expiration: datetime | None, reason: str): a new key is in use;
            reason is ``"expiring"`` (renewed before it expired), ``"expired"``
            (the renewal ran after the expiry, e.g. the computer slept),
            ``"rejected"`` (after a 401), ``"manual"`` or ``"adopted"`` (taken
            over from another process).
        consent_lost(error: ConsentRevoked): no rotation can help; the app must
            run the consent step again. Emitted once.
    """

    def __init__(
        self,
        vault: KeyVault,
        rotate: Rotate,
        *,
        margin: timedelta = DEFAULT_MARGIN,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        exclusive: Callable[[], AbstractAsyncContextManager[object]] | None = None,
    ) -> None:
        self._vault = vault
        #: held around a rotation: the connection's cross-process lock (default: none)
        self._exclusive = exclusive or contextlib.nullcontext
        self._rotate_call = rotate
        self.margin = margin
        self._clock = clock
        self._material: KeyMaterial | None = None
        self._initial: str | None = None
        self._lock = asyncio.Lock()
        self._changed = asyncio.Event()
        self._consent_error: ConsentRevoked | None = None
        self._renewal: asyncio.Task[None] | None = None
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
        """Forget the cached keys (after a new consent), optionally setting a new current key."""
        self._set_material(material)
        self._initial = None
        self._consent_error = None
        self._changed.set()

    def renew_at(self, material: KeyMaterial | None = None) -> datetime | None:
        """When the key is renewed ahead of its expiry (``None``: expiry unknown)."""
        material = material or self._material
        if material is None or material.expiration is None:
            return None
        margin = self.margin
        if material.received is not None and material.expiration > material.received:
            margin = min(margin, (material.expiration - material.received) * LIFETIME_SHARE)
        return material.expiration - margin

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

    # --- renewal while idle ----------------------------------------------------
    def start_keep_alive(self) -> asyncio.Task[None]:
        """Run :meth:`keep_alive` in the background (once); stopped by :meth:`stop_keep_alive`."""
        if self._renewal is None or self._renewal.done():
            self._renewal = asyncio.get_running_loop().create_task(self.keep_alive())
        return self._renewal

    async def stop_keep_alive(self) -> None:
        task, self._renewal = self._renewal, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def keep_alive(self) -> None:
        """Renew the key before it expires even when nothing is requested.

        Sleeps until the renewal point of the current key (re-checking at
        least every ``MAX_NAP`` seconds and whenever the key changes), renews
        once, and goes on with the new key. Ends when consent is lost. A
        renewal that fails for another reason (the network is down) is tried
        again later; the next request's 401 would renew as well.
        """
        while True:
            self._changed.clear()
            if self._consent_error is not None:
                return
            try:
                material = await self._loaded()
            except CredentialsMissing:
                await self._changed.wait()  # no consent yet: wait for reset()
                continue
            except ConsentRevoked:
                return
            due = self.renew_at(material)
            if due is None:
                await self._changed.wait()  # expiry unknown: renewed on the next 401
                continue
            wait = (due - self._clock()).total_seconds()
            if wait > 0:
                await self._nap(min(wait, MAX_NAP))
                continue
            try:
                await self._rotate_if_current(material.apikey, "expiring")
            except ConsentRevoked:
                return
            except Sage50Error as exc:
                log.info("idle key renewal failed (%s); trying again later", type(exc).__name__)
                await self._nap(RETRY_AFTER_FAILURE)

    async def _nap(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), timeout=seconds)

    # --- internals -----------------------------------------------------------
    def _raise_if_consent_lost(self) -> None:
        if self._consent_error is not None:
            raise self._consent_error

    def _set_material(self, material: KeyMaterial | None) -> None:
        self._material = material

    def _expiring(self, material: KeyMaterial) -> bool:
        due = self.renew_at(material)
        return due is not None and due <= self._clock()

    async def _loaded(self) -> KeyMaterial:
        if self._material is None:
            material = await self._vault.load_key()
            if material is None:
                raise CredentialsMissing("no API key is stored for this connection")
            self._set_material(material)
        if self._initial is None:
            self._initial = await self._vault.load_initial_key()
            if not self._initial:
                self._initial = None
                self._lose(
                    InitialKeyMissing(
                        "this connection has no initial API key: consent must be given again",
                        status=0,
                    )
                )
        assert self._material is not None
        return self._material

    async def _rotate_if_current(self, used_key: str, reason: str) -> None:
        async with self._lock:
            self._raise_if_consent_lost()
            material = await self._loaded()
            if material.apikey != used_key:
                return  # someone rotated while we waited: retry with the newer key
            if reason == "expiring":
                if not self._expiring(material):
                    return
                if material.expiration is not None and material.expiration <= self._clock():
                    reason = "expired"  # the renewal point passed unnoticed (sleep, busy loop)
            async with self._exclusive():  # other processes of this connection wait meanwhile
                if await self._adopt_stored(used_key):
                    return  # another process rotated: its key, no second rotation
                await self._rotate_locked(used_key, reason)

    async def _adopt_stored(self, used_key: str) -> bool:
        """Take the stored key when another process stored a newer one than ``used_key``."""
        stored = await self._vault.load_key()
        if stored is None or stored.apikey == used_key:
            return False
        log.info("API key was renewed by another process; using it")
        self._set_material(stored)
        self._changed.set()
        self.rotated.emit(stored.expiration, "adopted")
        return True

    async def _rotate_locked(self, used_key: str, reason: str) -> None:
        initial = self._initial
        assert initial is not None  # _loaded() checked it
        try:
            issued = await self._rotate_call(initial, used_key)
        except ApikeyRotated:
            # another process rotated and may not have stored its key yet: look again,
            # briefly, before calling it "consent needed"
            deadline = asyncio.get_running_loop().time() + ADOPT_PATIENCE
            while True:
                if await self._adopt_stored(used_key):
                    return
                if asyncio.get_running_loop().time() >= deadline:
                    break
                await asyncio.sleep(ADOPT_POLL)
            self._lose(
                ConsentRevoked(
                    "the API key was replaced elsewhere and no newer key is stored", status=409
                )
            )
        except ConsentRevoked as exc:
            self._lose(exc)
        new = KeyMaterial(issued.apikey, issued.expiration, self._clock())
        await self._vault.save_key(new)  # stored before it is used
        self._set_material(new)
        self._changed.set()
        self.rotations += 1
        self.last_rotation = self._clock()
        if issued.expiration is None:
            log.info(
                "API key renewed (%s); the platform gave no expiration: renewed on the "
                "next refusal",
                reason,
            )
        else:
            log.info(
                "API key renewed (%s); new key expires %s", reason, issued.expiration.isoformat()
            )
        self.rotated.emit(issued.expiration, reason)

    def _lose(self, exc: ConsentRevoked) -> None:
        if self._consent_error is not None:  # said once: callers that raced it get the same
            raise self._consent_error
        self._consent_error = exc
        self._changed.set()
        log.warning("consent lost: %s", exc.message)
        self.consent_lost.emit(exc)
        raise exc


class StaticVault:
    """A :class:`KeyVault` held in memory (tests, throwaway sandbox profiles)."""

    def __init__(self, material: KeyMaterial | None = None, initial: str | None = None) -> None:
        self.material = material
        self.initial = initial if initial is not None else (material.apikey if material else None)
        self.saves = 0

    async def load_key(self) -> KeyMaterial | None:
        await asyncio.sleep(0)
        return self.material

    async def save_key(self, material: KeyMaterial) -> None:
        await asyncio.sleep(0)
        self.material = material
        self.saves += 1

    async def load_initial_key(self) -> str | None:
        await asyncio.sleep(0)
        return self.initial
