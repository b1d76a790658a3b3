"""The consent page's three ways on a real sandbox: no polling → paste (masked), and receive."""

from __future__ import annotations

import socket

import httpx
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QWizard
from qt_helpers import wait_until
from wizard_steps import at_step, click, enter_ids, in_thread, next_button, passcode_shown

from sage50_desktop.api import contract
from sage50_desktop.services.onboarding_flow import Step


def choose(qtbot, radio) -> None:
    """Click a radio button on its indicator (a wide button is not hit in its middle)."""
    assert radio.isEnabled()
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked()


async def finish(qtbot, wizard) -> None:
    await at_step(wizard, Step.DONE)
    done = wizard.page_for(Step.DONE)
    await wait_until(lambda: done.scopes.count() == 2, message="scopes listed")
    with qtbot.waitSignal(wizard.profileCreated, timeout=5000):
        click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    await wizard.wait_closed()


def _newest_key(sb) -> str:
    keys = [k for k in sb.control.keys() if not k["rotated"]]
    return max(keys, key=lambda k: k["issuedAt"])["apikey"]


async def test_without_polling_the_page_says_so_and_a_pasted_key_is_checked_and_stored(
    qtbot, make_wizard, wizard_sandbox, wizard_runtime
):
    sb = wizard_sandbox
    await in_thread(lambda: sb.control.platform(polling=False))
    wizard = make_wizard(sandbox_info=sb)
    click(qtbot, next_button(wizard))
    await at_step(wizard, Step.DEVELOPER)
    await enter_ids(qtbot, wizard, sb.developer_id, sb.application_id)
    page = wizard.page_for(Step.CONSENT)
    code = await passcode_shown(wizard)
    ways = page.ways
    await wait_until(ways.polling_note.isVisible, 10, message="no polling said")
    assert "does not offer polling" in page.status_label.text()
    assert not ways.poll_radio.isEnabled() and ways.listen_radio.isEnabled()
    choose(qtbot, ways.paste_radio)
    assert "pasted" in page.way_label.text()
    assert ways.key_edit.echoMode() == QLineEdit.EchoMode.Password
    # a key the platform does not know is refused and nothing is stored
    ways.key_edit.setText("sk_never_issued_by_the_platform")
    click(qtbot, ways.paste_button)
    await wait_until(page.inline_error.isVisible, 10, message="refused key said")
    assert not page.data.approved
    assert wizard_runtime.sandbox_credentials.entries() == {}
    # the key the application's receiver got
    await in_thread(sb.control.grant, code)
    ways.key_edit.setText(await in_thread(_newest_key, sb))
    ways.expiration_edit.setText("2099-01-01T00:00:00Z")
    click(qtbot, ways.paste_button)
    await at_step(wizard, Step.DONE)
    assert ways.key_edit.text() == ""
    assert len(wizard_runtime.sandbox_credentials.entries()) == 3
    await finish(qtbot, wizard)


@pytest.mark.log_warnings_expected("a forged approval push is logged as ignored")
async def test_receive_listens_on_the_chosen_port_and_takes_the_signed_push(
    qtbot, make_wizard, wizard_sandbox, wizard_runtime
):
    sb = wizard_sandbox
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    approval_url = f"http://127.0.0.1:{port}/approval"

    def register() -> str:
        answer = httpx.post(
            sb.base_url + contract.applications_path(sb.developer_id),
            json={"name": "Tienda", "domain": "ecommerce", "approvalUrl": approval_url},
        )
        return str(answer.json()["applicationId"])

    app_id = await in_thread(register)
    wizard = make_wizard(sandbox_info=sb)
    click(qtbot, next_button(wizard))
    await at_step(wizard, Step.DEVELOPER)
    await enter_ids(qtbot, wizard, sb.developer_id, app_id)
    page = wizard.page_for(Step.CONSENT)
    code = await passcode_shown(wizard)
    ways = page.ways
    choose(qtbot, ways.listen_radio)
    assert "approval push" in page.way_label.text()
    ways.port_spin.setValue(port)
    click(qtbot, ways.listen_button)
    await wait_until(lambda: "Waiting" in page.way_label.text(), 10, message="listening")
    assert f"127.0.0.1:{port}" in page.way_label.text()
    forged = await in_thread(
        lambda: (
            httpx.post(
                approval_url,
                json={"passcode": code, "domain": "ecommerce", "apikey": "sk_forged"},
                headers={"X-Signature": "sha256=" + "0" * 64},
            ).status_code
        )
    )
    assert forged == 401 and not page.data.approved
    await in_thread(sb.control.grant, code)
    await at_step(wizard, Step.DONE)
    stored = wizard_runtime.sandbox_credentials.entries()
    assert len(stored) == 3 and not any(v.startswith("sk_forged") for v in stored.values())
    await finish(qtbot, wizard)
