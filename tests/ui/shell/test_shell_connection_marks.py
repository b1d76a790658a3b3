"""Rough edges of the connection pages: a marked test connection, the sandbox not running,
no contradictory key status, no "showing the data fetched…" above an empty page, the
first-start card."""

from __future__ import annotations

import pytest
from qt_helpers import wait_until

from sage50_desktop.app import SANDBOX_PROFILE_NAME, Shell
from sage50_desktop.services.activity import target_for
from sage50_desktop.services.tasks import SUCCEEDED
from sage50_desktop.storage.profiles import Profile
from sage50_desktop.ui import connection_banner as CB
from sage50_desktop.ui import session as S
from sage50_desktop.ui.browser.page import ScopePage
from sage50_desktop.ui.overview.page import ConnectionOverviewPage
from sage50_desktop.ui.sidebar import SANDBOX_ROLE
from sage50_desktop.ui.uploads.page import UploadsPage
from sage50_desktop.ui.widgets import state_view


def _page(window, cls, scope=None):
    pages = [p for p in window.findChildren(cls) if scope is None or p.scope == scope]
    return pages[0] if pages else None


async def test_a_custom_url_connection_marked_as_test_gets_the_accent_and_tag(shell, ui_sandbox):
    runtime = shell.runtime
    staging = runtime.profiles.add(
        Profile(
            name="Staging",
            base_url=ui_sandbox.base_url,
            developer_id=ui_sandbox.developer_id,
            application_id=ui_sandbox.application_id,
        )
    )
    shell.sessions.sync()
    window = shell.window
    assert window.open_target(target_for(staging.id))
    page = window.current_page()
    assert isinstance(page, ConnectionOverviewPage)
    await wait_until(lambda: page.title.full_text() == "Staging", message="the page drawn")
    assert page.test_check.isVisibleTo(window) and not page.test_check.isChecked()
    assert not page.tag.isVisibleTo(window) and not window.sandbox_banner.isVisible()
    assert "TEST" not in window.windowTitle()

    page.test_check.setChecked(True)  # stored in the profile, off the GUI thread
    await wait_until(lambda: runtime.profiles.get(staging.id).test_connection, message="stored")
    await wait_until(lambda: page.tag.isVisibleTo(window), message="the TEST tag")
    await wait_until(lambda: "TEST" in window.windowTitle(), message="title")
    await wait_until(lambda: window.sandbox_banner.isVisible(), message="test banner")
    assert window.sandbox_banner.mode == CB.MARKED_TEST
    assert ui_sandbox.base_url in window.sandbox_banner.text()
    item = window.sidebar.item_for(target_for(staging.id))
    await wait_until(lambda: item.data(SANDBOX_ROLE) is True, message="sidebar accent")
    await wait_until(lambda: "(test)" in window.status.connection.text(), message="status bar")
    window.open_target(target_for(staging.id, "ecommerce", "orders"))
    uploads = _page(window, UploadsPage)
    await wait_until(lambda: "Test connection" in uploads.destination.text())

    # editable: unmarked again, everything goes back
    window.open_target(target_for(staging.id))
    page.test_check.setChecked(False)
    await wait_until(lambda: not runtime.profiles.get(staging.id).test_connection)
    await wait_until(lambda: not window.sandbox_banner.isVisible(), message="banner gone")
    await wait_until(lambda: not page.tag.isVisibleTo(window), message="tag gone")
    assert "TEST" not in window.windowTitle()
    # the sandbox's own connection cannot be unmarked
    window.open_target(target_for(shell.sandbox_profile.id))
    sandbox_page = window.current_page()
    await wait_until(lambda: sandbox_page.tag.isVisibleTo(window))
    assert not sandbox_page.test_check.isVisibleTo(window)
    assert window.sandbox_banner.mode == CB.SANDBOX


async def test_without_sandbox_the_demo_connection_says_so_and_can_start_it(shell_runtime, qtbot):
    dead = shell_runtime.profiles.add(
        Profile(
            name=SANDBOX_PROFILE_NAME,
            base_url="http://127.0.0.1:9",  # nothing listens there
            developer_id="dev-old",
            application_id="app-old",
            sandbox=True,
        )
    )
    shell = Shell(shell_runtime, open_wizard_when_empty=False, sandbox_port=0)
    try:
        shell.start()
        window = shell.window
        session = shell.sessions.get(dead.id)
        await wait_until(lambda: window.current is session, message="the demo connection shown")
        banner = window.sandbox_banner
        await wait_until(lambda: banner.mode == CB.SANDBOX_DOWN, message="sandbox-down banner")
        assert banner.isVisible() and "not running" in banner.text()
        assert "--sandbox" in banner.text() and "127.0.0.1:9" not in banner.text()
        assert banner.action_button.isVisible()
        page = window.current_page()
        await wait_until(lambda: page.view.state == state_view.EMPTY)
        assert "not running" in page.view.message.title.text()
        assert "--sandbox" in page.view.message.text.text()

        banner.action_button.click()  # the in-app sandbox starts, the connection gets its key
        await wait_until(
            lambda: (
                shell.sandbox is not None
                and session.state == S.ONLINE
                and not session.consent_running
            ),
            timeout=40,
            message="the sandbox started and the demo connection online",
        )
        assert session.profile.base_url == shell.sandbox.base_url
        await wait_until(lambda: banner.mode == CB.SANDBOX, message="the TEST banner")
        assert shell.sandbox.base_url in banner.text() and not banner.action_button.isVisible()
        await wait_until(lambda: page.view.state == state_view.CONTENT, message="its data sets")
    finally:
        await shell.shutdown()
    assert shell.sandbox is None  # stopped by the shutdown


@pytest.mark.log_warnings_expected("consent lost is logged as a warning")
async def test_consent_needed_never_shows_an_expiry_or_data_above_an_empty_page(shell):
    window = shell.window
    session = shell.sessions.get(shell.sandbox_profile.id)
    page = window.current_page()
    assert isinstance(page, ConnectionOverviewPage)
    await wait_until(lambda: session.key_expiration is not None)
    shell.sandbox.control.revoke_consent()
    window.refresh_current()
    await wait_until(lambda: session.state == S.CONSENT, timeout=20, message="consent lost")
    await wait_until(lambda: window.status.key_expiry.text() == "No valid API key")
    await wait_until(lambda: "consent" in page.values["expiry"].text(), message="no expiry time")
    assert "expires" not in page.values["expiry"].text()
    # a data set never downloaded: an empty page says what is needed, with no notice about
    # "the data fetched" above it
    window.open_target(target_for(session.id, "ecommerce", "products"))
    products = _page(window, ScopePage, "products")
    await wait_until(lambda: products.view.state == state_view.EMPTY)
    assert not products.view.notice.isVisible()
    assert products.view.message.title.text() == "Consent needed"


async def test_the_first_start_card_says_what_to_do_first_and_goes_once_done(shell):
    window = shell.window
    session = shell.sessions.get(shell.sandbox_profile.id)
    page = window.current_page()
    assert isinstance(page, ConnectionOverviewPage)
    await wait_until(lambda: page.first_card.isVisibleTo(window), message="first-start card")
    assert "Start here" in page.first_card.text()
    assert page.first_card.action_button.text() == "Open Customers"
    page.first_card.action_button.click()
    customers = _page(window, ScopePage, "customers")
    assert window.current_page() is customers
    info = customers.download_now()
    await wait_until(lambda: info.state == SUCCEEDED, timeout=30)
    window.open_target(target_for(session.id))
    await wait_until(lambda: not page.first_card.isVisibleTo(window), message="card gone")
