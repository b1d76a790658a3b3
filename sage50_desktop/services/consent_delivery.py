"""The three ways a desktop app receives the consent's API key (contract v2, section 2).

* **poll**: 2.2, in :class:`~sage50_desktop.services.onboarding.ConsentFlow` itself;
* **listen**: :class:`ApprovalListener`, a small HTTP server on an address the
  person chooses (loopback by default; behind the company's reverse proxy or a
  tunnel that the application's registered ``approvalUrl`` leads to). It
  accepts the approval POST on any path, and only when ``X-Signature`` verifies
  with the secret and ``passcode`` is the one being waited for; anything else
  is ignored and logged without its content;
* **paste**: :func:`parse_pasted` reads what the person pasted (the key, and
  optionally its ISO-8601 expiration on a second line).

All three end in :meth:`ConsentFlow.accept_key`, which stores the three
credential entries. Qt-free.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiohttp import web  # imported when a listener starts: ~1 s off the app's start

from sage50_desktop.api import contract
from sage50_desktop.api.errors import Sage50Error, UnexpectedResponse
from sage50_desktop.api.models import ApprovalEvent, parse_timestamp

log = logging.getLogger(__name__)

MAX_PUSH_BYTES = 64 * 1024  # an approval body is a few hundred bytes
DEFAULT_LISTEN_HOST = "127.0.0.1"


class ConsentWay(StrEnum):
    """How the key reaches this computer (the ``"via"`` of ``sage50 consent --json``)."""

    POLL = "poll"
    LISTEN = "listen"
    PASTE = "paste"


class PastedKeyInvalid(Sage50Error):
    """What was pasted is not an API key (and an optional ISO-8601 expiration)."""

    hint = (
        "Paste the API key exactly as your application's approvalUrl receiver got it, "
        "and on a second line, if known, its expiration (for example "
        "2026-12-01T10:00:00Z)."
    )


class PastedKeyRefused(Sage50Error):
    """The platform refused the pasted key: it was not stored."""

    hint = (
        "The platform refused this API key; nothing was stored. Check that it is the key "
        "delivered for the passcode shown, for this application and domain, and that it "
        "has not been replaced yet."
    )


class ListenAddressInvalid(Sage50Error):
    """The address to listen on is not HOST:PORT."""

    hint = "Give the address to listen on as HOST:PORT, for example 127.0.0.1:8765."


class ListenFailed(Sage50Error):
    """The listener could not open its port."""

    hint = (
        "The app could not listen on this address. Choose another port, or an address of "
        "this computer."
    )


class IgnoredPush(Exception):
    """An approval POST that is not the one being waited for (reason in the message)."""


def parse_pasted(text: str) -> tuple[str, datetime | None]:
    """``(apikey, expiration)`` from pasted text: the key, then optionally its expiration."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines or len(lines) > 2:
        raise PastedKeyInvalid(
            "expected the API key, and optionally its expiration on a second line"
        )
    key = lines[0]
    if any(c.isspace() or not c.isprintable() for c in key) or len(key) < 8 or len(key) > 4096:
        raise PastedKeyInvalid("the first line is not an API key")
    expiration = None
    if len(lines) == 2:
        try:
            expiration = parse_timestamp(lines[1])
        except UnexpectedResponse:
            raise PastedKeyInvalid("the second line is not an ISO-8601 date and time") from None
    return key, expiration


def parse_listen_address(text: str) -> tuple[str, int]:
    """``(host, port)`` of ``HOST:PORT`` (``[v6]:PORT`` for IPv6; ``:PORT`` = loopback)."""
    host, sep, port_text = text.strip().rpartition(":")
    if not sep or not port_text.isdigit():
        raise ListenAddressInvalid(f"not HOST:PORT: {text!r}")
    port = int(port_text)
    if not 0 <= port <= 65535:
        raise ListenAddressInvalid(f"port out of range: {port}")
    host = host.strip("[]") or DEFAULT_LISTEN_HOST
    return host, port


def signature_valid(body: bytes, header: str | None, secret: str) -> bool:
    """Whether ``X-Signature`` is ``sha256=<hex HMAC-SHA256(body, secret)>``."""
    if not header or not header.startswith(contract.SIGNATURE_PREFIX):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header[len(contract.SIGNATURE_PREFIX) :].strip().lower(), expected)


Checker = Callable[[bytes, str | None], ApprovalEvent]


class ApprovalListener:
    """Receives the approval push on ``host:port`` until one verifies.

    Args:
        host, port: where to listen (``port=0`` picks a free one; see :attr:`url`).
        check: turns a raw body and its ``X-Signature`` into the event, or raises
            :class:`IgnoredPush` (``ConsentFlow.check_push``).

    Attributes:
        ignored: how many POSTs were ignored (forged, other passcode, bad body).
    """

    def __init__(self, host: str, port: int, check: Checker) -> None:
        self.host = host
        self.port = port
        self._check = check
        self._runner: web.AppRunner | None = None
        self._event: asyncio.Future[ApprovalEvent] | None = None
        self.ignored = 0

    @property
    def url(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}/"

    async def start(self) -> None:
        from aiohttp import web

        self._event = asyncio.get_running_loop().create_future()
        app = web.Application(client_max_size=MAX_PUSH_BYTES)
        app.router.add_route("POST", "/{tail:.*}", self._receive)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            raise ListenFailed(
                f"cannot listen on {self.host}:{self.port}: {exc.strerror or type(exc).__name__}"
            ) from None
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        log.info("waiting for the approval push on %s", self.url)

    async def wait(self, timeout: float | None = None) -> ApprovalEvent:
        """The first verified approval (``TimeoutError`` after ``timeout`` seconds)."""
        assert self._event is not None, "start() first"
        return await asyncio.wait_for(asyncio.shield(self._event), timeout)

    async def aclose(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
        if self._event is not None and not self._event.done():
            self._event.cancel()

    async def __aenter__(self) -> ApprovalListener:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def _receive(self, request: web.Request) -> web.Response:
        from aiohttp import web

        peer = request.remote or "?"
        try:
            raw = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return self._ignore("body too large", peer, 0, 413)
        try:
            event = self._check(raw, request.headers.get(contract.SIGNATURE_HEADER))
        except IgnoredPush as exc:
            status = 401 if "signature" in str(exc) else 200  # 2xx: retrying cannot help
            return self._ignore(str(exc), peer, len(raw), status)
        if self._event is not None and not self._event.done():
            self._event.set_result(event)
        return web.json_response({"received": True})

    def _ignore(self, reason: str, peer: str, size: int, status: int) -> web.Response:
        from aiohttp import web

        self.ignored += 1
        # never the body, the key, the passcode or the signature: only why and from where
        log.warning("ignored an approval push from %s (%d bytes): %s", peer, size, reason)
        return web.json_response({"received": False}, status=status)
