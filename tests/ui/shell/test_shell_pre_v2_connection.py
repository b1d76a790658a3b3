"""A connection stored before contract v2 (no initial key) in the window: said once, consent step."""

from __future__ import annotations

import secrets

import pytest
from PySide6.QtWidgets import QWidget
from qt_helpers import wait_until

from sage50_desktop.api.models import parse_timestamp
from sage50_desktop.api.rotation import KeyMaterial
from sage50_desktop.services import activity as A
from sage50_desktop.services.activity import target_for
from sage50_desktop.services.onboarding_flow import Step
from sage50_desktop.storage.profiles import Profile
from sage50_desktop.ui import session as S


def _pre_v2_connection(shell) -> Profile:
    """A non-sandbox connection to the sandbox with a secret and a key but no initial key,
    as a connection set up before v2 was stored."""
    sandbox = shell.sandbox
    profile = shell.runtime.profiles.add(
        Profile(
            name="Tienda (antes de v2)",
            base_url=sandbox.base_url,
            developer_id=sandbox.developer_id,
            application_id=sandbox.application_id,
            domain=sandbox.domain,
            allow_insecure_http=True,
        )
    )
    secret = secrets.token_urlsafe(40)
    apikey, expiration = sandbox.control.issue_key(
        sandbox.developer_id, sandbox.application_id, secret
    )
    shell.runtime.credentials.set_secret(profile.id, secret)
    shell.runtime.credentials.set_apikey(
        profile.id, KeyMaterial(apikey, parse_timestamp(expiration))
    )
    return profile


@pytest.mark.log_warnings_expected("the lost consent of the pre-v2 connection is logged")
async def test_shell_pre_v2_connection_says_why_and_opens_the_consent_step_once(shell):
    window = shell.window
    profile = _pre_v2_connection(shell)
    shell.sessions.sync()
    assert window.open_target(target_for(profile.id))
    session = shell.sessions.get(profile.id)
    window.refresh_current()  # as at the next start, or the next check of the data sets

    # the first keyed request finds no initial key: consent is needed, said plainly
    await wait_until(lambda: session.state == S.CONSENT, timeout=20, message="consent needed")
    await wait_until(lambda: window.consent_banner.isVisible(), message="consent banner")
    assert "initial API key" in window.consent_banner.text()
    assert "withdrew" not in window.consent_banner.text()
    # …and the window goes to the consent step of the wizard for this connection
    await wait_until(
        lambda: window.findChild(QWidget, "onboardingWizard") is not None, message="wizard"
    )
    wizard = window.findChild(QWidget, "onboardingWizard")
    assert wizard.isVisible()
    assert wizard.current_step() == Step.CONSENT
    lost = [r for r in shell.activity.entries() if r.kind == A.KIND_CONSENT_LOST]
    assert len(lost) == 1

    # closing it does not bring it back, however often the connection is asked again:
    # no loop of failed renewals, no second wizard
    wizard.reject()
    await wait_until(lambda: window.findChild(QWidget, "onboardingWizard") is None)
    for _ in range(2):
        window.refresh_current()
        await wait_until(lambda: not session.refreshing, message="refresh ended")
    assert window.findChild(QWidget, "onboardingWizard") is None
    assert session.state == S.CONSENT
    assert window.consent_banner.isVisible()
    rotations = [r for r in shell.activity.entries() if r.kind == A.KIND_KEY_ROTATION]
    assert rotations == []
    shell.tasks.cancel(session.task_name("refresh"))
