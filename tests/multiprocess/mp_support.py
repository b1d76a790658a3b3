"""Real child processes on one data folder: the ``sage50`` console script and small scripts.

* ``sandbox``: the shared one of ``tests/conftest.py`` (in this process;
  the children reach it over loopback sockets).
* ``procs``: starts children with one ``SAGE50_DESKTOP_HOME`` and one
  process-safe file keyring (:mod:`mp_keyring`); ``procs.sage50(...)`` runs
  one command to the end, ``procs.start(...)`` starts several at once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sage50_desktop.sandbox.testing import SandboxThread

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent


def sage50_script() -> str:
    candidate = Path(sys.executable).with_name("sage50")
    found = str(candidate) if candidate.exists() else shutil.which("sage50")
    if not found:
        pytest.fail("the sage50 console script is not installed next to this Python")
    return found


@dataclass
class Done:
    argv: list[str]
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)

    def __str__(self) -> str:
        return f"{' '.join(self.argv[-4:])}: exit {self.code}\n{self.err[-2000:]}"


class Procs:
    def __init__(self, tmp: Path) -> None:
        self.home = tmp / "home"
        self.data = self.home / "data"
        self.keyring_file = tmp / "keyring.json"
        self.env = dict(os.environ)
        self.env.update(
            {
                "SAGE50_DESKTOP_HOME": str(self.home),
                "PYTHON_KEYRING_BACKEND": "mp_keyring.LockedFileKeyring",
                "SAGE50_TEST_KEYRING_FILE": str(self.keyring_file),
                "PYTHONPATH": os.pathsep.join(
                    filter(None, [str(HERE), str(TESTS / "helpers"), self.env.get("PYTHONPATH")])
                ),
            }
        )
        self.env.pop("QT_QPA_PLATFORM", None)
        self.env["QT_QPA_PLATFORM"] = "offscreen"

    def start(self, argv: Sequence[str], **env: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [str(a) for a in argv],
            env={**self.env, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def start_cli(self, *argv: str, **env: str) -> subprocess.Popen[str]:
        return self.start([sage50_script(), *argv], **env)

    def start_py(self, script: str, *argv: str, **env: str) -> subprocess.Popen[str]:
        return self.start([sys.executable, str(HERE / script), *argv], **env)

    @staticmethod
    def wait(proc: subprocess.Popen[str], timeout: float = 180) -> Done:
        out, err = proc.communicate(timeout=timeout)
        return Done([str(a) for a in proc.args], proc.returncode, out, err)  # type: ignore[union-attr]

    def wait_all(self, procs: Sequence[subprocess.Popen[str]], timeout: float = 240) -> list[Done]:
        return [self.wait(p, timeout) for p in procs]

    def sage50(self, *argv: str, timeout: float = 120) -> Done:
        return self.wait(self.start_cli(*argv), timeout)


@pytest.fixture
def procs(tmp_path: Path) -> Procs:
    return Procs(tmp_path)


def add_and_consent(procs: Procs, sb: SandboxThread, name: str = "default") -> None:
    """The profile ``name`` on ``sb`` with consent given (in child processes)."""
    added = procs.sage50(
        "--json",
        "profile",
        "add",
        name,
        "--base-url",
        sb.base_url,
        "--developer-id",
        sb.developer_id,
        "--application-id",
        sb.application_id,
        "--domain",
        sb.domain,
    )
    assert added.code == 0, str(added)
    sb.control.auto_approve(0)
    consent = procs.sage50(
        "--json", "--profile", name, "consent", "--timeout", "30", "--poll-interval", "0.05"
    )
    assert consent.code == 0, str(consent)
    sb.control.auto_approve(None)


__all__ = ["Done", "Procs", "add_and_consent", "procs", "sage50_script"]
