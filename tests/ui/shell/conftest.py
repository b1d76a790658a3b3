"""Fixtures of the shell's GUI tests: the app core on tmp folders and the Shell on the
shared ``ui_sandbox`` (``tests/ui/conftest.py``).

The qasync loop hook lives in ``tests/ui/conftest.py``; nothing here re-declares it.
"""

from __future__ import annotations

import pytest

from sage50_desktop.services.runtime import Runtime  # noqa: E402


@pytest.fixture
def shell_runtime(app_home):
    runtime = Runtime(app_home / "data")
    yield runtime
    runtime.close()


@pytest.fixture
async def shell(shell_runtime, ui_sandbox, qtbot):
    """The app on the sandbox, started (demo profile connected), shut down afterwards."""
    from qt_helpers import wait_until

    from sage50_desktop.app import Shell
    from sage50_desktop.ui import session as S

    app_shell = Shell(shell_runtime, sandbox=ui_sandbox, open_wizard_when_empty=False)
    app_shell.start()
    session = app_shell.sessions.get(app_shell.sandbox_profile.id)
    await wait_until(
        lambda: session.state == S.ONLINE and not session.consent_running,
        timeout=30,
        message="the demo connection comes online",
    )
    yield app_shell
    await app_shell.shutdown()
