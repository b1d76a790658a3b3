"""Fixtures of the browser's GUI tests: a sandbox, the Shell on it, a large store.

The qasync loop hook lives in ``tests/ui/conftest.py``; nothing here re-declares it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # qt_helpers

from sage50_desktop.sandbox.generator import write_scope_file  # noqa: E402
from sage50_desktop.services.ingest import ingest_file  # noqa: E402
from sage50_desktop.services.runtime import Runtime  # noqa: E402
from sage50_desktop.storage.snapshot_store import SnapshotStore  # noqa: E402


@pytest.fixture
def browser_runtime(app_home):
    runtime = Runtime(app_home / "data")
    yield runtime
    runtime.close()


@pytest.fixture
async def browser_shell(browser_runtime, ui_sandbox, qtbot):
    """The app on the sandbox with the demo connection online."""
    from qt_helpers import wait_until

    from sage50_desktop.app import Shell
    from sage50_desktop.ui import session as S

    shell = Shell(browser_runtime, sandbox=ui_sandbox, open_wizard_when_empty=False)
    # a desktop-sized window: the first size is bounded by the screen, and the offscreen
    # test screen is small (800x800)
    shell.window.resize(1280, 820)
    shell.start()
    session = shell.sessions.get(shell.sandbox_profile.id)
    await wait_until(
        lambda: session.state == S.ONLINE and not session.consent_running,
        timeout=30,
        message="the demo connection comes online",
    )
    yield shell
    await shell.shutdown()


LARGE = 60_000


@pytest.fixture(scope="session")
def large_store_path(tmp_path_factory):
    """A cache with a 60,000-product snapshot ingested straight into the store."""
    folder = tmp_path_factory.mktemp("large")
    source = folder / "products.json"
    write_scope_file(source, "products", 7, range(1, LARGE + 1), {})
    store = SnapshotStore(folder / "cache.sqlite3")
    conn = store.connect()
    try:
        ingest_file(
            conn, source, profile_id="p", domain="ecommerce", scope="products", version="1.large"
        )
    finally:
        conn.close()
    store.close()
    source.unlink()
    return folder / "cache.sqlite3", LARGE
