"""A file-based keyring backend for subprocess tests of the ``sage50`` console script.

Select it in the child with ``PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring``
(``tests/cli`` on ``PYTHONPATH``); entries are kept as JSON in the file named
by ``SAGE50_TEST_KEYRING_FILE``. Test use only: the file is plain text.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV = "SAGE50_TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ[ENV])

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def _save(self, entries: dict[str, str]) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(entries, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)

    @staticmethod
    def _key(service: str, username: str) -> str:
        return f"{service}|{username}"

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(self._key(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._load()
        entries[self._key(service, username)] = password
        self._save(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._load()
        if entries.pop(self._key(service, username), None) is None:
            raise PasswordDeleteError(username)
        self._save(entries)
