"""A non-blocking message bar (consent needed, offline, test connection) with one action."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from sage50_desktop.ui import theme


class InfoBar(QFrame):
    """A coloured bar: icon, text, an optional action button and close button.

    Args:
        kind: ``info``, ``warning``, ``error`` or ``test`` (the sandbox accent).
        object_name: Qt object name (tests and accessibility find it by this).

    Signals:
        actionTriggered(): the action button was pressed.
        closed(): the close button was pressed (the bar hides itself).
    """

    actionTriggered = Signal()
    closed = Signal()

    def __init__(
        self,
        kind: str = "info",
        object_name: str = "infoBar",
        parent: QWidget | None = None,
        closable: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._kind = kind
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(10)
        self.icon_label = QLabel(self)
        self.icon_label.setTextFormat(Qt.TextFormat.PlainText)
        self.icon_label.setFixedSize(18, 18)
        self.icon_label.hide()
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        self.text_label = QLabel(self)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setObjectName(f"{object_name}Text")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.text_label, 1)
        self.action_button = QPushButton(self)
        self.action_button.setObjectName(f"{object_name}Action")
        self.action_button.clicked.connect(self.actionTriggered)
        self.action_button.hide()
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignVCenter)
        # a tool button: as small as its "×" (a push button asks for a full button's width)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self._close)
        self.close_button.setVisible(closable)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._apply_colours()
        self._retranslate()

    def set_kind(self, kind: str) -> None:
        self._kind = kind
        self._apply_colours()

    def set_icon(self, icon: QIcon | None) -> None:
        if icon is None or icon.isNull():
            self.icon_label.hide()
            return
        self.icon_label.setPixmap(icon.pixmap(18, 18))
        self.icon_label.show()

    def set_text(self, text: str) -> None:
        """Show ``text`` as plain text (it may come from outside)."""
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setText(text)
        self.setAccessibleName(self.text_label.text())

    def set_rich_text(self, html: str) -> None:
        """Show the app's own markup; every value in it must be escaped (``plain_text.escape``)."""
        self.text_label.setTextFormat(Qt.TextFormat.RichText)
        self.text_label.setText(html)
        self.setAccessibleName(self.text_label.text())

    def text(self) -> str:
        return self.text_label.text()

    def set_action(self, text: str | None) -> None:
        self.action_button.setVisible(bool(text))
        if text:
            self.action_button.setText(text)
            self.action_button.setAccessibleName(text)

    def _close(self) -> None:
        self.hide()
        self.closed.emit()

    def _apply_colours(self) -> None:
        colours = theme.bar_colours(self._kind)
        if colours == getattr(self, "_applied", None):
            return
        self._applied = colours
        background, border, text = colours
        self.setStyleSheet(
            f"#{self.objectName()} {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 6px; }}"
            f"#{self.objectName()} QLabel {{ color: {text}; background: transparent; }}"
        )

    def _retranslate(self) -> None:
        self.close_button.setToolTip(self.tr("Hide this message"))
        self.close_button.setAccessibleName(self.tr("Hide this message"))

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_colours()
        super().changeEvent(event)
