"""The wait panel and the error panel the wizard frame shows under a page."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class WaitPanel(QFrame):
    """What the wizard is waiting for, an indeterminate bar and Stop.

    Signals:
        stopRequested(): the user wants to stop waiting.
    """

    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waitPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setObjectName("waitText")
        self.text.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(160)
        self.bar.setAccessibleName(self.tr("Working"))
        self.stop = QPushButton(self.tr("Stop"), self)
        self.stop.setObjectName("waitStopButton")
        self.stop.setAccessibleName(self.tr("Stop waiting"))
        self.stop.clicked.connect(self.stopRequested)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.stop)

    def show_text(self, text: str) -> None:
        self.text.setText(text)
        self.bar.setAccessibleDescription(text)
        self.show()


class ErrorPanel(QFrame):
    """What went wrong, what to do, and Retry.

    Signals:
        retryRequested(): the user clicked Retry.
    """

    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#errorPanel { background: #fdecea; border: 1px solid #e0a0a0; "
            "border-radius: 4px; } #errorPanel QLabel { color: #611a15; }"
        )
        layout = QHBoxLayout(self)
        texts = QVBoxLayout()
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.message.font()
        font.setBold(True)
        self.message.setFont(font)
        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setObjectName("errorHint")
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts.addWidget(self.message)
        texts.addWidget(self.hint)
        layout.addLayout(texts, 1)
        self.retry = QPushButton(self.tr("Retry"), self)
        self.retry.setObjectName("retryButton")
        self.retry.setAccessibleName(self.tr("Retry"))
        self.retry.clicked.connect(self.retryRequested)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignTop)

    def show_error(self, message: str, hint: str, can_retry: bool) -> None:
        self.message.setText(message)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.retry.setVisible(can_retry)
        self.setAccessibleName(self.tr("Error"))
        self.setAccessibleDescription(f"{message} {hint}".strip())
        self.show()


class StatusArea(QWidget):
    """The frame's wait and error panels, moved under whichever page is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.wait = WaitPanel(self)
        self.error = ErrorPanel(self)
        layout.addWidget(self.wait)
        layout.addWidget(self.error)
        self.wait.hide()
        self.error.hide()
