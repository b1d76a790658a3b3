"""Keyring backends that keep secrets in a file, as keyrings.alt does (test use only)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend

ENV = "SAGE50_TEST_PLAINTEXT_FILE"


class PlaintextKeyring(KeyringBackend):
    """Like ``keyrings.alt.file.PlaintextKeyring``: a file, not encrypted."""

    priority = 1  # type: ignore[assignment]

    @property
    def file_path(self) -> str:
        return os.environ[ENV]

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(Path(self.file_path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        Path(self.file_path).write_text(json.dumps(data), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        data.pop(f"{service}\n{username}", None)
        Path(self.file_path).write_text(json.dumps(data), encoding="utf-8")


class EncryptedKeyring(PlaintextKeyring):
    """Like ``keyrings.alt.file.EncryptedKeyring``: a file, encrypted."""
