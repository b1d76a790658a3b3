"""Fixtures of the sandbox tests: a live sandbox per test, an API client, a webhook receiver."""

from __future__ import annotations

import asyncio
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiohttp import web

from sage50_desktop.sandbox.config import SandboxConfig
from sage50_desktop.sandbox.testing import SandboxThread


def small_config(data_dir: Path, **overrides: Any) -> SandboxConfig:
    base: dict[str, Any] = dict(
        customers=40,
        products=120,
        step_delay=0.05,
        result_delay=0.0,
        data_dir=data_dir,
        webhook_backoff=0.05,
    )
    base.update(overrides)
    return SandboxConfig(**base)


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sandbox-data")


@pytest.fixture
def make_sandbox(data_dir: Path) -> Iterator[Callable[..., SandboxThread]]:
    started: list[SandboxThread] = []

    def make(**overrides: Any) -> SandboxThread:
        sb = SandboxThread(small_config(data_dir, **overrides)).start()
        started.append(sb)
        return sb

    yield make
    for sb in started:
        sb.stop()


@pytest.fixture
def sandbox(make_sandbox: Callable[..., SandboxThread]) -> SandboxThread:
    return make_sandbox()


@pytest.fixture
def http(sandbox: SandboxThread) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.base_url, timeout=30) as client:
        yield client


@pytest.fixture
def secret() -> str:
    return secrets.token_urlsafe(32)


@pytest.fixture
def apikey(sandbox: SandboxThread, secret: str) -> str:
    assert sandbox.control is not None
    return sandbox.control.issue_key(sandbox.developer_id, sandbox.application_id, secret)[0]


def wait_for(predicate: Callable[[], Any], timeout: float = 10.0, every: float = 0.02) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(every)


@dataclass
class WebhookReceiver:
    """A tiny aiohttp server in its own thread that records what it receives."""

    fail_first: int = 0
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""

    def __post_init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.received.append((dict(request.headers), body))
        if len(self.received) <= self.fail_first:
            return web.Response(status=500)
        return web.Response(status=204)

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post("/hook", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}/hook"

    def start(self) -> WebhookReceiver:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    rec = WebhookReceiver(fail_first=1).start()
    yield rec
    rec.stop()
