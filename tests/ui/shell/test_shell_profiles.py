"""Several profiles: add (the wizard), rename, remove (credentials deleted after confirmation)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget
from qt_helpers import wait_until

from sage50_desktop.api.rotation import KeyMaterial
from sage50_desktop.services.activity import target_for
from sage50_desktop.storage.credentials import (
    APIKEY_SERVICE,
    INITIAL_APIKEY_SERVICE,
    SECRET_SERVICE,
)
from sage50_desktop.storage.profiles import Profile


async def test_shell_add_connection_opens_the_wizard(shell):
    shell.window.actions_["add"].trigger()
    await wait_until(
        lambda: shell.window.findChild(QWidget, "onboardingWizard") is not None, message="wizard"
    )
    wizard = shell.window.findChild(QWidget, "onboardingWizard")
    assert wizard.isVisible()
    # the wizard reports a stored profile: the window shows and selects it
    profile = shell.runtime.profiles.add(
        Profile(
            name="Tienda Online", base_url="https://x.test", developer_id="d", application_id="a"
        )
    )
    wizard.profileCreated.emit(profile.id)
    await wait_until(
        lambda: shell.window.current is not None and shell.window.current.id == profile.id,
        message="new profile selected",
    )
    assert shell.window.sidebar.item_for(target_for(profile.id)) is not None
    wizard.reject()
    shell.tasks.cancel(shell.sessions.get(profile.id).task_name("refresh"))


async def test_shell_rename_and_remove_profile(shell, test_keyring):
    runtime = shell.runtime
    profile = runtime.profiles.add(
        Profile(name="Producción", base_url="https://x.test", developer_id="d", application_id="a")
    )
    runtime.credentials.set_secret(profile.id, "s" * 40)
    runtime.credentials.set_initial_apikey(profile.id, "i" * 24)
    runtime.credentials.set_apikey(profile.id, KeyMaterial("k" * 24, None))
    assert (SECRET_SERVICE, profile.id) in test_keyring.entries
    assert (INITIAL_APIKEY_SERVICE, profile.id) in test_keyring.entries
    shell.sessions.sync()
    window = shell.window
    assert window.open_target(target_for(profile.id))

    # rename through the dialog
    window.actions_["rename"].trigger()
    dialog = window.profile_actions.dialog
    assert dialog is not None and dialog.objectName() == "renameDialog"
    dialog.setTextValue("Tienda (producción)")
    dialog.accept()
    await wait_until(
        lambda: window.sidebar.item_for(target_for(profile.id)).text() == "Tienda (producción)",
        message="renamed in the sidebar",
    )
    assert runtime.profiles.get(profile.id).name == "Tienda (producción)"
    assert "Tienda (producción)" in window.windowTitle()
    # a duplicate name is refused with a message
    problems: list[str] = []
    window.profile_actions.failed.connect(problems.append)
    assert not window.profile_actions.rename(profile.id, "Sandbox (demo)")
    assert problems and "exists already" in problems[0]

    # remove: cancelling keeps everything
    window.actions_["remove"].trigger()
    box = window.profile_actions.dialog
    assert isinstance(box, QMessageBox) and "credential store" in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert runtime.profiles.find(profile.id) is not None
    # confirming deletes the credentials, then the profile
    window.actions_["remove"].trigger()
    box = window.profile_actions.dialog
    box.findChild(QWidget, "confirmRemove").click()
    await wait_until(lambda: runtime.profiles.find(profile.id) is None, message="removed")
    assert (SECRET_SERVICE, profile.id) not in test_keyring.entries
    assert (APIKEY_SERVICE, profile.id) not in test_keyring.entries
    assert (INITIAL_APIKEY_SERVICE, profile.id) not in test_keyring.entries
    await wait_until(lambda: window.sidebar.item_for(target_for(profile.id)) is None)
    assert window.current is not None and window.current.id == shell.sandbox_profile.id
