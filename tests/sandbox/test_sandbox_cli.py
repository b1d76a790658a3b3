"""``sage50-sandbox`` as a process: info file, serving, SIGTERM, state file, control page."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import httpx
import orjson
from sandbox_support import wait_for

from sage50_desktop.api import contract
from sage50_desktop.sandbox.cli import build_parser


def _start(tmp_path: Path, data_dir: Path, *extra: str) -> tuple[subprocess.Popen, dict]:
    info = tmp_path / "info.json"
    info.unlink(missing_ok=True)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sage50_desktop.sandbox.cli",
            "--port",
            "0",
            "--customers",
            "20",
            "--products",
            "30",
            "--info-file",
            str(info),
            "--data-dir",
            str(data_dir),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(lambda: info.exists() or proc.poll() is not None, timeout=60, every=0.05)
    except AssertionError:
        proc.kill()
        proc.communicate()
        raise
    assert proc.poll() is None, proc.communicate()
    return proc, orjson.loads(info.read_bytes())


def _stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err.decode()


def test_info_file_serve_and_sigterm(tmp_path: Path, data_dir: Path) -> None:
    state = tmp_path / "state.json"
    proc, info = _start(tmp_path, data_dir, "--state-file", str(state), "--auto-approve", "0")
    try:
        assert set(info) == {"baseUrl", "developerId", "applicationId", "domain"}
        assert info["domain"] == contract.ECOMMERCE
        with httpx.Client(base_url=info["baseUrl"]) as http:
            page = http.get("/sandbox/")
            assert page.status_code == 200 and "Sage 50" in page.text
            secret = "k" * 40
            pc = http.post(
                contract.passcodes_path(info["developerId"], info["applicationId"]),
                json={"secret": secret},
            ).json()["passcode"]
            path = contract.passcode_path(info["developerId"], info["applicationId"], pc)
            key = wait_for(lambda: http.get(path, headers={"secret": secret}).json().get("apikey"))
            version = http.get(
                contract.scope_file_path(contract.ECOMMERCE, "products"), headers={"apikey": key}
            ).json()["version"]
    finally:
        _stop(proc)
    # a restart with the same state file keeps the key and the published version
    proc, info = _start(tmp_path, data_dir, "--state-file", str(state))
    try:
        with httpx.Client(base_url=info["baseUrl"]) as http:
            resp = http.get(
                contract.scope_file_path(contract.ECOMMERCE, "products"), headers={"apikey": key}
            )
            assert resp.status_code == 200 and resp.json()["version"] == version
    finally:
        _stop(proc)


def test_help_lists_every_option() -> None:
    text = build_parser().format_help()
    for option in (
        "--host",
        "--port",
        "--seed",
        "--customers",
        "--products",
        "--key-lifetime",
        "--passcode-lifetime",
        "--auto-approve",
        "--info-file",
        "--data-dir",
        "--state-file",
        "--publish-every",
        "--step-delay",
    ):
        assert option in text


def test_control_page_buttons(sandbox, http: httpx.Client, secret: str) -> None:
    pc = http.post(
        contract.passcodes_path(sandbox.developer_id, sandbox.application_id),
        json={"secret": secret},
    ).json()["passcode"]
    page = http.get("/sandbox/").text
    assert pc in page and f"/sandbox/passcodes/{pc}/grant" in page
    resp = http.post(f"/sandbox/passcodes/{pc}/grant", data={"go": "1"})
    assert resp.status_code == 303 and resp.headers["Location"] == "/sandbox/"
    assert sandbox.control.passcodes()[0]["status"] == "approved"
    before = sandbox.control.scopes()
    assert (
        http.post("/sandbox/scopes/ecommerce/products/publish", data={"go": "1"}).status_code == 303
    )
    assert sandbox.control.scopes() != before
