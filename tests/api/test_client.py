"""Every operation, every contract error code, retries, and where the key may go."""

from __future__ import annotations

import asyncio
import hashlib

import httpx
import orjson
import pytest
from fake_platform import APP, DEV, DOMAIN, PRESIGNED_HOST, SECRET, FakePlatform

from sage50_desktop.api import contract, errors
from sage50_desktop.api.client import Sage50Client, check_base_url
from sage50_desktop.api.retry import RetryPolicy, parse_retry_after
from sage50_desktop.api.rotation import ApiKeyManager, KeyMaterial, StaticVault


def _client(handler, **kwargs) -> Sage50Client:
    return Sage50Client(
        "https://api.example.test", transport=httpx.MockTransport(handler), **kwargs
    )


@pytest.mark.parametrize("code,status", sorted(contract.ERROR_STATUS.items()))
async def test_each_contract_error_code_maps_to_its_own_exception(code, status):
    async def handler(request):
        return httpx.Response(status, json={"code": code, "message": "nope"})

    async with _client(handler) as client:
        with pytest.raises(errors.ApiError) as info:
            await client.register_developer(
                "n",
                "e@x.es",
                __import__("sage50_desktop.api.models", fromlist=["x"]).ApplicationRegistration(
                    "a", DOMAIN
                ),
            )
    exc = info.value
    assert type(exc) is errors.ERROR_CLASSES[code]
    assert exc.code == code and exc.status == status
    assert exc.hint


def test_every_code_named_by_the_contract_has_a_class():
    named = {
        "apikeyExpired",
        "apikeyInvalid",
        "apikeyRotated",
        "consentRevoked",
        "secretMismatch",
        "passcodeNotFound",
        "scopeNotFound",
        "scopeNotUploadable",
        "domainNotGranted",
        "uploadNotFound",
        "urlExpired",
        "checksumMismatch",
        "fileTooLarge",
        "weakSecret",
        "invalidRequest",
        "developerNotFound",
        "applicationNotFound",
    }
    assert named == set(errors.ERROR_CLASSES)
    assert len({cls for cls in errors.ERROR_CLASSES.values()}) == len(named)


async def test_unreachable_server_is_a_transport_error_after_bounded_retries():
    sleeps = []

    async def sleep(seconds):
        sleeps.append(seconds)

    async def handler(request):
        raise httpx.ConnectError("refused")

    async with _client(handler, sleep=sleep, retry=RetryPolicy(attempts=3)) as client:
        with pytest.raises(errors.ServerUnreachable):
            await client.register_developer("n", "e", _app())
    assert len(sleeps) == 2


async def test_html_instead_of_json_is_a_clear_unexpected_response():
    async def handler(request):
        return httpx.Response(200, html="<html>login</html>")

    async with _client(handler) as client:
        with pytest.raises(errors.UnexpectedResponse, match="expected JSON"):
            await client.register_developer("n", "e", _app())


async def test_missing_field_is_an_unexpected_response():
    async def handler(request):
        return httpx.Response(201, json={"nothing": 1})

    async with _client(handler) as client:
        with pytest.raises(errors.UnexpectedResponse, match="registrationUrl"):
            await client.register_developer("n", "e", _app())


def _app():
    from sage50_desktop.api.models import ApplicationRegistration

    return ApplicationRegistration("Tienda", DOMAIN)


async def test_retry_after_is_honoured_for_idempotent_calls_and_bounded():
    platform = FakePlatform()
    platform.transient = [(503, "2"), (429, "1")]
    sleeps = []

    async def sleep(seconds):
        sleeps.append(seconds)

    client = Sage50Client(
        platform.base,
        transport=platform.transport(),
        sleep=sleep,
        keys=ApiKeyManager(StaticVault(KeyMaterial(platform.current_key)), rotate=None),
    )  # type: ignore[arg-type]
    async with client:
        await client.list_scope_files(DOMAIN)
    assert sleeps == [2.0, 1.0]

    platform.transient = [(503, "3600")]  # far too long: fail fast instead of hanging
    sleeps.clear()
    async with Sage50Client(
        platform.base, transport=platform.transport(), sleep=sleep, keys=client.keys
    ) as client2:
        with pytest.raises(errors.ServerError) as info:
            await client2.list_scope_files(DOMAIN)
    assert info.value.retry_after == 3600
    assert sleeps == []


async def test_backoff_is_exponential_with_jitter_and_capped():
    policy = RetryPolicy(attempts=10, base=1.0, cap=8.0)
    import random

    rng = random.Random(1)
    delays = [policy.delay(n, rng=rng) for n in range(1, 8)]
    for n, delay in enumerate(delays, start=1):
        ceiling = min(8.0, 2 ** (n - 1))
        assert ceiling / 2 <= delay <= ceiling
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert parse_retry_after("garbage") is None


async def test_posts_are_not_retried_after_a_500_but_are_after_a_503():
    calls = []

    async def handler(request):
        calls.append(1)
        return httpx.Response(
            500 if len(calls) == 1 else 201, json={"registrationUrl": "https://r"}
        )

    async with _client(handler, sleep=lambda s: asyncio.sleep(0)) as client:
        with pytest.raises(errors.ServerError):
            await client.register_developer("n", "e", _app())
    assert len(calls) == 1

    calls.clear()

    async def handler503(request):
        calls.append(1)
        if len(calls) == 1:
            return httpx.Response(503, json={"code": "busy", "message": "busy"})
        return httpx.Response(201, json={"registrationUrl": "https://r"})

    async with _client(handler503, sleep=lambda s: asyncio.sleep(0)) as client:
        result = await client.register_developer("n", "e", _app())
    assert result.registration_url == "https://r" and len(calls) == 2


async def test_every_operation_sends_what_the_contract_says():
    seen: list[httpx.Request] = []
    now = "2026-01-01T00:00:00Z"

    async def handler(request: httpx.Request):
        seen.append(request)
        p = request.url.path
        if p == contract.developers_path():
            return httpx.Response(201, json={"registrationUrl": "https://r"})
        if p == contract.applications_path(DEV):
            return httpx.Response(201, json={"applicationId": "app-2"})
        if p == contract.passcodes_path(DEV, APP):
            return httpx.Response(201, json={"passcode": "ABC123", "expiration": now})
        if p == contract.passcode_path(DEV, APP, "ABC123"):
            return httpx.Response(
                200,
                json={
                    "status": "approved",
                    "domain": DOMAIN,
                    "apikey": "k" * 20,
                    "apikeyExpiration": now,
                },
            )
        if p == contract.apikeys_path(DEV, APP) and request.method == "PATCH":
            return httpx.Response(200, json={"apikey": "k2" * 10, "expiration": now})
        if p == contract.scope_file_path(DOMAIN, "orders") and request.method == "POST":
            return httpx.Response(
                201,
                json={
                    "uploadId": "u_1",
                    "uploadUrl": f"https://{PRESIGNED_HOST}/up?sig=1",
                    "uploadUrlExpiration": now,
                    "trackingUrl": "https://api.example.test/api/tracking/u_1",
                },
            )
        if p == contract.tracking_path("u_1"):
            return httpx.Response(
                200,
                json={
                    "uploadId": "u_1",
                    "domain": DOMAIN,
                    "scope": "orders",
                    "status": "accepted",
                    "progress": 100,
                    "updatedAt": now,
                    "downloadResultUrl": f"https://{PRESIGNED_HOST}/res?sig=2",
                },
            )
        if request.url.host == PRESIGNED_HOST and request.method == "PUT":
            return httpx.Response(201)
        if request.url.host == PRESIGNED_HOST and p == "/res":
            return httpx.Response(
                200,
                json={
                    "uploadId": "u_1",
                    "status": "accepted",
                    "summary": {"total": 1, "accepted": 1, "rejected": 0},
                    "errors": [],
                    "results": [{"id": "ORD-1", "status": "accepted"}],
                },
            )
        return httpx.Response(404, json={"code": "x", "message": "x"})

    keys = ApiKeyManager(StaticVault(KeyMaterial("k" * 20)), rotate=None)  # type: ignore[arg-type]
    async with _client(handler, keys=keys) as client:
        reg = await client.register_developer("Ana", "ana@x.es", _app(), company="ACME")
        assert reg.registration_url == "https://r"
        assert await client.register_application(DEV, _app()) == "app-2"
        pc = await client.create_passcode(DEV, APP, SECRET)
        st = await client.get_passcode_status(DEV, APP, pc.passcode, SECRET)
        assert st.status == "approved" and st.apikey
        issued = await client.rotate_apikey(DEV, APP, "k" * 20, "k" * 20)
        assert issued.apikey == "k2" * 10
        up = await client.create_upload(DOMAIN, "orders", "o.json", 10, "0" * 64)
        tmp = __import__("pathlib").Path(__import__("tempfile").mkdtemp()) / "o.json"
        tmp.write_bytes(b"[]")
        await client.upload_file(up.upload_url, tmp)
        tr = await client.get_tracking(up.tracking_url)
        assert tr.terminal and tr.download_result_url
        raw, result = await client.download_result(tr.download_result_url)
        assert result.accepted == 1 and orjson.loads(raw)["uploadId"] == "u_1"

    by_path = {(r.method, r.url.path): r for r in seen}
    dev_body = orjson.loads(by_path[("POST", "/api/developers")].content)
    assert dev_body == {
        "name": "Ana",
        "email": "ana@x.es",
        "company": "ACME",
        "application": {"name": "Tienda", "domain": DOMAIN},
    }
    assert by_path[("GET", contract.passcode_path(DEV, APP, "ABC123"))].headers["secret"] == SECRET
    # the key only on key operations
    for r in seen:
        keyed = r.url.path.startswith("/api/files/") or r.url.path.startswith("/api/tracking/")
        assert ("apikey" in r.headers) == keyed, r.url
    # v2 rotation: PATCH with the initial and the current key, never the secret
    assert orjson.loads(by_path[("PATCH", contract.apikeys_path(DEV, APP))].content) == {
        "initialApikey": "k" * 20,
        "apikey": "k" * 20,
    }
    put = next(r for r in seen if r.method == "PUT")
    assert put.headers["content-type"] == "application/json"


async def test_key_is_never_sent_to_a_tracking_url_on_another_host():
    platform = FakePlatform()
    keys = ApiKeyManager(StaticVault(KeyMaterial(platform.current_key)), rotate=None)  # type: ignore[arg-type]
    async with Sage50Client(platform.base, transport=platform.transport(), keys=keys) as client:
        with pytest.raises(
            errors.UnexpectedResponse,
            match="refusing to send the API key to https://evil.example.com",
        ):
            await client.get_tracking("https://evil.example.com/api/tracking/u_1")
    assert platform.requests == []


async def test_redirects_are_not_followed_with_the_key():
    seen = []

    async def handler(request):
        seen.append(request)
        return httpx.Response(302, headers={"Location": "https://evil.example.com/steal"})

    keys = ApiKeyManager(StaticVault(KeyMaterial("k" * 20)), rotate=None)  # type: ignore[arg-type]
    async with _client(handler, keys=keys) as client:
        with pytest.raises(errors.ApiError):
            await client.list_scope_files(DOMAIN)
    assert all(r.url.host == "api.example.test" for r in seen)


def test_plain_http_is_refused_except_on_loopback_or_when_allowed():
    check_base_url("http://127.0.0.1:8750")
    check_base_url("http://localhost:8750")
    check_base_url("http://[::1]:8750")
    with pytest.raises(errors.InsecureTransport):
        check_base_url("http://sage.example.com")
    check_base_url("http://sage.example.com", allow_insecure_http=True)
    check_base_url("https://sage.example.com")


async def test_if_none_match_gives_none_when_unchanged():
    platform = FakePlatform()
    keys = ApiKeyManager(StaticVault(KeyMaterial(platform.current_key)), rotate=None)  # type: ignore[arg-type]
    async with Sage50Client(platform.base, transport=platform.transport(), keys=keys) as client:
        info = await client.get_scope_file(DOMAIN, "products")
        assert info is not None and info.version == "v1"
        assert await client.get_scope_file(DOMAIN, "products", known_version="v1") is None
    assert platform.requests[-1].headers["If-None-Match"] == '"v1"'
    assert hashlib.sha256(platform.body).hexdigest() == info.sha256


def test_tls_is_verified_by_default_against_the_os_trust_store(tmp_path):
    import ssl

    import truststore

    from sage50_desktop.api.client import tls_context

    default = tls_context(True)
    assert isinstance(default, truststore.SSLContext)
    assert default.verify_mode == ssl.CERT_REQUIRED and default.check_hostname
    import certifi

    custom = tls_context(certifi.where())
    assert isinstance(custom, ssl.SSLContext) and custom.verify_mode == ssl.CERT_REQUIRED
