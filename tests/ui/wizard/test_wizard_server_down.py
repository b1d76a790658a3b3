"""A server that goes away during a step: a clear message, and Retry works once it is back."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard
from qt_helpers import wait_until
from wizard_steps import (
    at_step,
    click,
    custom_environment,
    in_thread,
    next_button,
    passcode_shown,
    small_sandbox,
)

from sage50_desktop.services.onboarding_flow import Step
from sage50_desktop.ui.wizard.panels import StatusArea


async def test_wizard_unreachable_address_is_refused_with_retry(qtbot, make_wizard):
    sb = small_sandbox()
    url, port = sb.base_url, sb.server.port
    sb.stop()  # nothing listens there now
    wizard = make_wizard()
    env = wizard.page_for(Step.ENVIRONMENT)
    click(qtbot, env.custom_radio)
    env.url_edit.setText(url)
    click(qtbot, next_button(wizard))
    await wait_until(lambda: env.error is not None and not env.busy, 20, message="error")
    status: StatusArea = wizard.status
    assert status.error.isVisible() and status.error.retry.isVisible()
    assert status.error.message.text() == "The server does not answer."
    assert wizard.current_step() is Step.ENVIRONMENT

    sb = small_sandbox(port=port)  # the server is back
    try:
        click(qtbot, status.error.retry)
        await at_step(wizard, Step.DEVELOPER, within=20)
        assert not status.error.isVisible()
        click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
        await wizard.wait_closed()
    finally:
        sb.stop()


async def test_wizard_server_down_while_checking_ids_and_consent(qtbot, make_wizard):
    sb = small_sandbox()
    port = sb.server.port
    wizard = make_wizard()
    try:
        await custom_environment(qtbot, wizard, sb.base_url, "Pruebas")
        dev = wizard.page_for(Step.DEVELOPER)
        dev.developer_edit.setText(sb.developer_id)
        dev.application_edit.setText(sb.application_id)
        sb.stop()
        click(qtbot, next_button(wizard))
        await wait_until(lambda: dev.error is not None and not dev.busy, 20, message="error")
        assert "does not answer" in wizard.status.error.message.text()
        assert wizard.current_step() is Step.DEVELOPER

        sb = small_sandbox(port=port)
        click(qtbot, wizard.status.error.retry)
        await at_step(wizard, Step.CONSENT, within=20)  # the check passed, Next went on
        consent = wizard.page_for(Step.CONSENT)
        code = await passcode_shown(wizard)

        # down while waiting for approval: polling stops with a message; Retry resumes
        sb.stop()
        await wait_until(lambda: consent.error is not None, 20, message="poll error")
        assert wizard.status.error.isVisible()
        sb = small_sandbox(port=port)  # a fresh platform: the old passcode is unknown there
        click(qtbot, wizard.status.error.retry)
        await wait_until(lambda: consent.error is not None, 20, message="unknown passcode")
        assert "passcode" in wizard.status.error.hint.text()
        click(
            qtbot, consent.new_button
        ) if consent.new_button.isVisible() else consent.request_passcode()
        second = await passcode_shown(wizard, other_than=code)
        await in_thread(sb.control.grant, second)
        await at_step(wizard, Step.DONE)
        done = wizard.page_for(Step.DONE)
        await wait_until(lambda: done.scopes.count() == 2, message="scopes listed")
        with qtbot.waitSignal(wizard.profileCreated, timeout=5000):
            click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
        await wizard.wait_closed()
    finally:
        sb.stop()
