"""Tell the user an upload ended while they were looking elsewhere.

With a system tray, a desktop notification (:meth:`QSystemTrayIcon.showMessage`);
without one, a non-modal notice inside the app (a callback of the panel).
Nothing is shown while the window has the focus: the panel itself shows it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon, QWidget


class UploadNotifier(QObject):
    """Desktop notification, or an in-app notice, when the window is not focused.

    Args:
        window: returns the window whose focus matters.
        in_app: shows a non-modal notice (``title``, ``text``, ``is_error``) in the app.
        icon: the tray icon (the app icon).
        use_tray: ``None``: when the platform has a system tray.
    """

    def __init__(
        self,
        window: Callable[[], QWidget | None],
        in_app: Callable[[str, str, bool], None],
        icon: QIcon,
        parent: QObject | None = None,
        *,
        use_tray: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._in_app = in_app
        self._icon = icon
        if use_tray is None:
            use_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.use_tray = use_tray
        self._tray: QSystemTrayIcon | None = None
        self.sent: list[tuple[str, str, str]] = []  # (channel, title, text), newest last

    def window_focused(self) -> bool:
        window = self._window()
        return window is not None and window.isVisible() and window.isActiveWindow()

    def notify(self, title: str, text: str, *, is_error: bool = False, force: bool = False) -> bool:
        """Notify unless the window has the focus (``force``: always); True when shown."""
        if not force and self.window_focused():
            return False
        if self.use_tray and self.supports_messages():
            tray = self._ensure_tray()
            tray.showMessage(
                title,
                text,
                QSystemTrayIcon.MessageIcon.Warning
                if is_error
                else QSystemTrayIcon.MessageIcon.Information,
                8000,
            )
            self.sent.append(("tray", title, text))
        else:
            self._in_app(title, text, is_error)
            self.sent.append(("app", title, text))
        return True

    @staticmethod
    def supports_messages() -> bool:
        return QSystemTrayIcon.supportsMessages()

    def _ensure_tray(self) -> QSystemTrayIcon:
        if self._tray is None:
            self._tray = QSystemTrayIcon(self._icon, self)
            self._tray.setToolTip(self.tr("Sage 50 Desktop uploads"))
        if not self._tray.isVisible():
            self._tray.show()
        return self._tray

    def close(self) -> None:
        if self._tray is not None:
            self._tray.hide()
