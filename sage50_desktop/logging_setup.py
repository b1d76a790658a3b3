"""Logging: a rotating file in the user log folder, redacted (see :mod:`redaction`)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from sage50_desktop import paths
from sage50_desktop.redaction import RedactingFilter

LOG_FILE = "sage50-desktop.log"
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def configure(
    level: int = logging.INFO, log_dir: Path | None = None, console: bool = False
) -> Path:
    """Send the app's logs to a rotating file (5 x 2 MB); returns the file's path."""
    folder = log_dir or paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_sage50", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = logging.handlers.RotatingFileHandler(
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
