"""Issue 16 — the command line against a hostile platform: clean terminals, clear messages.

Server text with terminal escape sequences never reaches stdout, stderr or
the log as such; a token in a pre-signed URL's path is redacted with
``--debug``; ``upload --json`` reports the ``uploadId`` also when the PUT
fails; ``accepted`` with rejected records exits 5 with the counts; the base
URL's path prefix is honoured.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from aiohttp import web
from hostile_support import Hostile, clean_message, keyed_profile, orders_file, result_file

from sage50_desktop import paths
from sage50_desktop.cli.main import main
from sage50_desktop.redaction import redact, redact_url, strip_controls

ESC = "\x1b[2J\x1b]0;owned\x07\x1b[31mRED\x9b1m\u202egnp.exe"
TOKEN = "Tk9UQVNFQ1JFVDAxMjM0NTY3ODlhYmNkZWY"


@pytest.fixture
async def hostile():
    server = await Hostile().start()
    yield server
    await server.stop()


async def _run(capsys, *argv: str) -> tuple[int, str, str]:
    """``sage50 ARGV`` in a thread (it runs its own event loop; the server runs in ours)."""
    code = await asyncio.to_thread(main, list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _log_text() -> str:
    return "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in paths.log_dir().glob("*.log*")
    )


def test_strip_controls_and_path_tokens():
    assert strip_controls(f"a{ESC}b\nc\td") == "aREDgnp.exeb\nc\td"
    assert "\x1b" not in strip_controls(ESC) and "\u202e" not in strip_controls(ESC)
    url = f"https://files.example/presigned/files/{TOKEN}/p.json?expires=1&token=abc"
    assert TOKEN not in redact_url(url) and "abc" not in redact_url(url)
    assert TOKEN not in redact(f"GET {url} -> 200")
    assert redact_url("https://files.example/api/tracking/u_3273cbf864fbde83") == (
        "https://files.example/api/tracking/u_3273cbf864fbde83"
    )  # ids stay readable


@pytest.mark.log_warnings_expected("a failed command is logged (its text is what the test checks)")
async def test_escape_sequences_from_the_server_reach_no_terminal_or_log(runtime, hostile, capsys):
    hostile.json(
        "GET",
        "/api/files/ecommerce",
        {"code": "invalidRequest", "message": f"bad {ESC} request"},
        status=400,
    )
    keyed_profile(runtime, hostile.base, name="default")
    for argv in (["scopes"], ["--json", "scopes"], ["--debug", "scopes"]):
        code, out, err = await _run(capsys, *argv)
        assert code != 0
        for stream in (out, err):
            assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream
        assert "bad" in out + err
    log = _log_text()
    assert "bad" in log and "\x1b" not in log and "\x9b" not in log


@pytest.mark.log_warnings_expected("a command fails on purpose: the CLI logs each failed command")
async def test_debug_log_redacts_a_token_in_a_presigned_path(runtime, hostile, capsys):
    hostile.scope_file(f"/presigned/files/{TOKEN}/p.json?token=qs", size=2)
    hostile.route(
        "GET",
        f"/presigned/files/{TOKEN}/p.json",
        lambda _r: _json_response({"code": "urlExpired", "message": "gone"}, 403),
    )
    keyed_profile(runtime, hostile.base, name="default")
    code, out, err = await _run(capsys, "--debug", "download", "products")
    assert code != 0
    assert TOKEN not in out + err
    log = _log_text()
    assert "/presigned/files/" in log and TOKEN not in log and "token=qs" not in log


async def _json_response(data, status):
    return web.json_response(data, status=status)


async def test_upload_json_reports_the_upload_id_when_the_put_fails(
    runtime, hostile, capsys, tmp_path
):
    hostile.upload_platform("u-put-fails")

    async def refuse(_request):
        return web.json_response({"code": "checksumMismatch", "message": "no"}, status=400)

    hostile.route("PUT", "/presigned/up", refuse)
    keyed_profile(runtime, hostile.base, name="default")
    code, out, err = await _run(capsys, "--json", "upload", "orders", str(orders_file(tmp_path)))
    data = json.loads(out)
    assert code != 0 and data["uploadId"] == "u-put-fails"
    assert data["error"]["type"] == "ChecksumMismatch"
    assert clean_message(out + err) == []


async def test_accepted_with_rejected_records_exits_5_with_the_counts(
    runtime, hostile, capsys, tmp_path
):
    hostile.upload_platform(
        "u-contradiction", result=result_file("u-contradiction", "accepted", 400_000, 0, 400_000)
    )
    keyed_profile(runtime, hostile.base, name="default")
    code, out, err = await _run(
        capsys, "--json", "upload", "--wait", "orders", str(orders_file(tmp_path))
    )
    data = json.loads(out)
    assert code == 5, (out, err)
    assert data["error"]["type"] == "ContradictoryResult"
    assert "400,000 rejected" in data["error"]["message"]
    assert "400,000 rejected" in err


async def test_base_url_path_prefix_is_honoured(runtime, hostile, capsys):
    hostile.json("GET", "/sage50/api/files/ecommerce", {"domain": "ecommerce", "scopes": []})
    profile = keyed_profile(runtime, hostile.url("/sage50"))
    async with runtime.connect(profile) as conn:
        listed = await conn.client.list_scope_files("ecommerce")
    assert list(listed.scopes) == []
    assert [p for _m, p, _h in hostile.seen] == ["/sage50/api/files/ecommerce"]


@pytest.mark.log_warnings_expected("a command fails on purpose: the CLI logs each failed command")
@pytest.mark.parametrize("kind", ["folder", "device"])
async def test_uploading_a_folder_or_device_says_so(app_home, capsys, tmp_path, kind):
    await asyncio.to_thread(
        main,
        [
            "profile",
            "add",
            "default",
            "--base-url",
            "https://api.example.com",
            "--developer-id",
            "d",
            "--application-id",
            "a",
            "--domain",
            "ecommerce",
        ],
    )
    capsys.readouterr()
    target = str(tmp_path) if kind == "folder" else "/dev/null"
    code, out, err = await _run(capsys, "upload", "orders", target)
    assert code == 2
    assert ("is a folder" if kind == "folder" else "not a regular file") in err
    assert "does not exist" not in err


async def test_a_redirect_on_an_api_call_is_named(runtime, hostile):
    async def moved(_request):
        raise web.HTTPMovedPermanently("https://elsewhere.example/api/files/ecommerce")

    hostile.route("GET", "/api/files/ecommerce", moved)
    profile = keyed_profile(runtime, hostile.base)
    from sage50_desktop.api.errors import UnexpectedResponse

    async with runtime.connect(profile) as conn:
        with pytest.raises(UnexpectedResponse) as info:
            await conn.client.list_scope_files("ecommerce")
    text = f"{info.value} {info.value.hint}"
    assert "redirect (HTTP 301) to https://elsewhere.example" in text
    assert "expected JSON" not in text and clean_message(text) == []


@pytest.mark.parametrize(
    "body,words",
    [
        (b'{"domain": "ecommerce", "scopes": [\xff]}', "invalid byte at position 35"),
        (b'{"domain": "ecommerce", "scopes": [}', "line 1, column"),
    ],
)
async def test_broken_json_answers_say_where(runtime, hostile, body, words):
    async def broken(_request):
        return web.Response(body=body, content_type="application/json")

    hostile.route("GET", "/api/files/ecommerce", broken)
    profile = keyed_profile(runtime, hostile.base)
    from sage50_desktop.api.errors import UnexpectedResponse

    async with runtime.connect(profile) as conn:
        with pytest.raises(UnexpectedResponse) as info:
            await conn.client.list_scope_files("ecommerce")
    assert words in str(info.value) and clean_message(str(info.value)) == []


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "smb://evil.example/s/setup.exe", "http://evil.example/register"]
)
@pytest.mark.log_warnings_expected("a failed command is logged as a warning")
async def test_register_never_prints_an_unsafe_registration_url(app_home, hostile, capsys, url):
    hostile.json("POST", "/api/developers", {"registrationUrl": url}, status=201)
    code, out, err = await _run(
        capsys,
        "--json",
        "register",
        "--base-url",
        hostile.base,
        "--name",
        "Ana",
        "--email",
        "ana@example.com",
        "--app-name",
        "Tienda",
        "--domain",
        "ecommerce",
    )
    assert code != 0
    assert url not in out + err
    assert "not https" in json.loads(out)["error"]["message"]
