"""A file keyring safe for several processes (soak benchmark children only; plain text).

``PYTHON_KEYRING_BACKEND=soak_keyring.LockedFileKeyring``, file in ``SAGE50_SOAK_KEYRING``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from filelock import FileLock
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class LockedFileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ["SAGE50_SOAK_KEYRING"])

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def _save(self, entries: dict[str, str]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".keyring-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(entries, fh)
        os.replace(tmp, self.path)

    def get_password(self, service: str, username: str) -> str | None:
        with FileLock(str(self.path) + ".lock"):
            return self._load().get(f"{service}|{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        with FileLock(str(self.path) + ".lock"):
            entries = self._load()
            entries[f"{service}|{username}"] = password
            self._save(entries)

    def delete_password(self, service: str, username: str) -> None:
        with FileLock(str(self.path) + ".lock"):
            entries = self._load()
            if entries.pop(f"{service}|{username}", None) is None:
                raise PasswordDeleteError("not found")
            self._save(entries)
