"""The main window on a real sandbox: start-up, silent key renewal, consent revoked, server down."""

from __future__ import annotations

import asyncio

import pytest
from qt_helpers import wait_until

from sage50_desktop import APP_DISPLAY_NAME
from sage50_desktop.services import activity as A
from sage50_desktop.services.activity import target_for
from sage50_desktop.ui import session as S
from sage50_desktop.ui.browser.versions import published_label, short_id
from sage50_desktop.ui.main_window import MainWindow
from sage50_desktop.ui.sidebar import NEW_ROLE
from sage50_desktop.ui.widgets import state_view


def _session(shell):
    return shell.sessions.get(shell.sandbox_profile.id)


async def test_shell_sandbox_start_shows_demo_connection_with_scopes(shell):
    window: MainWindow = shell.window
    assert window.objectName() == "mainWindow"
    session = _session(shell)
    # sidebar: profile -> domain -> scopes, upload scope marked
    tree = window.sidebar
    assert tree.objectName() == "scopeTree"
    profile_item = tree.item_for(target_for(session.id))
    assert profile_item is not None and profile_item.text() == "Sandbox (demo)"
    products = tree.item_for(target_for(session.id, "ecommerce", "products"))
    orders = tree.item_for(target_for(session.id, "ecommerce", "orders"))
    assert products is not None and orders is not None
    # published but never downloaded: a new version for the user
    await wait_until(lambda: products.data(NEW_ROLE) is True, message="new-version badge")
    assert "not downloaded yet" in products.toolTip()
    # the test connection is marked and its credentials are said to be in memory only
    assert window.sandbox_banner.isVisible()
    assert "memory only" in window.sandbox_banner.text()
    assert "TEST" in window.windowTitle()
    # Qt appends the application's display name itself: the title does not repeat it
    assert APP_DISPLAY_NAME not in window.windowTitle()
    # status bar and activity
    assert "Connected" in window.status.connection.text()
    assert (
        "expires in" in window.findChild(type(window.status.key_expiry), "statusKeyExpiry").text()
    )
    kinds = {(r.kind, r.state) for r in shell.activity.entries()}
    assert (A.KIND_CONSENT, "succeeded") in kinds
    # opening the scope page shows the published version; the badge stays until downloaded
    assert window.open_target(target_for(session.id, "ecommerce", "products"))
    page = window.current_page()
    assert page.objectName() == "scopePage"
    published = session.listing.get("products").version
    # date and short id on screen (no raw hash), the full version in the tooltip
    summary = session.listing.get("products")
    await wait_until(
        lambda: page.values["version"].text() == published_label(published, summary.last_modified)
    )
    assert short_id(published) in page.values["version"].text()
    assert published not in page.values["version"].text()
    assert published in page.values["version"].toolTip()
    assert products.data(NEW_ROLE) is True
    # an upload scope opens the uploads page, marked as going to the sandbox
    assert window.open_target(target_for(session.id, "ecommerce", "orders"))
    uploads = window.current_page()
    assert uploads.objectName() == "uploadsPage"
    await wait_until(lambda: "sandbox" in uploads.destination.text())
    await wait_until(lambda: uploads.panel is not None and uploads.panel.isVisible())
    assert uploads.panel.objectName() == "uploadPanel"


async def test_shell_silent_rotation_shows_in_status_bar_and_disturbs_nothing(shell):
    window = shell.window
    session = _session(shell)
    page = window.current_page()
    assert window.status.rotation.text() == "No key renewal yet"
    shell.sandbox.control.expire_key()
    window.refresh_current()  # the next request meets a 401 and renews the key silently
    await wait_until(lambda: session.last_rotation is not None, timeout=20)
    await wait_until(lambda: window.status.rotation.text().startswith("Last key renewal"))
    await wait_until(lambda: not session.refreshing)
    assert session.state == S.ONLINE
    assert not window.consent_banner.isVisible()
    assert window.current_page() is page and page.view.state == state_view.CONTENT
    rotations = [r for r in shell.activity.entries() if r.kind == A.KIND_KEY_ROTATION]
    assert rotations and rotations[-1].detail == "rejected"
    assert not [r for r in shell.activity.entries() if r.state == "failed"]
    assert "expires in" in window.status.key_expiry.text()


@pytest.mark.log_warnings_expected("consent lost is logged as a warning")
async def test_shell_consent_revoked_shows_banner_and_keeps_cache_browsable(shell):
    window = shell.window
    session = _session(shell)
    shell.sandbox.control.revoke_consent()
    window.refresh_current()
    await wait_until(
        lambda: window.consent_banner.isVisible(), timeout=20, message="consent banner"
    )
    assert "Consent needed" in window.consent_banner.text()
    assert "stays browsable offline" in window.consent_banner.text()
    assert session.state == S.CONSENT
    # cached data stays browsable: the overview still lists the scopes, with a notice
    page = window.current_page()
    await wait_until(lambda: page.view.notice.isVisible())
    assert page.view.state == state_view.CONTENT
    assert page.scopes.topLevelItemCount() == 3
    assert window.status.key_expiry.text() == "No valid API key"
    # one consent message with one button: the banner's (the page only says what it shows)
    assert not page.view.notice.action_button.isVisible()
    from PySide6.QtWidgets import QAbstractButton

    consent_buttons = [
        b
        for b in window.findChildren(QAbstractButton)
        if b.isVisible() and "consent" in b.text().replace("&", "").lower()
    ]
    assert consent_buttons == [window.consent_banner.action_button]
    assert [r for r in shell.activity.entries() if r.kind == A.KIND_CONSENT_LOST]
    # one button runs the consent step again (sandbox: silently, auto-approved)
    window.consent_banner.action_button.click()
    await wait_until(
        lambda: session.state == S.ONLINE and not session.consent_running,
        timeout=30,
        message="consent again",
    )
    await wait_until(lambda: not window.consent_banner.isVisible())


@pytest.mark.log_warnings_expected("the unreachable server is logged as a failed task")
async def test_shell_server_down_shows_clear_state_and_cached_data(shell):
    window = shell.window
    session = _session(shell)
    await asyncio.to_thread(shell.sandbox.stop)
    window.refresh_current()
    await wait_until(lambda: session.state == S.OFFLINE, timeout=40, message="offline")
    page = window.current_page()
    await wait_until(lambda: page.view.notice.isVisible())
    notice = page.view.notice.text()
    assert "cannot be reached" in notice and "showing the data fetched" in notice
    assert page.view.state == state_view.CONTENT  # cached data browsable
    assert "Offline" in window.status.connection.text()
    failed = [r for r in shell.activity.entries() if r.state == "failed"]
    assert failed and failed[-1].error_type == "ServerUnreachable"
    # a scope page without cached details: still the published facts from the listing, and
    # what happened with a retry (no "showing the data fetched" notice above an empty page)
    window.open_target(target_for(session.id, "ecommerce", "customers"))
    scope_page = window.current_page()
    await wait_until(lambda: scope_page.view.state == state_view.ERROR)
    assert scope_page.view.message.title.text() == "The server cannot be reached"
    assert not scope_page.view.notice.isVisible()
    customers = session.listing.get("customers")
    assert scope_page.values["version"].text() == published_label(
        customers.version, customers.last_modified
    )


@pytest.mark.log_warnings_expected("the unreachable server is logged as a failed task")
async def test_shell_unreachable_profile_without_cache_shows_error_with_retry(shell):
    from sage50_desktop.storage.profiles import Profile

    runtime = shell.runtime
    profile = runtime.profiles.add(
        Profile(name="Nowhere", base_url="http://127.0.0.1:9", developer_id="d", application_id="a")
    )
    runtime.credentials.set_secret(profile.id, "s" * 40)
    from sage50_desktop.api.rotation import KeyMaterial

    runtime.credentials.set_initial_apikey(profile.id, "k" * 20)
    runtime.credentials.set_apikey(profile.id, KeyMaterial("k" * 20, None))
    shell.sessions.sync()
    session = shell.sessions.get(profile.id)
    assert shell.window.open_target(target_for(profile.id))
    page = shell.window.current_page()
    session.refresh()
    await wait_until(lambda: page.view.state == state_view.LOADING, message="loading")
    await wait_until(lambda: session.state == S.ERROR, timeout=40)
    await wait_until(lambda: page.view.state == state_view.ERROR)
    message = page.view.message
    assert message.title.text() == "The server cannot be reached"
    assert "Retry" == message.primary.text() and message.primary.isVisible()
    message.primary.click()  # retry: loading again
    await wait_until(lambda: page.view.state == state_view.LOADING)
    shell.tasks.cancel(session.task_name("refresh"))
    await wait_until(lambda: not session.refreshing)
