"""A live connection of one profile: the API client wired to its key manager.

The client module (httpx) is imported when a connection is first opened, not
with this module: a start that only shows cached rows never needs it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sage50_desktop.api.errors import ConsentRevoked
from sage50_desktop.api.models import ApikeyIssued
from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.api.rotation import DEFAULT_MARGIN, ApiKeyManager
from sage50_desktop.storage.credentials import CredentialStore, ProfileVault
from sage50_desktop.storage.locks import Locks, hold
from sage50_desktop.storage.profiles import Profile, ProfileStore

if TYPE_CHECKING:
    from sage50_desktop.api.client import Sage50Client

log = logging.getLogger(__name__)

ROTATION_LOCK_TIMEOUT = 120.0  # a rotation is one request; waiting longer means a hung process


@dataclass(frozen=True, slots=True)
class NetworkOptions:
    """Transport choices of the settings: proxy and custom CA bundle."""

    proxy: str | None = None
    ca_bundle: str | None = None
    key_margin: timedelta = DEFAULT_MARGIN
    retry: RetryPolicy | None = None


class Connection:
    """The client and key manager of one profile.

    Keeps the profile's stored key expiration and "consent needed" flag in
    step with the key manager's signals.
    """

    def __init__(
        self,
        profile: Profile,
        client: Sage50Client,
        keys: ApiKeyManager,
        profiles: ProfileStore | None,
    ) -> None:
        self.profile = profile
        self.client = client
        self.keys = keys
        self._profiles = profiles
        keys.rotated.connect(self._on_rotated)
        keys.consent_lost.connect(self._on_consent_lost)

    @property
    def domain(self) -> str:
        return self.profile.domain

    def _on_rotated(self, expiration: datetime | None, _reason: str) -> None:
        if self._profiles is not None:
            self._profiles.set_key_expiration(self.profile.id, expiration)
            if self.profile.consent_needed:
                self._profiles.set_consent_needed(self.profile.id, False)

    def _on_consent_lost(self, _exc: ConsentRevoked) -> None:
        if self._profiles is not None:
            self._profiles.set_consent_needed(self.profile.id, True)

    def keep_key_alive(self) -> bool:
        """Renew the key before it expires while the connection is open, even when idle.

        Needs a running event loop (``False`` without one); stopped by :meth:`aclose`.
        """
        try:
            self.keys.start_keep_alive()
        except RuntimeError:  # no running event loop
            return False
        return True

    async def aclose(self) -> None:
        await self.keys.stop_keep_alive()
        await self.client.aclose()

    async def __aenter__(self) -> Connection:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def open_connection(
    profile: Profile,
    credentials: CredentialStore,
    profiles: ProfileStore | None = None,
    options: NetworkOptions | None = None,
    *,
    locks: Locks | None = None,
    **client_kwargs: object,
) -> Connection:
    """Build the client and key manager of ``profile`` (no I/O yet)."""
    from sage50_desktop.api.client import Sage50Client

    options = options or NetworkOptions()
    verify: bool | str = options.ca_bundle or True
    client_kwargs.setdefault("retry", options.retry)
    client = Sage50Client(
        profile.base_url,
        verify=verify,
        proxy=options.proxy or None,
        allow_insecure_http=profile.allow_insecure_http,
        **client_kwargs,  # type: ignore[arg-type]
    )
    vault = ProfileVault(credentials, profile.id)

    async def rotate(initial_key: str, current_key: str) -> ApikeyIssued:
        return await client.rotate_apikey(
            profile.developer_id, profile.application_id, initial_key, current_key
        )

    exclusive: Callable[[], AbstractAsyncContextManager[None]] | None = None
    if locks is not None:
        folder_locks = locks

        def exclusive() -> AbstractAsyncContextManager[None]:  # a new lock object each time
            return hold(folder_locks.rotation(profile.id), timeout=ROTATION_LOCK_TIMEOUT)

    keys = ApiKeyManager(vault, rotate, margin=options.key_margin, exclusive=exclusive)
    client.keys = keys
    return Connection(profile, client, keys, profiles)
