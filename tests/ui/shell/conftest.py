"""Fixtures of the shell's GUI tests: a real sandbox, the app core on tmp folders, the Shell.

The qasync loop hook lives in ``tests/ui/conftest.py``; nothing here re-declares it.
"""

from __future__ import annotations

import pytest

from sage50_desktop.sandbox.config import SandboxConfig  # noqa: E402
from sage50_desktop.sandbox.testing import SandboxThread  # noqa: E402
from sage50_desktop.services.runtime import Runtime  # noqa: E402


@pytest.fixture
def shell_sandbox(tmp_path):
    """A real sandbox on a free loopback port that grants passcodes by itself."""
    sandbox = SandboxThread(
        SandboxConfig(
            port=0,
            auto_approve=0.2,
            customers=20,
            products=40,
            step_delay=0.05,
            data_dir=tmp_path / "sandbox",
        )
    )
    sandbox.start()
    yield sandbox
    sandbox.stop()


@pytest.fixture
def shell_runtime(app_home):
    runtime = Runtime(app_home / "data")
    yield runtime
    runtime.close()


@pytest.fixture
async def shell(shell_runtime, shell_sandbox, qtbot):
    """The app on the sandbox, started (demo profile connected), shut down afterwards."""
    from qt_helpers import wait_until

    from sage50_desktop.app import Shell
    from sage50_desktop.ui import session as S

    app_shell = Shell(shell_runtime, sandbox=shell_sandbox, open_wizard_when_empty=False)
    app_shell.start()
    session = app_shell.sessions.get(app_shell.sandbox_profile.id)
    await wait_until(
        lambda: session.state == S.ONLINE and not session.consent_running,
        timeout=30,
        message="the demo connection comes online",
    )
    yield app_shell
    await app_shell.shutdown()
