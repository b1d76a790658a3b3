"""Fixtures of the snapshot tests: a sandbox per module, a runtime+profile per test,
a SyncService on it, and a plain store for local-file tests."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from sandbox_fixtures import running_sandbox

from sage50_desktop.api.models import parse_timestamp
from sage50_desktop.api.rotation import KeyMaterial
from sage50_desktop.sandbox.testing import SandboxThread
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.settings import Settings
from sage50_desktop.services.sync import SyncService
from sage50_desktop.storage.credentials import MemoryCredentialStore, store_consent
from sage50_desktop.storage.profiles import Profile
from sage50_desktop.storage.snapshot_store import SnapshotStore


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxThread]:
    with running_sandbox(
        tmp_path_factory.mktemp("sandbox-data"), customers=300, products=2000, step_delay=0.03
    ) as sb:
        yield sb


@pytest.fixture
def control(sandbox: SandboxThread) -> Iterator[Any]:
    sandbox.control.reset()
    yield sandbox.control
    sandbox.control.reset_faults()


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Runtime]:
    rt = Runtime(
        tmp_path / "data",
        sandbox_credentials=MemoryCredentialStore(),
        settings=Settings(tmp_path / "settings.json"),
    )
    yield rt
    rt.close()


@pytest.fixture
def profile(runtime: Runtime, sandbox: SandboxThread, control: Any) -> Profile:
    profile = runtime.profiles.add(
        Profile(
            name="sandbox",
            base_url=sandbox.base_url,
            developer_id=sandbox.developer_id,
            application_id=sandbox.application_id,
            domain=sandbox.domain,
            sandbox=True,
        )
    )
    secret = secrets.token_urlsafe(40)
    apikey, expiration = control.issue_key(sandbox.developer_id, sandbox.application_id, secret)
    store_consent(
        runtime.sandbox_credentials,
        profile.id,
        secret,
        KeyMaterial(apikey, parse_timestamp(expiration)),
    )
    return profile


@pytest.fixture
def store(runtime: Runtime) -> Iterator[SnapshotStore]:
    st = SnapshotStore(runtime.cache_path)
    yield st
    st.close()


async def _no_sleep(_seconds: float) -> None:
    return None


@pytest.fixture
async def sync(
    runtime: Runtime, profile: Profile, store: SnapshotStore
) -> AsyncIterator[SyncService]:
    conn = runtime.connect(profile, sleep=_no_sleep)
    service = SyncService.for_runtime(runtime, conn, store)
    yield service
    await conn.aclose()


def write_json(path: Path, records: Any) -> Path:
    path.write_bytes(orjson.dumps(records))
    return path


def product(n: int, rev: int = 0, **extra: Any) -> dict[str, Any]:
    body = {
        "id": f"P{n:05d}",
        "name": f"Cuchillo {n} rev{rev}",
        "netPrice": n * 1.5 + rev,
        "tax": 21,
        "discountByUnit": False,
        "timestamp": "2024-05-01T10:00:00Z",
        "category": "Home/Kitchen/Knives" if n % 2 else "Garden/Tools",
        "dimensions": {"w": n % 7, "h": 3},
        "tags": ["a", f"t{n % 3}"],
    }
    body.update(extra)
    return body
