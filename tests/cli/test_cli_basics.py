"""Help, usage errors, error lines and exit code 1 of ``sage50``."""

from __future__ import annotations

import socket

import pytest

from sage50_desktop import __version__
from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.cli.main import main
from sage50_desktop.services.connection import NetworkOptions
from sage50_desktop.services.runtime import Runtime

COMMANDS = (
    "profile",
    "register",
    "consent",
    "scopes",
    "download",
    "snapshots",
    "diff",
    "export",
    "upload",
    "uploads",
    "track",
    "rotate",
)


def test_cli_help_documents_commands_and_exit_codes(capsys):
    with pytest.raises(SystemExit) as exc:
        raise SystemExit(main(["--help"]))
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command in out
    for text in (
        "SAGE50_DESKTOP_HOME",
        "PYTHON_KEYRING_BACKEND",
        "--profile",
        "--json",
        "consent needed",
        "validation failed",
        "rejected the upload",
    ):
        assert text in out


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_each_command_has_help(cli, command):
    result = cli(command, "--help")
    assert result.code == 0
    assert "usage: sage50 " + command in result.out


def test_cli_version(cli):
    result = cli("--version")
    assert result.code == 0 and __version__ in result.out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["bogus"],
        ["download"],  # SCOPE missing
        ["profile", "add", "x", "--base-url", "http://127.0.0.1:1"],  # ids missing
        ["upload", "orders", "f.json", "--timeout", "-3"],
        ["export", "products", "--format", "xml", "--output", "x"],
    ],
)
def test_cli_usage_errors_exit_2(cli, argv):
    result = cli(*argv)
    assert result.code == 2
    assert result.out == ""
    assert "usage: sage50" in result.err
    assert "Traceback" not in result.err


def test_cli_usage_error_in_json_mode_prints_an_error_object(cli):
    result = cli("--json", "download")
    assert result.code == 2
    assert result.json["exitCode"] == 2 and "error" in result.json


@pytest.mark.log_warnings_expected("a command fails on purpose: the CLI logs each failed command")
def test_cli_unknown_profile_exits_2_with_a_hint(cli):
    result = cli("--profile", "nope", "--json", "scopes")
    assert result.code == 2
    body = result.json
    assert body["exitCode"] == 2 and "profile add nope" in body["error"]["hint"]
    assert result.err.count("\n") == 1 and result.err.startswith("sage50: ")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.log_warnings_expected("a command fails on purpose: the CLI logs each failed command")
def test_cli_unreachable_server_exits_1_with_one_line(cli, monkeypatch):
    fast = NetworkOptions(retry=RetryPolicy(attempts=2, base=0.01))
    monkeypatch.setattr(Runtime, "network_options", lambda self: fast)
    base = f"http://127.0.0.1:{_free_port()}"
    assert (
        cli(
            "profile",
            "add",
            "default",
            "--base-url",
            base,
            "--developer-id",
            "d",
            "--application-id",
            "a",
            "--domain",
            "ecommerce",
        ).code
        == 0
    )
    result = cli(
        "register",
        "--base-url",
        base,
        "--name",
        "N",
        "--email",
        "n@example.com",
        "--app-name",
        "A",
        "--domain",
        "ecommerce",
    )
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "The server does not answer" in lines[0]
    assert "Traceback" not in result.err

    debug = cli(
        "--debug",
        "register",
        "--base-url",
        base,
        "--name",
        "N",
        "--email",
        "n@example.com",
        "--app-name",
        "A",
        "--domain",
        "ecommerce",
    )
    assert debug.code == 1 and "Traceback" in debug.err


@pytest.mark.log_warnings_expected("a command fails on purpose: the CLI logs each failed command")
def test_cli_insecure_base_url_is_a_usage_error(cli):
    result = cli(
        "profile",
        "add",
        "p",
        "--base-url",
        "http://example.com",
        "--developer-id",
        "d",
        "--application-id",
        "a",
        "--domain",
        "ecommerce",
    )
    assert result.code == 2 and "https://" in result.err


def test_cli_global_options_also_after_the_command(cli, sandbox):
    assert cli(
        "profile",
        "add",
        "other",
        "--base-url",
        sandbox.base_url,
        "--developer-id",
        sandbox.developer_id,
        "--application-id",
        sandbox.application_id,
        "--domain",
        sandbox.domain,
        "--json",
    ).json == {"profile": "other"}
    result = cli("snapshots", "products", "--profile", "other", "--json")
    assert result.code == 0 and result.json["snapshots"] == []
