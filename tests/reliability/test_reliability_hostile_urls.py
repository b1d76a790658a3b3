"""Issue 16 — one URL policy for every URL from outside; credentials bound to their server.

A hostile platform on loopback hands out ``file:``, relative, plain-http,
``user:password@`` links and redirects from https down to http; none is
followed, each gives a clear message, and the key never reaches a foreign
origin. Connections: no credentials in the address (refused at ``profile
add``, never shown by ``profile list``), and a changed server address deletes
the old key first or the change is refused.
"""

from __future__ import annotations

import json
import ssl

import httpx
import pytest
from aiohttp import web
from hostile_support import KEY, Hostile, clean_message, keyed_profile
from test_reliability_transport import Server, _self_signed

from sage50_desktop.api import url_policy as U
from sage50_desktop.api.errors import Sage50Error
from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.cli.main import main
from sage50_desktop.services import settings as S
from sage50_desktop.storage.credentials import KeyringCredentialStore
from sage50_desktop.storage.profiles import Profile

ONE = RetryPolicy(attempts=1)


@pytest.fixture
async def hostile():
    server = await Hostile().start()
    yield server
    await server.stop()


# --- the policy itself ------------------------------------------------------------------
@pytest.mark.parametrize(
    "url,words",
    [
        ("file:///etc/passwd", "scheme file:"),
        ("smb://evil.example/share/setup.exe", "scheme smb:"),
        ("ms-msdt:/id PCWDiagnostic", "scheme ms-msdt:"),
        ("/presigned/relative?token=abc", "relative download link"),
        ("relative/x", "relative download link"),
        ("http://evil.example/f?token=abc", "plain http://"),
        ("https://user:pw@evil.example/f", "user name or password"),
    ],
)
def test_platform_urls_outside_the_policy_are_refused_clearly(url, words):
    with pytest.raises(U.UnsafeUrl) as info:
        U.check_platform_url(url, what="download")
    text = f"{info.value} {info.value.hint}"
    assert words in text and clean_message(text) == []
    assert "abc" not in str(info.value)  # the token is never repeated


def test_platform_url_rules_for_loopback_and_allowed_connections():
    assert U.check_platform_url("http://127.0.0.1:9/x", what="upload").host == "127.0.0.1"
    assert (
        U.check_platform_url(
            "http://files.example/x", what="upload", allow_insecure_http=True
        ).scheme
        == "http"
    )
    https = httpx.URL("https://files.example/a")
    with pytest.raises(U.UnsafeUrl, match="does not downgrade"):
        U.check_redirect(https, "http://127.0.0.1/b", what="download")
    assert U.check_redirect(https, "/b", what="download") == httpx.URL("https://files.example/b")


@pytest.mark.parametrize(
    "url",
    [
        "https://api.example.com/register?x=1",
        "http://127.0.0.1:8750/register",
        "http://localhost/r",
    ],
)
def test_browser_urls_https_or_loopback_only(url):
    assert U.check_browser_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://evil.example/r",
        "javascript:alert(1)",
        "https://u:p@evil.example/r",
        "",
    ],
)
def test_browser_urls_refused(url):
    with pytest.raises(U.UnsafeUrl):
        U.check_browser_url(url)


# --- the client on a hostile platform -------------------------------------------------------
@pytest.mark.parametrize(
    "link",
    [
        "file:///etc/passwd",
        "/presigned/relative?token=t",
        "http://user:pw@127.0.0.1:{port}/x",
        "http://203.0.113.7/x?token=t",
    ],
)
async def test_hostile_download_links_are_not_followed_nor_retried(runtime, hostile, link):
    link = link.replace("{port}", str(hostile.port))
    hostile.json(
        "GET",
        "/api/files/ecommerce/products",
        {
            "domain": "ecommerce",
            "scope": "products",
            "version": "1.a",
            "size": 2,
            "sha256": "0" * 64,
            "lastModified": "2025-01-01T00:00:00Z",
            "fileName": "p.json",
            "downloadUrl": link,
            "downloadUrlExpiration": "2099-01-01T00:00:00Z",
        },
    )
    profile = keyed_profile(runtime, hostile.base)
    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    async with runtime.connect(profile, sleep=sleep) as conn:
        info = await conn.client.get_scope_file("ecommerce", "products")
        with pytest.raises(U.UnsafeUrl) as caught:
            await conn.client.download_file(
                info.download_url, runtime.data_dir / "p.json", sha256=info.sha256, size=info.size
            )
    assert sleeps == []  # refused at once, not retried as a network problem
    assert clean_message(f"{caught.value} {caught.value.hint}") == []
    assert [p for m, p, _h in hostile.seen if m == "GET"] == ["/api/files/ecommerce/products"]
    assert not (runtime.data_dir / "p.json").exists()


async def test_https_download_redirected_to_http_is_refused(runtime, hostile, tmp_path):
    cert, key = _self_signed(tmp_path)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    tls = Server()

    async def scope_file(_request):
        return web.json_response(
            {
                "domain": "ecommerce",
                "scope": "products",
                "version": "1.a",
                "size": 2,
                "sha256": "0" * 64,
                "lastModified": "2025-01-01T00:00:00Z",
                "fileName": "p.json",
                "downloadUrl": f"https://127.0.0.1:{tls.port}/presigned/start?token=t",
                "downloadUrlExpiration": "2099-01-01T00:00:00Z",
            }
        )

    async def downgrade(_request):
        raise web.HTTPFound(hostile.url("/presigned/down?token=t"))

    tls.app.router.add_get("/api/files/ecommerce/products", scope_file)
    tls.app.router.add_get("/presigned/start", downgrade)
    await tls.start(ssl_context=ctx)
    try:
        runtime.settings.set(S.CA_BUNDLE, str(cert))
        profile = keyed_profile(runtime, f"https://127.0.0.1:{tls.port}")
        async with runtime.connect(profile, retry=ONE) as conn:
            info = await conn.client.get_scope_file("ecommerce", "products")
            with pytest.raises(U.UnsafeUrl, match="does not downgrade") as caught:
                await conn.client.download_file(
                    info.download_url,
                    runtime.data_dir / "p.json",
                    sha256=info.sha256,
                    size=info.size,
                )
        assert clean_message(f"{caught.value} {caught.value.hint}") == []
        assert hostile.seen == []  # the plain-http target never got a request
        assert [p for p, _h in tls.seen] == [
            "/api/files/ecommerce/products",
            "/presigned/start?token=t",
        ]
    finally:
        await tls.stop()


async def test_tracking_and_result_links_from_a_hostile_platform(runtime, hostile):
    other = await Hostile().start(host="localhost")
    try:
        profile = keyed_profile(runtime, hostile.base)
        async with runtime.connect(profile, retry=ONE) as conn:
            for link in ("file:///etc/passwd", "http://user:pw@127.0.0.1/api/tracking/x"):
                with pytest.raises(U.UnsafeUrl):
                    await conn.client.get_tracking(link)
            with pytest.raises(
                Sage50Error, match=f"refusing to send the API key to http://localhost:{other.port}"
            ):
                await conn.client.get_tracking(other.url("/api/tracking/x"))
            with pytest.raises(U.UnsafeUrl):
                await conn.client.download_result("file:///etc/passwd")
        assert other.seen == [] and hostile.keys_seen_by() == []
    finally:
        await other.stop()


# --- connections: credentials in addresses, credentials bound to the server -----------------
def _cli(capsys, *argv):
    code = main(["--json", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.log_warnings_expected("a command fails on purpose: the CLI logs each failed command")
def test_profile_add_refuses_credentials_in_the_address(app_home, capsys):
    code, out, err = _cli(
        capsys,
        "profile",
        "add",
        "x",
        "--base-url",
        "https://admin:hunter2@api.example.com",
        "--developer-id",
        "d",
        "--application-id",
        "a",
        "--domain",
        "ecommerce",
    )
    assert code == 2
    assert "hunter2" not in out + err and clean_message(out + err) == []
    assert "user name and password" in json.loads(out)["error"]["hint"]
    code, out, _err = _cli(capsys, "profile", "list")
    assert json.loads(out)["profiles"] == []


def test_profile_list_never_shows_credentials_stored_by_an_older_version(app_home, capsys):
    from sage50_desktop.services.runtime import Runtime

    rt = Runtime(app_home / "data")
    rt.profiles.add(
        Profile("old", "https://admin:hunter2@api.example.com/sage50", "d", "a", "ecommerce")
    )
    rt.close()
    code, out, _err = _cli(capsys, "profile", "list")
    assert code == 0 and "hunter2" not in out and "admin" not in out
    assert json.loads(out)["profiles"][0]["baseUrl"] == "https://api.example.com/sage50"
    assert main(["profile", "list"]) == 0
    assert "hunter2" not in capsys.readouterr().out


def _add(capsys, url: str, name: str = "default"):
    return _cli(
        capsys,
        "profile",
        "add",
        name,
        "--base-url",
        url,
        "--developer-id",
        "d",
        "--application-id",
        "a",
        "--domain",
        "ecommerce",
    )


def test_changing_the_server_deletes_the_old_key_first(app_home, capsys, test_keyring):
    assert _add(capsys, "https://a.example.com")[0] == 0
    from sage50_desktop.services.runtime import Runtime

    rt = Runtime(app_home / "data", credentials=KeyringCredentialStore())
    profile = rt.profiles.get("default")
    rt.credentials.set_secret(profile.id, "s" * 40)
    rt.close()
    assert any(k[1] == profile.id for k in test_keyring.entries)
    code, _out, _err = _add(capsys, "https://b.example.com")
    assert code == 0
    assert not any(k[1] == profile.id for k in test_keyring.entries)  # server A's key gone


@pytest.mark.log_warnings_expected("the credentials that could not be deleted are logged")
def test_changing_the_server_is_refused_when_the_old_key_cannot_be_deleted(
    app_home, capsys, test_keyring, monkeypatch
):
    from keyring.errors import KeyringLocked

    from sage50_desktop.services.runtime import Runtime

    assert _add(capsys, "https://a.example.com")[0] == 0
    rt = Runtime(app_home / "data", credentials=KeyringCredentialStore())
    profile = rt.profiles.get("default")
    rt.credentials.set_secret(profile.id, "s" * 40)
    rt.close()

    def locked(service, username):
        raise KeyringLocked("locked")

    monkeypatch.setattr(test_keyring, "delete_password", locked)
    code, out, err = _add(capsys, "https://b.example.com")
    assert code != 0
    hint = json.loads(out)["error"]["hint"]
    assert "not changed" in hint and clean_message(out + err) == []
    rt = Runtime(app_home / "data")
    assert rt.profiles.get("default").base_url == "https://a.example.com"  # unchanged
    rt.close()


async def test_key_goes_only_to_the_connection_origin(runtime, hostile):
    """Scheme, host and port: localhost:<same port> is another origin than 127.0.0.1."""
    hostile.json("GET", "/api/files/ecommerce", {"domain": "ecommerce", "scopes": []})
    profile = keyed_profile(runtime, hostile.base)
    async with runtime.connect(profile, retry=ONE) as conn:
        await conn.client.list_scope_files("ecommerce")
        for foreign in (
            f"http://localhost:{hostile.port}/api/tracking/x",
            f"http://127.0.0.1:{hostile.port + 1}/api/tracking/x",
        ):
            with pytest.raises(Sage50Error, match="refusing to send the API key"):
                await conn.client.get_tracking(foreign)
    assert hostile.keys_seen_by() == ["/api/files/ecommerce"]
    assert all(KEY not in str(h) for _m, p, h in hostile.seen if p != "/api/files/ecommerce")


@pytest.mark.parametrize(
    "name",
    [
        "UnsafeUrl",
        "CredentialsInUrl",
        "InvalidBaseUrl",
        "AnswerTooLarge",
        "TransferTooSlow",
        "UnsafeServerId",
        "DuplicateUploadId",
        "CredentialsNotCleared",
    ],
)
def test_hostile_platform_errors_have_their_own_words_in_both_languages(name):
    from sage50_desktop import error_catalogue

    cls = error_catalogue.error_class(name)
    assert cls is not None and cls.hint != error_catalogue.DEFAULT_HINT
    spanish = error_catalogue.words(None, name, "es")
    assert spanish.hint != cls.hint and clean_message(spanish.hint) == []
