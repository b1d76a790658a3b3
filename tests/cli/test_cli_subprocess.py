"""The real ``sage50`` console script in a child process: environment variables work.

``SAGE50_DESKTOP_HOME`` moves every file; ``PYTHON_KEYRING_BACKEND`` picks the
credential store (a file-based test backend here, ``tests/cli/file_keyring.py``),
so a key stored by one process is used by the next.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _script() -> str:
    candidate = Path(sys.executable).with_name("sage50")
    found = str(candidate) if candidate.exists() else shutil.which("sage50")
    if not found:
        pytest.fail("the sage50 console script is not installed next to this Python")
    return found


@pytest.fixture
def run(tmp_path):
    home = tmp_path / "child-home"
    keyring_file = tmp_path / "keyring.json"
    env = dict(os.environ)
    env.update(
        {
            "SAGE50_DESKTOP_HOME": str(home),
            "PYTHON_KEYRING_BACKEND": "file_keyring.FileKeyring",
            "SAGE50_TEST_KEYRING_FILE": str(keyring_file),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")])),
        }
    )

    def call(*argv: str, **overrides: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [_script(), *map(str, argv)],
            env={**env, **overrides},
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )

    call.home = home  # type: ignore[attr-defined]
    call.keyring_file = keyring_file  # type: ignore[attr-defined]
    return call


def test_cli_console_script_with_environment(run, sandbox):
    added = run(
        "--json",
        "profile",
        "add",
        "default",
        "--base-url",
        sandbox.base_url,
        "--developer-id",
        sandbox.developer_id,
        "--application-id",
        sandbox.application_id,
        "--domain",
        sandbox.domain,
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) == {"profile": "default"}
    assert (run.home / "data" / "app.sqlite3").is_file()

    sandbox.control.auto_approve(0)
    consent = run("--json", "consent", "--timeout", "30", "--poll-interval", "0.05")
    assert consent.returncode == 0, consent.stderr
    assert json.loads(consent.stdout)["status"] == "approved"
    stored = json.loads(run.keyring_file.read_text(encoding="utf-8"))
    assert {k.split("|")[0] for k in stored} == {
        "sage50-desktop/apikey",
        "sage50-desktop/initial-apikey",
        "sage50-desktop/secret",
    }

    # another process uses the stored key; no progress bar when stderr is not a terminal
    download = run("--json", "download", "products")
    assert download.returncode == 0, download.stderr
    assert json.loads(download.stdout)["records"] == 60
    assert download.stderr == ""
    assert (run.home / "data" / "cache.sqlite3").is_file()
    assert (run.home / "logs" / "sage50-desktop.log").is_file()
