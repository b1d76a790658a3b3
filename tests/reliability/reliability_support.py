"""Fixtures and helpers of the issue-11 reliability and security suite (``tests/reliability``).

* ``sandbox`` (module): a real sandbox on a free loopback port, small files, fast uploads.
* ``control``: its control client, reset before and after each test.
* ``runtime``: the app core on the test's ``SAGE50_DESKTOP_HOME`` with the OS-store code
  path (``KeyringCredentialStore`` over the in-memory test keyring).
* ``profile``: a *real* (non-sandbox) profile onboarded through the consent flow.
* ``sleeps``/``connect``: connections whose retry sleeps are recorded (and skipped).

Module name is unique so ``conftest.py`` can star-import it.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sandbox_fixtures import running_sandbox

from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.sandbox.testing import SandboxThread
from sage50_desktop.services import onboarding
from sage50_desktop.services.connection import Connection
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.settings import Settings
from sage50_desktop.services.sync import SyncService
from sage50_desktop.storage.credentials import KeyringCredentialStore
from sage50_desktop.storage.profiles import Profile
from sage50_desktop.storage.snapshot_store import SnapshotStore

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
CLI_TESTS = TESTS / "cli"  # file_keyring.py: a keyring backend shared by processes
FAST_RETRY = RetryPolicy(attempts=4, base=0.01, cap=0.05)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxThread]:
    with running_sandbox(
        tmp_path_factory.mktemp("sandbox-data"), customers=40, products=300, step_delay=0.03
    ) as sb:
        yield sb


@pytest.fixture
def control(sandbox: SandboxThread) -> Iterator[Any]:
    sandbox.control.reset()
    if next(s["records"] for s in sandbox.control.scopes() if s["scope"] == "products") != 300:
        sandbox.control.set_records("products", 300)  # a test made it big: back to small
    sandbox.control.auto_approve(None)
    sandbox.control.processing(stepDelay=0.03, resultDelay=0, outcome=None, uploadUrlLifetime=900)
    yield sandbox.control
    sandbox.control.reset()


@pytest.fixture
def runtime(app_home: Path, test_keyring: Any) -> Iterator[Runtime]:
    rt = Runtime(
        app_home / "data",
        credentials=KeyringCredentialStore(),
        settings=Settings(app_home / "config" / "settings.json"),
    )
    yield rt
    rt.close()


async def onboard(runtime: Runtime, sandbox: SandboxThread, name: str = "Tienda") -> Profile:
    """Create a profile and run the real consent flow (2.1, grant, 2.2) on the sandbox."""
    profile = runtime.profiles.add(
        Profile(
            name, sandbox.base_url, sandbox.developer_id, sandbox.application_id, sandbox.domain
        )
    )
    async with runtime.connect(profile) as conn:
        flow = onboarding.ConsentFlow(
            conn.client, runtime.credentials, runtime.profiles, profile, poll_interval=0.05
        )
        passcode = await flow.request_passcode()
        await asyncio.to_thread(sandbox.control.grant, passcode.passcode)
        status = await flow.wait(timeout=10)
    assert status.status == "approved"
    return runtime.profiles.get(profile.id)


@pytest.fixture
async def profile(runtime: Runtime, sandbox: SandboxThread, control: Any) -> Profile:
    return await onboard(runtime, sandbox)


class Sleeps:
    """A recording, non-sleeping ``sleep`` for retry loops (``real`` seconds are slept)."""

    def __init__(self, real: float = 0.0) -> None:
        self.calls: list[float] = []
        self.real = real

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        await asyncio.sleep(self.real)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


class RequestLog:
    """An httpx request hook: every request the client sends (method, url, headers)."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, str]]] = []

    async def __call__(self, request: httpx.Request) -> None:
        self.requests.append((request.method, str(request.url), dict(request.headers)))

    def attach(self, conn: Connection) -> None:
        conn.client.http.event_hooks["request"].append(self)


@pytest.fixture
async def connect(runtime: Runtime, profile: Profile, sleeps: Sleeps):
    """Open connections of ``profile`` with fast retries and recorded sleeps; closed at the end."""
    opened: list[Connection] = []

    def make(retry: RetryPolicy | None = FAST_RETRY, sleep: Any = None) -> Connection:
        conn = runtime.connect(runtime.profiles.get(profile.id), retry=retry, sleep=sleep or sleeps)
        opened.append(conn)
        return conn

    yield make
    for conn in opened:
        await conn.aclose()


@pytest.fixture
def store(runtime: Runtime) -> Iterator[SnapshotStore]:
    st = SnapshotStore(runtime.cache_path)
    yield st
    st.close()


@pytest.fixture
async def sync_for(runtime: Runtime, profile: Profile, store: SnapshotStore, sleeps: Sleeps):
    """``sync_for(sleep=None, retry=FAST_RETRY)`` -> a SyncService on a new connection."""
    conns: list[Connection] = []

    def make(sleep: Any = None, retry: RetryPolicy | None = FAST_RETRY) -> SyncService:
        conn = runtime.connect(runtime.profiles.get(profile.id), retry=retry, sleep=sleep or sleeps)
        conns.append(conn)
        return SyncService.for_runtime(runtime, conn, store, build_index=False)

    yield make
    for conn in conns:
        await conn.aclose()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def free_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def leftovers(folder: Path) -> list[Path]:
    """Temp files (``*.part``, ``*.tmp``, downloads) left in a folder tree."""
    if not folder.exists():
        return []
    return [p for p in folder.rglob("*") if p.is_file()]


def secret_values(test_keyring: Any) -> set[str]:
    """The API key and the secret as stored (``key\\nexpiration`` split)."""
    return {v.split("\n")[0] for v in test_keyring.entries.values()}


def scan_for(values: set[str], *folders: Path) -> list[str]:
    """Files under ``folders`` that contain any of ``values`` (as bytes, UTF-8)."""
    found = []
    needles = [v.encode() for v in values if v]
    for folder in folders:
        if not folder.exists():
            continue
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                if any(n in data for n in needles):
                    found.append(str(path))
    return found


def child_env(home: Path, keyring_file: Path) -> dict[str, str]:
    """Environment of a child ``sage50``/python process: its home and a file keyring."""
    env = dict(os.environ)
    env.update(
        {
            "SAGE50_DESKTOP_HOME": str(home),
            "PYTHON_KEYRING_BACKEND": "file_keyring.FileKeyring",
            "SAGE50_TEST_KEYRING_FILE": str(keyring_file),
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(CLI_TESTS), str(HERE), env.get("PYTHONPATH")])
            ),
            "QT_QPA_PLATFORM": "offscreen",
        }
    )
    return env


def sage50_script() -> str:
    candidate = Path(sys.executable).with_name("sage50")
    if not candidate.exists():
        pytest.fail("the sage50 console script is not installed next to this Python")
    return str(candidate)


def wait_until(
    predicate: Callable[[], Any], within: float, what: str, interval: float = 0.01
) -> Any:
    deadline = time.monotonic() + within
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(interval)


def run_sage50(
    env: dict[str, str], *argv: str, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sage50_script(), *map(str, argv)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
