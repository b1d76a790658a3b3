"""Signed webhook deliveries (approval and scope-changed) with retries and a log."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import orjson

from sage50_desktop.api import contract
from sage50_desktop.sandbox.wire import iso, now

log = logging.getLogger(__name__)


def signature(body: bytes, secret: str) -> str:
    """The ``X-Signature`` value: ``sha256=<hex HMAC-SHA256(body, secret)>``."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"{contract.SIGNATURE_PREFIX}{digest}"


@dataclass
class Delivery:
    kind: str
    url: str
    body: dict[str, Any]
    attempts: list[dict[str, Any]] = field(default_factory=list)
    delivered: bool = False
    finished: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "url": self.url,
            "body": self.body,
            "attempts": self.attempts,
            "delivered": self.delivered,
            "finished": self.finished,
        }


class WebhookSender:
    """POSTs signed JSON bodies; retries non-2xx and connection failures with backoff.

    Args:
        attempts: tries per delivery.
        backoff: seconds before the first retry, doubled each time.
    """

    def __init__(self, attempts: int = 4, backoff: float = 0.5) -> None:
        self.attempts = attempts
        self.backoff = backoff
        self.log: list[Delivery] = []
        self._session: aiohttp.ClientSession | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    def send(self, kind: str, url: str, body: dict[str, Any], secret: str) -> Delivery:
        """Start a delivery in the background and return its log entry."""
        delivery = Delivery(kind, url, body)
        self.log.append(delivery)
        task = asyncio.get_running_loop().create_task(self._deliver(delivery, secret))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return delivery

    async def _deliver(self, delivery: Delivery, secret: str) -> None:
        raw = orjson.dumps(delivery.body)
        headers = {
            "Content-Type": "application/json",
            contract.SIGNATURE_HEADER: signature(raw, secret),
        }
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        delay = self.backoff
        try:
            for attempt in range(1, self.attempts + 1):
                entry: dict[str, Any] = {"at": iso(now())}
                try:
                    async with self._session.post(delivery.url, data=raw, headers=headers) as resp:
                        entry["status"] = resp.status
                        await resp.read()
                        if 200 <= resp.status < 300:
                            delivery.attempts.append(entry)
                            delivery.delivered = True
                            return
                except (TimeoutError, aiohttp.ClientError) as exc:
                    entry["error"] = type(exc).__name__
                delivery.attempts.append(entry)
                log.info(
                    "webhook %s to %s failed (attempt %d)", delivery.kind, delivery.url, attempt
                )
                if attempt < self.attempts:
                    await asyncio.sleep(delay)
                    delay *= 2
        finally:
            delivery.finished = True

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
            self._session = None
