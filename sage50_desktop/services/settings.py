"""User settings, each declared once: key, default, type and a label for the settings UI.

Stored as JSON in the config folder (written atomically). Qt-free, so the CLI
and the GUI read the same values. Labels are English source strings; the UI
translates them.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    default: Any
    type: type
    label: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] | None = None

    def coerce(self, value: Any) -> Any:
        if value is None:
            return self.default
        try:
            if self.type is bool:
                value = (
                    value
                    if isinstance(value, bool)
                    else str(value).lower() in ("1", "true", "yes", "on")
                )
            else:
                value = self.type(value)
        except (TypeError, ValueError):
            return self.default
        if self.minimum is not None and value < self.minimum:
            return self.default
        if self.maximum is not None and value > self.maximum:
            return self.default
        if self.choices is not None and value not in self.choices:
            return self.default
        return value


# a 304 costs nothing: check every minute (4.1 with If-None-Match)
POLL_INTERVAL = Setting(
    "poll_interval_seconds", 60, int, "Check for new versions every (seconds)", 10, 86400
)
AUTO_DOWNLOAD = Setting("auto_download", False, bool, "Download new versions automatically")
SNAPSHOT_RETENTION = Setting("snapshot_retention", 10, int, "Versions kept per data set", 1, 1000)
PROXY = Setting("proxy", "", str, "Proxy (e.g. http://proxy:3128; empty for none)")
CA_BUNDLE = Setting("ca_bundle", "", str, "Custom CA bundle file (empty for the system's)")
LANGUAGE = Setting("language", "system", str, "Language", choices=("system", "en", "es"))
KEY_RENEWAL_MARGIN = Setting(
    "key_renewal_margin_seconds",
    120,
    int,
    "Renew the API key this long before it expires (seconds)",
    5,
    86400,
)
RESULT_GRACE = Setting(
    "result_grace_seconds", 600, int, "Wait for a late result file up to (seconds)", 0, 86400
)
CSV_SEMICOLON = Setting("csv_semicolon", False, bool, "CSV exports use ';' (Spanish Excel)")

ALL: tuple[Setting, ...] = (
    POLL_INTERVAL,
    AUTO_DOWNLOAD,
    SNAPSHOT_RETENTION,
    PROXY,
    CA_BUNDLE,
    LANGUAGE,
    KEY_RENEWAL_MARGIN,
    RESULT_GRACE,
    CSV_SEMICOLON,
)
BY_KEY = {s.key: s for s in ALL}


class Settings:
    """The settings file: read on creation, written atomically on :meth:`set`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] = {}
        self._listeners: list[Any] = []
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(raw, dict):
                self._values = raw
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            log.warning("settings file unreadable (%s); using defaults", type(exc).__name__)

    def get(self, setting: Setting) -> Any:
        return setting.coerce(self._values.get(setting.key))

    def set(self, setting: Setting, value: Any) -> None:
        self._values[setting.key] = setting.coerce(value)
        self._write()
        for listener in list(self._listeners):
            listener(setting, self._values[setting.key])

    def on_change(self, callback: Any) -> None:
        self._listeners.append(callback)

    def off_change(self, callback: Any) -> None:
        """Stop calling ``callback`` (no error when it was not listening)."""
        if callback in self._listeners:
            self._listeners.remove(callback)

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self._values, fh, indent=2, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
