"""``profile``, ``register``, ``consent``, ``rotate`` and exit code 3, against a real sandbox."""

from __future__ import annotations

import threading
import time

import keyring
import pytest
from cli_helpers import add_profile
from keyring.backends.fail import Keyring as FailKeyring

from sage50_desktop.storage.credentials import (
    APIKEY_SERVICE,
    INITIAL_APIKEY_SERVICE,
    SECRET_SERVICE,
)


@pytest.mark.log_warnings_expected("a command fails on purpose: the CLI logs each failed command")
def test_cli_profile_add_list_replace_remove(cli, sandbox):
    result = add_profile(cli, sandbox, "shop")
    assert result.code == 0 and result.json == {"profile": "shop"}

    listed = cli("--json", "profile", "list").json["profiles"]
    assert [p["profile"] for p in listed] == ["shop"]
    assert listed[0]["baseUrl"] == sandbox.base_url
    assert listed[0]["developerId"] == sandbox.developer_id

    text = cli(
        "profile",
        "add",
        "shop",
        "--base-url",
        sandbox.base_url,
        "--developer-id",
        "dev-2",
        "--application-id",
        "app-2",
        "--domain",
        "ecommerce",
    )
    assert text.code == 0 and "Replaced profile 'shop'" in text.out
    listed = cli("--json", "profile", "list").json["profiles"]
    assert len(listed) == 1 and listed[0]["developerId"] == "dev-2"

    assert cli("--json", "profile", "remove", "shop").json["removed"] is True
    assert cli("--json", "profile", "list").json["profiles"] == []
    assert cli("profile", "remove", "shop").code == 2


def test_cli_register_then_onboard_from_the_registration(cli, sandbox):
    result = cli(
        "--json",
        "register",
        "--base-url",
        sandbox.base_url,
        "--name",
        "Ana",
        "--email",
        "ana@example.com",
        "--app-name",
        "Tienda",
        "--domain",
        "ecommerce",
        "--company",
        "Tienda S.L.",
    )
    assert result.code == 0, result.err
    url = result.json["registrationUrl"]
    assert url.startswith("http")

    developer_id, application_id = sandbox.control.complete_registration(url)
    assert (
        cli(
            "profile",
            "add",
            "default",
            "--base-url",
            sandbox.base_url,
            "--developer-id",
            developer_id,
            "--application-id",
            application_id,
            "--domain",
            "ecommerce",
        ).code
        == 0
    )
    sandbox.control.auto_approve(0)
    consent = cli("--json", "consent", "--timeout", "30", "--poll-interval", "0.05")
    assert consent.code == 0, consent.err
    assert cli("--json", "scopes").code == 0


def test_cli_register_text_output(cli, sandbox):
    result = cli(
        "register",
        "--base-url",
        sandbox.base_url,
        "--name",
        "Ana",
        "--email",
        "ana@example.com",
        "--app-name",
        "Tienda",
        "--domain",
        "ecommerce",
    )
    assert result.code == 0 and "Open this address" in result.out


def test_cli_consent_stores_key_and_secret(cli, profile, test_keyring):
    profile.control.auto_approve(0.2)
    result = cli("--json", "consent", "--timeout", "30", "--poll-interval", "0.05")
    assert result.code == 0, result.err
    body = result.json
    assert body["status"] == "approved" and body["domain"] == "ecommerce"
    # the passcode goes to stderr in JSON mode, with its expiry
    assert f"Passcode: {body['passcode']}" in result.err and "expires" in result.err
    services = {service for service, _user in test_keyring.entries}
    assert services == {APIKEY_SERVICE, INITIAL_APIKEY_SERVICE, SECRET_SERVICE}
    assert cli("--json", "profile", "list").json["profiles"][0]["keyExpiration"]


def test_cli_consent_granted_by_hand_text_mode(cli, profile):
    def grant() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            pending = profile.control.passcodes("pending")
            if pending:
                profile.control.grant(pending[0]["passcode"])
                return
            time.sleep(0.05)

    helper = threading.Thread(target=grant)
    helper.start()
    result = cli("consent", "--timeout", "30", "--poll-interval", "0.05")
    helper.join()
    assert result.code == 0, result.err
    assert "Passcode: " in result.out and "Consent granted for domain ecommerce" in result.out


def test_cli_consent_denied_exits_3(cli, profile):
    def deny() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            pending = profile.control.passcodes("pending")
            if pending:
                profile.control.deny(pending[0]["passcode"])
                return
            time.sleep(0.05)

    helper = threading.Thread(target=deny)
    helper.start()
    result = cli("--json", "consent", "--timeout", "30", "--poll-interval", "0.05")
    helper.join()
    assert result.code == 3
    assert result.json["status"] == "denied"
    errors = [line for line in result.err.splitlines() if line.startswith("sage50: ")]
    assert len(errors) == 1 and "denied" in errors[0]


@pytest.mark.log_warnings_expected("a command fails on purpose: the CLI logs each failed command")
def test_cli_consent_timeout_exits_3(cli, profile):
    result = cli("--json", "consent", "--timeout", "0.3", "--poll-interval", "0.05")
    assert result.code == 3
    assert result.json["exitCode"] == 3
    assert "Run 'sage50 consent' again" in result.err


@pytest.mark.log_warnings_expected("a command fails on purpose: the CLI logs each failed command")
def test_cli_without_consent_exits_3(cli, profile):
    result = cli("--json", "scopes")
    assert result.code == 3
    assert result.json["error"]["type"] == "CredentialsMissing"
    assert "consent" in result.err


def test_cli_rotate(cli, consented):
    before = {k["apikey"] for k in consented.control.keys() if not k["rotated"]}
    result = cli("--json", "rotate")
    assert result.code == 0, result.err
    assert result.json["expiration"].endswith("Z")
    after = {k["apikey"] for k in consented.control.keys() if not k["rotated"]}
    assert after and after != before
    assert cli("--json", "scopes").code == 0  # the new key works
    assert "rotated" in cli("rotate").out


@pytest.mark.log_warnings_expected("consent is revoked on purpose: the app logs the lost consent")
def test_cli_consent_revoked_exits_3(cli, consented):
    consented.control.revoke_consent(application_id=consented.application_id)
    result = cli("--json", "scopes")
    assert result.code == 3
    assert result.json["error"]["type"] == "ConsentRevoked"
    assert result.err.startswith("sage50: Consent is needed")
    assert "Traceback" not in result.err
    assert cli("--json", "profile", "list").json["profiles"][0]["consentNeeded"] is True
    # a new consent recovers
    consented.control.auto_approve(0)
    assert cli("consent", "--timeout", "30", "--poll-interval", "0.05").code == 0
    assert cli("scopes").code == 0


@pytest.mark.log_warnings_expected("a failed command is logged as a warning")
def test_cli_without_a_credential_store_exits_1_before_any_passcode(cli, profile):
    keyring.set_keyring(FailKeyring())  # the test_keyring fixture restores it
    result = cli("consent", "--timeout", "5")
    assert result.code == 1
    assert result.err.startswith("sage50: No credential store is available")
    assert "PYTHON_KEYRING_BACKEND" in result.err and "Traceback" not in result.err
    assert profile.control.passcodes() == []  # failed before asking for a passcode


@pytest.mark.log_warnings_expected("a failed command is logged as a warning")
def test_cli_profile_marked_as_test_connection_and_edited(cli, sandbox):
    add = add_profile(cli, sandbox, "staging")
    assert add.code == 0
    listed = cli("--json", "profile", "list").json["profiles"]
    assert listed[0]["test"] is False

    edited = cli("--json", "profile", "edit", "staging", "--test")
    assert edited.code == 0 and edited.json == {"profile": "staging", "test": True}
    assert cli("--json", "profile", "list").json["profiles"][0]["test"] is True
    assert "\ttest" in cli("profile", "list").out
    # re-adding with the same server keeps the key but takes the mark from the flags
    again = cli(
        "profile",
        "add",
        "staging",
        "--base-url",
        sandbox.base_url,
        "--developer-id",
        sandbox.developer_id,
        "--application-id",
        sandbox.application_id,
        "--domain",
        sandbox.domain,
        "--test",
    )
    assert again.code == 0
    assert cli("--json", "profile", "list").json["profiles"][0]["test"] is True
    assert cli("--json", "profile", "edit", "staging", "--no-test").json["test"] is False
    assert cli("--json", "profile", "list").json["profiles"][0]["test"] is False
    assert cli("profile", "edit", "nobody", "--test").code == 2
    assert cli("profile", "edit", "staging").code == 2  # --test or --no-test is needed


@pytest.mark.log_warnings_expected("the lost consent is logged as a warning")
def test_cli_connection_stored_before_v2_says_consent_again_and_exits_3(
    cli, consented, test_keyring
):
    """No initial key (a connection set up before contract v2): plain words, exit 3, no rotation."""
    user = next(user for service, user in test_keyring.entries if service == INITIAL_APIKEY_SERVICE)
    test_keyring.delete_password(INITIAL_APIKEY_SERVICE, user)
    consented.control.reset_counters()
    consented.control.expire_key()  # a rotation would be due: it must not be tried
    result = cli("scopes")
    assert result.code == 3
    assert "consent" in result.err.lower() and "again" in result.err.lower()
    assert "initial" in result.err.lower()
    assert "Traceback" not in result.err
    again = cli("--json", "scopes")
    assert again.code == 3
    assert consented.control.counters().get("rotateApikey", 0) == 0
