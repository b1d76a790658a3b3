"""The async client of contract v2: one method per operation of sections 1–6.

One :class:`httpx.AsyncClient` carries every request. Only *key* operations
get the ``apikey`` header, and only when their URL is on the profile's own
origin; pre-signed URLs never get it, and redirects are not followed on key
operations. Transient failures are retried with bounded backoff (idempotent
requests always; others only when the server surely did not act on them:
connection refused, 429, 503). A 401 on a key operation goes through the
:class:`~sage50_desktop.api.rotation.ApiKeyManager` and is replayed.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import ssl
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

import httpx
import orjson

from sage50_desktop import __version__
from sage50_desktop.api import contract, transfers
from sage50_desktop.api.errors import (
    ApiError,
    InsecureTransport,
    PollingNotOffered,
    Sage50Error,
    UnexpectedResponse,
    error_for,
    from_transport,
)
from sage50_desktop.api.models import (
    ApikeyIssued,
    ApplicationRegistration,
    PasscodeCreated,
    PasscodeStatus,
    RegistrationCreated,
    ResultFile,
    ScopeFileInfo,
    ScopeList,
    Tracking,
    UploadCreated,
)
from sage50_desktop.api.retry import RetryPolicy, parse_retry_after
from sage50_desktop.api.rotation import ApiKeyManager
from sage50_desktop.redaction import redact_url

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
USER_AGENT = f"sage50-desktop/{__version__}"
Progress = Callable[[int, int | None], None]


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_base_url(base_url: str, allow_insecure_http: bool = False) -> httpx.URL:
    """The profile's base URL, refusing plain http to anything but loopback."""
    url = httpx.URL(base_url)
    if url.scheme not in ("http", "https") or not url.host:
        raise InvalidBaseUrl(f"not an http(s) address: {base_url!r}")
    if url.scheme == "http" and not allow_insecure_http and not is_loopback(url.host):
        raise InsecureTransport(f"plain http:// to {url.host} is not allowed")
    return url


def tls_context(verify: bool | str | ssl.SSLContext = True) -> bool | ssl.SSLContext:
    """What httpx verifies TLS with.

    ``True`` (the default): the operating system's trust store (truststore), so
    a company CA installed on the workstation works as in the browser; a
    string: that CA bundle file only; ``False``: no verification (never set by
    the app); an SSL context: used as it is.
    """
    if isinstance(verify, ssl.SSLContext) or verify is False:
        return verify
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    try:
        import truststore
    except ImportError:  # pragma: no cover - truststore is a dependency
        return True
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class InvalidBaseUrl(Sage50Error):
    """The server address is not an http(s) URL."""

    hint = "Enter the full address, for example https://api.example.com."


class Sage50Client:
    """Async client of the Sage 50 Cloud file-exchange API (contract v2).

    Args:
        base_url: the profile's base URL (``https://host`` or the sandbox's).
        keys: the key manager of the connection; required for *key* operations.
        retry: backoff policy for transient failures.
        timeout: per-request timeouts.
        verify: TLS verification: True, a CA bundle path, or an SSL context.
        proxy: optional proxy URL.
        allow_insecure_http: allow plain http:// to a non-loopback host.
        transport: an httpx transport (tests).
        sleep: the sleep used between retries (tests).
    """

    def __init__(self, base_url: str, *, keys: ApiKeyManager | None = None,
                 retry: RetryPolicy | None = None, timeout: httpx.Timeout = DEFAULT_TIMEOUT,
                 verify: bool | str | ssl.SSLContext = True, proxy: str | None = None,
                 allow_insecure_http: bool = False,
                 transport: httpx.AsyncBaseTransport | None = None,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep) -> None:
        self.base_url = check_base_url(base_url, allow_insecure_http)
        self.keys = keys
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        verify = tls_context(verify)
        self._http = httpx.AsyncClient(
            timeout=timeout, verify=verify, proxy=proxy, transport=transport,
            follow_redirects=False, headers={"User-Agent": USER_AGENT},
            event_hooks={"response": [self._log_response]},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Sage50Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    @property
    def http(self) -> httpx.AsyncClient:
        return self._http

    # --- 1. registration ------------------------------------------------------
    async def register_developer(self, name: str, email: str,
                                 application: ApplicationRegistration,
                                 company: str | None = None) -> RegistrationCreated:
        body: dict[str, Any] = {"name": name, "email": email, "application": application.to_json()}
        if company:
            body["company"] = company
        resp = await self._request("POST", contract.developers_path(), json=body)
        return RegistrationCreated.from_json(self._json(resp))

    async def register_application(self, developer_id: str,
                                   application: ApplicationRegistration) -> str:
        resp = await self._request("POST", contract.applications_path(developer_id),
                                   json=application.to_json())
        data = self._json(resp)
        app_id = data.get("applicationId") if isinstance(data, dict) else None
        if not isinstance(app_id, str):
            raise UnexpectedResponse("application: missing field 'applicationId'")
        return app_id

    # --- 2. consent -------------------------------------------------------------
    async def create_passcode(self, developer_id: str, application_id: str,
                              secret: str) -> PasscodeCreated:
        resp = await self._request("POST", contract.passcodes_path(developer_id, application_id),
                                   json={"secret": secret})
        return PasscodeCreated.from_json(self._json(resp))

    async def get_passcode_status(self, developer_id: str, application_id: str, passcode: str,
                                  secret: str) -> PasscodeStatus:
        """2.2. Not retried blindly: the key comes only on the first ``approved`` read.

        Raises :class:`PollingNotOffered` when the platform has no 2.2 (``404``/``405``
        without a ``passcodeNotFound`` body).
        """
        try:
            resp = await self._request(
                "GET", contract.passcode_path(developer_id, application_id, passcode),
                headers={contract.SECRET_HEADER: secret}, idempotent=False)
        except ApiError as exc:
            if contract.polling_not_offered(exc.status, exc.code):
                raise PollingNotOffered(
                    f"the platform does not offer passcode polling (HTTP {exc.status})",
                    status=exc.status) from None
            raise
        return PasscodeStatus.from_json(self._json(resp))

    # --- 3. rotation --------------------------------------------------------------
    async def rotate_apikey(self, developer_id: str, application_id: str,
                            initial_apikey: str, apikey: str) -> ApikeyIssued:
        """3.1: the consent's initial key and the current key → the new key.

        Not replayed on an ambiguous failure: a rotation the platform performed
        has already invalidated ``apikey`` (the key manager adopts or re-reads).
        """
        resp = await self._request(contract.ROTATION_METHOD,
                                   contract.apikeys_path(developer_id, application_id),
                                   json=contract.rotation_body(initial_apikey, apikey),
                                   idempotent=False)
        return ApikeyIssued.from_json(self._json(resp))

    # --- 4. scope files ----------------------------------------------------------
    async def list_scope_files(self, domain: str) -> ScopeList:
        resp = await self._request("GET", contract.domain_files_path(domain), key=True)
        return ScopeList.from_json(self._json(resp))

    async def check_apikey(self, domain: str, apikey: str) -> ScopeList:
        """One 4.1 call with ``apikey`` as it is (a pasted key, before it is stored).

        Not renewed on a 401: the answer tells whether the key works.
        """
        resp = await self._request("GET", contract.domain_files_path(domain), key=True,
                                   fixed_key=apikey)
        return ScopeList.from_json(self._json(resp))

    async def get_scope_file(self, domain: str, scope: str,
                             known_version: str | None = None) -> ScopeFileInfo | None:
        """4.2; ``None`` when ``known_version`` is still the latest (304)."""
        headers = {}
        if known_version:
            headers["If-None-Match"] = contract.etag_for_version(known_version)
        resp = await self._request("GET", contract.scope_file_path(domain, scope), key=True,
                                   headers=headers)
        if resp.status_code == 304:
            return None
        return ScopeFileInfo.from_json(self._json(resp))

    async def download_file(self, url: str, dest: Path, *, sha256: str,
                            size: int | None = None, progress: Progress | None = None,
                            refresh_url: Callable[[], Awaitable[str]] | None = None) -> Path:
        """4.3: stream a pre-signed URL to ``dest`` (resuming, verified). See :mod:`transfers`."""
        return await transfers.download(
            self._http, url, dest, sha256=sha256, size=size, progress=progress,
            refresh_url=refresh_url, retry=self.retry, sleep=self._sleep)

    # --- 5. uploads ----------------------------------------------------------------
    async def create_upload(self, domain: str, scope: str, file_name: str, size: int,
                            sha256: str) -> UploadCreated:
        resp = await self._request("POST", contract.scope_file_path(domain, scope), key=True,
                                   json={"fileName": file_name, "size": size, "sha256": sha256})
        return UploadCreated.from_json(self._json(resp))

    async def upload_file(self, upload_url: str, path: Path, *,
                          progress: Progress | None = None) -> None:
        """5.2: PUT the file's bytes to the pre-signed, single-use ``upload_url``."""
        await transfers.upload(self._http, upload_url, path, progress=progress,
                               retry=self.retry, sleep=self._sleep)

    # --- 6. tracking ----------------------------------------------------------------
    async def get_tracking(self, tracking_url: str) -> Tracking:
        resp = await self._request("GET", tracking_url, key=True)
        return Tracking.from_json(self._json(resp))

    async def download_result(self, download_result_url: str,
                              max_bytes: int = contract.UPLOAD_SIZE_LIMIT * 2
                              ) -> tuple[bytes, ResultFile]:
        """6.2: the result file (pre-signed, no key): raw bytes and parsed."""
        raw = await transfers.fetch_bytes(self._http, download_result_url, max_bytes=max_bytes,
                                          retry=self.retry, sleep=self._sleep)
        # a result of 100,000 outcomes takes a while to parse: not on the event loop
        return raw, await asyncio.to_thread(_parse_result, raw)

    # --- plumbing ------------------------------------------------------------------
    def _api_url(self, path_or_url: str) -> httpx.URL:
        url = self.base_url.join(path_or_url)
        return url

    def _same_origin(self, url: httpx.URL) -> bool:
        return (url.scheme, url.host, url.port) == (self.base_url.scheme, self.base_url.host,
                                                    self.base_url.port)

    async def _request(self, method: str, path_or_url: str, *, json: Any = None,
                       headers: Mapping[str, str] | None = None, key: bool = False,
                       idempotent: bool | None = None,
                       fixed_key: str | None = None) -> httpx.Response:
        url = self._api_url(path_or_url)
        if key:
            if self.keys is None and fixed_key is None:
                raise RuntimeError("a key operation needs an ApiKeyManager")
            if not self._same_origin(url):
                raise UnexpectedResponse(
                    f"refusing to send the API key to another host ({url.host})")
        if idempotent is None:
            idempotent = method in ("GET", "HEAD", "PUT", "DELETE")
        content = orjson.dumps(json) if json is not None else None
        attempt = 0
        replays = 0
        timeouts = 0
        while True:
            attempt += 1
            send_headers = dict(headers or {})
            if content is not None:
                send_headers["Content-Type"] = "application/json"
            used_key = None
            if key and fixed_key is not None:
                send_headers[contract.APIKEY_HEADER] = fixed_key
            elif key:
                assert self.keys is not None
                used_key = await self.keys.current()
                send_headers[contract.APIKEY_HEADER] = used_key
            try:
                resp = await self._http.request(method, url, content=content,
                                                headers=send_headers)
            except httpx.TransportError as exc:
                error = from_transport(exc)
                not_sent = isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout))
                if isinstance(exc, httpx.ReadTimeout):
                    timeouts += 1  # a server that accepts but never answers: try once more only
                if (error.transient and (idempotent or not_sent) and timeouts < 2
                        and attempt < self.retry.attempts):
                    await self._sleep(self.retry.delay(attempt))
                    continue
                raise error from None
            if resp.status_code < 400:
                return resp
            api_error = self._error(resp)
            if key and fixed_key is None and resp.status_code == 401 and replays < 2:
                assert self.keys is not None and used_key is not None
                replays += 1
                attempt -= 1
                await self.keys.after_rejection(used_key)
                continue
            safe = idempotent or resp.status_code in (429, 503)
            if (api_error.transient and safe and attempt < self.retry.attempts
                    and not self.retry.too_long(api_error.retry_after)):
                await self._sleep(self.retry.delay(attempt, api_error.retry_after))
                continue
            raise api_error

    @staticmethod
    def _error(resp: httpx.Response) -> ApiError:
        retry_after = parse_retry_after(resp.headers.get(contract.RETRY_AFTER_HEADER))
        code = message = None
        try:
            data = orjson.loads(resp.content)
            if isinstance(data, dict):
                code = data.get("code") if isinstance(data.get("code"), str) else None
                message = data.get("message") if isinstance(data.get("message"), str) else None
        except orjson.JSONDecodeError:
            pass
        if code is None and resp.status_code < 500 and resp.status_code not in (401, 429):
            message = message or f"the server answered HTTP {resp.status_code} without an error code"
        return error_for(resp.status_code, code, message or resp.reason_phrase, retry_after)

    @staticmethod
    def _json(resp: httpx.Response) -> Any:
        try:
            return orjson.loads(resp.content)
        except orjson.JSONDecodeError:
            kind = resp.headers.get("content-type", "unknown content")
            raise UnexpectedResponse(
                f"expected JSON from {resp.request.method} {redact_url(str(resp.request.url))}, "
                f"got {kind}", status=resp.status_code) from None

    @staticmethod
    async def _log_response(resp: httpx.Response) -> None:
        log.debug("%s %s -> %s", resp.request.method, redact_url(str(resp.request.url)),
                  resp.status_code)


def _parse_result(raw: bytes) -> ResultFile:
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UnexpectedResponse("the result file is not JSON") from exc
    return ResultFile.from_json(data)
