"""The status bar: connection state, API key countdown, last silent renewal, task count."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from sage50_desktop.services.tasks import TaskRegistry
from sage50_desktop.ui import i18n, icons, theme
from sage50_desktop.ui import session as S
from sage50_desktop.ui.bridge import GuiBridge

_COLOURS = {
    S.ONLINE: theme.ONLINE,
    S.OFFLINE: theme.OFFLINE,
    S.ERROR: theme.ERROR,
    S.CONSENT: theme.WARNING,
    S.LOADING: theme.BUSY,
    S.NEW: theme.OFFLINE,
}


class StatusBar(QStatusBar):
    """Shows the selected connection's state and key, and how many tasks run."""

    def __init__(self, tasks: TaskRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.tasks = tasks
        self.session: S.Session | None = None
        self.state_icon = QLabel(self)
        self.state_icon.setTextFormat(Qt.TextFormat.PlainText)
        self.connection = QLabel(self)
        self.connection.setTextFormat(Qt.TextFormat.PlainText)
        self.connection.setObjectName("statusConnection")
        self.key_expiry = QLabel(self)
        self.key_expiry.setTextFormat(Qt.TextFormat.PlainText)
        self.key_expiry.setObjectName("statusKeyExpiry")
        self.rotation = QLabel(self)
        self.rotation.setTextFormat(Qt.TextFormat.PlainText)
        self.rotation.setObjectName("statusRotation")
        self.task_count = QLabel(self)
        self.task_count.setTextFormat(Qt.TextFormat.PlainText)
        self.task_count.setObjectName("statusTasks")
        self.addWidget(self.state_icon)
        self.addWidget(self.connection)
        for label in (self.key_expiry, self.rotation):
            self.addWidget(self._separator())
            self.addWidget(label)
        self.addPermanentWidget(self.task_count)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._update_key)
        self._clock.start()
        self._bridge = GuiBridge(self)  # disconnects itself when the status bar goes
        self._bridge.subscribe(tasks.count_changed, self._on_count)
        self.refresh()

    def _separator(self) -> QLabel:
        label = QLabel("·", self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setEnabled(False)
        return label

    def set_session(self, session: S.Session | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self.refresh)
        self.session = session
        if session is not None:
            session.changed.connect(self.refresh)
        self.refresh()

    def detach(self) -> None:
        """Stop following the tasks and the clock now (shutdown)."""
        self._bridge.detach()
        self._clock.stop()

    # --- drawing ----------------------------------------------------------------------
    def refresh(self) -> None:
        session = self.session
        if session is None:
            self.state_icon.clear()
            self.connection.setText(self.tr("No connection selected"))
            self.key_expiry.clear()
            self.rotation.clear()
        else:
            state = session.state
            if session.consent_running:
                text, colour = self.tr("Getting consent…"), theme.BUSY
            else:
                text = {
                    S.ONLINE: self.tr("Connected"),
                    S.OFFLINE: self.tr("Offline"),
                    S.ERROR: self.tr("Connection error"),
                    S.CONSENT: self.tr("Consent needed"),
                    S.LOADING: self.tr("Connecting…"),
                    S.NEW: self.tr("Not connected yet"),
                }.get(state, state)
                colour = _COLOURS.get(state, theme.OFFLINE)
            if session.profile.is_test:
                text = self.tr("%1 (test)").replace("%1", text)
            self.state_icon.setPixmap(icons.dot(colour).pixmap(12, 12))
            self.connection.setText(f"{text} — {session.profile.name}")
            self.connection.setToolTip(session.profile.base_url)
            if session.last_rotation is not None:
                self.rotation.setText(
                    self.tr("Last key renewal %1").replace(
                        "%1", i18n.format_when(session.last_rotation)
                    )
                )
                self.rotation.setToolTip(i18n.format_datetime(session.last_rotation, seconds=True))
            else:
                self.rotation.setText(self.tr("No key renewal yet"))
                self.rotation.setToolTip("")
        self._update_key()
        self._on_count(len(self.tasks))  # counts what is shown: see _on_count

    def _update_key(self) -> None:
        session = self.session
        if session is None:
            self.key_expiry.clear()
            return
        if session.state == S.CONSENT:
            self.key_expiry.setText(self.tr("No valid API key"))
            return
        expiration = session.key_expiration
        if expiration is None:
            self.key_expiry.setText(self.tr("API key: expiry unknown"))
            return
        seconds = int((expiration - datetime.now(UTC)).total_seconds())
        if seconds <= 0:
            text = self.tr("API key expired (renewed on next use)")
        elif seconds < 60:
            text = self.tr("API key expires in %1 s").replace("%1", i18n.format_number(seconds))
        elif seconds < 3600:
            text = self.tr("API key expires in %1 min").replace(
                "%1", i18n.format_number(seconds // 60)
            )
        else:
            text = (
                self.tr("API key expires in %1 h %2 min")
                .replace("%1", i18n.format_number(seconds // 3600))
                .replace("%2", i18n.format_number((seconds % 3600) // 60))
            )
        self.key_expiry.setText(text)
        self.key_expiry.setToolTip(i18n.format_datetime(expiration, seconds=True))

    def _on_count(self, _count: int) -> None:
        # routine (quiet) work such as the checks for new versions is not counted:
        # the count would flicker every few seconds
        count = sum(1 for info in self.tasks.running() if not info.quiet)
        if count:
            self.task_count.setText(self.tr("%n task(s) running", "", count))
        else:
            self.task_count.setText(self.tr("No tasks running"))

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)
