"""The Settings dialog is built from the declarations; language switches at once."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox
from qt_helpers import wait_until

from sage50_desktop.services import settings as S
from sage50_desktop.ui import i18n


async def test_shell_settings_dialog_from_declarations(shell):
    window = shell.window
    window.actions_["settings"].trigger()
    dialog = window.findChild(type(window.open_settings()), "settingsDialog")
    assert dialog is not None
    assert set(dialog.editors) == {s.key for s in S.ALL}
    assert isinstance(dialog.editors[S.POLL_INTERVAL.key], QSpinBox)
    assert dialog.editors[S.POLL_INTERVAL.key].minimum() == S.POLL_INTERVAL.minimum
    assert isinstance(dialog.editors[S.AUTO_DOWNLOAD.key], QCheckBox)
    assert isinstance(dialog.editors[S.LANGUAGE.key], QComboBox)
    assert isinstance(dialog.editors[S.PROXY.key], QLineEdit)
    assert "logs" in dialog.log_link.text()
    dialog.set_value(S.POLL_INTERVAL, 60)
    dialog.set_value(S.LANGUAGE, "es")
    dialog.accept()
    settings = shell.runtime.settings
    assert settings.get(S.POLL_INTERVAL) == 60
    assert settings.get(S.LANGUAGE) == "es"
    session = shell.sessions.get(shell.sandbox_profile.id)
    assert session.poll_interval == 60 and session.core.polling
    # the whole window speaks Spanish now, numbers too
    await wait_until(lambda: window.menu_file.title() == "&Archivo", message="Spanish menus")
    assert window.activity_dock.windowTitle() == "Actividad"
    assert "Conectado" in window.status.connection.text()
    assert i18n.format_number(1234567) == "1.234.567"
    i18n.install("en")
    await wait_until(lambda: window.menu_file.title() == "&File")
