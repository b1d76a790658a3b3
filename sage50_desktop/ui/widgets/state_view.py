"""The states every page has: content, empty, loading, error, consent needed; plus a notice bar.

A page puts its real content in a :class:`StateView` and switches state with
one call; the offline notice ("showing data fetched at 10:41") sits above the
content so cached data stays browsable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.ui.widgets.infobar import InfoBar
from sage50_desktop.ui.widgets.wrap_label import WrapLabel

Callback = Callable[[], object]

CONTENT = "content"
EMPTY = "empty"
LOADING = "loading"
ERROR = "error"
CONSENT = "consent"
ICON_ROOM = 220  # px of height under which a message shows no icon


class _MessagePanel(QWidget):
    """Centered icon, title, text and up to two buttons."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QVBoxLayout()
        box.setSpacing(10)
        self.icon = QLabel(self)
        self.icon.setTextFormat(Qt.TextFormat.PlainText)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = WrapLabel("", self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("stateTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.text = WrapLabel("", self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setObjectName("stateText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMaximumWidth(560)
        self.text.setMinimumWidth(240)
        self.text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.primary = QPushButton(self)
        self.primary.setObjectName("statePrimary")
        self.primary.setDefault(True)
        self.secondary = QPushButton(self)
        self.secondary.setObjectName("stateSecondary")
        buttons.addWidget(self.secondary)
        buttons.addWidget(self.primary)
        buttons.addStretch(1)
        box.addWidget(self.icon)
        box.addWidget(self.title)
        box.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addSpacing(6)
        box.addLayout(buttons)
        outer.addLayout(box)
        outer.addStretch(2)


class _LoadingPanel(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setObjectName("loadingText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("loadingProgress")
        self.bar.setMaximumWidth(360)
        self.bar.setTextVisible(False)
        self.cancel = QPushButton(self)
        self.cancel.setObjectName("loadingCancel")
        outer.addWidget(self.text)
        outer.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)


class StateView(QWidget):
    """Content plus the empty / loading / error / consent-needed states of a page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.notice = InfoBar("warning", "pageNotice", self)
        self.notice.hide()
        self.notice.actionTriggered.connect(lambda: self._call("notice"))
        layout.addWidget(self.notice)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)
        self._content: QWidget = QWidget(self)
        self.stack.addWidget(self._content)
        # the message scrolls when the room is short: its lines never overlap or get cut
        self._message_area = QScrollArea(self)
        self._message_area.setObjectName("stateMessageArea")
        self._message_area.setWidgetResizable(True)
        self._message_area.setFrameShape(QFrame.Shape.NoFrame)
        self._message_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.message = _MessagePanel(self._message_area)
        self.message.primary.clicked.connect(lambda: self._call("primary"))
        self.message.secondary.clicked.connect(lambda: self._call("secondary"))
        self._message_area.setWidget(self.message)
        self.stack.addWidget(self._message_area)
        self.loading = _LoadingPanel(self)
        self.loading.cancel.clicked.connect(lambda: self._call("cancel"))
        self.stack.addWidget(self.loading)
        self._callbacks: dict[str, Callback | None] = {}
        self._has_icon = False
        self.state = CONTENT

    # --- content ------------------------------------------------------------------
    def set_content(self, widget: QWidget) -> None:
        self.stack.removeWidget(self._content)
        self._content.deleteLater()
        self._content = widget
        self.stack.insertWidget(0, widget)

    def show_content(self) -> None:
        self.state = CONTENT
        self.stack.setCurrentWidget(self._content)

    # --- states ---------------------------------------------------------------------
    def show_empty(
        self,
        title: str,
        text: str,
        action: tuple[str, Callback] | None = None,
        icon: QIcon | None = None,
    ) -> None:
        self._message(EMPTY, title, text, icon, action, None)

    def show_error(
        self,
        title: str,
        text: str,
        retry: tuple[str, Callback] | None = None,
        other: tuple[str, Callback] | None = None,
        icon: QIcon | None = None,
    ) -> None:
        self._message(ERROR, title, text, icon, retry, other)

    def show_consent_needed(
        self, title: str, text: str, action: tuple[str, Callback], icon: QIcon | None = None
    ) -> None:
        self._message(CONSENT, title, text, icon, action, None)

    def show_loading(
        self,
        text: str,
        cancel: tuple[str, Callback] | None = None,
        done: int | None = None,
        total: int | None = None,
    ) -> None:
        self.state = LOADING
        self.loading.text.setText(text)
        self.set_progress(done, total)
        self._callbacks["cancel"] = cancel[1] if cancel else None
        self.loading.cancel.setVisible(cancel is not None)
        if cancel:
            self.loading.cancel.setText(cancel[0])
        self.stack.setCurrentWidget(self.loading)

    def set_progress(self, done: int | None, total: int | None) -> None:
        if done is None or not total:
            self.loading.bar.setRange(0, 0)  # busy indicator
        else:
            self.loading.bar.setRange(0, 1000)
            self.loading.bar.setValue(int(1000 * min(done, total) / total))

    # --- notice (offline, stale data) ---------------------------------------------
    def set_notice(self, kind: str, text: str, action: tuple[str, Callback] | None = None) -> None:
        self.notice.set_kind(kind)
        self.notice.set_text(text)
        self.notice.set_action(action[0] if action else None)
        self._callbacks["notice"] = action[1] if action else None
        self.notice.show()

    def clear_notice(self) -> None:
        self.notice.hide()
        self._callbacks["notice"] = None

    # --- internals --------------------------------------------------------------------
    def _message(
        self,
        state: str,
        title: str,
        text: str,
        icon: QIcon | None,
        primary: tuple[str, Callback] | None,
        secondary: tuple[str, Callback] | None,
    ) -> None:
        self.state = state
        panel = self.message
        panel.title.setText(title)
        panel.text.setText(text)
        self._has_icon = icon is not None
        self._fit_icon()
        if icon is not None:
            panel.icon.setPixmap(icon.pixmap(48, 48))
        for key, button, spec in (
            ("primary", panel.primary, primary),
            ("secondary", panel.secondary, secondary),
        ):
            button.setVisible(spec is not None)
            self._callbacks[key] = spec[1] if spec else None
            if spec:
                button.setText(spec[0])
                button.setAccessibleName(spec[0])
        self.stack.setCurrentWidget(self._message_area)

    def _fit_icon(self) -> None:
        """The icon goes when the room is short: the words matter more than the picture."""
        room = self._message_area.viewport().height()
        self.message.icon.setVisible(self._has_icon and (room <= 0 or room >= ICON_ROOM))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.state != CONTENT:
            self._fit_icon()

    def _call(self, key: str) -> None:
        callback = self._callbacks.get(key)
        if callback is not None:
            callback()
