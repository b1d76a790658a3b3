"""Fixtures of the wizard tests: a real sandbox, an app core on tmp, a wizard factory.

The qasync loop hook lives in ``tests/ui/conftest.py``; nothing here redefines it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
import shiboken6
from wizard_steps import small_sandbox

from sage50_desktop.sandbox.testing import SandboxThread
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.services.settings import Settings
from sage50_desktop.ui.wizard import OnboardingWizard


@pytest.fixture
def wizard_sandbox() -> Iterator[SandboxThread]:
    sb = small_sandbox()
    yield sb
    sb.stop()


@pytest.fixture
def wizard_runtime(tmp_path) -> Iterator[Runtime]:
    """The app core on tmp folders; real profiles use the (test) OS keyring."""
    rt = Runtime(tmp_path / "data", settings=Settings(tmp_path / "settings.json"))
    yield rt
    rt.close()


class WizardFactory:
    """Builds wizards with the browser replaced by a list of opened URLs."""

    def __init__(self, qtbot, runtime: Runtime) -> None:
        self.qtbot = qtbot
        self.runtime = runtime
        self.opened: list[str] = []
        self.wizards: list[OnboardingWizard] = []

    def __call__(self, **kwargs: object) -> OnboardingWizard:
        kwargs.setdefault("open_url", self.opened.append)
        wizard = OnboardingWizard(self.runtime, **kwargs)  # type: ignore[arg-type]
        wizard.poll_interval = 0.1
        self.qtbot.addWidget(wizard)
        self.wizards.append(wizard)
        wizard.show()
        return wizard


@pytest.fixture
def make_wizard(qapp, qtbot, wizard_runtime) -> Iterator[WizardFactory]:
    # closing the wizard (the only window here) must not quit the app and stop the loop
    quit_on_close = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    factory = WizardFactory(qtbot, wizard_runtime)
    yield factory
    for wizard in factory.wizards:
        if shiboken6.isValid(wizard):
            if wizard.isVisible():
                wizard.reject()
            # delete it here, on the GUI thread: left to the garbage collector, a Qt object
            # may be destroyed on whatever thread happens to collect it (sandbox, workers)
            shiboken6.delete(wizard)
    factory.wizards.clear()
    # collect dead Qt objects (ours and the test loop's timers) here, on the GUI thread,
    # not on whatever thread the collector would next run
    gc.collect()
    qapp.setQuitOnLastWindowClosed(quit_on_close)
