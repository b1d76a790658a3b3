"""Errors for people: translated titles and hints, and the report of unexpected exceptions.

Expected errors (:class:`~sage50_desktop.api.errors.Sage50Error`) carry an
English ``hint``; :func:`error_hint` gives it in the UI language from the one
error catalogue (:mod:`sage50_desktop.error_catalogue`: English and Spanish).
Unexpected exceptions (bugs) are logged and shown once in
:class:`ErrorReportDialog` with a copyable, redacted report.
"""

from __future__ import annotations

import asyncio
import logging
import platform
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop import APP_DISPLAY_NAME, __version__, error_catalogue, paths
from sage50_desktop.redaction import redact
from sage50_desktop.ui import i18n

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def error_title(exc: BaseException | None, error_type: str | None = None) -> str:
    """A short title: what happened, in the UI language (from the error catalogue)."""
    return error_catalogue.words(exc, error_type, i18n.current_language()).title


def error_hint(exc: BaseException | None, error_type: str | None = None) -> str:
    """What to do, in the UI language: the error's own hint from the error catalogue.

    ``error_type`` (a class name stored with an Activity entry) finds its class
    wherever it is defined. A class's hint comes in English and Spanish from the
    error catalogue; a hint an instance wrote itself (naming a file, a number) is
    translated through the Qt catalogue where it has one.
    """
    hint = error_catalogue.hint_of(exc, error_type)
    language = i18n.current_language()
    if language == "en":
        return hint
    catalogued = error_catalogue.words(exc, error_type, language).hint
    return catalogued if catalogued != hint else _t(hint)


def describe(exc: BaseException) -> str:
    """Hint plus the technical message (redacted), for an error state."""
    message = redact(str(exc))
    hint = error_hint(exc)
    return f"{hint}\n\n{message}" if message and message not in hint else hint


# --- unexpected exceptions -------------------------------------------------------------
def build_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """A redacted text report of an exception, with versions."""
    from PySide6 import __version__ as pyside_version

    lines = [
        f"{APP_DISPLAY_NAME} {__version__}",
        f"Python {platform.python_version()} · PySide6 {pyside_version} · "
        f"{platform.system()} {platform.release()}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return redact("".join(line if line.endswith("\n") else line + "\n" for line in lines))


class ErrorReportDialog(QDialog):
    """Tells the user something unexpected happened; the report can be copied."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorReportDialog")
        self.setWindowTitle(self.tr("Unexpected error"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Something unexpected went wrong. The app keeps running, but the last action "
                "may not have finished. The report below has no passwords or keys in it; copy it "
                "into a message to support. It is also in the log file."
            ),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.report = QPlainTextEdit(report, self)
        self.report.setObjectName("errorReportText")
        self.report.setReadOnly(True)
        self.report.setAccessibleName(self.tr("Error report"))
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.report, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton(self.tr("&Copy report"), self)
        copy.setObjectName("copyReport")
        copy.clicked.connect(self.copy_report)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        logs = QPushButton(self.tr("Open &log folder"), self)
        logs.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir())))
        )
        buttons.addButton(logs, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.report.toPlainText())


class ExceptionReporter:
    """Logs unexpected exceptions and shows each in an :class:`ErrorReportDialog`.

    Installed as ``sys.excepthook`` (exceptions in Qt slots) and as the asyncio
    loop's exception handler (exceptions nobody awaited).

    Args:
        parent: returns the window to put the dialog over.
    """

    def __init__(self, parent: Callable[[], QWidget | None]) -> None:
        self._parent = parent
        self._open = 0
        self.reports: list[str] = []
        self._previous_hook = sys.excepthook

    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        sys.excepthook = self.excepthook
        if loop is not None:
            loop.set_exception_handler(self.loop_handler)

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        self.show(build_report(exc_type, exc, tb))

    def loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if exc is None:
            log.error("event loop: %s", redact(str(context.get("message"))))
            return
        if isinstance(exc, asyncio.CancelledError):
            return
        log.error("unexpected error in the event loop: %s", context.get("message"), exc_info=exc)
        self.show(build_report(type(exc), exc, exc.__traceback__))

    def show(self, report: str) -> None:
        self.reports.append(report)
        if self._open >= 3:  # a storm of errors: they are in the log anyway
            return
        # show after the current event, never from inside a paint or a half-done slot
        QTimer.singleShot(0, lambda: self._show_now(report))

    def _show_now(self, report: str) -> None:
        dialog = ErrorReportDialog(report, self._parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._open += 1
        dialog.finished.connect(lambda _result: self._closed())
        dialog.open()

    def _closed(self) -> None:
        self._open -= 1
