"""Fixtures of the upload-engine tests: a sandbox on real sockets, a runtime, a service."""

from __future__ import annotations

import asyncio
import copy
import secrets
import time
from collections.abc import Callable
from typing import Any

import orjson
import pytest

from sage50_desktop.api.models import parse_timestamp
from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.api.rotation import KeyMaterial
from sage50_desktop.sandbox.config import SandboxConfig
from sage50_desktop.sandbox.testing import SandboxThread
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.settings import Settings
from sage50_desktop.services.tracking import TrackingPolicy
from sage50_desktop.services.uploads import UploadService
from sage50_desktop.storage.credentials import MemoryCredentialStore
from sage50_desktop.storage.profiles import Profile

TS = "2025-01-31T12:00:00Z"
ADDRESS = {"id": "A-1", "address1": "1 High St", "city": "Leeds", "country": "GB",
           "postCode": "LS1 1AA", "telephone1": "+44 113 000 0000", "timestamp": TS}
CUSTOMER_ID = "C0000001"  # the sandbox's generated customers are C0000001…
PRODUCT_ID = "P0000001"  # …and products P0000001…
UNKNOWN_PRODUCT = "P9999999"
FAST = TrackingPolicy(initial=0.02, factor=1.5, maximum=0.1, result_grace=5.0,
                      error_maximum=0.2)


def make_order(n: int, product: str = PRODUCT_ID, customer: str = CUSTOMER_ID) -> dict[str, Any]:
    return {
        "id": f"ORD-{n}", "orderDate": TS, "deliveryAddress": copy.deepcopy(ADDRESS),
        "invoiceAddress": copy.deepcopy(ADDRESS),
        "customer": {"id": customer, "firstName": "Ada", "lastName": "Lovelace",
                     "email": "ada@example.com", "addresses": [copy.deepcopy(ADDRESS)],
                     "timestamp": TS},
        "discount": 0, "currencyRate": 1, "paymentMethod": "card", "totalShipping": 4.95,
        "lines": [{"productId": product, "quantity": 2, "netPrice": 24.5, "tax": 20}],
        "totalAmount": 63.75, "timestamp": TS,
    }


@pytest.fixture(scope="module")
def sandbox():
    config = SandboxConfig(customers=20, products=50, step_delay=0.03)
    with SandboxThread(config) as sb:
        yield sb


@pytest.fixture
def control(sandbox):
    sandbox.control.reset()
    sandbox.control.processing(stepDelay=0.03, resultDelay=0, outcome=None,
                               uploadUrlLifetime=900)
    yield sandbox.control
    sandbox.control.reset()


@pytest.fixture
def runtime(tmp_path):
    rt = Runtime(tmp_path / "data", sandbox_credentials=MemoryCredentialStore(),
                 settings=Settings(tmp_path / "settings.json"))
    yield rt
    rt.close()


@pytest.fixture
def profile(runtime, sandbox, control):
    profile = runtime.profiles.add(Profile(
        name="sandbox", base_url=sandbox.base_url, developer_id=sandbox.developer_id,
        application_id=sandbox.application_id, domain=sandbox.domain, sandbox=True))
    secret = secrets.token_urlsafe(40)
    apikey, expiration = control.issue_key(sandbox.developer_id, sandbox.application_id, secret)
    runtime.sandbox_credentials.set_secret(profile.id, secret)
    runtime.sandbox_credentials.set_apikey(profile.id,
                                           KeyMaterial(apikey, parse_timestamp(expiration)))
    return profile


class Recorder:
    """Collects every signal of a service: ``events`` is a list of (name, args)."""

    NAMES = ("upload_added", "status_changed", "transfer_progress", "result_ready", "finished",
             "error")

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


async def wait_for(predicate: Callable[[], Any], within: float = 10.0,
                   interval: float = 0.01) -> Any:
    deadline = time.monotonic() + within
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(interval)
