"""Fixtures of the upload-engine tests: a sandbox on real sockets, a runtime, a service."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import orjson
import pytest
from orders import ADDRESS, CUSTOMER_ID, PRODUCT_ID, TS, UNKNOWN_PRODUCT, make_order  # noqa: F401
from sandbox_fixtures import running_sandbox
from sandbox_profiles import keyed_sandbox_profile

from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.settings import Settings
from sage50_desktop.services.tracking import TrackingPolicy
from sage50_desktop.services.uploads import UploadService
from sage50_desktop.storage.credentials import MemoryCredentialStore

FAST = TrackingPolicy(initial=0.02, factor=1.5, maximum=0.1, result_grace=5.0, error_maximum=0.2)


@pytest.fixture(scope="module")
def sandbox():
    with running_sandbox(customers=20, products=50, step_delay=0.03) as sb:
        yield sb


@pytest.fixture
def control(sandbox):
    sandbox.control.reset()
    sandbox.control.processing(stepDelay=0.03, resultDelay=0, outcome=None, uploadUrlLifetime=900)
    yield sandbox.control
    sandbox.control.reset()


@pytest.fixture
def runtime(tmp_path):
    rt = Runtime(
        tmp_path / "data",
        sandbox_credentials=MemoryCredentialStore(),
        settings=Settings(tmp_path / "settings.json"),
    )
    yield rt
    rt.close()


@pytest.fixture
def profile(runtime, sandbox, control):
    return keyed_sandbox_profile(runtime, sandbox)


class Recorder:
    """Collects every signal of a service: ``events`` is a list of (name, args)."""

    NAMES = (
        "upload_added",
        "status_changed",
        "transfer_progress",
        "result_ready",
        "finished",
        "error",
    )

    def __init__(self, service: UploadService) -> None:
        self.events: list[tuple[str, tuple[Any, ...]]] = []
        for name in self.NAMES:
            getattr(service, name).connect(self._make(name))

    def _make(self, name: str) -> Callable[..., None]:
        def callback(*args: Any) -> None:
            self.events.append((name, args))

        return callback

    def of(self, name: str) -> list[tuple[Any, ...]]:
        return [args for n, args in self.events if n == name]


@pytest.fixture
async def make_service(runtime, profile):
    """Build UploadServices on the runtime (each with its own connection); closed at the end."""
    made: list[UploadService] = []

    def make(policy: TrackingPolicy = FAST) -> UploadService:
        connection = runtime.connect(profile)
        connection.client.retry = RetryPolicy(attempts=3, base=0.01, cap=0.05)
        service = UploadService(runtime, connection, policy=policy)
        service.recorder = Recorder(service)  # type: ignore[attr-defined]
        made.append(service)
        return service

    yield make
    for service in made:
        await service.aclose()
        await service.connection.aclose()


@pytest.fixture
def service(make_service):
    return make_service()


@pytest.fixture
def write_orders(tmp_path):
    def write(records: list[Any], name: str = "orders.json") -> Any:
        path = tmp_path / name
        path.write_bytes(orjson.dumps(records))
        return path

    return write


async def wait_for(
    predicate: Callable[[], Any], within: float = 10.0, interval: float = 0.01
) -> Any:
    deadline = time.monotonic() + within
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(interval)
