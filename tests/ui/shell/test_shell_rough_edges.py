"""Rough edges of the window: the Export shortcut leaves text fields alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from qt_helpers import wait_until


async def test_export_activity_shortcut_is_not_ctrl_e(shell):
    action = shell.window.actions_["export"]
    assert action.shortcut() == QKeySequence("Ctrl+Shift+E")
    assert all(s != QKeySequence("Ctrl+E") for s in action.shortcuts())
    taken = [
        a.text()
        for a in shell.window.findChildren(type(action))
        if any(s == QKeySequence("Ctrl+E") for s in a.shortcuts())
    ]
    assert taken == []  # Ctrl+E stays "end of line" in text fields


async def test_a_folder_that_cannot_be_opened_is_offered_with_copy(shell, monkeypatch, qtbot):
    from PySide6.QtGui import QDesktopServices, QGuiApplication

    from sage50_desktop.ui.widgets import open_link

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: False))
    shell.window.actions_["data"].trigger()
    dialog = open_link.last_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.informativeText() == str(shell.runtime.data_dir)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == str(shell.runtime.data_dir)
    assert dialog.isVisible()  # Copy does not close it
    dialog.close()


async def test_wizard_opens_centred_and_a_failed_browser_shows_the_address(shell, qtbot):
    from PySide6.QtGui import QGuiApplication

    from sage50_desktop.ui import wizard_launcher
    from sage50_desktop.ui.widgets import open_link

    window = shell.window
    window.resize(1024, 700)
    window.show()
    screen = window.screen().availableGeometry()
    window.move(screen.left() + 10, screen.top() + 10)
    wizard = wizard_launcher.open_wizard(shell.runtime, window)
    assert wizard is not None
    try:
        frame, area = wizard.frameGeometry(), window.screen().availableGeometry()
        assert (
            area.contains(frame) or frame.width() > area.width() or frame.height() > area.height()
        )  # on the screen
        expected = window.frameGeometry().center()
        for got, want, size, low, high in (
            (frame.center().x(), expected.x(), frame.width(), area.left(), area.right()),
            (frame.center().y(), expected.y(), frame.height(), area.top(), area.bottom()),
        ):
            if low + size / 2 <= want <= high - size / 2:  # room to centre on the window
                assert abs(got - want) <= 2
            else:  # pushed back onto the screen, as close to the centre as it gets
                assert abs(got - want) <= abs(want - (low + high) / 2) + size
        wizard._open_url = lambda _url: False  # no browser on this machine
        assert wizard.open_url("https://example.test/register") is False
        dialog = open_link.last_dialog
        assert dialog.isVisible() and dialog.informativeText() == "https://example.test/register"
        dialog.copy()
        assert QGuiApplication.clipboard().text() == "https://example.test/register"
        dialog.close()
    finally:
        wizard.close()


async def test_quit_while_uploads_are_tracked_says_they_resume(shell, tmp_path, qtbot):
    import orjson
    from orders import make_order

    from sage50_desktop.ui import session as S

    session = shell.sessions.get(shell.sandbox_profile.id)
    await wait_until(lambda: session.state == S.ONLINE)
    shell.sandbox.control.processing(stepDelay=0.5)
    orders = tmp_path / "orders.json"
    orders.write_bytes(orjson.dumps([make_order("QUIT")]))
    await session.uploads.upload(orders, "orders")
    window = shell.window
    window.show()
    await wait_until(lambda: window.tracked_uploads() == 1, message="tracking")
    closed = []
    window.closing.connect(lambda: closed.append(True))
    window.close()
    box = window.quit_box
    assert box is not None and box.isVisible() and window.isVisible() and not closed
    assert box.text().startswith("1 upload") and "still being tracked" in box.text()
    assert "resume by themselves at the next start" in box.informativeText()
    assert box.defaultButton().text() == "Keep the app open"
    [quit_button] = [b for b in box.buttons() if b.text() == "Quit"]
    quit_button.click()
    await wait_until(lambda: closed == [True], message="quit after the note")


async def test_check_now_is_visible_on_the_connection_page(shell):
    from sage50_desktop.services.activity import target_for

    window = shell.window
    window.show()
    window.open_target(target_for(shell.sandbox_profile.id))
    page = window.current_page()
    await wait_until(lambda: page.refresh_button.isVisible())
    assert page.refresh_button.text().replace("&", "") == "Check now"
    assert "every minute" in page.refresh_button.toolTip()
