"""Labels that never cut their text: a wrapping one that asks for its height, an eliding one.

* :class:`WrapLabel` wraps and keeps its minimum height equal to what its text
  needs at its current width (Qt's stacked layouts and main windows do not
  pass height-for-width down, so a wrapped label would otherwise get one line).
* :class:`ElidedLabel` shows one line, elided with "…" when it does not fit,
  and the whole text as its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class WrapLabel(QLabel):
    """A word-wrapped label whose minimum height follows its text at its width."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()
        self._fit()

    def sizeHint(self) -> QSize:
        """As wide as the text on one line, up to the maximum width (then it wraps)."""
        hint = super().sizeHint()
        margins = self.contentsMargins()
        lines = (
            self.text().split("\n")
            if self.textFormat() != Qt.TextFormat.RichText
            else [self.text()]
        )
        one_line = (
            max((self.fontMetrics().horizontalAdvance(line) for line in lines), default=0)
            + margins.left()
            + margins.right()
            + 4
        )
        width = max(hint.width(), min(one_line, self.maximumWidth()))
        return QSize(width, max(hint.height(), self.heightForWidth(width)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width()
        if width <= 0:
            return
        margins = self.contentsMargins()
        need = self.heightForWidth(width + margins.left() + margins.right())
        if need > 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)


class ElidedLabel(QLabel):
    """One line, elided with "…" when too long; the full text is the tooltip."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def minimumSizeHint(self) -> QSize:
        return QSize(
            self.fontMetrics().horizontalAdvance("…") * 3, super().minimumSizeHint().height()
        )

    def sizeHint(self) -> QSize:
        return QSize(
            self.fontMetrics().horizontalAdvance(self._full) + 4, super().sizeHint().height()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = (
            self.fontMetrics().elidedText(self._full, self._mode, max(width, 0))
            if width > 0
            else self._full
        )
        QLabel.setText(self, shown)
        self.setToolTip(self._full if shown != self._full else "")
