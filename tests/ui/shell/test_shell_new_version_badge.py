"""The sidebar's new-version dot: Sage 50 published a version the local cache does not hold."""

from __future__ import annotations

from qt_helpers import wait_until

from sage50_desktop.services.activity import target_for
from sage50_desktop.services.version_names import short_id
from sage50_desktop.ui.sidebar import NEW_ROLE


async def test_new_version_dot_follows_published_versus_downloaded(shell, ui_sandbox):
    window = shell.window
    session = shell.sessions.get(shell.sandbox_profile.id)
    target = target_for(session.id, "ecommerce", "products")
    products = window.sidebar.item_for(target)
    assert products is not None
    # published, never downloaded
    await wait_until(
        lambda: products.data(NEW_ROLE) is True, timeout=30, message="dot before download"
    )
    assert "not downloaded yet" in products.toolTip()
    # downloading the published version clears it
    assert window.open_target(target)
    page = window.current_page()
    assert page.objectName() == "scopePage"
    page.download_now()
    await wait_until(
        lambda: (
            window.sidebar.downloaded_version(session.id, "products")
            == session.listing.get("products").version
        ),
        timeout=30,
        message="download recorded",
    )
    await wait_until(lambda: products.data(NEW_ROLE) is False, timeout=30, message="dot cleared")
    assert "not downloaded" not in products.toolTip()
    # a newer published version brings it back once the listing is refreshed
    first = session.listing.get("products").version
    ui_sandbox.control.publish("products", changed=0.05)
    session.refresh()
    await wait_until(
        lambda: session.listing.get("products").version != first,
        timeout=30,
        message="listing refreshed",
    )
    await wait_until(
        lambda: products.data(NEW_ROLE) is True, timeout=30, message="dot on a newer version"
    )
    # says which version is downloaded, by its short id (never the raw version string)
    assert short_id(first) in products.toolTip() and first not in products.toolTip()
    # downloading it again clears it
    page.download_now()
    await wait_until(
        lambda: (
            window.sidebar.downloaded_version(session.id, "products")
            == session.listing.get("products").version
        ),
        timeout=30,
        message="second download recorded",
    )
    await wait_until(
        lambda: products.data(NEW_ROLE) is False, timeout=30, message="dot cleared again"
    )
