"""The sandbox keeps consents, keys and uploads in its data folder across a restart."""

from __future__ import annotations

import hashlib
import secrets

import httpx
from sandbox_support import wait_for
from test_sandbox_uploads import ORDERS, order, track

from sage50_desktop.api import contract
from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.sandbox.cli import build_parser, config_from_args
from sage50_desktop.sandbox.config import SandboxConfig
from sage50_desktop.sandbox.testing import SandboxThread


def test_a_restarted_sandbox_knows_its_consents_keys_and_uploads(tmp_path) -> None:
    data = tmp_path / "sandbox"
    config = SandboxConfig(
        customers=20, products=40, step_delay=0.6, data_dir=data, state_file=data / "state.json"
    )
    first = SandboxThread(config).start()
    try:
        assert first.control is not None
        dev, app = first.developer_id, first.application_id
        apikey, _ = first.control.issue_key(dev, app, secrets.token_hex(24))
        raw = httpx.Response(200, json=[order(1)]).content
        with httpx.Client(base_url=first.base_url) as http:
            created = http.post(
                ORDERS,
                headers={"apikey": apikey},
                json={
                    "fileName": "orders.json",
                    "size": len(raw),
                    "sha256": hashlib.sha256(raw).hexdigest(),
                },
            ).json()
            assert (
                httpx.put(
                    created["uploadUrl"], content=raw, headers={"Content-Type": "application/json"}
                ).status_code
                == 201
            )
            wait_for(lambda: track(http, apikey, created)["status"] != UploadStatus.PENDING)
            pending = http.post(
                ORDERS,
                headers={"apikey": apikey},
                json={
                    "fileName": "later.json",
                    "size": len(raw),
                    "sha256": hashlib.sha256(raw).hexdigest(),
                },
            ).json()
        port = first.base_url.rsplit(":", 1)[1]
    finally:
        first.stop()
    assert (data / "state.json").is_file()

    config.port = int(port)
    second = SandboxThread(config).start()
    try:
        with httpx.Client(base_url=second.base_url) as http:
            # the key and its consent are still known: key operations and v2 rotation work
            files = contract.domain_files_path(contract.ECOMMERCE)
            assert http.get(files, headers={"apikey": apikey}).status_code == 200
            # the upload that was being processed goes on to its result
            done = wait_for(
                lambda: (t := track(http, apikey, created)).get("downloadResultUrl") and t,
                timeout=30,
            )
            assert done["status"] == UploadStatus.ACCEPTED
            # an upload still waiting for its bytes still takes them
            assert (
                httpx.put(
                    pending["uploadUrl"], content=raw, headers={"Content-Type": "application/json"}
                ).status_code
                == 201
            )
            rotated = http.patch(
                contract.apikeys_path(second.developer_id, second.application_id),
                json={"initialApikey": apikey, "apikey": apikey},
            )
            assert rotated.status_code == 200
    finally:
        second.stop()


def test_sage50_sandbox_keeps_its_state_in_the_data_folder_by_default(tmp_path) -> None:
    args = build_parser().parse_args(["--data-dir", str(tmp_path)])
    assert config_from_args(args).state_file == tmp_path / "state.json"
    args = build_parser().parse_args(["--data-dir", str(tmp_path), "--no-state"])
    assert config_from_args(args).state_file is None
