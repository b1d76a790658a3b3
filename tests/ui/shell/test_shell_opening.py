"""Start-up: the window first, then the app's data, the sandbox's progress and the data in it."""

from __future__ import annotations

import asyncio

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMainWindow
from qt_helpers import wait_until

from sage50_desktop import app
from sage50_desktop.ui import session as S
from sage50_desktop.ui.opening import OpeningWindow


def _main_windows() -> list[QMainWindow]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMainWindow) and w.objectName() == "mainWindow" and w.isVisible()
    ]


async def _online(shell: app.Shell) -> S.Session:
    session = shell.sessions.get(shell.sandbox_profile.id)
    await wait_until(
        lambda: (
            session.state == S.ONLINE
            and not session.consent_running
            and session.listing is not None
        ),
        timeout=30,
        message="the demo connection comes online with its data sets",
    )
    return session


async def test_sandbox_first_start_shows_the_window_first_then_progress_then_the_data(app_home):
    opening = OpeningWindow()
    opening.show()
    # on screen before anything is opened: no runtime, no sandbox yet
    assert opening.isVisible() and opening.objectName() == "openingWindow"
    assert opening.text == "Opening the app's data…"
    assert not _main_windows()

    task = asyncio.ensure_future(
        app.open_shell(opening, sandbox=True, sandbox_port=0, open_wizard_when_empty=False)
    )
    seen: list[tuple[str, bool, bool]] = []
    show = opening.show_sandbox_progress

    def record(step: str, done: int, total: int) -> None:
        # the sandbox is not ready yet, the window is on screen with its progress
        seen.append((step, opening.isVisible(), task.done()))
        show(step, done, total)
        assert opening.view.loading.bar.maximum() == 1000
        assert opening.view.loading.bar.value() == int(1000 * done / total)

    opening.show_sandbox_progress = record  # type: ignore[method-assign]
    place = opening.pos()
    shell = await asyncio.wait_for(task, 60)
    try:
        assert shell is not None
        # each demo scope generated on this first start was shown, in the window, in order
        assert [step for step, _visible, _done in seen] == ["customers", "products"]
        assert all(visible and not done for _step, visible, done in seen)
        steps = opening.steps
        assert steps[0] == "Opening the app's data…"
        assert "Starting the sandbox…" in steps
        assert "Starting the sandbox: generating the demo data (1 of 2: Customers)…" in steps
        assert "Starting the sandbox: generating the demo data (2 of 2: Products)…" in steps
        assert steps[-1] == "Opening the window…"
        # then the main window in its place, and the data
        assert shell.window.isVisible() and _main_windows() == [shell.window]
        assert shell.window.pos() == place
        assert not shiboken6.isValid(opening) or not opening.isVisible()
        session = await _online(shell)
        assert session.listing.get("products") is not None
        assert session.listing.get("customers") is not None
    finally:
        await shell.shutdown()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


async def test_a_second_sandbox_start_reuses_its_data_and_says_so(app_home):
    first = OpeningWindow()
    first.show()
    shell = await asyncio.wait_for(
        app.open_shell(first, sandbox=True, sandbox_port=0, open_wizard_when_empty=False), 60
    )
    assert shell is not None
    await _online(shell)
    await shell.shutdown()
    again = OpeningWindow()
    again.show()
    shell = await asyncio.wait_for(
        app.open_shell(again, sandbox=True, sandbox_port=0, open_wizard_when_empty=False), 60
    )
    try:
        assert shell is not None
        assert "Starting the sandbox: preparing the data it published before…" in again.steps
        assert not any("generating" in step for step in again.steps)
        await _online(shell)
    finally:
        await shell.shutdown()


async def test_closing_the_window_while_the_app_opens_ends_the_start(app_home, qapp):
    qapp.setQuitOnLastWindowClosed(False)  # as main() does: the app decides when to end
    try:
        opening = OpeningWindow()
        opening.show()
        task = asyncio.ensure_future(
            app.open_shell(opening, sandbox=True, sandbox_port=0, open_wizard_when_empty=False)
        )
        opening.close()
        assert opening.cancelled
        assert await asyncio.wait_for(task, 60) is None
        assert not _main_windows()  # nothing was built behind the closed window
    finally:
        qapp.setQuitOnLastWindowClosed(True)
