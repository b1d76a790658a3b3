"""Logging: a rotating file in the user log folder, redacted (see :mod:`redaction`)."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
from pathlib import Path

from sage50_desktop import paths
from sage50_desktop.redaction import RedactingFilter

LOG_FILE = "sage50-desktop.log"
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file that goes quiet when its disk is full or its folder read-only.

    The log is never worth a traceback on the user's terminal (logging's default
    for a failed write): the first failed write stops logging to the file for
    this process; the command's own message says what is wrong with the folder.
    """

    broken = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.broken:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            self.broken = True
            return
        super().handleError(record)

    def flush(self) -> None:
        try:
            super().flush()
        except OSError:
            self.broken = True

    def close(self) -> None:
        with contextlib.suppress(OSError):
            super().close()


def configure(
    level: int = logging.INFO, log_dir: Path | None = None, console: bool = False
) -> Path:
    """Send the app's logs to a rotating file (5 x 2 MB); returns the file's path."""
    try:
        folder = log_dir or paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only or full disk: the handler stays quiet (see above)
        folder = log_dir or paths.log_dir_path()
    path = folder / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_sage50", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = QuietFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    file_handler.setFormatter(logging.Formatter(FORMAT))
    file_handler.addFilter(RedactingFilter())
    file_handler._sage50 = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream.addFilter(RedactingFilter())
        stream._sage50 = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    root.setLevel(min(level, root.level) if root.level else level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return path
