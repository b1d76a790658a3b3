"""Fixtures of the Uploads panel tests: a real sandbox, an app core on tmp, services, panels.

Helpers (orders, the fast tracking policy, ``settle``) are in ``upload_panel_support``.

The qasync loop hook lives in ``tests/ui/conftest.py``; nothing here redefines it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
import shiboken6
from sandbox_fixtures import running_sandbox
from sandbox_profiles import keyed_sandbox_profile
from upload_panel_support import FAST

from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.settings import Settings
from sage50_desktop.services.tracking import TrackingPolicy
from sage50_desktop.services.uploads import UploadService
from sage50_desktop.storage.credentials import MemoryCredentialStore
from sage50_desktop.ui.uploads.panel import UploadsPanel


@pytest.fixture(scope="module")
def sandbox():
    with running_sandbox(customers=20, products=50) as sb:
        yield sb


@pytest.fixture
def control(sandbox):
    sandbox.control.reset()
    sandbox.control.processing(stepDelay=0.05, resultDelay=0, outcome=None, uploadUrlLifetime=900)
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


@pytest.fixture
async def make_service(runtime, profile):
    """Build UploadServices on the runtime (each with its own connection); closed at the end."""
    made: list[UploadService] = []

    def make(policy: TrackingPolicy = FAST) -> UploadService:
        connection = runtime.connect(profile)
        connection.client.retry = RetryPolicy(attempts=3, base=0.01, cap=0.05)
        service = UploadService(runtime, connection, policy=policy)
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
async def make_panel(qapp, qtbot, sandbox):
    """Build shown panels (tray notifications off: in-app notices); closed at the end."""
    panels: list[UploadsPanel] = []

    def make(service: UploadService, **kwargs: Any) -> UploadsPanel:
        kwargs.setdefault("use_tray", False)
        panel = UploadsPanel(service, domain=sandbox.domain, scopes=("orders",), **kwargs)
        qtbot.addWidget(panel)
        # a fixed minimum, as inside the main window: the layout never resizes the window
        # (offscreen Qt warns about propagateSizeHints whenever it would)
        panel.setMinimumSize(900, 600)
        panel.resize(1300, 820)
        panel.show()
        panels.append(panel)
        return panel

    yield make
    for panel in panels:
        if shiboken6.isValid(panel):
            await panel.aclose()


@pytest.fixture
def write_orders(tmp_path) -> Callable[..., Path]:
    def write(records: list[Any], name: str = "orders.json") -> Path:
        path = tmp_path / name
        path.write_bytes(orjson.dumps(records))
        return path

    return write
