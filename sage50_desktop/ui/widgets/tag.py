"""A small coloured pill (the "TEST" tag of sandbox connections)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from sage50_desktop.ui import theme


class Tag(QLabel):
    """A rounded label in an accent colour."""

    def __init__(
        self,
        text: str = "",
        colour: str = theme.SANDBOX_ACCENT,
        parent: QWidget | None = None,
        object_name: str = "tag",
    ) -> None:
        super().__init__(text, parent)
        self.setObjectName(object_name)
        self.setStyleSheet(
            f"#{object_name} {{ background: {colour}; color: white; font-weight: bold;"
            f" border-radius: 8px; padding: 1px 8px; }}"
        )
