"""A file-based keyring backend safe for several test processes at once.

``PYTHON_KEYRING_BACKEND=mp_keyring.LockedFileKeyring`` with
``SAGE50_TEST_KEYRING_FILE`` naming the JSON file. Every read-modify-write
holds a file lock and replaces the file atomically, as an OS credential store
would behave. Test use only: the file is plain text.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from filelock import FileLock
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV = "SAGE50_TEST_KEYRING_FILE"


class LockedFileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ[ENV])

    def _lock(self) -> FileLock:
        return FileLock(str(self.path) + ".lock")

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def _save(self, entries: dict[str, str]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".keyring-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(entries, fh, indent=1, sort_keys=True)
        os.replace(tmp, self.path)

    @staticmethod
    def _key(service: str, username: str) -> str:
        return f"{service}|{username}"

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock():
            return self._load().get(self._key(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock():
            entries = self._load()
            entries[self._key(service, username)] = password
            self._save(entries)

    def delete_password(self, service: str, username: str) -> None:
        with self._lock():
            entries = self._load()
            if entries.pop(self._key(service, username), None) is None:
                raise PasswordDeleteError("not found")
            self._save(entries)
