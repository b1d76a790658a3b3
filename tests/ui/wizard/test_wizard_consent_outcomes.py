"""Consent outcomes: denied, expired (a new passcode works after), re-consent, no store."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard
from qt_helpers import wait_until
from wizard_steps import (
    at_step,
    click,
    custom_environment,
    enter_ids,
    in_thread,
    next_button,
    passcode_shown,
)

from sage50_desktop.services.onboarding_flow import Step
from sage50_desktop.services.runtime import Runtime
from sage50_desktop.storage.credentials import CredentialStoreUnavailable
from sage50_desktop.storage.profiles import Profile


async def _to_consent(qtbot, make_wizard, sb):
    wizard = make_wizard(sandbox_info=sb)
    click(qtbot, next_button(wizard))
    await at_step(wizard, Step.DEVELOPER)
    await enter_ids(qtbot, wizard, sb.developer_id, sb.application_id)
    return wizard


async def _grant_and_finish(qtbot, wizard, sb, code):
    await in_thread(sb.control.grant, code)
    await at_step(wizard, Step.DONE)
    done = wizard.page_for(Step.DONE)
    await wait_until(lambda: done.scopes.count() == 2, message="scopes listed")
    with qtbot.waitSignal(wizard.profileCreated, timeout=5000):
        click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    await wizard.wait_closed()


async def test_wizard_denied_passcode_then_new_passcode(qtbot, make_wizard, wizard_sandbox):
    sb = wizard_sandbox
    wizard = await _to_consent(qtbot, make_wizard, sb)
    consent = wizard.page_for(Step.CONSENT)
    first = await passcode_shown(wizard)
    assert not consent.new_button.isVisible()
    await in_thread(sb.control.deny, first)
    await wait_until(consent.new_button.isVisible, message="denied shown")
    assert "denied" in consent.status_label.text()
    assert not next_button(wizard).isEnabled()
    assert wizard.current_step() is Step.CONSENT

    click(qtbot, consent.new_button)
    second = await passcode_shown(wizard, other_than=first)
    assert second != first and not consent.new_button.isVisible()
    await _grant_and_finish(qtbot, wizard, sb, second)


async def test_wizard_expired_passcode_then_new_passcode(qtbot, make_wizard, wizard_sandbox):
    sb = wizard_sandbox
    await in_thread(sb.control.set_passcode_lifetime, 1.0)
    wizard = await _to_consent(qtbot, make_wizard, sb)
    consent = wizard.page_for(Step.CONSENT)
    first = await passcode_shown(wizard)
    await wait_until(consent.new_button.isVisible, timeout=10, message="expired shown")
    assert "expired" in consent.status_label.text()
    assert not consent.timer.isActive()

    await in_thread(sb.control.set_passcode_lifetime, 600.0)
    click(qtbot, consent.new_button)
    second = await passcode_shown(wizard, other_than=first)
    await wait_until(
        lambda: (
            consent.countdown.text().startswith("Expires in 9:")
            or consent.countdown.text().startswith("Expires in 10:")
        ),
        message="countdown of the new passcode",
    )
    await _grant_and_finish(qtbot, wizard, sb, second)


async def test_wizard_consent_again_for_an_existing_profile(
    qtbot, make_wizard, wizard_sandbox, wizard_runtime
):
    sb = wizard_sandbox
    profile = wizard_runtime.profiles.add(
        Profile(
            "Sandbox",
            sb.base_url,
            sb.developer_id,
            sb.application_id,
            sb.domain,
            sandbox=True,
            consent_needed=True,
        )
    )
    wizard = make_wizard(profile=profile, sandbox_info=sb)
    assert wizard.current_step() is Step.CONSENT
    assert (
        not wizard.button(QWizard.WizardButton.BackButton).isVisible()
        or not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    )
    code = await passcode_shown(wizard)
    with qtbot.waitSignal(wizard.profileCreated, timeout=15000) as created:
        await _grant_and_finish(qtbot, wizard, sb, code)
    assert created.args == [profile.id]
    stored = wizard_runtime.profiles.get(profile.id)
    assert not stored.consent_needed and stored.key_expiration is not None
    assert wizard_runtime.sandbox_credentials.get_apikey(profile.id) is not None
    assert len(wizard_runtime.profiles.list_profiles()) == 1


class NoKeyringRuntime(Runtime):
    @property
    def credentials(self):
        raise CredentialStoreUnavailable("no usable keyring backend (test)")


async def test_wizard_without_credential_store_says_what_to_install(
    qtbot, make_wizard, wizard_sandbox, tmp_path
):
    sb = wizard_sandbox
    make_wizard.runtime = NoKeyringRuntime(tmp_path / "nokeyring")
    try:
        wizard = make_wizard()
        await custom_environment(qtbot, wizard, sb.base_url, "Producción")
        page = wizard.page_for(Step.DEVELOPER)
        page.developer_edit.setText(sb.developer_id)
        page.application_edit.setText(sb.application_id)
        click(qtbot, next_button(wizard))
        await at_step(wizard, Step.CONSENT)
        consent = wizard.page_for(Step.CONSENT)
        await wait_until(lambda: consent.error is not None, message="error shown")
        assert wizard.status.error.isVisible()
        assert "GNOME Keyring" in wizard.status.error.hint.text()
        assert consent.passcode_label.text() == "—"  # no passcode whose key could be lost
        assert await in_thread(sb.control.passcodes) == []
        click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
        await wizard.wait_closed()
    finally:
        make_wizard.runtime.close()
