"""How a stored version is named on screen: its date and a short id, never a raw hash alone.

The platform's version strings are ``<seq>.<hash>`` (``2.3b5b5bdd003e``); the
screen shows ``1/12/26 22:07 · 3b5b5bd`` and keeps the full string in a
tooltip.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from sage50_desktop.services.version_names import SHORT, short_id
from sage50_desktop.ui import i18n

__all__ = ["SHORT", "published_label", "short_id", "version_label", "version_tooltip"]


def version_label(snap: Any) -> str:
    """Date and short id of a stored version (``snap``: a SnapshotInfo)."""
    return (
        QCoreApplication.translate("Versions", "%1 · %2")
        .replace("%1", i18n.format_datetime(snap.downloaded_at))
        .replace("%2", short_id(snap.version))
    )


def published_label(version: str, when: Any) -> str:
    """Date and short id of a published version (``when``: its last-modified time)."""
    return (
        QCoreApplication.translate("Versions", "%1 · %2")
        .replace("%1", i18n.format_datetime(when))
        .replace("%2", short_id(version))
    )


def version_tooltip(snap: Any) -> str:
    return (
        QCoreApplication.translate(
            "Versions", "Version %1, downloaded %2, %n record(s)", None, snap.records
        )
        .replace("%1", snap.version)
        .replace("%2", i18n.format_datetime(snap.downloaded_at, seconds=True))
    )
