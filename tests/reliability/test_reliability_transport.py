"""Issue 11 — transport security: TLS verified by default, plain http refused, redirects keep the key.

Behaviour only (``api/client.py`` is being changed for OS trust-store support):
a self-signed HTTPS loopback server made with ``cryptography``.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from pathlib import Path

import pytest
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sage50_desktop.api import contract
from sage50_desktop.api.errors import InsecureTransport, Sage50Error, UnexpectedResponse
from sage50_desktop.api.models import parse_timestamp
from sage50_desktop.api.retry import RetryPolicy
from sage50_desktop.api.rotation import KeyMaterial
from sage50_desktop.services import settings as S
from sage50_desktop.storage.profiles import Profile

KEY = "AK-transport-test-0123456789"
LIST = {"domain": "ecommerce", "scopes": []}


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class Server:
    """A loopback aiohttp server recording the headers it got; handlers set per test."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.app = web.Application(middlewares=[self._record])
        self.runner: web.AppRunner | None = None
        self.port = 0

    @web.middleware
    async def _record(self, request, handler):
        self.seen.append((request.path_qs, dict(request.headers)))
        return await handler(request)

    async def start(self, host: str = "127.0.0.1", ssl_context=None) -> Server:
        self.runner = web.AppRunner(self.app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, host, 0, ssl_context=ssl_context)
        await site.start()
        self.port = self.runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()


def _keyed_profile(runtime, base_url: str) -> Profile:
    profile = runtime.profiles.add(Profile("tls", base_url, "dev-x", "app-x", "ecommerce"))
    runtime.credentials.set_secret(profile.id, "s" * 40)
    runtime.credentials.set_initial_apikey(profile.id, KEY)
    runtime.credentials.set_apikey(
        profile.id, KeyMaterial(KEY, parse_timestamp("2099-01-01T00:00:00Z"))
    )
    return profile


@pytest.fixture
async def tls_server(tmp_path):
    cert, key = _self_signed(tmp_path)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    server = Server()

    async def listing(_request):
        return web.json_response(LIST)

    server.app.router.add_get("/api/files/ecommerce", listing)
    await server.start(ssl_context=ctx)
    server.cert = cert  # type: ignore[attr-defined]
    yield server
    await server.stop()


async def test_self_signed_https_is_refused_by_default(tls_server, runtime):
    profile = _keyed_profile(runtime, f"https://127.0.0.1:{tls_server.port}")
    async with runtime.connect(profile, retry=RetryPolicy(attempts=1)) as conn:
        with pytest.raises(Sage50Error):
            await conn.client.list_scope_files("ecommerce")
    assert tls_server.seen == []  # no request (and no key) got through the handshake


async def test_self_signed_https_refusal_names_the_certificate(tls_server, runtime):
    profile = _keyed_profile(runtime, f"https://127.0.0.1:{tls_server.port}")
    async with runtime.connect(profile, retry=RetryPolicy(attempts=1)) as conn:
        with pytest.raises(Sage50Error) as info:
            await conn.client.list_scope_files("ecommerce")
    text = f"{info.value} {info.value.hint}".lower()
    assert "certificate" in text


async def test_self_signed_https_is_accepted_with_the_custom_ca_bundle_setting(tls_server, runtime):
    runtime.settings.set(S.CA_BUNDLE, str(tls_server.cert))
    profile = _keyed_profile(runtime, f"https://127.0.0.1:{tls_server.port}")
    async with runtime.connect(profile, retry=RetryPolicy(attempts=1)) as conn:
        listed = await conn.client.list_scope_files("ecommerce")
    assert list(listed.scopes) == []
    assert tls_server.seen[0][1].get(contract.APIKEY_HEADER) == KEY


@pytest.mark.log_warnings_expected("a refused command is logged as a warning")
def test_plain_http_refused_except_loopback_unless_allowed_per_profile(runtime, test_keyring):
    for host in ("http://api.example.com", "http://10.0.0.5:8080"):
        with pytest.raises(InsecureTransport) as info:
            runtime.connect(Profile("p", host, "d", "a"))
        assert "https://" in info.value.hint
        runtime.connect(Profile("p", host, "d", "a", allow_insecure_http=True))  # allowed
    for host in ("http://127.0.0.1:8750", "http://localhost:8750", "http://[::1]:8750"):
        runtime.connect(Profile("p", host, "d", "a"))
    from sage50_desktop.cli.main import main

    assert (
        main(
            [
                "profile",
                "add",
                "x",
                "--base-url",
                "http://api.example.com",
                "--developer-id",
                "d",
                "--application-id",
                "a",
                "--domain",
                "ecommerce",
            ]
        )
        != 0
    )
    assert runtime.profiles.find("x") is None
    assert (
        main(
            [
                "profile",
                "add",
                "x",
                "--base-url",
                "http://api.example.com",
                "--developer-id",
                "d",
                "--application-id",
                "a",
                "--domain",
                "ecommerce",
                "--allow-insecure-http",
            ]
        )
        == 0
    )


async def test_redirects_to_another_host_never_carry_the_key(runtime):
    other = Server()  # "another host": localhost instead of 127.0.0.1

    async def anything(_request):
        return web.json_response(LIST)

    other.app.router.add_route("*", "/{tail:.*}", anything)
    await other.start(host="localhost")
    api = Server()

    async def redirect(request):
        raise web.HTTPFound(f"http://localhost:{other.port}{request.path_qs}")

    async def scope_file(_request):
        return web.json_response(
            {
                "domain": "ecommerce",
                "scope": "products",
                "version": "1.a",
                "size": 2,
                "sha256": "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
                "lastModified": "2025-01-01T00:00:00Z",
                "fileName": "p.json",
                "downloadUrl": f"http://127.0.0.1:{api.port}/presigned/redirect?token=t",
                "downloadUrlExpiration": "2099-01-01T00:00:00Z",
            }
        )

    api.app.router.add_get("/api/files/ecommerce", redirect)
    api.app.router.add_get("/api/files/ecommerce/products", scope_file)
    api.app.router.add_get("/presigned/redirect", redirect)
    await api.start()
    try:
        profile = _keyed_profile(runtime, f"http://127.0.0.1:{api.port}")
        async with runtime.connect(profile, retry=RetryPolicy(attempts=1)) as conn:
            with pytest.raises(UnexpectedResponse):  # a key operation: not followed
                await conn.client.list_scope_files("ecommerce")
            with pytest.raises(UnexpectedResponse):  # a tracking URL on another host
                await conn.client.get_tracking(f"http://localhost:{other.port}/api/tracking/u_1")
            info = await conn.client.get_scope_file("ecommerce", "products")
            # the pre-signed download is followed to the other host, without the key
            with pytest.raises(Sage50Error):
                await conn.client.download_file(
                    info.download_url,
                    runtime.data_dir / "p.json",
                    sha256=info.sha256,
                    size=info.size,
                )
        assert any(path.startswith("/api/files/ecommerce") for path, _h in api.seen)
        assert [p for p, _h in other.seen] == ["/presigned/redirect?token=t"]
        for _path, headers in other.seen:
            assert contract.APIKEY_HEADER not in {h.lower() for h in headers}
            assert KEY not in str(headers)
    finally:
        await api.stop()
        await other.stop()
