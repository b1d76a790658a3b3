"""Finds widgets whose text does not fit, for the layout test (and a screenshot script)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)


def _visible(widget: QWidget, window: QWidget) -> bool:
    if not widget.isVisibleTo(window) or widget.width() <= 0 or widget.height() <= 0:
        return False
    # inside the window's area (not scrolled away in a scroll area, not behind a splitter)
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().intersects(widget.rect().translated(top_left))


def clipped(window: QWidget) -> list[str]:
    """Descriptions of visible widgets whose text is cut (not elided with a tooltip)."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not _visible(widget, window):
            continue
        name = widget.objectName() or type(widget).__name__
        full = getattr(widget, "full_text", None)
        if callable(full) and full() and not widget.text():
            problems.append(f"{name}: elided to nothing ({full()[:40]!r})")
        if isinstance(widget, QLabel):
            text = widget.text()
            if not text or widget.pixmap() is not None and not widget.pixmap().isNull():
                continue
            if widget.wordWrap():
                need = widget.heightForWidth(widget.contentsRect().width())
                if need > widget.contentsRect().height() + 2:
                    problems.append(
                        f"{name}: {text[:60]!r} needs {need} px height, has "
                        f"{widget.contentsRect().height()}"
                    )
            elif widget.textFormat().name != "RichText" and "<" not in text:
                shown = text.split("\n")[0]
                if widget.buddy() is not None or "&" in shown:
                    shown = shown.replace("&&", "\0").replace("&", "").replace("\0", "&")
                need = widget.fontMetrics().horizontalAdvance(shown)
                if need > widget.contentsRect().width() + 2:
                    problems.append(
                        f"{name}: {text[:60]!r} needs {need} px, has "
                        f"{widget.contentsRect().width()}"
                    )
            elif (
                widget.sizeHint().width() > widget.width() + 2
                and widget.minimumSizeHint().width() > widget.width() + 2
            ):
                problems.append(
                    f"{name}: rich text {text[:40]!r} needs "
                    f"{widget.minimumSizeHint().width()} px, has {widget.width()}"
                )
        elif isinstance(widget, QAbstractButton):
            if widget.text() and widget.sizeHint().width() > widget.width() + 2:
                problems.append(
                    f"{name}: button {widget.text()!r} needs "
                    f"{widget.sizeHint().width()} px, has {widget.width()}"
                )
        elif isinstance(widget, QComboBox):
            text = widget.currentText()
            if text and not widget.toolTip():
                option = QStyleOptionComboBox()
                widget.initStyleOption(option)
                field = widget.style().subControlRect(
                    QStyle.ComplexControl.CC_ComboBox,
                    option,
                    QStyle.SubControl.SC_ComboBoxEditField,
                    widget,
                )
                need = widget.fontMetrics().horizontalAdvance(text)
                if need > field.width() + 2:
                    problems.append(
                        f"{name}: combo {text[:60]!r} needs {need} px, has "
                        f"{field.width()} and no tooltip"
                    )
        elif isinstance(widget, QLineEdit):
            text = widget.placeholderText() if not widget.text() else ""
            if text and widget.fontMetrics().horizontalAdvance(text) + 24 > widget.width():
                problems.append(f"{name}: placeholder {text!r} does not fit ({widget.width()} px)")
        elif isinstance(widget, QHeaderView):
            problems += _cut_sections(widget, name)
    problems += _overlaps(window)
    return problems


def _cut_sections(header: QHeaderView, name: str) -> list[str]:
    """Sections sized to their contents that are narrower than their header's words (a
    language switched while shown; the user's own widths and the stretched last one aside)."""
    model = header.model()
    if model is None:
        return []
    last = header.logicalIndex(header.count() - 1)
    return [
        f"{name}: header {model.headerData(i, header.orientation())!r} needs "
        f"{header.sectionSizeHint(i)} px, has {header.sectionSize(i)}"
        for i in range(header.count())
        if not header.isSectionHidden(i)
        and not (i == last and header.stretchLastSection())
        and header.sectionResizeMode(i) == QHeaderView.ResizeMode.ResizeToContents
        and header.sectionSize(i) + 2 < header.sectionSizeHint(i)
    ]


def _overlaps(window: QWidget) -> list[str]:
    """Texts drawn over each other: sibling labels/buttons whose rectangles intersect."""
    found = []
    seen = set()
    for parent in window.findChildren(QWidget):
        texts = [
            w
            for w in parent.children()
            if isinstance(w, QLabel | QAbstractButton)
            and _visible(w, window)
            and (w.text() if isinstance(w, QLabel) else w.text())
        ]
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                key = (id(a), id(b))
                if key not in seen and a.geometry().intersects(b.geometry()):
                    seen.add(key)
                    found.append(
                        f"{a.objectName() or type(a).__name__} {a.text()[:30]!r} "
                        f"overlaps {b.objectName() or type(b).__name__} "
                        f"{b.text()[:30]!r}"
                    )
    return found
