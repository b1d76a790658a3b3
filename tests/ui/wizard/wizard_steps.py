"""Steps shared by the wizard tests: drive a wizard like a person would."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from qt_helpers import wait_until

from sage50_desktop.sandbox.config import SandboxConfig
from sage50_desktop.sandbox.testing import SandboxThread
from sage50_desktop.services.onboarding_flow import Step
from sage50_desktop.ui.wizard import OnboardingWizard


def click(qtbot, button) -> None:
    assert button.isEnabled(), f"{button.objectName() or button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_button(wizard: OnboardingWizard):
    return wizard.button(QWizard.WizardButton.NextButton)


async def at_step(wizard: OnboardingWizard, step: Step, within: float = 15.0) -> None:
    await wait_until(
        lambda: wizard.current_step() is step,
        within,
        message=f"step {step} (at {wizard.current_step()}, error {wizard.currentPage().error})",
    )


async def settled(wizard: OnboardingWizard, within: float = 15.0) -> None:
    await wait_until(lambda: not wizard.currentPage().busy, within, message="page busy")


async def custom_environment(qtbot, wizard: OnboardingWizard, url: str, name: str) -> None:
    page = wizard.page_for(Step.ENVIRONMENT)
    click(qtbot, page.custom_radio)
    page.url_edit.setText(url)
    page.name_edit.setText(name)
    click(qtbot, next_button(wizard))
    await at_step(wizard, Step.DEVELOPER)


async def enter_ids(
    qtbot, wizard: OnboardingWizard, developer_id: str, application_id: str
) -> None:
    page = wizard.page_for(Step.DEVELOPER)
    click(qtbot, page.have_radio)
    page.developer_edit.setText(developer_id)
    page.application_edit.setText(application_id)
    click(qtbot, next_button(wizard))
    await at_step(wizard, Step.CONSENT)


async def passcode_shown(wizard: OnboardingWizard, other_than: str = "") -> str:
    label = wizard.page_for(Step.CONSENT).passcode_label
    await wait_until(
        lambda: label.text() not in ("—", other_than), 15, message="a passcode on screen"
    )
    return label.text()


async def in_thread(fn, *args):
    """A blocking control call off the GUI loop (the loop keeps running)."""
    return await asyncio.to_thread(fn, *args)


def small_sandbox(**overrides: object) -> SandboxThread:
    """A started sandbox with small scope files (``port=`` to come back on the same one)."""
    config = SandboxConfig(customers=20, products=40, **overrides)  # type: ignore[arg-type]
    return SandboxThread(config).start()
