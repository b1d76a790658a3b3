"""``sage50 consent`` three ways over real sockets: poll, --listen (signed push), --paste."""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import socket
import threading
import time
from collections.abc import Callable

import httpx
import orjson
import pytest

from sage50_desktop.api import contract
from sage50_desktop.storage.credentials import (
    APIKEY_SERVICE,
    INITIAL_APIKEY_SERVICE,
    SECRET_SERVICE,
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _in_background(work: Callable[[], None]) -> threading.Thread:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # reported by the test through .errors
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.errors = errors  # type: ignore[attr-defined]
    thread.start()
    return thread


def _pending_passcode(sandbox, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pending = sandbox.control.passcodes("pending")
        if pending:
            return pending[0]["passcode"]
        time.sleep(0.05)
    raise AssertionError("no passcode was requested")


def _stored_services(test_keyring) -> set[str]:
    return {service for service, _user in test_keyring.entries}


@pytest.mark.log_warnings_expected("a failed command is logged as a warning")
def test_consent_without_polling_exits_3_within_10_s_naming_paste_and_listen(
    cli, profile, test_keyring
):
    profile.control.platform(polling=False)
    started = time.monotonic()
    result = cli("consent", "--poll-interval", "0.05")
    assert time.monotonic() - started < 10
    assert result.code == 3
    assert "--paste" in result.err and "--listen" in result.err
    assert "does not offer polling" in result.err
    assert test_keyring.entries == {}


@pytest.mark.log_warnings_expected("a forged approval push is logged as ignored")
def test_consent_listen_accepts_the_signed_push_and_ignores_a_forged_one(
    cli, sandbox, test_keyring, caplog
):
    port = _free_port()
    approval_url = f"http://127.0.0.1:{port}/hooks/sage50/approval"
    created = httpx.post(
        sandbox.base_url + contract.applications_path(sandbox.developer_id),
        json={"name": "Tienda", "domain": "ecommerce", "approvalUrl": approval_url},
    )
    app_id = created.json()["applicationId"]
    assert (
        cli(
            "profile",
            "add",
            "default",
            "--base-url",
            sandbox.base_url,
            "--developer-id",
            sandbox.developer_id,
            "--application-id",
            app_id,
            "--domain",
            "ecommerce",
        ).code
        == 0
    )
    sandbox.control.platform(polling=False)  # the push is the only delivery
    forged_status: list[int] = []

    def administrator() -> None:
        passcode = _pending_passcode(sandbox)
        body = orjson.dumps(
            {"passcode": passcode, "domain": "ecommerce", "apikey": "sk_forged_key_0000000000"}
        )
        forged = hmac.new(b"not-the-secret", body, hashlib.sha256).hexdigest()
        answer = httpx.post(
            approval_url,
            content=body,
            headers={"X-Signature": f"sha256={forged}", "Content-Type": "application/json"},
        )
        forged_status.append(answer.status_code)
        unsigned = httpx.post(approval_url.replace("/hooks/sage50/approval", "/"), content=body)
        forged_status.append(unsigned.status_code)
        sandbox.control.grant(passcode)

    helper = _in_background(administrator)
    with caplog.at_level("WARNING"):
        result = cli("--json", "consent", "--listen", f"127.0.0.1:{port}", "--timeout", "30")
    helper.join(10)
    assert not helper.errors, helper.errors
    assert result.code == 0, result.err
    assert result.json["status"] == "approved" and result.json["via"] == "listen"
    assert result.json["domain"] == "ecommerce"
    assert forged_status == [401, 401]
    assert f"127.0.0.1:{port}" in result.err and "approvalUrl" in result.err
    assert _stored_services(test_keyring) == {
        APIKEY_SERVICE,
        INITIAL_APIKEY_SERVICE,
        SECRET_SERVICE,
    }
    current = next(v for (s, _), v in test_keyring.entries.items() if s == APIKEY_SERVICE)
    assert not current.startswith("sk_forged")
    # ignored pushes are logged without their content
    ignored = [
        r.getMessage() for r in caplog.records if "ignored an approval push" in r.getMessage()
    ]
    assert len(ignored) == 2 and not any("sk_forged" in m for m in ignored)
    deliveries = [d for d in sandbox.control.webhooks() if d["kind"] == "approval"]
    assert deliveries and deliveries[-1]["delivered"]
    # the received key works: rotation and a key operation over the stored entries
    sandbox.control.expire_key()
    assert cli("--json", "scopes").code == 0


@pytest.mark.log_warnings_expected("a command fails on purpose: the CLI logs each failed command")
def test_consent_listen_times_out_with_exit_3(cli, profile):
    result = cli("consent", "--listen", f"127.0.0.1:{_free_port()}", "--timeout", "0.5")
    assert result.code == 3 and "no approval push" in result.err


@pytest.fixture
def paste(monkeypatch):
    """Standard input is a pipe; ``paste(text)`` writes ``text`` and closes it."""
    read_fd, write_fd = os.pipe()
    stdin = io.TextIOWrapper(os.fdopen(read_fd, "rb"))
    monkeypatch.setattr("sys.stdin", stdin)

    def write(text: str) -> None:
        with os.fdopen(write_fd, "w") as out:
            out.write(text)

    yield write
    stdin.close()


def test_consent_paste_checks_and_stores_the_key_read_from_stdin(cli, profile, test_keyring, paste):
    write = paste
    profile.control.platform(polling=False)

    def shop_receiver() -> None:  # the application's own approvalUrl receiver got the key
        passcode = _pending_passcode(profile)
        profile.control.grant(passcode)
        keys = [k for k in profile.control.keys() if not k["rotated"]]
        newest = max(keys, key=lambda k: k["issuedAt"])
        write(f"{newest['apikey']}\n{newest['expiration']}\n")

    helper = _in_background(shop_receiver)
    result = cli("--json", "consent", "--paste", "--timeout", "30")
    helper.join(10)
    assert not helper.errors, helper.errors
    assert result.code == 0, result.err
    assert result.json == {
        **result.json,
        "status": "approved",
        "domain": "ecommerce",
        "via": "paste",
    }
    assert result.json["expiration"]
    assert "Passcode: " in result.err and "expires" in result.err
    assert _stored_services(test_keyring) == {
        APIKEY_SERVICE,
        INITIAL_APIKEY_SERVICE,
        SECRET_SERVICE,
    }
    assert profile.control.counters()["listFiles"] >= 1  # checked with one 4.1 call


@pytest.mark.log_warnings_expected("a failed command is logged as a warning")
def test_consent_paste_refuses_a_key_the_platform_does_not_know(cli, profile, test_keyring, paste):
    paste("sk_this_key_was_never_issued\n\n")
    result = cli("consent", "--paste", "--timeout", "30")
    assert result.code == 3
    assert "refused" in result.err
    assert test_keyring.entries == {}


def test_a_key_is_never_accepted_on_the_command_line(cli, profile, test_keyring):
    assert cli("consent", "--paste", "sk_on_the_command_line").code == 2
    assert cli("consent", "--apikey", "sk_on_the_command_line").code == 2
    assert test_keyring.entries == {}
