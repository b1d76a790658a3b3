"""The onboarding wizard end to end against a real sandbox."""

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
    settled,
)

from sage50_desktop.services.onboarding_flow import Step
from sage50_desktop.storage.credentials import (
    APIKEY_SERVICE,
    INITIAL_APIKEY_SERVICE,
    SECRET_SERVICE,
)


async def test_wizard_register_consent_and_finish_on_a_custom_url(
    qtbot, make_wizard, wizard_sandbox, wizard_runtime, test_keyring
):
    sb = wizard_sandbox
    wizard = make_wizard()
    assert wizard.objectName() == "onboardingWizard"
    assert not wizard.page_for(Step.ENVIRONMENT).sandbox_radio.isEnabled()  # none offered
    await custom_environment(qtbot, wizard, sb.base_url, "Tienda Online")

    # register: 1.1, the registration page opens in the browser
    dev = wizard.page_for(Step.DEVELOPER)
    click(qtbot, dev.register_radio)
    assert not next_button(wizard).isEnabled()  # no IDs yet
    dev.name_edit.setText("Ana García")
    dev.email_edit.setText("ana@example.com")
    click(qtbot, dev.register_button)
    await wait_until(lambda: make_wizard.opened, message="registration page opened")
    url = make_wizard.opened[-1]
    assert "/register/" in url
    assert dev.register_info.isVisible()
    assert "ana@example.com" in dev.register_info.text()

    # the person solves the page's check; the platform e-mails the IDs
    developer_id, application_id = await in_thread(sb.control.complete_registration, url)
    mail = [m for m in await in_thread(sb.control.outbox) if m["to"] == "ana@example.com"]
    assert mail and mail[-1]["developerId"] == developer_id
    dev.developer_edit.setText(developer_id)
    dev.application_edit.setText(application_id)
    click(qtbot, next_button(wizard))
    await at_step(wizard, Step.CONSENT)

    # consent: passcode on screen with countdown; the sandbox (Sage 50) grants it
    consent = wizard.page_for(Step.CONSENT)
    code = await passcode_shown(wizard)
    assert consent.countdown.text().startswith("Expires in")
    assert not consent.control_button.isVisible()  # not the bundled sandbox
    assert not next_button(wizard).isEnabled()
    pending = await in_thread(sb.control.passcodes, "pending")
    assert [p["passcode"] for p in pending] == [code]
    assert pending[0]["applicationId"] == application_id
    await in_thread(sb.control.grant, code)

    # done: two keyring entries, the scopes listed by a test call with the new key
    await at_step(wizard, Step.DONE)
    done = wizard.page_for(Step.DONE)
    await wait_until(lambda: done.scopes.count() == 2, message="scopes listed")
    assert [done.scopes.item(i).text() for i in range(2)] == ["customers", "products"]
    profile_id = wizard.flow.data.profile_id
    assert set(test_keyring.entries) == {
        (APIKEY_SERVICE, profile_id),
        (INITIAL_APIKEY_SERVICE, profile_id),
        (SECRET_SERVICE, profile_id),
    }
    stored = done.stored.text()
    assert "MemoryKeyring" in stored or wizard.credential_store().name in stored
    assert APIKEY_SERVICE in stored and SECRET_SERVICE in stored
    assert INITIAL_APIKEY_SERVICE in stored
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert wizard_runtime.profiles.list_profiles() == []  # nothing saved before Finish

    with qtbot.waitSignal(wizard.profileCreated, timeout=5000) as created:
        click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert created.args == [profile_id]
    profile = wizard_runtime.profiles.get(profile_id)
    assert (profile.name, profile.developer_id, profile.application_id, profile.domain) == (
        "Tienda Online",
        developer_id,
        application_id,
        "ecommerce",
    )
    assert profile.onboarded and not profile.sandbox and profile.key_expiration is not None
    assert set(test_keyring.entries) == {
        (APIKEY_SERVICE, profile_id),
        (INITIAL_APIKEY_SERVICE, profile_id),
        (SECRET_SERVICE, profile_id),
    }
    await wizard.wait_closed()


async def test_wizard_bundled_sandbox_with_demo_ids_and_extra_application(
    qtbot, make_wizard, wizard_sandbox, wizard_runtime
):
    sb = wizard_sandbox
    wizard = make_wizard(sandbox_info=sb)
    env = wizard.page_for(Step.ENVIRONMENT)
    assert env.sandbox_radio.isChecked() and env.name_edit.text() == "Sandbox"
    click(qtbot, next_button(wizard))
    await at_step(wizard, Step.DEVELOPER)
    dev = wizard.page_for(Step.DEVELOPER)
    assert (dev.developer_edit.text(), dev.application_edit.text()) == (
        sb.developer_id,
        sb.application_id,
    )
    click(qtbot, dev.extra_check)
    click(qtbot, next_button(wizard))
    await at_step(wizard, Step.APPLICATION)

    app_page = wizard.page_for(Step.APPLICATION)
    assert not next_button(wizard).isEnabled()
    click(qtbot, app_page.register_button)
    await wait_until(lambda: wizard.flow.data.extra_application_id, message="1.2 done")
    new_app = wizard.flow.data.extra_application_id
    assert new_app in app_page.result.text()
    click(qtbot, next_button(wizard))
    await at_step(wizard, Step.CONSENT)

    consent = wizard.page_for(Step.CONSENT)
    code = await passcode_shown(wizard)
    assert consent.control_button.isVisible()
    click(qtbot, consent.control_button)
    assert make_wizard.opened[-1] == sb.base_url + "/sandbox/"
    click(qtbot, consent.copy_button)
    pending = await in_thread(sb.control.passcodes, "pending")
    assert [(p["passcode"], p["applicationId"]) for p in pending] == [(code, new_app)]
    await in_thread(sb.control.auto_approve, 0.0)

    await at_step(wizard, Step.DONE)
    done = wizard.page_for(Step.DONE)
    await wait_until(lambda: done.scopes.count() == 2, message="scopes listed")
    assert "memory" in done.stored.text()
    store = wizard_runtime.sandbox_credentials
    assert store.get_apikey(wizard.flow.data.profile_id) is not None

    # Cancel after approval: nothing saved, and the stored credentials are removed
    click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
    assert wizard_runtime.profiles.list_profiles() == []
    assert store.get_apikey(wizard.flow.data.profile_id) is None
    assert store.get_secret(wizard.flow.data.profile_id) is None
    await wizard.wait_closed()


async def test_wizard_back_cancels_waiting_and_keeps_entered_ids(
    qtbot, make_wizard, wizard_sandbox
):
    sb = wizard_sandbox
    wizard = make_wizard(sandbox_info=sb)
    click(qtbot, next_button(wizard))
    await at_step(wizard, Step.DEVELOPER)
    await enter_ids(qtbot, wizard, sb.developer_id, sb.application_id)
    await passcode_shown(wizard)
    consent = wizard.page_for(Step.CONSENT)
    await wait_until(lambda: wizard.running(consent, "poll"), message="polling")
    click(qtbot, wizard.button(QWizard.WizardButton.BackButton))
    await at_step(wizard, Step.DEVELOPER)
    assert not wizard.running(consent, "poll")
    assert not consent.timer.isActive()
    assert wizard.flow.history == [Step.ENVIRONMENT]
    dev = wizard.page_for(Step.DEVELOPER)
    assert dev.developer_edit.text() == sb.developer_id
    await settled(wizard)
    click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
    await wizard.wait_closed()


async def test_wizard_wrong_ids_are_refused_before_next(qtbot, make_wizard, wizard_sandbox):
    wizard = make_wizard(sandbox_info=wizard_sandbox)
    click(qtbot, next_button(wizard))
    await at_step(wizard, Step.DEVELOPER)
    dev = wizard.page_for(Step.DEVELOPER)
    dev.developer_edit.setText("dev-nobody")
    click(qtbot, next_button(wizard))
    await wait_until(lambda: dev.error is not None, message="error shown")
    assert wizard.current_step() is Step.DEVELOPER
    assert wizard.status.error.isVisible()
    assert "developer ID is unknown" in wizard.status.error.message.text()
    dev.developer_edit.setText(wizard_sandbox.developer_id)
    click(qtbot, next_button(wizard))
    await at_step(wizard, Step.CONSENT)
    await passcode_shown(wizard)
    click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
    await wizard.wait_closed()
