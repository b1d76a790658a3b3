"""The "versions kept" setting after each download in the window; a version on screen stays."""

from __future__ import annotations

from qt_helpers import wait_until

from sage50_desktop.services import activity as A
from sage50_desktop.services import settings as S
from sage50_desktop.services.activity import target_for
from sage50_desktop.ui.widgets import state_view


async def test_window_downloads_keep_the_setting_and_never_the_version_on_screen(shell, ui_sandbox):
    runtime, window, control = shell.runtime, shell.window, ui_sandbox.control
    runtime.settings.set(S.SNAPSHOT_RETENTION, 2)
    session = shell.sessions.get(shell.sandbox_profile.id)
    pid, domain = session.id, session.domain

    def stored() -> list[int]:
        return [s.id for s in runtime.snapshots.list_snapshots(pid, domain, "products")]

    async def new_version_downloaded() -> None:
        control.publish("products", changed=0.1)
        before = stored()[:1]
        info = session.download("products")
        await wait_until(lambda: info.state != "running", timeout=60, message="the download")
        assert info.state == A.SUCCEEDED, info.error
        assert stored()[:1] != before  # a new version is the latest

    for _ in range(3):
        await new_version_downloaded()
    assert len(stored()) == 2  # honoured after each download
    target = target_for(pid, domain, "products")
    assert window.open_target(target)
    page = window.pages[target]
    await wait_until(lambda: page.view.state == state_view.CONTENT, message="the data shown")
    await wait_until(lambda: [s.id for s in page.snapshots] == stored())
    older = stored()[1]
    page.open_snapshot(older)  # the user browses the older version
    assert older in runtime.snapshots.pins.held()

    await new_version_downloaded()
    assert older in stored() and len(stored()) == 3  # kept while it is on screen
    await wait_until(lambda: len(page.snapshots) == 3, message="the page sees the new one")
    assert page.snapshot_id == older
    page.open_snapshot(page.snapshots[0].id)  # back to the latest: the pin goes
    assert not runtime.snapshots.pins.held()

    await new_version_downloaded()
    assert len(stored()) == 2 and older not in stored()
    await wait_until(lambda: len(page.snapshots) == 2, message="the page follows")
