"""Onboarding: registration (section 1) and consent (section 2), Qt-free.

The wizard and the ``sage50 register`` / ``sage50 consent`` commands are thin
layers over these functions and :class:`ConsentFlow`.
"""

from __future__ import annotations

import asyncio
import logging
import secrets as _secrets
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import orjson

from sage50_desktop.api.contract import MIN_SECRET_LENGTH, PasscodeState
from sage50_desktop.api.errors import (
    ApikeyRejected,
    ApplicationNotFound,
    DeveloperNotFound,
    DomainNotGranted,
    InvalidRequest,
    PasscodeNotFound,
    PollingNotOffered,
    Sage50Error,
    UnexpectedResponse,
    WeakSecret,
)
from sage50_desktop.api.models import (
    ApplicationRegistration,
    ApprovalEvent,
    PasscodeCreated,
    PasscodeStatus,
    RegistrationCreated,
)
from sage50_desktop.api.rotation import KeyMaterial
from sage50_desktop.events import Signal
from sage50_desktop.redaction import register_secret
from sage50_desktop.services.consent_delivery import (
    ApprovalListener,
    ConsentWay,
    IgnoredPush,
    PastedKeyRefused,
    parse_pasted,
    signature_valid,
)
from sage50_desktop.storage.credentials import CredentialStore, store_consent
from sage50_desktop.storage.profiles import Profile, ProfileStore

if TYPE_CHECKING:  # the client (httpx) is handed in: not loaded with the app's first page
    from sage50_desktop.api.client import Sage50Client

log = logging.getLogger(__name__)

SECRET_BYTES = 48  # 64 URL-safe characters, well above the 32 the platform asks for


def generate_secret() -> str:
    """A new secret from a cryptographically secure source (64 characters)."""
    secret = _secrets.token_urlsafe(SECRET_BYTES)
    assert len(secret) >= MIN_SECRET_LENGTH
    register_secret(secret)
    return secret


async def register_developer(
    client: Sage50Client,
    *,
    name: str,
    email: str,
    app_name: str,
    domain: str,
    company: str | None = None,
    approval_url: str | None = None,
    notification_url: str | None = None,
) -> RegistrationCreated:
    """1.1: start a registration; the developer then opens ``registration_url``."""
    app = ApplicationRegistration(app_name, domain, approval_url, notification_url)
    return await client.register_developer(name, email, app, company)


async def register_application(
    client: Sage50Client,
    developer_id: str,
    *,
    app_name: str,
    domain: str,
    approval_url: str | None = None,
    notification_url: str | None = None,
) -> str:
    """1.2: one more application of a developer; returns its ``applicationId``."""
    app = ApplicationRegistration(app_name, domain, approval_url, notification_url)
    return await client.register_application(developer_id, app)


PROBE_PASSCODE = "sage50-desktop-id-check"


async def verify_ids(client: Sage50Client, developer_id: str, application_id: str) -> None:
    """Check that both ids exist, without side effects.

    Reads the status of a passcode that does not exist: the platform answers
    ``developerNotFound`` / ``applicationNotFound`` for a wrong id and
    ``passcodeNotFound`` when both ids are right (contract: general errors).
    On a platform without polling (2.2) it asks for a passcode with a secret
    that is too short (2.1): ``weakSecret`` means both ids are right and no
    passcode was made. Raises :class:`DeveloperNotFound` or
    :class:`ApplicationNotFound`.
    """
    try:
        await client.get_passcode_status(
            developer_id, application_id, PROBE_PASSCODE, "x" * MIN_SECRET_LENGTH
        )
    except PasscodeNotFound:
        return
    except PollingNotOffered:
        await _verify_ids_without_polling(client, developer_id, application_id)
        return
    except (DeveloperNotFound, ApplicationNotFound):
        raise
    except Sage50Error as exc:
        if getattr(exc, "status", 0) in (403,):  # the ids exist; the probe was refused
            return
        raise


async def _verify_ids_without_polling(
    client: Sage50Client, developer_id: str, application_id: str
) -> None:
    try:
        await client.create_passcode(developer_id, application_id, "x")
    except (WeakSecret, InvalidRequest):
        return  # both ids are known; the short secret was refused before any passcode
    except (DeveloperNotFound, ApplicationNotFound):
        raise
    log.warning("the id check with a short secret was not refused as expected")


class ConsentFlow:
    """Step 2 for one profile: secret → passcode → the key arrives → store.

    The secret is generated here and kept in memory until the key arrives;
    then the secret, the initial key and the current key (the same, at first)
    are written to the credential store (three entries) before anything
    reports success. The key arrives one of three ways (``via``): polled
    (:meth:`wait`), pushed to an :class:`~sage50_desktop.services.consent_delivery.ApprovalListener`
    (:meth:`receive`, checked by :meth:`check_push`) or pasted
    (:meth:`accept_pasted`, checked with one 4.1 call first).

    Signals:
        status(PasscodeStatus | None, seconds_left: float): after every poll.
        approved(expiration: datetime): key and secret stored.
    """

    def __init__(
        self,
        client: Sage50Client,
        credentials: CredentialStore,
        profiles: ProfileStore | None,
        profile: Profile,
        *,
        poll_interval: float = 2.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.client = client
        self.credentials = credentials
        self.profiles = profiles
        self.profile = profile
        self.poll_interval = poll_interval
        self._clock = clock
        self._secret: str | None = None
        self.via: str | None = None  # how the key arrived (ConsentWay)
        self.passcode: PasscodeCreated | None = None
        self.last_status: PasscodeStatus | None = None
        self.status = Signal("status")
        self.approved = Signal("approved")

    def seconds_left(self) -> float:
        if self.passcode is None:
            return 0.0
        return max(0.0, (self.passcode.expiration - self._clock()).total_seconds())

    async def request_passcode(self) -> PasscodeCreated:
        """A new secret and a new passcode (use again after ``denied``/``expired``)."""
        self._secret = generate_secret()
        self.last_status = None
        self.passcode = await self.client.create_passcode(
            self.profile.developer_id, self.profile.application_id, self._secret
        )
        log.info("passcode requested for connection %s", self.profile.name)
        return self.passcode

    async def poll_once(self) -> PasscodeStatus:
        if self.passcode is None or self._secret is None:
            raise RuntimeError("request a passcode first")
        status = await self.client.get_passcode_status(
            self.profile.developer_id,
            self.profile.application_id,
            self.passcode.passcode,
            self._secret,
        )
        if status.status == PasscodeState.APPROVED and status.apikey:
            await self._store(status)
        elif status.status == PasscodeState.PENDING and self.seconds_left() <= 0:
            status = replace(status, status=PasscodeState.EXPIRED)
        self.last_status = status
        self.status.emit(status, self.seconds_left())
        return status

    async def wait(self, timeout: float | None = None) -> PasscodeStatus:
        """Poll until approved, denied or expired (or ``timeout`` seconds: TimeoutError)."""
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while True:
            status = await self.poll_once()
            if status.status != PasscodeState.PENDING:
                if status.status == PasscodeState.APPROVED and not status.apikey:
                    # approved but the key was read by an earlier poll that failed to return
                    log.warning("passcode approved but no key was delivered")
                return status
            if deadline is not None and loop.time() >= deadline:
                raise TimeoutError("no answer to the passcode in time")
            await asyncio.sleep(self.poll_interval)

    # --- receive: the approval push ---------------------------------------------------
    def check_push(self, raw: bytes, signature: str | None) -> ApprovalEvent:
        """The approval event in a pushed body, or :class:`IgnoredPush` (with why)."""
        if self._secret is None or self.passcode is None:
            raise IgnoredPush("no passcode is being waited for")
        if not signature_valid(raw, signature, self._secret):
            raise IgnoredPush("the signature does not verify")
        try:
            event = ApprovalEvent.from_json(orjson.loads(raw))
        except (orjson.JSONDecodeError, UnexpectedResponse):
            raise IgnoredPush("not an approval body") from None
        if event.passcode != self.passcode.passcode:
            raise IgnoredPush("an approval for another passcode")
        return event

    async def receive(
        self, listener: ApprovalListener, timeout: float | None = None
    ) -> PasscodeStatus:
        """Wait for the push on ``listener`` (until the passcode expires, or ``timeout``)."""
        if self.passcode is None:
            raise RuntimeError("request a passcode first")
        limit = self.seconds_left() if timeout is None else min(timeout, self.seconds_left())
        try:
            event = await listener.wait(max(limit, 0.0))
        except TimeoutError:
            if timeout is None or timeout >= self.seconds_left():
                status = PasscodeStatus(PasscodeState.EXPIRED, self.profile.domain)
                self.last_status = status
                return status
            raise
        await self.accept_key(
            event.apikey, event.apikey_expiration, ConsentWay.LISTEN, event.domain
        )
        status = PasscodeStatus(
            PasscodeState.APPROVED, event.domain, event.apikey, event.apikey_expiration
        )
        self.last_status = status
        return status

    # --- paste ----------------------------------------------------------------------------
    async def accept_pasted(self, text: str) -> PasscodeStatus:
        """Check a pasted key (one 4.1 call) and store it; :class:`PastedKeyRefused` if refused."""
        if self._secret is None:
            raise RuntimeError("request a passcode first")
        apikey, expiration = parse_pasted(text)
        register_secret(apikey)
        try:
            await self.client.check_apikey(self.profile.domain, apikey)
        except ApikeyRejected:
            raise PastedKeyRefused("the platform refused the pasted API key") from None
        except DomainNotGranted:
            raise PastedKeyRefused(
                f"the pasted API key does not cover the domain {self.profile.domain}"
            ) from None
        await self.accept_key(apikey, expiration, ConsentWay.PASTE, self.profile.domain)
        status = PasscodeStatus(PasscodeState.APPROVED, self.profile.domain, apikey, expiration)
        self.last_status = status
        return status

    # --- the one place a new consent is stored -------------------------------------------
    async def _store(self, status: PasscodeStatus) -> None:
        assert status.apikey
        await self.accept_key(
            status.apikey, status.apikey_expiration, ConsentWay.POLL, status.domain
        )

    async def accept_key(
        self, apikey: str, expiration: datetime | None, via: str, domain: str
    ) -> None:
        """Store the new consent (secret, initial key, current key), whichever way it came."""
        assert self._secret
        material = KeyMaterial(apikey, expiration, self._clock())
        register_secret(apikey)
        await asyncio.to_thread(
            store_consent, self.credentials, self.profile.id, self._secret, material
        )
        if self.profiles is not None:
            self.profiles.set_key_expiration(self.profile.id, expiration)
            self.profiles.set_consent_needed(self.profile.id, False)
        self._secret = None
        self.via = via
        log.info(
            "consent granted for connection %s (domain %s, key %s); secret, initial key "
            "and current key stored",
            self.profile.name,
            domain,
            "polled"
            if via == ConsentWay.POLL
            else ("received" if via == ConsentWay.LISTEN else "pasted"),
        )
        self.approved.emit(expiration)
